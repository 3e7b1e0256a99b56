/**
 * Four verdict-wording leftovers (wording44), each on the captured fixtures it was found on:
 * a goroutine leak's `dominant` (go1.19-audit43-gorobuf-deadbuf: "runtime", the largest bucket, beside a verdict about
 * goroutines and their stacks), the jump sentence's start-up step (go1.19-audit43-watchpeak: "the others moved by 1.4 MiB at
 * most", the 1.4 MiB its first poll's start-up), the recurring peak's ~1,500-character first sentence (go1.19-audit42-batch,
 * go1.19-audit43-watchpeak, the batch's GC log), and the single dump's deep-stack rule beside its goroutine dump
 * (go1.19-audit42-deeprec at t64: 918.4 KiB each beside a recursion, deep for its series, "each such stack is deep" alone).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const GOROBUF = 'test/fixtures/captured/go1.19-audit43-gorobuf-deadbuf';
const STACKLEAK_LOG = 'test/fixtures/captured/go1.19-audit-verdicts/i-stackleak/stderr.log';
const WATCH = 'test/fixtures/captured/go1.19-audit43-watchpeak/saved';
const WATCH_HEAPS = readdirSync(join(ROOT, WATCH)).filter((f) => f.endsWith('.heap-debug1-gc1.txt')).sort().map((f) => `${WATCH}/${f}`);
const BATCH = 'test/fixtures/captured/go1.19-audit42-batch';
const DEEPREC = 'test/fixtures/captured/go1.19-audit42-deeprec';
const DEEPSTACK = 'test/fixtures/captured/go1.19-audit28-deepstack/run';

interface Report { verdict: { leak: string; dominant: string; summary: string }; series?: { verdict: { recurringPeak?: { cycles: number; periodSeconds?: number[] } } } }

/** The stack-heavy finding's fix line of a text report. */
async function stackHeavyFix(args: string[]): Promise<string | undefined> {
  const lines = await reportLines(args);
  const at = lines.findIndex((l) => l.startsWith('  warning stack-heavy: '));
  return lines.slice(at).find((l) => l.startsWith('    fix: '));
}

describe.concurrent('a goroutine leak\'s dominant part is its stacks', () => {
  const GOROUTINE_LEAK = 'Goroutine leak suspected: main.handleUpload [chan receive] 75 → 273 (+198) while goroutine stacks (StackInuse) rose at every one of 7 GC-separated snapshots (snapshots 1→7), 416.0 KiB → 1.0 MiB; the live heap does not grow beyond its noise, 205.6 KiB → 378.2 KiB; goroutines that never end keep their stacks and what they reference, whether or not the heap shows it.';

  it('gorobuf-deadbuf\'s ?gc=1 dumps with their goroutine dumps: dominant "stacks", not the 10.1 MiB of runtime metadata', async () => {
    const r = await reportJson<Report>([`${GOROBUF}/gc1`, `${GOROBUF}/goroutine`]);
    expect(r.verdict).toEqual({ leak: 'suspected', dominant: 'stacks', summary: GOROUTINE_LEAK });
  });

  it('the Markdown headline that names it', async () => {
    const md = (await runCli([`${GOROBUF}/gc1`, `${GOROBUF}/goroutine`, '--format', 'markdown'])).stdout.split('\n');
    expect(md[2]).toBe(`**Verdict (leak: suspected, dominant: stacks).** ${GOROUTINE_LEAK.replace('[chan receive]', '\\[chan receive\\]')}`);
  });

  it('a GC log whose only evidence is its stacks\' rise: "stacks" too (it was "live")', async () => {
    const r = await reportJson<Report>([STACKLEAK_LOG]);
    expect(r.verdict).toEqual({
      leak: 'suspected', dominant: 'stacks',
      summary: `${STACKLEAK_LOG}: Leak suspected (medium confidence): the goroutine stacks the GC scans (its "MB stacks") never fell and rose 2 → 12 MB over 6.6 s and 10 GCs: goroutines that do not end, or ever deeper stacks (compare goroutine dumps taken a while apart).`,
    });
  });
});

describe.concurrent('the jump sentence names the start-up step', () => {
  it('watchpeak\'s first 5 polls: the first step\'s +1.4 MiB is the start-up, the others\' noise 72.9 KiB', async () => {
    const lines = await reportLines(WATCH_HEAPS.slice(0, 5));
    expect(lines[0]).toBe('Cannot tell yet whether memory leaks: the live heap went 164.2 KiB → 1.5 MiB from snapshot 1 through snapshot 4, then jumped to 182.0 MiB at snapshot 5, the last — one step holds all of its rise (+180.5 MiB); the first step\'s +1.4 MiB is the program\'s start-up, the others moved by 72.9 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again.');
  });

  it('a first step within a reading\'s noise is not named: the batch\'s first 3 ?gc=1 dumps after its first fall', async () => {
    const lines = await reportLines([`${BATCH}/gc1/heap-t12.txt`, `${BATCH}/gc1/heap-t19.txt`, `${BATCH}/gc1/heap-t27.txt`]);
    expect(lines[0]).toBe('Cannot tell yet whether memory leaks: the live heap stayed near 207.8 KiB from snapshot 1 through snapshot 2, then jumped to 127.2 MiB at snapshot 3, the last — one step holds all of its rise (+127.0 MiB), the others moved by 3.5 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again.');
  });
});

describe.concurrent('a recurring peak\'s headline is read in one breath, its detail on the next line', () => {
  it('the batch\'s ?gc=1 dumps: the headline, then how the cycles were read; JSON keeps recurringPeak', async () => {
    const lines = await reportLines([`${BATCH}/gc1`]);
    expect(lines.slice(0, 2)).toEqual([
      'Peak, not a leak: the live heap climbs to ~150.2 MiB and falls back to ~204.3 KiB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak.',
      'Across 10 GC-separated snapshots, each read right after a forced GC: a fall every 3 snapshots (~22–23 s apart by LastGC), at snapshots 2, 5 and 8; each cycle\'s highest reading 80.2 MiB, 127.2 MiB and 150.2 MiB, wherever a snapshot caught its climb, under the high-water mark (HeapSys) the first set, 151.7 MiB (155.6 MiB at most since); the series ends mid-climb, at 150.2 MiB.',
    ]);
    expect(lines[0]?.length).toBe(143);
    const r = await reportJson<Report>([`${BATCH}/gc1`]);
    expect(r.series?.verdict.recurringPeak).toMatchObject({ cycles: 3, periodSeconds: [22.1, 23.3] });
  });

  it('watchpeak\'s saved polls: 2 cycles ~19 s apart, the series ending at the floor', async () => {
    const lines = await reportLines([WATCH]);
    expect(lines.slice(0, 2)).toEqual([
      'Peak, not a leak: the live heap climbs to ~182.0 MiB and falls back to ~1.6 MiB at each cycle, 2 cycles ~19 s apart; the cost is the peak.',
      'Across 11 GC-separated snapshots, each read right after a forced GC: a fall every 4 snapshots (~19 s apart by LastGC), at snapshots 6 and 10; each cycle\'s highest reading 182.0 MiB and 165.8 MiB, wherever a snapshot caught its climb, under the high-water mark (HeapSys) the first set, 242.6 MiB, which no later one grew; the series ends at the floor.',
    ]);
  });

  it('the batch\'s GC log (the same detector): the headline, then how the log ends', async () => {
    const lines = await reportLines([`${BATCH}/gctrace.log`]);
    expect(lines.slice(0, 3)).toEqual([
      `${BATCH}/gctrace.log: Peak, not a leak: the live heap after GC climbs to ~150 MB and falls back to ~0 MB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak.`,
      'The log ends mid-climb, at 151 MB, about the 150 MB of every earlier peak.',
      'Go needs ~150 MB at every cycle, so GOMEMLIMIT or a container limit must allow it; process the load in smaller pieces (stream it) to lower it.',
    ]);
  });
});

describe.concurrent('one dump beside its goroutine dump: deep stacks by the series\' rule', () => {
  const DEEP = 'deep stacks, not many goroutines, so bounding concurrency would not lower them.';

  it('deeprec\'s ?gc=1 dump at t64 with its debug=2 goroutine dump: 918.4 KiB each beside a recursion is deep (it was "each such stack is deep")', async () => {
    expect(await stackHeavyFix([`${DEEPREC}/gc1/heap-t64.txt`, `${DEEPREC}/goroutine/goroutine2-t64.txt`])).toBe(
      `    fix: The goroutine dump of the same moment (${DEEPREC}/goroutine/goroutine2-t64.txt) counts 40 goroutines alive, 918.4 KiB of stack each on average: ${DEEP} main.walk calls itself (100 of the frames printed, main.go:14): make the recursion iterative (a loop over a slice used as a stack) or bound its depth, and give each frame less (large local arrays and structs take stack at every level).`,
    );
  });

  it('deeprec\'s debug=1 goroutine dump at t64 shows no recursion: 10 goroutines, 3.6 MiB each, no descriptors to rule out many — the dump does not explain the stacks, and debug=2 would show the recursion (audit 48; it was "see what they wait on")', async () => {
    expect(await stackHeavyFix([`${DEEPREC}/gc1/heap-t64.txt`, `${DEEPREC}/goroutine/goroutine1-t64.txt`])).toBe(
      '    fix: Take goroutine?debug=2 of the same moment: it prints up to 100 calls of each stack, enough to show a recursion.',
    );
  });

  it('deepstack\'s first moment (4 goroutines, 32.1 MiB each, main.deep): deep, as before', async () => {
    expect(await stackHeavyFix([`${DEEPSTACK}/gc1/01.heap-gc1.txt`, `${DEEPSTACK}/goroutine/01.goroutine-debug2.txt`])).toBe(
      `    fix: The goroutine dump of the same moment (${DEEPSTACK}/goroutine/01.goroutine-debug2.txt) counts 4 goroutines alive, 32.1 MiB of stack each on average: ${DEEP} main.deep calls itself (97 of the frames printed, main.go:52): make the recursion iterative (a loop over a slice used as a stack) or bound its depth, and give each frame less (large local arrays and structs take stack at every level).`,
    );
  });
});
