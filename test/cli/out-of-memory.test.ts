/**
 * A process that died out of memory (go1.19 captures, test/fixtures/captured/go1.19-oom): the crash
 * alone, and the heap dumps taken before it with the crash.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const D = `${FIXTURES}/captured/go1.19-oom`;

interface Json {
  verdict: { leak: string; summary: string };
  findings: { ruleId: string; severity: string; message: string; source: string; line: number; column: number; evidence: Record<string, unknown> }[];
  goroutines: { crash?: Record<string, unknown> }[];
}

const SESSIONS_OOM = 'the process died out of memory (sessions-4.crash.txt, line 2): the OS gave no 4.0 MiB more with 319.7 MiB of heap mapped (HeapSys), while main.handle (main.go:17) allocated';

describe('out of memory', () => {
  it('the crash alone: said first, the numbers the runtime printed, the goroutine allocating, and what to capture next', async () => {
    const r = await runCli([`${D}/sessions/sessions-4.crash.txt`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.verdict).toEqual({
      leak: 'unknown', dominant: 'stacks',
      summary: `T${SESSIONS_OOM.slice(1)}. The crash does not say what held the memory: give heap dumps (heap?debug=1) taken while it grew, before it died, to tell a leak from a peak.`,
    });
    expect(json.goroutines[0]?.crash).toEqual({
      kind: 'fatal error', message: 'out of memory', line: 2, outOfMemory: { requestBytes: 4194304, heapSysBytes: 335216640 },
      goroutine: { id: 1, function: 'main.handle', file: '/tmp/oom25/small/main.go', line: 17 },
    });
    expect(json.findings.map((f) => [f.ruleId, f.severity, f.source, f.line, f.column, f.evidence])).toEqual([[
      'out-of-memory', 'error', `${D}/sessions/sessions-4.crash.txt`, 2, 1, { requestBytes: 4194304, heapSysBytes: 335216640, allocating: 'main.handle' },
    ]]);
  });

  it('the heap dumps before it and the crash: the leak first, then the crash', async () => {
    const r = await runCli([`${D}/sessions`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'Leak suspected (medium confidence): HeapAlloc 54.7 MiB → 251.0 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.handle +84.7 MiB.',
      `Then ${SESSIONS_OOM}.`,
    ]);
    expect(r.stdout).toContain('sessions-4.crash.txt: 8 goroutines in 7 groups (goroutine?debug=2); a crash traceback: fatal error: out of memory (line 2; the OS gave no 4.0 MiB more with 319.7 MiB of heap mapped (HeapSys)) in goroutine 1 at main.handle (…/oom25/small/main.go:17)\n');
  });

  it('lint fails on the crash (exit 1) with the finding at its fatal error line', async () => {
    const r = await runCli(['lint', `${D}/bigblocks/crash.txt`, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(json.flatMap((f) => f.messages.map((m) => [m.ruleId, m.line, m.column, m.message]))).toEqual([[
      'out-of-memory', 2, 1, 'The process died out of memory (crash.txt, line 2): the OS gave no 64.0 MiB more with 451.8 MiB of heap mapped (HeapSys), while main.grow (main.go:9) allocated.',
    ]]);
  });
});
