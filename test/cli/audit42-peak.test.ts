/**
 * Audit 41 leftovers (items 1, 6, 7, 12, 18): a slowing rise read between GCs, a past peak read
 * between GCs, GOGC from one plain dump or a GC log's whole MB, and what churn read from plain
 * dumps costs. Each on the captured Go 1.19 programs of test/fixtures/captured/go1.19-audit41-*
 * (READMEs there: how each file was made, and the ground truth).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit41';
const nn = (n: number): string => String(n).padStart(2, '0');
const files = (kind: string, stem: string, from: number, to: number, ext = 'txt'): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${A}-${kind}/${stem}-t${nn(from + i)}.${ext}`);

const PLAIN = "Peak retention, not a leak: HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC, so its peak is no live peak), peaked at 481.9 MiB (snapshot 4) and fell at each of the 3 steps since (−212.3 MiB), and the heap goal (NextGC), which each GC sets from the heap it marked live, fell at each of the 3 steps since (681.0 MiB → 439.6 MiB): a past peak being worked off, HeapAlloc at 269.6 MiB by snapshot 7, above where it started (154.9 MiB at snapshot 1), while HeapSys stays at its 527.5 MiB high-water mark, most of it address space only: 189.9 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 58.4 MiB idle (held for reuse). A leak would rise again: later dumps tell whether it keeps falling; to read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC. The heap profiles' site that rose and is falling (each as of its dump's last GC): main.handle (main.go:31) 69.2 MiB → 336.1 MiB → 215.8 MiB.";

type Verdict = { kind: string; confidence: string; summary: string };
type Report = { series: { verdict: Verdict } };

async function verdictOf(args: string[]): Promise<Verdict> {
  return (await reportJson<Report>(args)).series.verdict;
}

describe('a saturating cache (map keyed by rand.Intn(50000), ~51.5 MiB when full)', () => {
  it('its first 4 plain dumps: medium, not high — the profiles rose by less at the last step, one ratio too few for a levelling', async () => {
    const v = await verdictOf(files('satcache', 'heap', 1, 4));
    expect([v.kind, v.confidence]).toEqual(['leak', 'medium']);
    // The live heap's trend, from the goal (its last step +1.1 MiB: no leak's rise), beside the site's evidence, and HeapAlloc as what it is.
    expect(v.summary).toBe("Leak suspected (medium confidence): growing sites: main.lookup +30.2 MiB; the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) went 9.9 MiB → 22.5 MiB → 38.9 MiB → 40.0 MiB across 4 snapshots taken at different GCs (snapshots 1→4), no leak's rise by itself; HeapAlloc, read between GCs, went 12.8 MiB → 66.9 MiB. Medium, not high: the heap profiles' in-use (the live heap as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose by less at its last step than at the one before (15.9 MiB → 8.4 MiB): a cache filling a bounded key set slows so, and two steps are one ratio, too few to tell it from a leak's own swings (three slowing steps are). To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.");
  });

  it('monotone as plain dumps are added: 3 medium, 4 medium, 5 cannot tell', async () => {
    expect((await verdictOf(files('satcache', 'heap', 1, 3))).confidence).toBe('medium');
    expect((await verdictOf(files('satcache', 'heap', 1, 5))).kind).toBe('unknown');
  });

  it('its first 3 ?gc=1 dumps stay Leak suspected (medium): two steps cannot show a rise that slows', async () => {
    const v = await verdictOf(files('satcache', 'heap-gc1', 1, 3));
    expect([v.kind, v.confidence]).toEqual(['leak', 'medium']);
    expect(v.summary).toBe('Leak suspected (medium confidence): live heap 11.7 MiB → 39.9 MiB across 3 GC-separated snapshots (snapshots 1→3); growing sites: main.lookup +26.1 MiB.');
  });
});

describe('a session store working off a flood (51,770 sessions at t04, ~175 deleted a second since)', () => {
  const TAIL = 'A leak would rise again: later dumps tell whether it keeps falling; to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).';

  it('its first 8 /debug/vars: a past peak being worked off, said as HeapAlloc read between GCs, with the goal that fell with it', async () => {
    const v = await verdictOf(files('sessions', 'vars', 1, 8, 'json'));
    expect([v.kind, v.confidence]).toEqual(['peak-retention', 'medium']);
    expect(v.summary).toBe(`Peak retention, not a leak: HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC, so its peak is no live peak), peaked at 414.0 MiB (snapshot 4) and fell at each of the 4 steps since (−55.2 MiB), and the heap goal (NextGC), which each GC sets from the heap it marked live, fell at each of the 4 steps since (827.8 MiB → 717.3 MiB): a past peak being worked off, HeapAlloc at 358.8 MiB by snapshot 8, above where it started (141.8 MiB at snapshot 1), while HeapSys stays at its 487.5 MiB high-water mark: 76.4 MiB idle (held for reuse), 43.1 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0). ${TAIL}`);
  });

  it('its first 6 /debug/vars (two falls) too: no longer "A plateau … stayed near 386.5 MiB"', async () => {
    const v = await verdictOf(files('sessions', 'vars', 1, 6, 'json'));
    expect([v.kind, v.confidence]).toEqual(['peak-retention', 'medium']);
    expect(v.summary).toContain('peaked at 414.0 MiB (snapshot 4) and fell at each of the 2 steps since (−27.5 MiB), and the heap goal (NextGC), which each GC sets from the heap it marked live, fell at each of the 2 steps since (827.8 MiB → 772.8 MiB): a past peak being worked off, HeapAlloc at 386.5 MiB by snapshot 6');
  });

  it('plain dumps read between GCs (t01–t04, then t13–t15, each in a GC cycle of its own): the same, naming the profiles\' site that rose and is falling', async () => {
    const plain = [...files('sessions', 'heap', 1, 4), ...files('sessions', 'heap', 13, 15)];
    const v = await verdictOf(plain);
    expect([v.kind, v.confidence]).toEqual(['peak-retention', 'medium']);
    expect(v.summary).toBe(PLAIN);
  });

  it('the ?gc=1 wording is unchanged', async () => {
    const r = await runCli(['analyze', ...files('sessions', 'heap-gc1', 1, 9)]);
    expect(r.stdout.split('\n')[0]).toContain('Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 4) and fell at each of the 5 steps since (−67.4 MiB): a past peak being worked off, at 346.4 MiB by snapshot 9');
  });
});

describe('GOGC read from what can tell it', () => {
  it('one plain dump (go1.19-audit30-readall 02, GOGC=100, a 200 MB body just dropped): the goal read two ways, no GOGC figure', async () => {
    const r = await runCli(['analyze', 'test/fixtures/captured/go1.19-audit30-readall/02-t1-just-after-readall-dropped.heap.txt']);
    expect(r.stdout.split('\n')[0]).toBe('Read between GCs: HeapAlloc 561.2 MiB, 94.8% of the 591.9 MiB Go holds (600.9 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had only 148.5 MiB in use, but the heap goal (NextGC 663.6 MiB) is 4.5 times that, which one dump read between GCs reads two ways: GOGC set far above the default 100 (the dump does not carry GOGC), the profile\'s 148.5 MiB then the live heap and the other 412.7 MiB of HeapAlloc garbage made since, or GOGC=100 over a heap that grew 2.2-fold (the last GC then marked about 331.6 MiB) over the two GC cycles the profile may lag; a heap?debug=1&gc=1 dump of the same moment tells which (right after its GC, NextGC over HeapAlloc is the goal GOGC sets).');
    expect(r.stdout).not.toContain('GOGC ≈');
  });

  it('a GC log under GOGC=off and a memory limit (goal 50–51 MB while C moved 15–18 MB): the limit\'s, no GOGC figure', async () => {
    const r = await runCli(['analyze', 'test/fixtures/captured/go1.19-audit-work/05-memlimit/stderr.log']);
    expect(r.stdout.split('\n')[1]).toBe("The heap goal over the live heap the GC before left (gctrace's goal over C, each at the middle of its whole MB) was 3.1× from gc 2 to gc 109, the goal held at 50–51 MB while C moved between 15 and 18 MB, where GOGC=100 sets about 2×: a goal GOGC sets moves with the live heap, by that ratio times as much, so one that held while C moved is a memory limit's (GOMEMLIMIT, with GOGC off or set high), not GOGC's.");
  });

  it('a GC log whose C held (GOGC=off GOMEMLIMIT=256MiB, C 28 MB): both readings, the figure as round as its whole MB allow', async () => {
    const r = await reportJson<{ gcTraces: { goalPhases?: { fromGc: number; toGc: number; gogc: number; goalHeld?: unknown }[] }[] }>(['analyze', 'test/fixtures/captured/go1.19-gctrace-limit/sawtooth-256.gctrace.log']);
    // 239 MB over 28 MB, each truncated: GOGC between 724 and 757; the ratio's own figure, 740, rounds to 750 within them.
    expect(r.gcTraces[0]?.goalPhases?.map((p) => [p.fromGc, p.toGc, p.gogc, p.goalHeld])).toEqual([[2, 11, 750, undefined]]);
    const memlimit = await reportJson<{ gcTraces: { goalPhases?: { goalHeld?: unknown }[] }[] }>(['analyze', 'test/fixtures/captured/go1.19-audit-work/05-memlimit/stderr.log']);
    expect(memlimit.gcTraces[0]?.goalPhases?.map((p) => p.goalHeld)).toEqual([{ lowGoalMB: 50, highGoalMB: 51, lowLiveMB: 15, highLiveMB: 18 }]);
  });
});

describe('churn read from plain dumps (go1.19-audit41-churn: regexp.MustCompile + json.Marshal per request)', () => {
  it('says the GC CPU share and where the program allocates most, as the gc-cpu-high finding does', async () => {
    const r = await runCli(['analyze', ...files('churn', 'heap', 1, 10)]);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual([
      'The GC had used 16.4% of the available CPU since the process started (GCCPUFraction, as of the latest snapshot).',
      "Allocate less where the dump says the program allocates most: encoding/json.Marshal at main.go:38 (main.handle), 12.7 GiB since the process started (38.4% of what the dump counts allocated, the profiler's own left out), main.buildReport (main.go:30), 10.3 GiB (31.2%) and main.buildReport (main.go:29), 6.8 GiB (20.6%).",
    ]);
  });
});
