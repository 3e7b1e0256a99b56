/**
 * gc-cpu-high's fix ranks the places the program allocates by the program's own lines: a
 * standard-library site's bytes counted at the line of the program that called into it (the
 * site's callers, profile.ts). The captured go1.19-audit41-churn (README.md beside it): each
 * request compiles a regexp (main.go:36), builds a 200-item report by append (main.go:29-30) and
 * json.Marshals it (main.go:38). The fix named encoding/json.mapEncoder.encode ← main.handle
 * (main.go:38), 1.6 GiB (11.8%): one of the eleven encoding/json, reflect and
 * internal/reflectlite sites the one call spreads 5.0 GiB over.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DUMP = 'test/fixtures/captured/go1.19-audit41-churn/heap-gc1-t05.txt';

interface Caller { function: string; line: number | null; allocBytes?: number }
interface Site { function: string; line: number | null; allocBytes: number; profiler: boolean; caller?: Caller; callers?: Caller[] }
interface Report { snapshots: Array<{ profile: { sites: Site[] } }>; findings: Array<{ ruleId: string; fix: string }> }

describe('gc-cpu-high names the program\'s own call sites (go1.19-audit41-churn)', () => {
  it('json.Marshal at main.go:38 is one place of 5.0 GiB (38.3%), ahead of buildReport\'s two lines', async () => {
    const r = await runCli([DUMP, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.find((f) => f.ruleId === 'gc-cpu-high')?.fix).toBe(
      "Allocate less where the dump says the program allocates most: encoding/json.Marshal at main.go:38 (main.handle), 5.0 GiB since the process started (38.3% of what the dump counts allocated, the profiler's own left out), "
      + 'main.buildReport (main.go:30), 4.1 GiB (31.3%) and main.buildReport (main.go:29), 2.7 GiB (20.6%), or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.',
    );
    // The same figure from the report's own sites: what the sites called from main.handle at main.go:38 allocated.
    const sites = report.snapshots[0]?.profile.sites ?? [];
    const program = sites.filter((s) => !s.profiler);
    const total = program.reduce((sum, s) => sum + s.allocBytes, 0);
    const at38 = program.flatMap((s) => s.callers ?? (s.caller ? [{ ...s.caller, allocBytes: s.allocBytes }] : []))
      .filter((k) => k.function === 'main.handle' && k.line === 38);
    const bytes = at38.reduce((sum, k) => sum + (k.allocBytes ?? 0), 0);
    expect([Math.round(bytes), (bytes / total * 100).toFixed(1)]).toEqual([5402127233, '38.3']);
    // Spread over many sites, the biggest of which was all the fix named before.
    const through = program.filter((s) => (s.callers ?? (s.caller ? [s.caller] : [])).some((k) => k.function === 'main.handle' && k.line === 38));
    expect(through.length).toBe(11);
    expect(Math.max(...through.map((s) => s.allocBytes)) / total).toBeCloseTo(0.118, 3);
  });
});
