import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// HeapAlloc read between GCs (plain heap?debug=1 dumps, /debug/vars, /metrics) is said as what it is, never "the live heap":
// wording only, the verdicts stay as they were (docs/reasoning.md; CHANGELOG, wording43).
const C = 'test/fixtures/captured';

type Series = { series: { verdict: { kind: string; summary: string; readBetweenGCs?: { withoutProfile?: true } } } };
const analyzed = async (inputs: string[]): Promise<Series> => JSON.parse((await runCli([...inputs, '--format', 'json'])).stdout) as Series;
const range = (dir: string, stem: string, ext: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${dir}/${stem}${String(i + 1).padStart(2, '0')}${ext}`);

describe('heap-growth over readings between GCs: HeapAlloc, not "The live heap grew"', () => {
  it('go1.19-audit41-satcache\'s 10 plain dumps', async () => {
    const r = await runCli(['lint', ...range(`${C}/go1.19-audit41-satcache`, 'heap-t', '.txt', 10), '--rule', 'heap-growth=error:perGC=1KiB', '--color=never']);
    expect(r.stdout.split('\n').filter((l) => l.includes('heap-growth')).map((l) => l.trim())).toEqual([
      'error  HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC), grew 64.8 MiB by its trend over 10 GC-separated readings across heap-t01.txt → heap-t10.txt (12.8 MiB → 77.0 MiB; lowest 12.8 MiB at heap-t01.txt, highest 77.0 MiB at heap-t10.txt): 5.4 MiB per GC, above the budget of 1.0 KiB.  heap-growth',
    ]);
  });

  it('go1.19-exposition-leak\'s 5 /metrics scrapes; ?gc=1 dumps beside plain ones keep "The live heap grew" (go1.19-audit41-satcache\'s folder)', async () => {
    const scrapes = await runCli(['lint', ...[1, 2, 3, 4, 5].map((n) => `${C}/go1.19-exposition-leak/metrics.${n}.txt`), '--rule', 'heap-growth=error:perGC=1KiB', '--color=never']);
    expect(scrapes.stdout).toContain('HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC), grew 33.6 MiB by its trend over 5 GC-separated readings across metrics.1.txt → metrics.5.txt (7.9 MiB → 38.7 MiB;');
    const mixed = await runCli(['lint', `${C}/go1.19-audit41-satcache`, '--rule', 'heap-growth=error:perGC=1KiB', '--color=never']);
    expect(mixed.stdout).toContain('The live heap grew 37.8 MiB by its trend over 10 GC-separated readings right after a forced GC across heap-t01.txt → heap-gc1-t10.txt');
  });
});

describe('series of /debug/vars or /metrics read between GCs', () => {
  it('go1.19-exposition-leak\'s scrapes: "HeapAlloc, read between GCs, rose at every step" (was "the live heap rose at every GC-separated snapshot"), the table\'s row HeapAlloc', async () => {
    const { series } = await analyzed([1, 2, 3, 4, 5].map((n) => `${C}/go1.19-exposition-leak/metrics.${n}.txt`));
    expect(series.verdict.kind).toBe('leak');
    // goal46: the heap goal (NextGC ÷ 2, as of each scrape's last GC) rose at 3 of 4 steps: a leak, medium; HeapAlloc still said as read between GCs.
    expect(series.verdict.summary).toBe("Leak suspected (medium confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 6.5 MiB → 32.4 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 7.9 MiB → 38.7 MiB.");
    expect(series.verdict.readBetweenGCs).toEqual({ withoutProfile: true });
  });

  it('go1.19-audit30-memlimit\'s /debug/vars: "the heap between collections … grew" (was "the live heap grew 16.0 MiB → 51.2 MiB")', async () => {
    const vars = ['01-t1-live~10MiB', '02-t2-live~20MiB', '03-t3-live~30MiB', '04-t4-live~40MiB', '05-t5-live~50MiB'].map((m) => `${C}/go1.19-audit30-memlimit/${m}.vars.json`);
    const { series } = await analyzed(vars);
    expect(series.verdict.summary.startsWith('Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 16.0 MiB → 51.2 MiB across 5 snapshots taken at different GCs, each read between GCs (snapshots 1→5), but not steadily')).toBe(true);
  });

  it('the corpus\'s go1.19 exposition leak from /debug/vars: leak evidence, leak-suspected\'s message and why say HeapAlloc', async () => {
    const files = [1, 2, 3, 4, 5].map((n) => `test/fixtures/corpus/go1.19/exposition/leak/vars.${n}.json`);
    const { series } = await analyzed(files);
    expect(series.verdict.summary).toBe('Leak suspected (medium confidence): HeapAlloc 6.3 MiB → 22.1 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs.');
    const lint = await runCli(['lint', ...files, '--format', 'json']);
    const messages = (JSON.parse(lint.stdout) as { messages: { ruleId: string; message: string; why: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected');
    expect(messages.map((m) => m.message)).toEqual(['Leak suspected (medium confidence) across 5 snapshots, vars.1.json → vars.5.json: HeapAlloc 6.3 MiB → 22.1 MiB over 3 snapshots taken at different GCs, each read between GCs.']);
    expect(messages[0]?.why).toContain('HeapAlloc, read between GCs (MemStats read when asked, with no heap profile), is the live heap as of the last GC plus the garbage made since;');
  });
});

describe('plain dumps: leak-suspected says the profiles\' rise the verdict read, not HeapAlloc\'s ends as "live heap"', () => {
  it('go1.19-creep-plain (was "live heap 122.7 MiB → 130.7 MiB over 5 GC-separated snapshots")', async () => {
    const r = await runCli(['lint', ...[1, 2, 3, 4, 5].map((n) => `${C}/go1.19-creep-plain/0${n}.heap.txt`), '--color=never']);
    expect(r.stdout).toContain("Leak suspected (medium confidence) across 5 snapshots, 01.heap.txt → 05.heap.txt: the heap profiles' in-use (as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose at every step, 125.9 MiB → 126.9 MiB → 128.4 MiB → 131.4 MiB → 132.4 MiB across 5 GC-separated snapshots");
    expect(r.stdout).not.toContain('live heap 122.7 MiB');
  });
});

describe('one /debug/vars document', () => {
  it('go1.19-audit41-gogc\'s vars-t02 under SetGCPercent(400): HeapSys at its goal is the goal\'s room, not a past peak', async () => {
    const r = await runCli([`${C}/go1.19-audit41-gogc/vars-t02.json`, '--color=never']);
    expect(r.stdout.split('\n')[0]).toBe("Not a leak of reachable data: HeapAlloc 11.7 MiB (read between GCs: the live heap and the garbage made since the last GC) of 58.4 MiB mapped (Go holds 55.2 MiB); 31.8 MiB idle, retained by the runtime for reuse; the heap's address space (HeapSys 47.5 MiB) is about the room its goal needs (NextGC 44.2 MiB: between GCs the heap grows to it), so its 31.8 MiB idle is that room, not a past peak.");
  });

  it('a HeapSys far above its goal is still a past peak (go1.19-audit41-sessions\'s vars-t18: 527.5 MiB beside NextGC 96.6 MiB)', async () => {
    const r = await runCli([`${C}/go1.19-audit41-sessions/vars-t18.json`, '--color=never']);
    expect(r.stdout.split('\n')[0]).toContain("the heap's address space (HeapSys) reached 527.5 MiB at a past peak");
  });

  it('go1.19-expvar-app (NumGC 0) and go1.19-audit27-burst\'s 04.vars.json: HeapAlloc, not "live", however much runtime metadata', async () => {
    const [app, burst] = await Promise.all([runCli([`${C}/go1.19-expvar-app/vars.json`, '--color=never']), runCli([`${C}/go1.19-audit27-burst/burst/04.vars.json`, '--color=never'])]);
    expect(app.stdout.split('\n')[0]).toBe('Not a leak of reachable data: HeapAlloc 197.0 KiB (no GC has run yet, NumGC 0: everything allocated since the process started, live or not) of 12.1 MiB mapped (Go holds 9.2 MiB); 3.0 MiB of idle heap already released to the OS, 8.1 MiB of runtime metadata.');
    expect(burst.stdout.split('\n')[0]?.startsWith('Not a leak of reachable data: HeapAlloc 1.9 MiB (read between GCs: the live heap and the garbage made since the last GC) of 345.4 MiB mapped')).toBe(true);
  });
});
