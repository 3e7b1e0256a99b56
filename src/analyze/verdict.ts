/**
 * The one-sentence answer. From one snapshot a leak can never be proven (reasoning.md §3), so
 * `leak` is 'not-suspected' when live objects are a small part of what is held — the memory is
 * idle heap, released heap, stacks or runtime metadata — and 'unknown' otherwise.
 */
import type { Breakdown, Bucket } from './breakdown.js';
import { brokenIdentities, dominantBucket, missingForBreakdown } from './breakdown.js';
import { asOfTheLastGc, type MemStats } from './memstats.js';
import type { Thresholds } from './thresholds.js';
import { betweenForcedGCs, GC_OFF_GOAL, gcOff, gcOffEvidence, GOGC_SET_ABOVE, HEAP_MINIMUM, impliedGogc, letTheGcRun, measureLiveHeap, type GcOff, type ImpliedGogc } from './gcoff.js';
import { deltaProfileWords, writtenByGo, type AllocationSite, type ProfileSummary } from './profile.js';
import { countOf, formatBytes, formatChange, formatCount, formatPercent } from '../text/units.js';
import { estimateVariance, profileAheadSlack, samplesBehind } from './unsample.js';
import { fragmentationHoldsTheRest, KEEP_THEIR_SPANS, shareOfTheRest, unusedSpansWords } from './fragmentation.js';
import { capitalized } from '../text/wrap.js';
import { textFormUrl } from '../input/urls.js';
import { namesGcOne, onStandardInput } from '../common/stems.js';
import { ONE_DUMP_GOAL_PER_LIVE } from './memlimit.js';

export type LeakVerdict = 'suspected' | 'not-suspected' | 'unknown';

export interface Verdict {
  leak: LeakVerdict;
  dominant: Bucket;
  summary: string;
  /**
   * The summary opens "Read between GCs: HeapAlloc …" (readMidCycle, or MemStats alone: /debug/vars,
   * /metrics): the HeapAlloc is no live heap, and its table names the `live` row `HeapAlloc`
   * (bucketLabel), as the words do.
   */
  readBetweenGCs?: true;
  /**
   * A heap dump whose name does not say ?gc=1, read after a GC (asOfLastGcOpening, plainHeapAlloc):
   * its HeapAlloc is the heap its last GC marked and what was allocated since, so the summary speaks
   * of the live heap as of that GC, and its table names the `live` row `HeapAlloc` (bucketLabel).
   */
  asOfLastGC?: true;
}

/**
 * A bucket's name in a dump's table: `live` is `HeapAlloc` when its verdict says the dump was read
 * between GCs (Verdict.readBetweenGCs) or speaks of the live heap as of the last GC
 * (Verdict.asOfLastGC), as a series of such dumps names its row (report/goroutines.ts liveRowName).
 * The captured go1.19-audit39-ttlcache's plain heap-t140 opened "Read between GCs: HeapAlloc 66.9
 * MiB … counts everything allocated since the last GC" above a table that called it "live 66.9
 * MiB"; go1.19-audit44-sawtooth's plain heap-t46 "As of the last GC (cycle 11), live objects were
 * … about 72.2 MiB" above "live 72.2 MiB" (its ?gc=1 dump of the same moment: 8.2 MiB).
 */
export function bucketLabel(bucket: Bucket, verdict: Pick<Verdict, 'readBetweenGCs' | 'asOfLastGC'>): string {
  return bucket === 'live' && heldSinceLastGc(verdict) ? 'HeapAlloc' : bucket;
}

/**
 * The dump was not read right after a GC (Verdict.readBetweenGCs or asOfLastGC): its MemStats'
 * heap counts (HeapAlloc, HeapObjects, BySize: Mallocs − Frees) hold what the last GC marked and
 * what was allocated since, garbage not yet swept or collected too, so none of them is "live".
 */
export function heldSinceLastGc(verdict: Pick<Verdict, 'readBetweenGCs' | 'asOfLastGC'>): boolean {
  return verdict.readBetweenGCs === true || verdict.asOfLastGC === true;
}

/**
 * `HeapAlloc 65.8 MiB (the live heap as of the last GC, cycle 45, and what was allocated since)`: a
 * heap dump's HeapAlloc read after a GC, not right after one (Verdict.asOfLastGC), where the
 * summary says what it holds; `(that GC's live heap and …)` after words that named that GC (`named`).
 */
function plainHeapAlloc(stats: MemStats, heapAlloc: number, named = false): string {
  const numGC = stats.int('NumGC');
  const gc = named ? "that GC's live heap" : `the live heap as of the last GC${numGC === undefined ? '' : `, cycle ${formatCount(numGC)},`}`;
  return `HeapAlloc ${formatBytes(heapAlloc)} (${gc} and what was allocated since)`;
}

/** `The heap profile's 243.6 MiB in use is of an earlier GC …`: said where a dump's profile is (earlierGcProfile). */
function earlierProfileWords(inuse: number): string {
  return `the heap profile's ${formatBytes(inuse)} in use is of an earlier GC (it may be up to two GC cycles old), most of it freed since`;
}

export const BUCKET_WORDS: Record<Bucket, string> = {
  live: 'live objects',
  fragmentation: 'unused space in in-use spans',
  idle: 'idle heap retained by the runtime',
  released: 'heap already released to the OS',
  stacks: 'goroutine stacks',
  runtime: 'runtime metadata',
};


/**
 * What one dump cannot tell of fragmentation, and what tells it (heap-fragmentation says the same
 * of fragmentation that lasted across a series' GC cycles).
 */
const ONE_DUMP_FRAGMENTATION = 'One dump cannot tell free slots the next allocations of their size will fill from spans its survivors keep for good: a dump after more GC cycles can (fragmentation that lasts is objects of one burst outliving the rest, not a leak).';

/**
 * `One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare
 * both with heapdoc analyze A B.`: what every one-dump verdict ends with, `what` what it cannot
 * tell and `next` what to capture. A "Not a leak of reachable data" verdict says it of its live
 * part: the held memory is not live data, but whether the live part grows one dump cannot tell
 * (the captured go1.19-audit44-sawtooth's gc1/heap-t68: live 12.2 MiB, 64.6 MiB idle after a
 * batch, was "Not a leak of reachable data" alone, and the 12.2 MiB is its leak).
 */
function oneDumpCannotTell(what: string, next: string): string {
  return `One dump cannot tell ${what} — ${next} and compare both with heapdoc analyze A B.`;
}

/**
 * A "Not a leak of reachable data" summary without what one dump cannot tell (oneDumpCannotTell):
 * a series that shows no trend yet keeps its latest snapshot's verdict and says what its snapshots
 * cannot tell instead (combine.ts seriesVerdict).
 */
export function withoutOneDumpGrowth(summary: string): string {
  return summary.replace(/ One dump cannot tell whether the live [^\u2014]* grows \u2014 .*? and compare both with heapdoc analyze A B\./, '');
}

/** What to capture next when HeapAlloc is no live heap (read between GCs, or as of an earlier GC). */
const TAKE_GC_ONE = 'take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later,';

/**
 * TAKE_GC_ONE for a dump on standard input (`-`, `-:LINE` in a stream), which has no name to say whether it was fetched
 * with ?gc=1 (stems.ts namesGcOne) — nor numbers that do: a rise of NumForcedGC, a goal about 2 times
 * HeapAlloc and a profile that agrees with it are a plain dump's too when it was read soon after
 * the program's GC or another capture's ?gc=1 (17 of the 164 plain dumps of the audit44–47 captures:
 * go1.19-audit46-freeosleak's, ~0.4 s after debug.FreeOSMemory with 3–4 MiB of garbage, NextGC
 * 1.74–1.88 times HeapAlloc), and a ?gc=1 dump under a low GOGC or a memory limit has none of them
 * (go1.19-audit47-gogc10's, NextGC 1.10 times HeapAlloc). So it is read as a plain one ("as of the
 * last GC", which is true of both), and its advice does not say it was not a ?gc=1 dump: the
 * captured go1.19-audit47-gogc400/gc1/heap-t46.txt piped in was told to "take a heap?debug=1&gc=1 dump".
 */
const TAKE_GC_ONE_PIPED = 'take two heap?debug=1&gc=1 dumps some time apart (a GC runs before each, so that its HeapAlloc is the live heap), each saved to a file whose name says gc1 (heap-gc1-t1.txt: a dump on standard input has no name to say how it was fetched),';

/** TAKE_GC_ONE, or TAKE_GC_ONE_PIPED for a dump on standard input (stems.ts onStandardInput). */
function takeGcOne(source: string | undefined): string {
  return source !== undefined && onStandardInput(source) ? TAKE_GC_ONE_PIPED : TAKE_GC_ONE;
}

/** A profile's in-use or the goal's marked heap at this share of HeapAlloc or more puts HeapAlloc at what the last GC marked (asOfLastGcOpening). */
const AT_MARKED = 0.9;

/**
 * `As of the last GC (cycle 11), live objects were most of what Go holds: about 72.2 MiB, 84.2% of
 * … . What died since that GC stays in HeapAlloc until the next one, so this dump does not say what
 * is live now.`: the share of a dump not read right after a GC (its name does not say ?gc=1), whose
 * HeapAlloc is the heap its last GC marked and what was allocated since. That is "about" HeapAlloc
 * when the heap goal's marked heap (markedByGoal) or the profile's in-use is AT_MARKED of it or
 * more, else "at most". It says nothing of what died since: the captured go1.19-audit44-sawtooth's
 * plain heap-t46 (NumGC 11, a GC during a batch that held 64 MiB, read 10 s later, after the batch
 * ended) was "Live objects are most of what Go holds: live 72.2 MiB"; its ?gc=1 dump 0.3 s later
 * has 8.2 MiB. `capturedAtMs`: when the input was captured, if it says (how long after the GC).
 */
function asOfLastGcOpening(b: Breakdown, stats: MemStats, share: string, inuseAtLastGc: number | undefined, capturedAtMs: number | undefined, explained: boolean, earlier: boolean): string {
  const marked = markedByGoal(stats, inuseAtLastGc);
  const byGoal = marked !== undefined && marked >= AT_MARKED * b.live;
  // A profile of an earlier GC (earlierGcProfile) is no agreement: it counts what has been freed since.
  const byProfile = !earlier && inuseAtLastGc !== undefined && inuseAtLastGc >= AT_MARKED * b.live;
  // markedWords (`explained`) says the goal and the profile when the profile is far below HeapAlloc.
  const agree = explained ? [] : [
    ...(byGoal ? [`the heap goal (NextGC ${formatBytes(stats.int('NextGC') ?? 0)}: about ${formatBytes(marked)} marked if GOGC is 100)`] : []),
    ...(byProfile ? [`the heap profile (${formatBytes(inuseAtLastGc)} in use)`] : []),
  ];
  const how = agree.length > 0 ? `, as HeapAlloc${agree.length > 1 ? ', ' : ' and '}${agree.join(' and ')} agree` : byGoal || byProfile ? '' : ' (HeapAlloc: that GC\'s live heap and what was allocated since)';
  const most = b.live > 0.5 * b.retained ? 'most of what Go holds' : 'too large a part of what Go holds to rule a leak out';
  const lag = earlier && inuseAtLastGc !== undefined ? `; ${earlierProfileWords(inuseAtLastGc)}` : '';
  return `${capitalized(asOfTheLastGc(stats, capturedAtMs))}, live objects were ${most}: ${byGoal || byProfile ? 'about' : 'at most'} ${formatBytes(b.live)}, ${share}${how}${lag}.`;
}

/** Said after asOfLastGcOpening (and markedWords): why HeapAlloc is no live heap now. */
const NOT_LIVE_NOW = ' What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now.';

/** NOT_LIVE_NOW, of a dump on standard input (stems.ts onStandardInput), which may have been read right after its GC (TAKE_GC_ONE_PIPED). */
function notLiveNow(source: string | undefined): string {
  return source !== undefined && onStandardInput(source) ? ' What died since that GC stays in HeapAlloc until the next one: unless the dump was read right after that GC (as heap?debug=1&gc=1 reads it), it does not say what is live now.' : NOT_LIVE_NOW;
}

/**
 * Whether a dump's HeapAlloc was read between GCs, as its heap profile and its goal show it — one
 * rule for one dump's verdict, a series' latest snapshot (series/garbage.ts latestReadBetweenGCs)
 * and each side of a diff (diff.ts betweenGCs), so that none says "live" of what another calls
 * HeapAlloc read between GCs. HeapAlloc counts everything allocated since the last GC, garbage
 * included, while the heap profile is as of that GC or the one before (runtime/pprof):
 *  - a profile far below HeapAlloc (under half) says so, unless the goal says the last GC marked
 *    most of HeapAlloc (markedByGoal: the profile then lags a growing heap, the captured
 *    live.heap.pb.gz's 44.1 MiB beside HeapAlloc 109.2 MiB, about 107.7 MiB marked);
 *  - where the profile holds more, the goal decides (reasoning.md §4): it says the last GC marked
 *    under MOSTLY_MARKED of HeapAlloc. The captured go1.19-audit43-concpeak's plain heap-t46,
 *    HeapAlloc 394.0 MiB, a profile of 215.6 MiB and NextGC 428.3 MiB (the last GC marked about
 *    213.2 MiB), was "Live objects are most of what Go holds: live 394.0 MiB" alone, and "read
 *    between GCs" in a diff only beside a dump read right after a forced GC.
 * Neither where the input's name (`source`) says ?gc=1 (stems.ts namesGcOne): read right after the
 * GC it ran, its profile is that GC's (runtime.GC publishes it before it returns), so a profile
 * below HeapAlloc undercounts — records sampled at another MemProfileRate than the header's, made
 * before the program changed it (the captured go1.19-audit47-ratechange's gc1/heap-t26, 245.1 KiB
 * in use beside HeapAlloc 640.8 KiB after runtime.MemProfileRate = 1 at t=20 s; go1.19-audit28-deepstack's
 * gc1 dumps, 18–73 KiB beside 169–202 KiB at a rate of 4,096 set in main) — and its goal is whatever GOGC
 * or a memory limit set, which one dump does not carry (the captured go1.19-limit-binding's
 * plateau-limit34 heap-gc1 dumps, NextGC 1.2–1.5 times the profile at a binding limit). Both were
 * "Read between GCs" in a diff.
 * The profile's figure is not taken as the live heap: what was allocated since that GC may be
 * reachable (go1.19/peak holds 300 MiB allocated after its last GC, the profile shows 1.0 MiB), so
 * a dump read mid-cycle stays 'unknown'; the verdict opens with it and says how to see the live
 * heap alone.
 */
export function readMidCycle(live: number, inuseAtLastGc: number | undefined, stats: MemStats, source?: string): inuseAtLastGc is number {
  if (inuseAtLastGc === undefined || (stats.int('NumGC') ?? 0) <= 0 || (source !== undefined && namesGcOne(source))) return false;
  const marked = markedByGoal(stats, inuseAtLastGc);
  if (inuseAtLastGc < 0.5 * live) return marked === undefined || marked < MOSTLY_MARKED * live || goalOverProfile(stats, inuseAtLastGc) !== undefined;
  if (inuseAtLastGc >= MOSTLY_MARKED * live) return false;
  return marked !== undefined && marked < MOSTLY_MARKED * live;
}

/**
 * Whether a dump's own numbers say its heap profile is of an earlier GC than its MemStats: the
 * profile counts more in use than HeapAlloc by more than twice the estimate's error (and two
 * sampling periods), objects freed since that GC — runtime.MemProfile's profile "may be up to two
 * garbage collection cycles old" — while its allocated bytes (`allocated`, every site's,
 * unsampled) are within TotalAlloc (unsample.ts profileAheadSlack), so its samples were taken at
 * the header's rate. Right after a forced GC it never is: runtime.GC finishes its sweep and
 * publishes that cycle's profile (mProf_PostSweep) before it returns. The captured
 * go1.19-audit43-concpeak's plain heap-t26, read ~4 s after the GC that ended a burst (its
 * gctrace's gc 45) and before its round's ?gc=1, 240.1 MiB in use at main.render beside HeapAlloc
 * 65.8 MiB (NumForcedGC 2 from earlier rounds, NextGC 1.9 times HeapAlloc), was "read right after
 * a forced GC" in a diff with heap-t46, and "Not a leak of reachable data: live 65.8 MiB" alone. A
 * profile that counts more allocated than TotalAlloc too was sampled at another rate than its
 * header's, which says nothing of when it was read (the captured
 * go1.19-sampling-forced/ratechange-small, two ?gc=1 dumps: 24.1 MiB in use and allocated beside
 * TotalAlloc 0.8 MiB). Not where the name says ?gc=1 (stems.ts namesGcOne): the name is the
 * capture's word. One rule for one dump (readBetweenGCsAlone), a diff's sides and a series'
 * snapshots (series/forced.ts profileOfEarlierGC).
 */
export function earlierGcProfile(stats: MemStats, inuseAtLastGc: number | undefined, allocated: number | undefined, sites: readonly { inuseObjects: number; inuseBytes: number }[], rate: number | undefined, source?: string): boolean {
  const [heapAlloc, totalAlloc] = [stats.int('HeapAlloc'), stats.int('TotalAlloc')];
  if (heapAlloc === undefined || totalAlloc === undefined || inuseAtLastGc === undefined || allocated === undefined || !rate || rate <= 0) return false;
  if ((source !== undefined && namesGcOne(source)) || (stats.int('NumGC') ?? 0) === 0) return false;
  const error = Math.max(2 * rate, inUseError(sites, rate).errorBytes);
  return inuseAtLastGc - heapAlloc > 2 * error && allocated <= totalAlloc + profileAheadSlack(allocated, totalAlloc, rate);
}

/**
 * Whether one dump was read between GCs by its own numbers, whatever its name says (namesGcOne
 * aside, as each rule has it): its profile and goal say so (readMidCycle), or its profile is of an
 * earlier GC (earlierGcProfile). What analyze's verdict of one dump and each side of a diff
 * (diff.ts readTiming) read alike. `profile`: its in-use (undefined when profiling was off) and
 * allocated bytes, its sites and MemProfileRate.
 */
export function readBetweenGCsAlone(stats: MemStats, profile: { inuseAtLastGc: number | undefined; allocated: number | undefined; sites: readonly AllocationSite[]; rate: number | undefined }, source?: string): boolean {
  const heapAlloc = stats.int('HeapAlloc');
  if (heapAlloc === undefined) return false;
  return readMidCycle(heapAlloc, profile.inuseAtLastGc, stats, source) || earlierGcProfile(stats, profile.inuseAtLastGc, profile.allocated, profile.sites, profile.rate, source);
}

/**
 * The GOGC at least this high that a heap goal implies over the heap profile's in-use (goalOverProfile):
 * GOGC=100 then needs the heap to have more than doubled since the profile's GC, more than one GC
 * cycle's growth at GOGC=100.
 */
const GOGC_OVER_PROFILE = 300;

/** A process that has run fewer GCs than this is still growing its heap from the runtime's 4 MiB minimum goal, doubling at each (goalOverProfile). */
const START_UP_GCS = 10;

/**
 * The GOGC the heap goal implies when the heap profile's in-use is taken for the heap the last GC
 * marked (gcoff.ts impliedGogc over it), when it is GOGC_OVER_PROFILE or more: the dump does not
 * carry GOGC, and the goal then reads two ways — GOGC about that high over the profile's live heap,
 * HeapAlloc's excess garbage made since, or GOGC=100 over a heap that more than doubled in the two
 * GC cycles the profile may lag (markedByGoal). The captured go1.19-audit41-gogc's plain heap-t03
 * under SetGCPercent(400): NextGC 45.1 MiB, 5.1 times the profile's 8.8 MiB (the live heap: its ?gc=1
 * dump of the same moment reads 8.8 MiB), was "the last GC marked about 22.3 MiB live if GOGC is
 * 100 … not a sign that HeapAlloc is garbage" and "too large a part … to rule a leak out". Not in
 * the first START_UP_GCS GCs, when a heap growing from the runtime's minimum goal more than doubles
 * in two cycles as a rule (the captured go1.19-audit35-lag/live, NumGC 7, GOGC=100: NextGC 219.1 MiB
 * beside a profile of 44.1 MiB).
 */
function goalOverProfile(stats: MemStats, inuseAtLastGc: number | undefined): ImpliedGogc | undefined {
  if (inuseAtLastGc === undefined || inuseAtLastGc <= 0 || (stats.int('NumGC') ?? 0) < START_UP_GCS) return undefined;
  const implied = impliedGogc(stats, true, inuseAtLastGc);
  return implied !== undefined && implied.gogc >= GOGC_OVER_PROFILE ? implied : undefined;
}

/** HeapAlloc is mostly what the last GC marked (markedByGoal) when that is at least this share of it: little was allocated since. */
const MOSTLY_MARKED = 0.9;

/**
 * The heap the last GC marked, as its goal tells it when GOGC is 100 (a dump carries no GOGC: an
 * assumption, said with it): the runtime sets NextGC = marked + (marked + stacks + globals) ×
 * GOGC/100 (src/runtime/mgcpacer.go), so marked is about (NextGC − StackInuse) / 2. The heap
 * profile may be up to two GC cycles old (runtime.MemProfile), so a growing heap's profile shows a
 * fraction of it: the captured live.heap.pb.gz with its /debug/vars (a 1.3 MiB/s leak, NumGC 7)
 * has 44.1 MiB in use in its profile, HeapAlloc 109.2 MiB and NextGC 219.1 MiB, the last GC having
 * marked about 107.7 MiB. Trusted only when the profile is at least a quarter of it (two cycles of
 * a heap doubling at most, GOGC=100's pace): a memory limit's goal (GOGC=off GOMEMLIMIT=64MiB,
 * NextGC 51.9 MiB beside a profile of 3.3 MiB) is no GOGC=100 goal; nor is one at most
 * ONE_DUMP_GOAL_PER_LIVE times the profile (go1.19-audit40-limitnear's heap-t5s: NextGC 46.5 MiB over
 * 39.8 MiB in use). Undefined with the GC off, at the runtime's minimum goal (4 MiB, which says
 * nothing of the marked heap) or when untrusted.
 */
export function markedByGoal(stats: MemStats, inuseAtLastGc: number | undefined): number | undefined {
  const nextGC = stats.int('NextGC');
  if (nextGC === undefined || inuseAtLastGc === undefined || (stats.int('NumGC') ?? 0) <= 0 || nextGC >= GC_OFF_GOAL || nextGC <= 1.05 * HEAP_MINIMUM) return undefined;
  // A goal this near the profile's in-use is capped (memlimit.ts cappedGoal): a limit's or a low GOGC's, no GOGC=100 goal.
  if (nextGC <= ONE_DUMP_GOAL_PER_LIVE * inuseAtLastGc) return undefined;
  const marked = (nextGC - (stats.int('StackInuse') ?? 0)) / 2;
  return marked > 0 && inuseAtLastGc >= marked / 4 ? marked : undefined;
}

/**
 * `the heap profile, as of a recent GC, had only 123.0 MiB in use, but the heap goal …`: what the
 * profile had, and how much of a HeapAlloc read between GCs the dump says is live — what the last
 * GC marked when its goal tells it (markedByGoal; the profile may be two GC cycles old), else
 * nothing. "Only …, but" where the profile is far below HeapAlloc (under half); where it holds more,
 * the goal's figure follows it (readMidCycle: the goal decides).
 */
function profileAndMarked(stats: MemStats, live: number, inuseAtLastGc: number): string {
  const far = inuseAtLastGc < 0.5 * live;
  const had = `the heap profile, as of a recent GC, had ${far ? 'only ' : ''}${formatBytes(inuseAtLastGc)} in use`;
  const marked = markedByGoal(stats, inuseAtLastGc);
  const over = goalOverProfile(stats, inuseAtLastGc);
  if (over) return `${had}, ${goalTwoWays(over, live, marked)}`;
  return marked === undefined
    ? `${had}, so this dump does not say how much is live`
    : `${had}${far ? ', but' : ';'} the heap goal (NextGC ${formatBytes(stats.int('NextGC') ?? 0)}) says the last GC marked about ${formatBytes(marked)} live if GOGC is 100 (the dump does not carry GOGC; the profile may be up to two GC cycles old), so at least that much was live then and the ${formatBytes(Math.max(0, live - marked))} allocated since may be garbage`;
}

/** What tells the two readings of a plain dump's goal apart (goalTwoWays, gogcRoom). */
const GOAL_READ_AFTER_GC = 'a heap?debug=1&gc=1 dump of the same moment tells which (right after its GC, NextGC over HeapAlloc is the goal GOGC sets)';

/**
 * `but the heap goal (NextGC 45.1 MiB) is 5.2 times that, which one dump read between GCs reads two
 * ways: GOGC set far above the default 100 (…), or GOGC=100 over a heap that grew 2.5-fold …`
 * (goalOverProfile): neither first, and no GOGC figure — HeapAlloc read between GCs counts garbage,
 * and the profile may lag two GC cycles, so one plain dump cannot say GOGC (the captured
 * go1.19-audit30-readall's 02 under GOGC=100, a 200 MB body just dropped, led with "the goal of GOGC
 * ≈ 350"; go1.19-audit41-gogc's heap-t03 is under SetGCPercent(400)). A ?gc=1 dump of the same
 * moment tells which. `marked`: markedByGoal's figure.
 */
function goalTwoWays(g: ImpliedGogc, live: number, marked: number | undefined): string {
  const grew = marked === undefined ? 'more than doubled' : `grew ${(marked / g.live).toFixed(1)}-fold (the last GC then marked about ${formatBytes(marked)})`;
  return `but the heap goal (NextGC ${formatBytes(g.goal)}) is ${(g.goal / g.live).toFixed(1)} times that, which one dump read between GCs reads two ways: GOGC set far above the default 100 (the dump does not carry GOGC), the profile's ${formatBytes(g.live)} then the live heap and the other ${formatBytes(Math.max(0, live - g.live))} of HeapAlloc garbage made since, or GOGC=100 over a heap that ${grew} over the two GC cycles the profile may lag; ${GOAL_READ_AFTER_GC}`;
}

/**
 * `The heap goal (NextGC 219.1 MiB) says the last GC marked about 107.7 MiB if GOGC is 100, …`: why a
 * profile far below HeapAlloc does not make HeapAlloc garbage, when the goal says most of it was live.
 */
function markedWords(stats: MemStats, live: number, inuseAtLastGc: number | undefined): string {
  const marked = inuseAtLastGc !== undefined && inuseAtLastGc < 0.5 * live ? markedByGoal(stats, inuseAtLastGc) : undefined;
  if (marked === undefined || marked < MOSTLY_MARKED * live) return '';
  return ` The heap goal (NextGC ${formatBytes(stats.int('NextGC') ?? 0)}) says the last GC marked about ${formatBytes(marked)} live if GOGC is 100 (the dump does not carry GOGC), most of HeapAlloc: the heap profile's ${formatBytes(inuseAtLastGc ?? 0)} in use is of an earlier GC (it may be up to two GC cycles old), not a sign that HeapAlloc is garbage.`;
}

/**
 * HeapAlloc before any GC (NumGC 0): nothing was marked yet, so it is everything the process
 * allocated since it started, live or not (reasoning.md §1). One wording for the verdict that
 * opens with it (`No GC has run yet (NumGC 0): HeapAlloc 3.3 MiB, 23.8% of …, is …`, `share` given:
 * go1.19-audit46-pregc) and the one that names it (`Not a leak of reachable data: HeapAlloc 2.7 MiB
 * (no GC has run yet, NumGC 0: …) of …`: the go1.19 seed's routine1.after-wait, which said "live
 * 2.7 MiB"; a /debug/vars document's alike).
 */
export function noGcYet(heapAlloc: number, share?: string): string {
  const what = 'everything allocated since the process started, live or not';
  return share === undefined ? `HeapAlloc ${formatBytes(heapAlloc)} (no GC has run yet, NumGC 0: ${what})` : `No GC has run yet (NumGC 0): HeapAlloc ${formatBytes(heapAlloc)}, ${share}, is ${what}`;
}

/**
 * The GC is off (gcoff.ts) and has never run: HeapAlloc is everything allocated since the process
 * started, so no share of it says what is live. The verdict names the GC, what HeapAlloc is and
 * what to do (the captured go1.19-audit28-gogcoff/plain/05: "Live objects are most of what Go
 * holds: live 196.8 MiB is 91.7% … take another after some time (and a GC)").
 */
function neverCollectedSummary(off: GcOff, b: Breakdown, profiled: boolean): string {
  const total = off.totalAlloc === off.heapAlloc ? ' (HeapAlloc = TotalAlloc)' : '';
  return `The GC is off (${gcOffEvidence(off)}): HeapAlloc ${formatBytes(b.live)} is everything allocated since the process started${total}, garbage included, not the live heap, so one dump cannot tell what is live; Go holds ${formatBytes(b.retained)} (${formatBytes(b.sys)} mapped) and grows with every allocation until the process is killed. ${capitalized(letTheGcRun(off))}; ${measureLiveHeap(profiled)}.`;
}

/** What a verdict that stands adds when the GC is off: only forced GCs run (or none yet), and what to do. */
function gcOffAside(off: GcOff): string {
  if (off.numGC > 0) return ` ${betweenForcedGCs(off)}; ${letTheGcRun(off)}.`;
  return ` The GC is off (${gcOffEvidence(off)}): HeapAlloc is everything allocated since the process started, and Go grows with every allocation until the process is killed; ${letTheGcRun(off)}.`;
}

/**
 * The verdict of a binary (protobuf) heap profile read alone: why it has no MemStats (the URL
 * lacked ?debug=1) and where the text form is, first (audit 41: "No usable runtime.MemStats
 * block" said nothing of why; the reason was lines further down). `source`: the URL heapdoc
 * fetched, when it did (its text form is then named as is).
 */
export function binaryProfileVerdict(source: string, profile?: ProfileSummary): Verdict {
  const fetched = textFormUrl(source);
  const delta = deltaProfileWords(profile?.format);
  if (delta && profile) {
    // A window's change says nothing of what the heap holds, nor of a leak: only what moved in it.
    const freed = profile.sites.filter((s) => s.inuseBytes < 0).length;
    const net = `in use ${formatChange(profile.inuseBytes)} net${freed > 0 ? ` (${countOf(freed, 'site')} freed more than ${freed === 1 ? 'it' : 'they'} kept)` : ''}, ${formatBytes(profile.allocBytes)} allocated`;
    return {
      leak: 'unknown',
      dominant: 'live',
      summary: `${capitalized(delta)}: ${net}. It cannot tell what the heap holds or whether it leaks; for that, fetch the whole profile (…/debug/pprof/heap?debug=1, without seconds=), which carries the runtime.MemStats too.`,
    };
  }
  return {
    leak: 'unknown',
    dominant: 'live',
    summary: `No runtime.MemStats block: this is a binary (protobuf) heap profile, the URL lacked ?debug=1 — fetch ${fetched ?? '…/debug/pprof/heap?debug=1'} for the text form, which carries it. Only the sampled profile was read: the memory cannot be split into live, idle and released.`,
  };
}

/** `The runtime.MemStats block lacks StackSys`, when it has some fields but not all the breakdown needs (the diagnostics and no-memstats say why). */
function lacking(stats: MemStats | undefined): string | undefined {
  const missing = stats ? missingForBreakdown(stats) : [];
  return stats && stats.fields.size > 0 && missing.length > 0 ? `The runtime.MemStats block lacks ${missing.join(', ')}` : undefined;
}

/**
 * `profiled`: the input has a sampled profile (a heap dump, a binary profile), not only MemStats
 * (a scrape, vars); `inuseAtLastGc`: its in-use bytes (unsampled), when profiling was on;
 * `endpoint`: where to capture the MemStats again (SnapshotFacts.endpoint); `sites`: the profile's
 * sites, whose profiler allocations a GC-off verdict's figure per GC leaves out (gcoff.ts); `source`:
 * the input's name, which may say ?gc=1 (readMidCycle, asOfLastGcOpening); `capturedAtMs`: when
 * the input was captured, when it says (SnapshotInput.capturedAtMs); `allocatedBytes`: the
 * profile's allocated bytes (unsampled), which TotalAlloc bounds (earlierGcProfile).
 */
export function snapshotVerdict(b: Breakdown | undefined, stats: MemStats | undefined, t: Thresholds, profiled = true, inuseAtLastGc?: number, endpoint = '/debug/pprof/heap?debug=1', sites?: readonly AllocationSite[], samplingRate?: number, source?: string, capturedAtMs?: number, allocatedBytes?: number): Verdict {
  if (!b || !stats) {
    return {
      leak: 'unknown',
      dominant: 'live',
      summary: profiled
        ? `${lacking(stats) ?? 'No usable runtime.MemStats block'}: the memory cannot be split into live, idle and released; only the sampled profile was read.`
        : 'No usable MemStats: the input lacks fields the split of memory into live, idle and released needs (the findings name them).',
    };
  }
  const dominant = dominantBucket(b);
  // Numbers that cannot all be true support no conclusion (the inconsistent-dump finding says more).
  const broken = brokenIdentities(stats, t.identityToleranceBytes);
  if (broken.length > 0) {
    return {
      leak: 'unknown',
      dominant,
      summary: `The dump is inconsistent: it breaks ${broken.map((c) => c.identity).join('; ')}, which the runtime always keeps, so no conclusion is drawn from it. Capture it again from ${endpoint} without editing it.`,
    };
  }
  const heapSys = stats.int('HeapSys') ?? 0;
  // reasoning.md §2 step 1: live memory that is a small part of what Go holds (a quarter) rules out a
  // leak of reachable data. So does a past peak (HeapSys, the high-water mark, four times live) when
  // most of what Go holds is still not live: the held memory is the peak's, not live data's (the
  // seed article: live 47% of what Go holds, HeapSys 10× live). When live is most of what Go holds,
  // the peak says how large the heap once was, not whether what is live now leaks (a process that
  // leaked 35 MiB after a burst of 163 MiB, live 68%): unknown, the peak said as context.
  // The runtime's own metadata (GC bitmaps, spans: ~10 MiB in a young go1.19 process) is no memory a
  // past peak left idle: it does not make live a small part (the captured live-leak-2s, 2.5 s into a
  // 1.3 MiB/s leak: live 3.3 MiB of the 14.2 MiB Go holds, 9.8 MiB of it metadata, was "not a leak").
  // So a small share counts only when most of the rest is not that metadata.
  const runtimeMadeSmall = b.live <= t.notLeakLiveShareOfRetained * b.retained && b.runtime > 0.5 * (b.retained - b.live);
  const smallShareOfRetained = b.live <= t.notLeakLiveShareOfRetained * b.retained && !runtimeMadeSmall;
  const peakNotLive = heapSys > 0 && b.live <= t.peakLiveShareOfHeapSys * heapSys && b.live <= t.peakNotLeakLiveShareOfRetained * b.retained;
  const leak: LeakVerdict = smallShareOfRetained || peakNotLive ? 'not-suspected' : 'unknown';
  // HeapSys also grows when goroutines exit: their stack spans are freed into the heap (the seed
  // program after its 10,000 goroutines), so the peak is said of objects or stacks.
  const pastPeak = heapSys > 0 && b.live <= t.peakLiveShareOfHeapSys * heapSys && heapSys - b.live >= t.idleRetainedMinBytes;
  // Fragmentation that holds most of the rest is the story, not the peak the heap reached: the
  // spans its objects keep are in use, not kept from the peak (the captured go1.19-audit29-frag
  // after 90% of its objects were freed at random: 175.1 MiB of in-use spans held no object, 86%
  // of what Go held beside 48.7 MiB live, was "HeapSys reached 311.7 MiB at a past peak").
  const fragmented = fragmentationHoldsTheRest(b, t);
  const spans = fragmented ? `${KEEP_THEIR_SPANS}: ${unusedSpansWords(b, `, ${shareOfTheRest(b)}`)}` : '';
  // A goal GOGC set high, read right after a GC, holds the heap's address space without a peak.
  // MemStats alone have no profile to read that live heap from: a HeapSys at the goal is its room all the same (goalRoomAlone).
  const room = pastPeak && !fragmented ? gogcRoom(stats, b, t, inuseAtLastGc, sites, samplingRate, source !== undefined && namesGcOne(source)) ?? (profiled ? undefined : goalRoomAlone(stats, b, t)) : undefined;
  const peak = pastPeak && !fragmented && !room ? `the heap's address space (HeapSys) reached ${formatBytes(heapSys)} at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept` : room ?? '';
  // MemStats alone (/debug/vars, /metrics) are read when asked, never right after a GC: HeapAlloc is read between GCs, with no
  // profile to weigh it against (the captured go1.19-audit41-gogc's vars-t03 under SetGCPercent(400), HeapAlloc 29.6 MiB beside
  // ~8.8 MiB live, was "Live objects are most of what Go holds: live 29.6 MiB is 53.6%"). A small share of it is a smaller live heap.
  const alone = !profiled && !runtimeMadeSmall;
  // Said so however small a share runtime metadata leaves it (the captured go1.19-expvar-app's one document, NumGC 0, was "live
  // 197.0 KiB"; go1.19-audit27-burst's 04.vars.json "live 1.9 MiB"); before any GC, it is everything allocated since the start.
  const heldAlone = !profiled;
  // A heap dump whose name does not say ?gc=1, after a GC: its HeapAlloc is the heap that GC marked and what was allocated since,
  // so what it says of the live heap is as of that GC (Verdict.asOfLastGC). The captured go1.19-audit43-concpeak's plain heap-t26,
  // its profile of an earlier GC (earlierGcProfile: 243.6 MiB in use beside HeapAlloc 65.8 MiB), was "Not a leak of reachable
  // data: live 65.8 MiB"; go1.19-audit44-sawtooth's plain heap-t46 "live 72.2 MiB" in its table (its ?gc=1 dump: 8.2 MiB).
  const plainRead = profiled && (stats.int('NumGC') ?? 0) > 0 && (source === undefined || !namesGcOne(source));
  const earlier = plainRead && earlierGcProfile(stats, inuseAtLastGc, allocatedBytes, sites ?? [], samplingRate, source);
  // Before any GC (NumGC 0) nothing was marked, a dump's as a document's: HeapAlloc is all the process allocated (noGcYet).
  const noGc = (stats.int('NumGC') ?? 0) === 0;
  const heldWhat = noGc ? noGcYet(b.live) : heldAlone ? `HeapAlloc ${formatBytes(b.live)} (read between GCs: the live heap and the garbage made since the last GC)` : plainRead ? plainHeapAlloc(stats, b.live) : `live ${formatBytes(b.live)}`;
  const held = `${heldWhat} of ${formatBytes(b.sys)} mapped (Go holds ${formatBytes(b.retained)})${earlier && inuseAtLastGc !== undefined ? `, and ${earlierProfileWords(inuseAtLastGc)}` : ''}`;
  const off = gcOff(stats, sites);
  // Its table names the row HeapAlloc too: nothing was marked (noGcYet).
  if (leak === 'unknown' && off && off.numGC === 0) return { leak, dominant, readBetweenGCs: true, summary: neverCollectedSummary(off, b, profiled) };
  // With the GC off only a forced GC separates two dumps: "after some time" is not enough.
  const again = !off ? 'take another after some time (and a GC)'
    : profiled ? 'take another later with ?gc=1 (no GC runs by itself)' : 'take two heap?debug=1&gc=1 dumps some time apart (no GC runs by itself)';
  const aside = off ? gcOffAside(off) : '';
  if (leak === 'unknown') {
    // Where the rest of the peak went: the seed article's 42 MiB released is what the OS may still count.
    const parts = [...(b.idle > 0 ? [`${formatBytes(b.idle)} of it idle`] : []), ...(b.released > 0 ? [`${formatBytes(b.released)} released to the OS`] : [])];
    const kept = peak && !room && parts.length > 0 ? ` (${parts.join(', ')})` : '';
    const share = `${formatPercent(b.live, b.retained)} of the ${formatBytes(b.retained)} Go holds (${formatBytes(b.sys)} mapped)`;
    // Read mid-cycle, HeapAlloc is no live heap: said first, not after "live objects are most of
    // what Go holds" (a dump read after a 200 MB body was dropped opened so, its 561 MiB garbage).
    const midCycle = readMidCycle(b.live, inuseAtLastGc, stats, source);
    const beside = b.retained - b.runtime;
    const forced = stats.int('NumForcedGC');
    // "Most" only where live is more than half of the heap and stacks: the captured audit42
    // idleconns (804 goroutines' stacks, idle spans) said "most" of a 31.1% share.
    const metadata = `${formatBytes(b.runtime)} of the ${formatBytes(b.retained)} Go holds (${formatBytes(b.sys)} mapped) is runtime metadata, which every Go process has and which is no sign of a past peak`;
    const liveOfBeside = `${plainRead ? plainHeapAlloc(stats, b.live, b.live > 0.5 * beside) : `live ${formatBytes(b.live)}`} is ${formatPercent(b.live, beside)} of the ${formatBytes(beside)} of heap and stacks`;
    // A dump whose name does not say ?gc=1, after a GC: its HeapAlloc is live as of that GC at most (asOfLastGcOpening).
    const asOfGc = plainRead && !midCycle && !runtimeMadeSmall;
    const explained = markedWords(stats, b.live, inuseAtLastGc);
    // Before any GC (NumGC 0) nothing was marked: HeapAlloc is all the process allocated, not a
    // live heap (go1.19-audit46-pregc, a dump 0.15 s after start, was "live 3.3 MiB" and "No GC was forced").
    const beforeAnyGc = profiled && (stats.int('NumGC') ?? 0) === 0;
    const opening = beforeAnyGc
      ? `${noGcYet(b.live, share)}.${runtimeMadeSmall ? ` Of the rest, ${metadata}.` : ''}`
      : runtimeMadeSmall && !midCycle
      ? `${b.live > 0.5 * beside
        ? `${plainRead ? `${capitalized(asOfTheLastGc(stats, capturedAtMs))}, live objects were` : 'Live objects are'} most of what Go holds beside the runtime's own metadata: ${liveOfBeside}; the other ${metadata}.`
        : `Runtime metadata is the largest part of what Go holds: ${metadata}; ${liveOfBeside}.`}${forced === 0 && !plainRead ? ' No GC was forced (NumForcedGC 0), so HeapAlloc was read between GCs and may count garbage too.' : ''}`
      : midCycle || alone
      ? `Read between GCs: HeapAlloc ${formatBytes(b.live)}, ${share}, counts everything allocated since the last GC, reachable or not, and ${midCycle ? profileAndMarked(stats, b.live, inuseAtLastGc) : `${endpoint === '/metrics' ? 'a /metrics scrape' : 'a /debug/vars document'} has no heap profile to say how much of it is still live`}.`
      // Not read right after a GC, HeapAlloc is live as of the last GC at most (asOfLastGcOpening).
      : asOfGc ? `${asOfLastGcOpening(b, stats, share, inuseAtLastGc, capturedAtMs, explained !== '', earlier)}${explained}${notLiveNow(source)}`
      // "Most" is said only of what it is true of: the share of what Go holds, with that share printed.
      : `${b.live > 0.5 * b.retained ? 'Live objects are most of what Go holds' : 'Live objects are too large a part of what Go holds to rule a leak out'}: live ${formatBytes(b.live)} is ${share}.${explained}`;
    const next = off ? again
      : midCycle ? 'take it again with heap?debug=1&gc=1 (a GC runs before the dump, so that HeapAlloc is the live heap) and another some time later,'
      : alone || plainRead ? takeGcOne(source) : again;
    return {
      leak,
      dominant,
      ...(midCycle || alone || beforeAnyGc ? { readBetweenGCs: true as const } : plainRead ? { asOfLastGC: true as const } : {}),
      summary: `${opening}${peak ? ` ${capitalized(peak)}${kept}${room ? '.' : ': a past peak, which does not say whether what is live now leaks.'}` : ''}${spans ? ` The live objects also ${spans}.` : ''} ${oneDumpCannotTell('a leak from a peak', next)}${aside}`,
    };
  }
  const why: string[] = [];
  if (b.released > 0 && (dominant === 'released' || b.released >= b.idle)) why.push(`${formatBytes(b.released)} of idle heap already released to the OS`);
  if (b.idle >= t.idleRetainedMinBytes || dominant === 'idle') why.push(`${formatBytes(b.idle)} idle, retained by the runtime for reuse`);
  if (dominant === 'stacks') why.push(`${formatBytes(b.stacks)} in goroutine stacks`);
  if (dominant === 'runtime') why.push(`${formatBytes(b.runtime)} of runtime metadata`);
  // Before any GC, as read between GCs: HeapAlloc, not a live heap, in the words and the table (bucketLabel).
  const notLive = heldAlone || plainRead || noGc;
  return {
    leak,
    dominant,
    ...(heldAlone || noGc ? { readBetweenGCs: true as const } : plainRead ? { asOfLastGC: true as const } : {}),
    summary: `Not a leak of reachable data: ${held}${spans ? `, and its live objects ${spans}` : ''}${why.length ? `; ${why.join(', ')}` : ''}${peak ? `; ${peak}` : ''}. ${
      dominant === 'live' ? (noGc ? 'HeapAlloc is the largest single part, but most of what Go holds is not it.' : 'Live objects are the largest single part, but most of what Go holds is not live.') : `Most of the memory is ${BUCKET_WORDS[dominant]}.`
    }${spans ? ` ${ONE_DUMP_FRAGMENTATION}` : ''} ${oneDumpCannotTell(`whether the live ${notLive ? 'heap' : formatBytes(b.live)} grows`, notLive && !off ? takeGcOne(source) : again)}${aside}`,
  };
}

/**
 * Whether HeapAlloc is the heap the last GC marked, as the dump's own profile tells it: HeapAlloc
 * exceeds the profile's in-use (every site, unsampled, as of that GC) by no more than two sampling
 * periods or twice the estimate's standard error (inUseError), an error under a quarter of
 * HeapAlloc (beyond it the profile cannot tell). So it reads right after a forced GC (?gc=1), whose
 * profile is that GC's (series/forced.ts heapAllocAtProfile).
 */
export function heapAllocMatchesProfile(heapAlloc: number, inuseAtLastGc: number, sites: readonly { inuseObjects: number; inuseBytes: number }[], rate: number): boolean {
  const { errorBytes } = inUseError(sites, rate);
  return heapAlloc > 0 && errorBytes <= 0.25 * heapAlloc && heapAlloc - inuseAtLastGc <= Math.max(2 * rate, errorBytes);
}

/**
 * `the heap goal (NextGC 45.1 MiB) is 5.1 times the live heap just after the GC (HeapAlloc 8.8
 * MiB): GOGC ≈ 400 (the default is 100), and the 34.6 MiB idle is the room that goal gives …, not a
 * past peak` — said instead of a past peak when the dump was read right after a GC (its HeapAlloc
 * at its profile: heapAllocMatchesProfile; `namedGcOne`, its name says ?gc=1, else GOGC is said
 * as the floor it is over HeapAlloc read at some time after that GC), the goal implies a GOGC set high (gcoff.ts impliedGogc,
 * GOGC_SET_ABOVE or more) and the heap (HeapSys − HeapReleased) is within it and the ~10% the
 * scavenger keeps over it (idle-heap-retained's room before the next GC). Read between GCs, over
 * the profile's in-use when the goal is far above GOGC=100's over it (goalOverProfile). The captured
 * go1.19-audit41-gogc's heap-gc1-t03 under SetGCPercent(400): "HeapSys reached 47.5 MiB at a past
 * peak" beside a finding that said no spike was needed. Undefined otherwise.
 */
function gogcRoom(stats: MemStats, b: Breakdown, t: Thresholds, inuseAtLastGc: number | undefined, sites: readonly AllocationSite[] | undefined, rate: number | undefined, namedGcOne: boolean): string | undefined {
  const heapAlloc = stats.int('HeapAlloc');
  if (heapAlloc === undefined || inuseAtLastGc === undefined || !sites || !rate || rate <= 0 || (stats.int('NumGC') ?? 0) === 0) return undefined;
  const atProfile = heapAllocMatchesProfile(heapAlloc, inuseAtLastGc, sites, rate);
  const g = atProfile ? impliedGogc(stats, true) : goalOverProfile(stats, inuseAtLastGc);
  const heap = (stats.int('HeapSys') ?? 0) - (stats.int('HeapReleased') ?? 0);
  if (!g || g.gogc < GOGC_SET_ABOVE || heap > (1 + t.scavengerRetainOverGoal) * (g.goal + b.fragmentation)) return undefined;
  const room = `the ${formatBytes(b.idle)} idle is the room that goal gives the heap before its next GC, not a past peak (a lower GOGC holds less, for more GC CPU)`;
  if (atProfile && namedGcOne) return `the heap goal (NextGC ${formatBytes(g.goal)}) is ${(g.goal / heapAlloc).toFixed(1)} times the live heap just after the GC (HeapAlloc ${formatBytes(heapAlloc)}): GOGC ≈ ${g.gogc} (the default is 100), and ${room}`;
  // A name that does not say ?gc=1 (standard input's none) leaves when it was read open (TAKE_GC_ONE_PIPED): GOGC read over HeapAlloc is a floor.
  if (atProfile) return `the heap goal (NextGC ${formatBytes(g.goal)}) is ${(g.goal / heapAlloc).toFixed(1)} times HeapAlloc (${formatBytes(heapAlloc)}), which the heap profile agrees is about the heap the last GC marked: GOGC ≈ ${g.gogc} (the default is 100) if it was read right after that GC, higher if later, and ${room}`;
  // Read between GCs: the profile's in-use is the live heap GOGC is read over (goalOverProfile), or GOGC=100 and a heap that more than doubled.
  return `the heap goal (NextGC ${formatBytes(g.goal)}) is ${(g.goal / g.live).toFixed(1)} times the heap profile's ${formatBytes(g.live)} in use, which one dump read between GCs reads two ways: GOGC set far above the default 100 (the dump does not carry GOGC), and then ${room}, or GOGC=100 over a heap that more than doubled over the two GC cycles the profile may lag; ${GOAL_READ_AFTER_GC}`;
}

/**
 * `the heap's address space (HeapSys 47.5 MiB) is about the room its goal needs (NextGC 44.2 MiB: …), not a past peak` — of
 * MemStats alone (/debug/vars, /metrics: no profile for gogcRoom to read the live heap from), when HeapSys is at the heap goal and
 * no more above it than the ~10% the scavenger keeps over it (and the fragmentation): between GCs the heap grows to its goal, so
 * that address space is the room the current goal needs, whatever GOGC set it. The captured go1.19-audit41-gogc's vars-t02 under
 * SetGCPercent(400), HeapSys 47.5 MiB beside NextGC 44.2 MiB, said "HeapSys reached 47.5 MiB at a past peak". Undefined otherwise.
 */
function goalRoomAlone(stats: MemStats, b: Breakdown, t: Thresholds): string | undefined {
  const [heapSys, nextGC] = [stats.int('HeapSys') ?? 0, stats.int('NextGC') ?? 0];
  if ((stats.int('NumGC') ?? 0) === 0 || gcOff(stats) || nextGC <= 0 || heapSys < nextGC || heapSys > (1 + t.scavengerRetainOverGoal) * (nextGC + b.fragmentation)) return undefined;
  return `the heap's address space (HeapSys ${formatBytes(heapSys)}) is about the room its goal needs (NextGC ${formatBytes(nextGC)}: between GCs the heap grows to it), so its ${formatBytes(b.idle)} idle is that room, not a past peak`;
}

/** The heap profile counts more in use than the heap's spans held at the dump (profileLag). */
export interface ProfileLag {
  /** The profile's in-use bytes, every site, unsampled. */
  inuseBytes: number;
  /** HeapInuse at the dump. */
  heapInuseBytes: number;
  /** The samples the sites' in-use estimates rest on (unsample.ts samplesBehind), summed and rounded. */
  samples: number;
  /** Twice the standard error of the in-use estimate (unsample.ts estimateVariance, every site's): ~95 %. */
  errorBytes: number;
  /**
   * Why: `sampling-error` (the excess is no more than errorBytes: the estimate, not the heap, is
   * high), `earlier-gc` (beyond it: the profile is of an earlier GC, freed since). In a dump read
   * right after a forced GC, whose profile is that GC's as its MemStats are, nothing was freed
   * since: `sampling-tail` (beyond errorBytes, up to twice it: an estimate in the tail that a 95 %
   * bound leaves), `rate-changed` (beyond twice it, four standard errors, which sampling alone
   * all but never reaches: the samples were taken at another MemProfileRate than the header's).
   */
  cause: 'sampling-error' | 'earlier-gc' | 'sampling-tail' | 'rate-changed';
  /** The sentence the reports say it in (profileLagSentence). */
  summary: string;
}

/**
 * Whether a dump was read right after a forced GC (`after`) and what forced it, as the sentences
 * say it (`by`: series/forced.ts forcedGCBy). combine.ts withForcedGC sets it on every snapshot
 * it reports (SnapshotAnalysis.forcedGC): of a series' snapshot, the series' reading, which its
 * neighbours inform; of a dump alone, its own.
 */
export interface ForcedGCReading {
  after: boolean;
  by: string;
}

/**
 * The heap profile counts more in use than HeapInuse (every span that holds objects), beyond two
 * sampling periods; why, the sentence says (ProfileLag.cause). Its in-use bytes are estimates
 * scaled up from samples: when the excess is within twice their standard error it is that error
 * (the captured go1.19-audit36/goleak's ?gc=1 dump: 10.6 MiB in use on 21 samples, 18 of them
 * main.produce's 16 KiB buffers at ~32.5 each, beside HeapInuse 7.4 MiB, ±4.6 MiB). Beyond it, the
 * profile is of an earlier GC than the dump's MemStats: runtime.MemProfile's profile "may be up to
 * two garbage collection cycles old" (src/runtime/mprof.go publishes a cycle's allocations and
 * frees once the next GC's sweep is done), so what it counts in use may have been freed since: the
 * captured burst-memlimit's last dump (NumGC 19, no GC since the burst ended) lists 60.1 MiB in use
 * at main.burst.func1 beside HeapInuse 1.3 MiB. Not when the dump was read right after a forced GC
 * (`forced`; undefined: not known to be): runtime.GC finishes its sweep and publishes that cycle's profile (mProf_PostSweep)
 * before it returns, so the profile and the MemStats are of the same GC, and the estimate is what
 * runs high — in the tail a 95 % bound leaves (the captured go1.19-sampling-forced/tail: 35.8 MiB on
 * 554 samples beside HeapInuse 32.9 MiB, ±2.9 MiB), or, beyond twice that bound, taken at another
 * MemProfileRate than the header's (go1.19-sampling-forced/ratechange: 537.6 MiB beside 8.8 MiB, ±32.7 MiB,
 * sampled at 4 KiB, the header's 512 KiB set after).
 */
export function profileLag(profile: ProfileSummary, stats: MemStats | undefined, forced?: ForcedGCReading): ProfileLag | undefined {
  const heapInuse = stats?.int('HeapInuse');
  const rate = profile.samplingRate;
  // Before the first GC the records are the first profile request's (profile-before-first-gc); a C++ profile has no GC.
  if (stats === undefined || heapInuse === undefined || !writtenByGo(profile.format) || stats.int('NumGC') === 0 || !rate || rate <= 0) return undefined;
  if (profile.inuseBytes <= heapInuse + 2 * rate) return undefined;
  const { samples, errorBytes } = inUseError(profile.sites, rate);
  const excess = profile.inuseBytes - heapInuse;
  const cause = excess <= errorBytes ? 'sampling-error' : forced?.after !== true ? 'earlier-gc' : excess <= 2 * errorBytes ? 'sampling-tail' : 'rate-changed';
  const lag = { inuseBytes: profile.inuseBytes, heapInuseBytes: heapInuse, samples: Math.round(samples), errorBytes, cause } as const;
  return { ...lag, summary: profileLagSentence(lag, forced?.by ?? '?gc=1', rate) };
}

/**
 * The samples a profile's in-use estimate rests on (unsample.ts samplesBehind, every site's) and
 * twice its standard error (estimateVariance, every site's): ~95 %. `rate`: the profile's MemProfileRate.
 */
export function inUseError(sites: readonly { inuseObjects: number; inuseBytes: number }[], rate: number): { samples: number; errorBytes: number } {
  let samples = 0;
  let variance = 0;
  for (const site of sites) {
    const behind = samplesBehind(site.inuseObjects, site.inuseBytes, rate);
    samples += behind;
    variance += estimateVariance(site.inuseObjects, site.inuseBytes, behind);
  }
  return { samples, errorBytes: Math.round(2 * Math.sqrt(variance)) };
}

/** The sentence the reports say a lagging profile in (text, Markdown, JSON's `summary`); `by`: what forced the GC (ForcedGCReading), `rate`: the header's MemProfileRate. */
function profileLagSentence(lag: Omit<ProfileLag, 'summary'>, by: string, rate: number): string {
  const more = `These sites count ${formatBytes(lag.inuseBytes)} in use, more than the heap's spans held at the dump (HeapInuse ${formatBytes(lag.heapInuseBytes)})`;
  const samples = `the ${countOf(lag.samples, 'sample')} behind these sites`;
  const error = `±${formatBytes(lag.errorBytes)}`;
  if (lag.cause === 'sampling-error') return `${more}, but within the sampling error of ${samples} (${error}): their in-use numbers are estimates scaled up from samples, not counts, so the excess need not be memory freed since.`;
  const afterGC = `the dump was read right after a forced GC (${by}), whose profile is that GC's, as its MemStats are, so nothing was freed since`;
  if (lag.cause === 'sampling-tail') return `${more}, beyond the sampling error of ${samples} (${error}), but ${afterGC}: the estimate runs high (${error} is a 95 % bound, which sampling sometimes overshoots), so read the sites' in-use numbers as estimates, not counts.`;
  if (lag.cause === 'rate-changed') return `${more}, beyond twice the sampling error of ${samples} (${error}), which sampling alone all but never reaches, and ${afterGC}: the samples were likely taken at another MemProfileRate than the ${formatBytes(rate)} the header gives (a rate changed while the program ran, not once at the start of main), so the sites' in-use numbers are not to be trusted.`;
  return `${more}: the profile is of an earlier GC (it may be up to two GC cycles old) and most of that has been freed since, so its in-use numbers are that GC's heap, not what is held now.`;
}

/** The TUI's one-line form of the sentence (ProfileLag.summary). */
export function profileLagNote(lag: ProfileLag): string {
  const over = `in use ${formatBytes(lag.inuseBytes)} > HeapInuse ${formatBytes(lag.heapInuseBytes)}`;
  if (lag.cause === 'sampling-error') return `${over}: within sampling error (${countOf(lag.samples, 'sample')}, ±${formatBytes(lag.errorBytes)})`;
  if (lag.cause === 'sampling-tail') return `${over}: beyond sampling error (${countOf(lag.samples, 'sample')}, ±${formatBytes(lag.errorBytes)}) after a forced GC: estimates run high`;
  if (lag.cause === 'rate-changed') return `${over}: far beyond sampling error (±${formatBytes(lag.errorBytes)}) after a forced GC: samples likely taken at another MemProfileRate`;
  return `${over}: profile of an earlier GC, freed since`;
}
