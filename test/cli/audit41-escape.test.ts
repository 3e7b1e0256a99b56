/**
 * The escape join on two programs captured for an audit (test/fixtures/captured/go1.19-audit41-listener
 * and -churn, READMEs and main.go there). listener: each request's 16 KiB buffer (main.go:22) is
 * captured by a func literal appended to a global slice never pruned (main.go:25); the leak's fix was
 * "what keeps what it allocates? A map or slice that is never pruned …" beside the -m=2 flows that
 * say it. churn: main.go:29's 2.6 GiB was shown under two small escapes, though most of it is at one
 * PC (main.buildReport+0x1fe: `append(r.Items, …)` growing the slice, runtime.growslice), which no
 * -m line names.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/fixtures.js';
import { reportJson, runCli } from '../helpers/cli.js';

const L = 'test/fixtures/captured/go1.19-audit41-listener';
const C = 'test/fixtures/captured/go1.19-audit41-churn';
const DUMPS = readdirSync(join(FIXTURES, 'captured/go1.19-audit41-listener')).filter((f) => f.startsWith('heap-gc1-t')).sort().map((f) => `${L}/${f}`);

interface Site { function: string; line: number | null; escapeKeptBy?: Record<string, unknown>; escapeLinePcs?: Record<string, unknown> }
interface Report { findings: { ruleId: string; fix: string }[]; snapshots: { profile: { sites: Site[] } }[] }

const KEPT = "Start with main.subscribe (+127.9 MiB): the compiler's -m=2 flows say where it goes: buf (make([]byte, 16 << 10), main.go:22:13) is captured by the func literal at main.go:25:32 (at main.go:25:75), which is appended to listeners at main.go:25:20. If listeners outlives the call (a global, or a field of something long-lived), every closure appended to it stays, with what it captures, until it is removed: remove the ones that are done from listeners (unregister them), or bound listeners. Heap dumps tell where";

describe('listener: the leak\'s fix says what the compiler says keeps the buffer', () => {
  it('-m=2: the closure capturing buf, appended to listeners (text, JSON finding and site)', async () => {
    expect(DUMPS).toHaveLength(10);
    const text = await runCli([...DUMPS, '--escape', `${L}/escape-m2.txt`]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): live heap 7.0 MiB → 128.7 MiB across 10 GC-separated snapshots (snapshots 1→10); growing sites: main.subscribe +127.9 MiB.');
    expect(text.stdout.replace(/\n +/g, ' ')).toContain(`fix: ${KEPT}`);
    const json = await reportJson<Report>([...DUMPS, '--escape', `${L}/escape-m2.txt`]);
    expect(json.findings.find((f) => f.ruleId === 'leak-suspected')?.fix.startsWith(KEPT)).toBe(true);
    const site = json.snapshots.at(-1)?.profile.sites.find((s) => s.function === 'main.subscribe' && s.line === 22);
    expect(site?.escapeKeptBy).toEqual({
      value: 'make([]byte, 16 << 10)', at: 'main.go:22:13',
      captured: { variable: 'buf', at: 'main.go:25:75', closureAt: 'main.go:25:32' },
      how: 'appended', into: 'listeners', holder: 'listeners', where: 'main.go:25:20',
      sentence: 'buf (make([]byte, 16 << 10), main.go:22:13) is captured by the func literal at main.go:25:32 (at main.go:25:75), which is appended to listeners at main.go:25:20',
    });
    // One PC allocates at main.go:22: nothing to say of PCs.
    expect(site?.escapeLinePcs).toBeUndefined();
  });

  it('-m (no flows): the fix stays the question and the usual causes, nothing invented', async () => {
    const json = await reportJson<Report>([...DUMPS, '--escape', `${L}/escape-m.txt`]);
    expect(json.findings.find((f) => f.ruleId === 'leak-suspected')?.fix.startsWith('Start with main.subscribe (+127.9 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. Heap dumps tell where')).toBe(true);
    expect(json.snapshots.flatMap((s) => s.profile.sites).filter((s) => s.escapeKeptBy !== undefined)).toEqual([]);
  });

  it('without --escape: the same question as before', async () => {
    const json = await reportJson<Report>(DUMPS);
    expect(json.findings.find((f) => f.ruleId === 'leak-suspected')?.fix).toContain('(+127.9 MiB): what keeps what it allocates? A map or slice that is never pruned');
  });
});

const LINE29 = "main.go:29: 76 % of its allocated bytes (2.0 GiB of 2.6 GiB) at main.buildReport+0x1fe, one of 3 PCs allocating on this line; the compiler's 2 decisions on this line may not be that allocation — allocations the runtime makes on the program's behalf (an append's growth, a map's) have no -m line, and this line appends (append(r.Items, Item{...}) at main.go:29:19, the compiler's flows say): if that slice grows an element at a time, preallocate it (make([]T, 0, n)).";

describe('churn: a line whose bytes are mostly at one PC the compiler\'s decisions cannot be tied to', () => {
  it('main.go:29 (append growing r.Items at +0x1fe; "item-"+… and []string{…} the 2 decisions); not main.go:30 (a map literal and its bucket: no append at that line)', async () => {
    const text = await runCli([`${C}/heap-gc1-t05.txt`, '--escape', `${C}/escape-m2.txt`, '--sort', 'alloc_space', '--top', '3']);
    expect(text.code).toBe(0);
    expect(text.stdout.replace(/\n +/g, ' ')).toContain(`compiler: []string{...} escapes to heap (call-argument) []string{...} escapes: stored in a struct literal at main.go:29:33 → passed to append at main.go:29:19 → the heap ${LINE29}`);
    const json = await reportJson<Report>([`${C}/heap-gc1-t05.txt`, '--escape', `${C}/escape-m2.txt`]);
    const sites = json.snapshots[0]?.profile.sites ?? [];
    const at = (line: number) => sites.find((s) => s.function === 'main.buildReport' && s.line === line)?.escapeLinePcs;
    expect(at(29)).toMatchObject({ pc: 'main.buildReport+0x1fe', pcs: 3, decisions: 2, append: 'append(r.Items, Item{...})', sentence: LINE29 });
    expect(at(29)?.share).toBeCloseTo(0.7564, 4);
    // main.go:30 has 2 PCs (86 % at +0x151) for its 1 decision, but no flow names an append there.
    expect(sites.filter((s) => s.escapeLinePcs !== undefined).map((s) => s.line)).toEqual([29]);
  });

  it('plain -m: the same 2 decisions on line 29, but no flow says the line appends: nothing said', async () => {
    const json = await reportJson<Report>([`${C}/heap-gc1-t05.txt`, '--escape', `${C}/escape-m.txt`]);
    expect(json.snapshots[0]?.profile.sites.filter((s) => s.escapeLinePcs !== undefined)).toEqual([]);
  });
});
