/**
 * Audit 45 #8: `heapdoc analyze --escape` says which closure keeps an allocation, on the captured
 * go1.19-audit45-observers (README there: `subscribe` makes a 256 KiB `state` buffer at main.go:23
 * and appends a closure capturing it to the global `observers` at main.go:26; nothing unsubscribes).
 * The buffer's -m=2 flow stops at `too large for stack`; `subscribe capturing by value: state` at
 * main.go:23:2 and the func literal's own flow (`append(observers, func literal)` at 26:20) say why it
 * stays. Plain -m has neither: nothing new is said.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { reportJson, runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const O = 'test/fixtures/captured/go1.19-audit45-observers';
const T68 = `${O}/gc1/heap-t68.txt`;
const GC1 = readdirSync(join(FIXTURES, 'captured/go1.19-audit45-observers/gc1')).sort().map((f) => `${O}/gc1/${f}`);

const KEPT = 'kept by the closure at main.go:26:32 (subscribe.func1), which captures state and is appended to observers at main.go:26:20: it stays as long as that closure is reachable';

interface Site { function: string; line: number | null; escapeClosure?: Record<string, unknown>; escapeKeptBy?: Record<string, unknown> }
interface Report { findings: { ruleId: string; fix: string }[]; snapshots: { profile: { sites: Site[] } }[] }

describe('observers: the closure that keeps main.subscribe\'s buffer (audit 45 #8)', () => {
  it('text: under the site, why it stays beside why it is on the heap', async () => {
    const out = await runCli([T68, '--escape', `${O}/escape-m2.txt`, '--no-color']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    const at = lines.findIndex((l) => l.endsWith('main.subscribe'));
    expect(lines.slice(at, at + 5)).toEqual([
      '   40.7 MiB       162    40.7 MiB  main.subscribe',
      '                                   …/captures/observers/main.go:23',
      '                                   compiler: make([]byte, 256 << 10) escapes to heap (stack-size)',
      '                                             make([]byte, 256 << 10) escapes: it is too large for the stack at main.go:23:15',
      `                                             ${KEPT}`,
    ]);
  });

  it('Markdown: the same line under the site\'s compiler decisions', async () => {
    const out = await runCli([T68, '--escape', `${O}/escape-m2.txt`, '--format', 'markdown']);
    const lines = out.stdout.split('\n');
    const at = lines.indexOf('- <code>main.subscribe</code> (…/captures/observers/main.go:23): the compiler agrees: a heap value at this line');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  - <code>make(\\[\\]byte, 256 &lt;&lt; 10) escapes to heap (stack-size)</code>: make(\\[\\]byte, 256 &lt;&lt; 10) escapes: it is too large for the stack at main.go:23:15',
      `  - ${KEPT}`,
    ]);
  });

  it('JSON: escapeClosure on the site, and escapeKeptBy from the capture line', async () => {
    const json = await reportJson<Report>([T68, '--escape', `${O}/escape-m2.txt`]);
    const sites = json.snapshots[0]?.profile.sites ?? [];
    const site = sites.find((s) => s.function === 'main.subscribe' && s.line === 23);
    expect(site?.escapeClosure).toEqual({
      value: 'make([]byte, 256 << 10)', at: 'main.go:23:15', variable: 'state', variableAt: 'main.go:23:2', by: 'value',
      closure: 'subscribe.func1', closureAt: 'main.go:26:32', from: 'capturing',
      store: { how: 'appended', into: 'observers', holder: 'observers', where: 'main.go:26:20' },
      escapes: 'passed to append at main.go:26:20 → the heap',
      sentence: KEPT,
    });
    expect(site?.escapeKeptBy).toEqual({
      value: 'make([]byte, 256 << 10)', at: 'main.go:23:15',
      captured: { variable: 'state', at: 'main.go:23:2', closureAt: 'main.go:26:32', from: 'capturing', closure: 'subscribe.func1' },
      how: 'appended', into: 'observers', holder: 'observers', where: 'main.go:26:20',
      sentence: 'state (make([]byte, 256 << 10), main.go:23:15; declared at main.go:23:2) is captured by the func literal at main.go:26:32 (subscribe.func1), which is appended to observers at main.go:26:20',
    });
    // The only site with a closure keeper: main.main.func2's `sink = make(…)` is kept by a global, not a closure.
    expect(sites.filter((s) => s.escapeClosure !== undefined).map((s) => s.function)).toEqual(['main.subscribe']);
  });

  it('the series\' leak fix names observers, where it asked "what keeps what it allocates?"', async () => {
    expect(GC1).toHaveLength(7);
    const json = await reportJson<Report>([...GC1, '--escape', `${O}/escape-m2.txt`]);
    const fix = json.findings.find((f) => f.ruleId === 'leak-suspected')?.fix ?? '';
    expect(fix.slice(0, fix.indexOf(' Its objects are large'))).toBe("Start with main.subscribe (+36.9 MiB): the compiler's -m=2 capture line and the closure's flows say where it goes: state (make([]byte, 256 << 10), main.go:23:15; declared at main.go:23:2) is captured by the func literal at main.go:26:32 (subscribe.func1), which is appended to observers at main.go:26:20. If observers outlives the call (a global, or a field of something long-lived), every closure appended to it stays, with what it captures, until it is removed: remove the ones that are done from observers (unregister them), or bound observers.");
  });

  it('plain -m (no capture lines, no flows): nothing new, nothing guessed', async () => {
    const out = await runCli([T68, '--escape', `${O}/escape-m.txt`, '--no-color']);
    expect(out.stdout).not.toContain('kept by');
    const json = await reportJson<Report>([...GC1, '--escape', `${O}/escape-m.txt`]);
    expect(json.snapshots.flatMap((s) => s.profile.sites).filter((s) => s.escapeClosure !== undefined || s.escapeKeptBy !== undefined)).toEqual([]);
    expect(json.findings.find((f) => f.ruleId === 'leak-suspected')?.fix.startsWith('Start with main.subscribe (+36.9 MiB): what keeps what it allocates?')).toBe(true);
  });
});
