/**
 * Everything given to one `heapdoc analyze` run, in one report: heap snapshots in TotalAlloc
 * order (it never decreases within a process), goroutine dumps, the series analysis when there
 * are two snapshots or more, and the verdict that follows from all of it.
 */
import type { AnalyzeReport } from './report.js';
import { confirmedGoroutineLeak, countingDumps, isTraceback, leakProfiles, oneGroupHint, crashOutputs, crashWhere, orderGoroutineDumps, outOfMemoryCrash, outOfMemoryWords, unplacedWords, type GoroutineSummary } from './goroutines/index.js';
import { countOf, formatBytes, formatCount } from '../text/units.js';
import { analyzeSeries, bodyRequesters, orderByTotalAlloc, type SeriesAnalysis, type SeriesOptions } from './series/index.js';
import { seriesFindings } from './rules/series.js';
import { seriesLimitFinding } from './rules/memory-limit-pressure.js';
import { seriesGcCpuFinding } from './rules/gc-cpu-high.js';
import { repeatedFacts } from './rules/repeated-facts.js';
import { lastingFragmentation } from './rules/heap-fragmentation.js';
import { seriesGcOffFinding } from './rules/gc-off.js';
import type { Finding } from './rules/rule.js';
import { longWaitFindings } from './rules/goroutine-long-wait.js';
import { outOfMemoryFindings } from './rules/out-of-memory.js';
import { finalizerFindings, seriesFinalizerFinding } from './rules/finalizer-blocked.js';
import { withGoroutineDump } from './rules/stack-heavy.js';
import { descriptorsMessage, dumpWords } from './rules/goroutine-descriptors.js';
import { canHold, heldByGoroutines, heldByGoroutinesWords, heldSentence, seriesHeld, siteOf, type HeldWords } from './rules/leak-advice.js';
import { THRESHOLDS } from './thresholds.js';
import { inReportOrder, RULES } from './rules/index.js';
import type { SnapshotAnalysis } from './snapshot.js';
import { withoutOneDumpGrowth, type Verdict } from './verdict.js';
import { goalReading } from './goal.js';
import { forcedGCBy, readAfterForcedGC } from './series/forced.js';
import { folderOrder, groupedByFolder, namesGcOne, pairedCapture, sameMoment, sameTime } from '../common/stems.js';
import { capitalized } from '../text/wrap.js';
import { outsideGoHeap } from './breakdown.js';
import { offHeapWords } from './series/offheap.js';
import { CHURN_NOT_MEMORY, goroutineLeakOnly } from './series/verdict.js';

/**
 * The series speaks for the whole run: its evidence (heap, sites, goroutine groups, stacks) is
 * weighed together. When its snapshots are of too few GC cycles to show a trend and nothing grows,
 * the latest snapshot's own "not a leak" (live is a small part of what Go holds) still holds:
 * more snapshots must never give a weaker answer than one of them alone.
 */
function seriesVerdict(series: SeriesAnalysis, latest: VerdictOf | undefined): Verdict {
  const tooFew = series.verdict.tooFewCycles;
  const offHeap = series.verdict.outsideGoHeap;
  if (latest && tooFew !== undefined && latest.verdict.leak === 'not-suspected' && !offHeap) {
    return { ...latest.verdict, summary: `${withoutOneDumpGrowth(latest.verdict.summary)} The ${countOf(series.points.length, 'snapshot')} show no trend yet: ${tooFew}.` };
  }
  // The process's RSS (--rss, a moment's scrape) at the latest moment, said as that snapshot's verdict says it.
  const rss = latest?.rssSentence === undefined ? '' : ` ${latest.rssSentence}`;
  const last = series.points[series.points.length - 1];
  const outside = last ? outsideGoHeap(last.breakdown, last.rss) : undefined;
  // A goroutine leak is of goroutines and their stacks, whatever part of the memory is the largest: the captured
  // go1.19-audit43-gorobuf-deadbuf's (1.0 MiB of stacks beside 10.1 MiB of runtime metadata) was dominant "runtime".
  const dominant = goroutineLeakOnly(series.verdict) ? 'stacks' : latest?.verdict.dominant ?? 'stacks';
  if (!offHeap) return { leak: series.verdict.leak, dominant, summary: `${outside === undefined ? series.verdict.summary : goHeapOnly(series.verdict.summary)}${rss}` };
  const own = series.verdict.summary.replace(CHURN_NOT_MEMORY, GO_HEAP_COST);
  return { leak: 'suspected', dominant, summary: `${offHeapWords(offHeap)} In the Go heap: ${own.charAt(0).toLowerCase()}${own.slice(1)}${rss}` };
}

/**
 * A series verdict said of the Go heap alone, when RSS is mostly outside it (outsideGoHeap): churn's
 * "the cost is GC work, not memory" is not said above "785.2 MiB more than Go holds" (the captured
 * go1.19-audit39-offheap with --rss 819580kB).
 */
function goHeapOnly(summary: string): string {
  return summary.replace(/^Churn, not a leak:/, 'Churn in the Go heap, not a leak of it:').replace(CHURN_NOT_MEMORY, GO_HEAP_COST);
}

/** Churn's cost (CHURN_NOT_MEMORY) when RSS is mostly outside the Go heap. */
const GO_HEAP_COST = "the Go heap's cost is GC work; the memory is outside it.";

/**
 * Crashes' outputs alone: each is how one run died, not a moment of a running process, so there is
 * no growth to judge (goroutines/tracks.ts); the headline says so and, for one, what crashed where.
 */
function crashOnlyVerdict(crashes: readonly GoroutineSummary[]): Verdict {
  const [only] = crashes;
  const what = crashes.length === 1 && only?.crash
    ? `A crash's output, not a snapshot of a running process: ${crashWhere(only.crash)}.`
    : `${crashes.length} crash outputs, not a growth series: each is how one run died, not a moment of a running process, so each is reported on its own and none is compared with another.`;
  return { leak: 'unknown', dominant: 'stacks', summary: `${what} Give heap dumps (heap?debug=1) or goroutine dumps of the running process, several over time, to see where memory goes and whether it grows.` };
}

/**
 * `counting`: the goroutine dumps that count every goroutine (countingDumps); `crashes`: crash
 * outputs (crashOutputs); `goroutines`: all the dumps given, in order.
 */
function goroutineOnlyVerdict(counting: readonly GoroutineSummary[], crashes: readonly GoroutineSummary[], series: SeriesAnalysis | undefined, goroutines: readonly GoroutineSummary[]): Verdict {
  if (series && series.verdict.leak === 'suspected') return { leak: 'suspected', dominant: 'stacks', summary: series.verdict.summary };
  if (series && counting.length >= 2) return { leak: 'unknown', dominant: 'stacks', summary: series.verdict.summary };
  if (counting.length === 0 && crashes.length > 0) return crashOnlyVerdict(crashes);
  if (counting.length === 0 && leakProfiles(goroutines).length > 0) {
    return { leak: 'unknown', dominant: 'stacks', summary: 'Goroutine leak profiles only, and none lists a leaked goroutine: give heap dumps (heap?debug=1) for the memory picture.' };
  }
  if (counting.length === 0) {
    // Dumps whose place is unknown (goroutines/order.ts): withUnplaced says which and why.
    return { leak: 'unknown', dominant: 'stacks', summary: 'Goroutine dumps only, and none is in a goroutine trend: give a heap dump too for the memory picture.' };
  }
  const total = counting.reduce((n, d) => Math.max(n, d.total), 0);
  // The finalizer goroutine blocked in the program's finalizer is what such a dump says of memory (finalizer-blocked).
  const finalizer = finalizerFinding(counting, series !== undefined).find((f) => f.severity !== 'info');
  // One dump, most of it one blocked group: its advice as a hint (no growth to judge). Not of several
  // dumps: they judged the growth, and a group that held its size is a pool waiting for work (oneGroupHint).
  const [only] = counting;
  const hint = counting.length === 1 && only ? oneGroupHint(only) : undefined;
  return {
    leak: 'unknown',
    dominant: 'stacks',
    summary: `Goroutine dump${counting.length > 1 ? 's' : ''} only (${counting.length > 1 ? 'up to ' : ''}${formatCount(total)} goroutine${total === 1 ? '' : 's'}${counting.length > 1 ? ' in one' : ''})${finalizer ? `. ${finalizer.message} G` : ': g'}ive a heap dump too for the memory picture, and several dumps over time to see growth.${hint ? ` ${hint}` : ''}`,
  };
}

/**
 * A leak the runtime proved (a goroutineleak profile that lists goroutines) comes first; the memory
 * picture follows. `otherDumps`: the heap dumps and full goroutine dumps beside the leak profiles.
 */
function withConfirmedLeak(verdict: Verdict, goroutines: readonly GoroutineSummary[], otherDumps: number): Verdict {
  const confirmed = confirmedGoroutineLeak(goroutines);
  if (!confirmed) return verdict;
  const rest = otherDumps > 0 ? ` ${verdict.summary}` : ' Give heap dumps (heap?debug=1) of the same moments for the memory picture.';
  return { leak: 'suspected', dominant: verdict.dominant, summary: `${confirmed.summary}${rest}` };
}

/**
 * A crash for want of memory is said in the headline: first when nothing else speaks of memory (a
 * crash alone), after the memory verdict otherwise (the dumps before it show what grew).
 */
function withOutOfMemory(verdict: Verdict, goroutines: readonly GoroutineSummary[], snapshots: number): Verdict {
  const oom = outOfMemoryCrash(goroutines);
  if (!oom) return verdict;
  const words = outOfMemoryWords(oom);
  if (snapshots > 0) return { ...verdict, summary: `${verdict.summary} Then ${words}.` };
  return {
    ...verdict,
    summary: `${capitalized(words)}. The crash does not say what held the memory: give heap dumps (heap?debug=1) taken while it grew, before it died, to tell a leak from a peak.`,
  };
}

export interface CombineOptions extends SeriesOptions {
  /** The dumps are not snapshots of one process: no series, each judged on its own. */
  separately?: boolean;
  /** The inputs' names in the order they were read: with `separately`, the folders are listed in it. */
  inputOrder?: readonly string[];
  /**
   * The goroutine dumps whose place is the one they were given in (named one by one, documents of
   * a stream): kept there; the others are ordered within their folder (goroutines/order.ts).
   */
  givenOrder?: ReadonlySet<string>;
}

/** What the dumps' verdict reads of each heap snapshot: its name, its own verdict and its RSS sentence (lint keeps only these of a snapshot). */
export type VerdictOf = Pick<SnapshotAnalysis, 'source' | 'verdict' | 'rssSentence'> & Partial<Pick<SnapshotAnalysis, 'breakdown'>>;

/**
 * The verdict of the dumps given: heap snapshots (`ordered` by TotalAlloc), goroutine dumps (in
 * order) and their series, if any. It is what a GC log given beside them is weighed against
 * (exposed.ts dumpsOutweighLog), in `heapdoc analyze` and in `heapdoc lint`'s directory series.
 */
export function dumpsVerdict(ordered: readonly VerdictOf[], goroutines: readonly GoroutineSummary[], series: SeriesAnalysis | undefined, separately = false): Verdict {
  const latest = ordered[ordered.length - 1];
  const counting = countingDumps(goroutines);
  let verdict: Verdict;
  if (!latest) verdict = goroutineOnlyVerdict(counting, crashOutputs(goroutines), series, goroutines);
  else if (series && (ordered.length >= 2 || series.verdict.leak === 'suspected')) verdict = seriesVerdict(series, latest);
  else verdict = latest.verdict;
  if (separately && ordered.length > 1) verdict = worstVerdict(ordered);
  verdict = withConfirmedLeak(verdict, goroutines, ordered.length + counting.length);
  return withUnplaced(withOutOfMemory(verdict, goroutines, ordered.length), goroutines);
}

/**
 * Goroutine dumps whose place is unknown (goroutines/order.ts) are in no trend: the verdict says
 * which and why, not reasoning from a guessed first or last.
 */
function withUnplaced(verdict: Verdict, goroutines: readonly GoroutineSummary[]): Verdict {
  const why = unplacedWords(goroutines);
  return why.length === 0 ? verdict : { ...verdict, summary: `${verdict.summary} ${why.join(' ')}` };
}

export function combineReport(snapshots: readonly SnapshotAnalysis[], goroutineDumps: readonly GoroutineSummary[] = [], options: CombineOptions = {}): AnalyzeReport {
  // Unrelated dumps (--separately) are listed folder by folder (one program's dumps together), in
  // the order their folders were given; a folder's in TotalAlloc order, its goroutine dumps by name.
  const folders = options.separately ? folderOrder([...options.inputOrder ?? [], ...snapshots.map((s) => s.source), ...goroutineDumps.map((d) => d.source)]) : [];
  const ordered = options.separately ? groupedByFolder(orderByTotalAlloc(snapshots), folders) : orderByTotalAlloc(snapshots);
  const inOrder = orderGoroutineDumps(goroutineDumps, options.givenOrder);
  const goroutines = options.separately ? groupedByFolder(inOrder, folders) : inOrder;
  const counting = countingDumps(goroutines);
  const crashes = crashOutputs(goroutines);
  const wantSeries = !options.separately && (ordered.length >= 2 || counting.length >= 2);
  const series = wantSeries ? analyzeSeries(ordered, goroutines, options) : undefined;
  const held = options.separately ? undefined : heldByBlocked(ordered, counting, series);
  const verdict = options.separately ? dumpsVerdict(ordered, goroutines, series, true) : withHeld(dumpsVerdict(ordered, goroutines, series), held);
  // Each snapshot's findings by severity, then those about what its verdict names first (rules/index.ts inReportOrder).
  // Unrelated dumps (--separately) share no stacks: only a series' snapshots take the dump of another moment (stacksDump).
  const all = ordered.flatMap((s) => inReportOrder(withGoroutineCount(s, countingDumpOf(counting, s, ordered, !options.separately)), s.verdict.dominant));
  // A state a later snapshot supersedes (idle-heap-retained) is judged at the latest, as lint judges it (lint/series.ts judgedAtLatest).
  const found = series && !options.separately ? judgedAtLatest(all, ordered) : all;
  // Fragmentation that lasted across GC cycles has a fix of its own (heap-fragmentation.ts), as lint says it.
  const lasting = series && !options.separately ? lastingFragmentation(found) : undefined;
  const each = lasting && lasting.size > 0 ? found.map((f) => lasting.get(f) ?? f) : found;
  // One process's GC history, each fact once (repeated-facts.ts), by the latest snapshot that holds it, as lint says it.
  const repeated = series && !options.separately ? repeatedFacts(each) : undefined;
  const perSnapshot = repeated ? each.filter((f) => !repeated.has(f)) : each;
  const limit = series && !options.separately ? oneLimitFinding(perSnapshot, series) : undefined;
  const gcOff = series && !options.separately ? oneGcOffFinding(limit?.others ?? perSnapshot, series) : undefined;
  // One process's GC CPU share, said once at its last snapshot (gc-cpu-high.ts seriesGcCpuFinding), as lint says it.
  const gcCpu = series && !options.separately ? oneFindingAt(gcOff?.others ?? limit?.others ?? perSnapshot, 'gc-cpu-high', series.points[series.points.length - 1]?.source, (found, last) => seriesGcCpuFinding(found, last, series.points.length), [...repeated ?? []]) : undefined;
  return {
    snapshots: withForcedGC(ordered, series),
    goroutines,
    ...(options.separately ? { separately: true, folders } : {}),
    // The series' own verdict says it too (JSON series.verdict.summary), as the report's does.
    ...(series ? { series: held ? { ...series, verdict: withHeld(series.verdict, held) } : series } : {}),
    // The series rules' findings first (leak-suspected, goroutine-growth: what lint reports of
    // these snapshots), as a GC log's are: the JSON report of a leak carries its finding.
    findings: [...(series && !options.separately ? seriesFindings(series, counting) : []), ...(limit ? [limit.finding] : []), ...(gcOff ? [gcOff.finding] : []), ...(gcCpu ? [gcCpu.finding] : []), ...longWaitFindings(counting, series !== undefined && !options.separately, { httpRequesters: options.separately ? [] : series ? series.httpRequesters ?? [] : bodyRequesters(ordered, counting), ...(held ? { held } : {}) }), ...crashes.flatMap((c) => longWaitFindings([c])), ...finalizerFinding(counting, series !== undefined && !options.separately), ...outOfMemoryFindings(goroutines), ...(gcCpu?.others ?? gcOff?.others ?? limit?.others ?? perSnapshot)],
    // The TUI's view of the held site says who holds it, as the verdict does.
    ...(held?.site ? { heldBy: held } : {}),
    verdict,
    diagnostics: ordered.flatMap((s) => s.diagnostics),
  };
}

/**
 * The snapshots, each with whether it was read right after a forced GC and what forced it
 * (SnapshotAnalysis.forcedGC, which profileLag weighs; forcedGCBy, by its name). A series'
 * snapshot is as the series reads it (series/forced.ts readAfterForcedGC of its points, in their
 * order): a ?gc=1 dump of a heap under 2 MiB, at the runtime's minimum goal, is one when NumForcedGC
 * rose to it, and a plain dump after another capture's ?gc=1 is not. A dump alone is read the same
 * way (readAfterForcedGC of it alone: NumForcedGC above 0, a goal that does not say it was read well
 * after), and only when its goal says so by itself (`just-collected`) or its name says ?gc=1: at the
 * minimum goal a plain dump read any time after a forced GC looks the same. runtime.GC publishes
 * the profile of the cycle it ran before it returns, so then the profile and MemStats are of one GC.
 * Returns `ordered`.
 */
function withForcedGC(ordered: SnapshotAnalysis[], series: SeriesAnalysis | undefined): SnapshotAnalysis[] {
  const bySource = new Map(ordered.map((s) => [s.source, s]));
  const pointed = series?.points.flatMap((p) => bySource.get(p.source) ?? []) ?? [];
  const flags = readAfterForcedGC(pointed);
  const inSeries = new Map(pointed.map((s, i) => [s, flags[i] === true]));
  const alone = (s: SnapshotAnalysis): boolean => readAfterForcedGC([s])[0] === true && (goalReading(s) === 'just-collected' || namesGcOne(s.source));
  // Set on the snapshots themselves, not on copies: a watch keeps its snapshots between reports
  // and knows them by identity (poller.ts), and each report sets it again from those given with it.
  for (const s of ordered) s.forcedGC = { after: inSeries.get(s) ?? alone(s), by: forcedGCBy([s.source]) };
  return ordered;
}

/**
 * A series held up to a known memory limit by design (verdict memory-limit): the
 * memory-limit-pressure its snapshots each repeat is said once, at the series' last snapshot, as
 * lint says it (memory-limit-pressure.ts seriesLimitFinding); `others`: the snapshots' other findings.
 */
function oneLimitFinding(findings: readonly Finding[], series: SeriesAnalysis): { finding: Finding; others: Finding[] } | undefined {
  return oneFindingAt(findings, 'memory-limit-pressure', series.points[series.points.length - 1]?.source, (found, last) => seriesLimitFinding(found, last, series.verdict));
}

/**
 * The findings of rule `ruleId` that one process's inputs repeat, said once at `last` (the series'
 * last snapshot) as its rule merges them (`merge`: seriesLimitFinding, seriesGcCpuFinding, seriesGcOffFinding, seriesFinalizerFinding; its
 * `last`: the one that snapshot found), as lint says them (lint/series.ts oneFindingAt); `others`:
 * the other findings. Undefined when `merge` says nothing.
 */
export function oneFindingAt(findings: readonly Finding[], ruleId: string, last: string | undefined,
  merge: (found: Finding[], last: Finding | undefined) => Omit<Finding, 'source'> | undefined, repeats: readonly Finding[] = []): { finding: Finding; others: Finding[] } | undefined {
  const found = findings.filter((f) => f.ruleId === ruleId);
  const own = found.find((f) => f.source === last);
  const merged = merge(found, own);
  if (!merged || last === undefined) return undefined;
  // The last snapshot's own finding, else its repeat of an earlier one's (`repeats`: the same GC's fraction): where the fact is in its text.
  const placed = own ?? repeats.find((f) => f.ruleId === ruleId && f.source === last);
  return { finding: { ...atOwnLine(merged, placed), source: last }, others: findings.filter((f) => f.ruleId !== ruleId) };
}

/**
 * A series' finding said once at its last input (`merged`), placed at the line of that input's own
 * finding of the rule (`own`): the MemStats field it reads there (`# GCCPUFraction = 0.08` at line
 * 56 of the last dump, `# NextGC` for gc-off), so that SARIF gives the result a region. Without one
 * (the last input did not find it itself), the series' finding has no line.
 */
export function atOwnLine<F extends { line?: number; column?: number }>(merged: F, own: { line?: number | undefined; column?: number | undefined } | undefined): F {
  if (merged.line !== undefined || own?.line === undefined) return merged;
  return { ...merged, line: own.line, column: own.column ?? 1 };
}

/**
 * A series whose GC is off (GOGC=off, no GOMEMLIMIT): the gc-off its snapshots each repeat is said
 * once, at the series' last snapshot, naming how many said it, as lint says it (gc-off.ts
 * seriesGcOffFinding); `others`: the snapshots' other findings.
 */
function oneGcOffFinding(findings: readonly Finding[], series: SeriesAnalysis): { finding: Finding; others: Finding[] } | undefined {
  return oneFindingAt(findings, 'gc-off', series.points[series.points.length - 1]?.source, (found, last) => seriesGcOffFinding(found, last, series.points.length));
}

/**
 * The finalizer goroutine found in a finalizer of the program (finalizer-blocked): of one process's
 * goroutine dumps (`counting`, in capture order; `inSeries`: they are a series'), said once, with how
 * many dumps show it (finalizer-blocked.ts seriesFinalizerFinding, as lint says it); else, or
 * when only one shows it, the latest dump's.
 */
function finalizerFinding(counting: readonly GoroutineSummary[], inSeries: boolean): Finding[] {
  const each = finalizerFindings(counting);
  const latest = each[each.length - 1];
  const once = inSeries ? oneFindingAt(each, 'finalizer-blocked', latest?.source, (found, last) => seriesFinalizerFinding(found, last, counting.length)) : undefined;
  return once ? [once.finding] : latest ? [latest] : [];
}

/** The rules whose findings a later snapshot supersedes (RuleMeta.latestInSeries: idle-heap-retained). */
const LATEST_IN_SERIES = new Set(RULES.filter((r) => r.meta.latestInSeries === true).map((r) => r.meta.id));

/**
 * One process's findings without those of the rules judged at its latest snapshot (the last in
 * TotalAlloc order) that earlier snapshots gave: idle spans a later dump shows released were no
 * retention (samples/go1.21/peak/default: 296.0 MiB idle after the GC and while idle, 32.0 KiB once
 * freed), and spans the latest still holds are one finding, not one per dump. The text report
 * lists the latest's; the JSON report now says the same.
 */
function judgedAtLatest(findings: readonly Finding[], ordered: readonly SnapshotAnalysis[]): Finding[] {
  const latest = ordered[ordered.length - 1]?.source;
  const earlier = new Set(ordered.map((s) => s.source).filter((source) => source !== latest));
  return findings.filter((f) => !LATEST_IN_SERIES.has(f.ruleId) || !earlier.has(f.source));
}

/** The goroutine dump of `snapshot`'s moment among `counting`, if one is (`snapshots`: how many heap snapshots were given: one pairs with a dump of another name). */
function momentDump(counting: readonly GoroutineSummary[], snapshot: SnapshotAnalysis, snapshots: number): GoroutineSummary | undefined {
  return snapshots === 1 ? sameMoment(counting, snapshot) ?? sameTime(counting, snapshot, isTraceback) : pairedCapture(counting, snapshot, isTraceback);
}

/** The goroutine dump that counts `snapshot`'s goroutines (withGoroutineCount): of its moment (momentDump), else, of one process (`oneProcess`), of a moment whose StackInuse was the same (stacksDump). */
function countingDumpOf(counting: readonly GoroutineSummary[], snapshot: SnapshotAnalysis, ordered: readonly SnapshotAnalysis[], oneProcess: boolean): CountingDump | undefined {
  const dump = momentDump(counting, snapshot, ordered.length);
  return dump ? { dump } : oneProcess ? stacksDump(counting, snapshot, ordered) : undefined;
}

/** A goroutine dump that counts a snapshot's goroutines, and the snapshot of its moment when that is another one (stacksDump). */
interface CountingDump {
  dump: GoroutineSummary;
  sameStacksAs?: string;
}

/**
 * For a snapshot of one process's series with no goroutine dump of its moment, the dump of the nearest snapshot (in
 * TotalAlloc order) whose StackInuse is the same to the byte: stacks come and go in spans, so the same StackInuse is the
 * same stacks, and the dump's count is theirs (the captured go1.19-audit48-threads: StackInuse 10,780,672 at every one of
 * its 21 snapshots, goroutine dumps at t16 and t56 only, the latest at t68 read as "about 5,264 goroutines" beside 303).
 */
function stacksDump(counting: readonly GoroutineSummary[], snapshot: SnapshotAnalysis, ordered: readonly SnapshotAnalysis[]): CountingDump | undefined {
  const stacks = snapshot.stats?.int('StackInuse');
  if (stacks === undefined || ordered.length < 2 || counting.length === 0) return undefined;
  const at = ordered.indexOf(snapshot);
  const nearest = ordered
    .map((s, i) => ({ s, distance: Math.abs(i - at) }))
    .filter(({ s }) => s !== snapshot && s.stats?.int('StackInuse') === stacks)
    .sort((a, b) => a.distance - b.distance);
  for (const { s } of nearest) {
    const dump = momentDump(counting, s, ordered.length);
    if (dump) return { dump, sameStacksAs: s.source };
  }
  return undefined;
}

/**
 * The goroutines that hold a site (leak-advice.ts heldByGoroutinesWords, as leak-suspected's fix
 * says it): of a series whose groups and sites grew (seriesHeld: the captured
 * go1.19-audit39-goroleak's gc1/ and goroutines/, "Cannot tell yet … only 2 GC-separated
 * snapshots"), or of one moment, a heap dump and the goroutine dump of the same moment
 * (oneMomentHeld). That the goroutines hold the memory is the next thing to look at, whether or
 * not it is a leak yet: the verdict says it when it does not suspect a leak (withHeld), and
 * goroutine-long-wait when it names the group.
 */
function heldByBlocked(ordered: readonly SnapshotAnalysis[], counting: readonly GoroutineSummary[], series: SeriesAnalysis | undefined): HeldWords | undefined {
  if (series && ordered.length >= 2) return seriesHeld(series);
  return ordered.length === 1 && ordered[0] ? oneMomentHeld(ordered[0], momentDump(counting, ordered[0], 1)) : undefined;
}

/** `verdict` with heldSentence after its summary, when it does not suspect a leak (its fix says it then). */
function withHeld<V extends Pick<Verdict, 'leak' | 'summary'>>(verdict: V, held: HeldWords | undefined): V {
  return held === undefined || verdict.leak === 'suspected' ? verdict : { ...verdict, summary: `${verdict.summary} ${heldSentence(held)}` };
}

/**
 * Of one moment: the goroutine dump's largest group of goroutineLongWaitMinCount or more that can hold what
 * it allocated, and the heap dump's site allocated in its function, when the site holds
 * heldMinShare of the profile's in-use bytes or more and about an object per goroutine at least
 * (half as many objects as goroutines: the counts are estimates from samples) — so that each
 * goroutine can hold one.
 */
function oneMomentHeld(snapshot: SnapshotAnalysis, dump: GoroutineSummary | undefined): HeldWords | undefined {
  if (!dump) return undefined;
  const groups = dump.groups.filter((g) => g.count >= THRESHOLDS.goroutineLongWaitMinCount && canHold(g));
  const sites = snapshot.profile.sites.filter((x) => !x.profiler && !x.runtimeOnly && x.inuseBytes >= THRESHOLDS.heldMinShare * snapshot.profile.inuseBytes);
  const held = heldByGoroutines(sites, groups);
  if (!held || held.site.inuseObjects * 2 < held.group.count) return undefined;
  return { group: held.group.function, words: heldByGoroutinesWords(held, held.group.count, held.site.inuseBytes, held.site.inuseObjects), site: siteOf(held.site) };
}

/**
 * A snapshot's findings, its goroutine-descriptors and stack-heavy findings with the count of the
 * goroutine dump of the same moment, when there is one: the descriptors are an estimate from the sampled
 * profile (a captured program: 7,564 estimated while 1,324 goroutines were alive), and which of
 * them belong to live goroutines is what a user asks next; the stacks are of many goroutines or of
 * few deep ones (stack-heavy.ts withGoroutineDump).
 */
function withGoroutineCount(snapshot: SnapshotAnalysis, counted: CountingDump | undefined): SnapshotAnalysis['findings'] {
  if (!counted) return snapshot.findings;
  const { dump, sameStacksAs } = counted;
  return snapshot.findings.flatMap((f) => (f.ruleId === 'stack-heavy' ? withGoroutineDump(f, dump, sameStacksAs) ?? [] : f.ruleId !== 'goroutine-descriptors' ? f : {
    ...f,
    // An estimate too rough to count (uncountable): the dump's count is the one said.
    message: descriptorsMessage(numberOf(f.evidence, 'descriptors') ?? 0, numberOf(f.evidence, 'bytes') ?? 0, numberOf(f.evidence, 'samples'), { ...dump, ...(sameStacksAs !== undefined ? { sameStacksAs } : {}) }),
    why: `${f.why} The goroutine dump ${dumpWords(dump.source, sameStacksAs)} counts ${formatCount(dump.total)} goroutines alive: ${descriptorsBeyondAlive(f.evidence, dump.total)}`,
    fix: `See what the ${formatCount(dump.total)} goroutines alive wait on (the Goroutines section groups them by stack and wait state): goroutines that wait forever are a leak; if few are alive, this is a past peak — lower the peak of simultaneous goroutines (a worker pool). If the count grows across dumps, goroutines are leaking.`,
  }));
}

/**
 * What the descriptors estimate says beside the goroutines alive. The estimate of n samples varies
 * by about √n samples: only when it exceeds the count alive by more than twice that are the rest
 * descriptors kept from goroutines that exited (6 samples, 7,564 estimated, 1,324 alive). From 2
 * samples (2,521 estimated, 124 alive) it cannot tell: the dump's count is the reference then.
 */
function descriptorsBeyondAlive(evidence: Record<string, number | string> | undefined, alive: number): string {
  const estimate = numberOf(evidence, 'descriptors') ?? 0;
  const bytes = numberOf(evidence, 'bytes') ?? 0;
  const samples = numberOf(evidence, 'samples');
  const low = samples === undefined ? estimate : samples > 0 ? estimate * (1 - 2 / Math.sqrt(samples)) : 0;
  if (low > alive) return 'their descriptors are among these; the rest are kept from goroutines that exited.';
  if (samples === undefined) return 'their descriptors are among these.';
  const each = estimate > 0 ? bytes / estimate : 0;
  const theirs = each > 0 ? `their descriptors take about ${formatBytes(alive * each)} (${formatCount(alive)} × ${formatBytes(each)}), and that count is the reference` : 'that count is the reference';
  return `${theirs}. The estimate above rests on ${countOf(samples, 'sample')}, too few to say that more descriptors are kept from goroutines that exited.`;
}

/** A finding's evidence value `key` when it is a number. */
function numberOf(evidence: Record<string, number | string> | undefined, key: string): number | undefined {
  const v = evidence?.[key];
  return typeof v === 'number' ? v : undefined;
}

/** How much attention a verdict asks for: unrelated dumps are headed by the one that asks the most. */
const ATTENTION = { suspected: 2, unknown: 1, 'not-suspected': 0 } as const;

/**
 * Unrelated dumps: the one that needs the most attention speaks for the set. Where several need
 * as much (7 dumps all `unknown`), the one where Go holds the most memory does, and the summary
 * says so: the first given was named, however small (audit 44: the dump just after a restart).
 */
function worstVerdict(snapshots: readonly VerdictOf[]): Verdict {
  const rank = ATTENTION;
  const top = Math.max(...snapshots.map((s) => rank[s.verdict.leak]));
  const tied = snapshots.filter((s) => rank[s.verdict.leak] === top);
  const held = (s: VerdictOf): number => s.breakdown?.retained ?? 0;
  const worst = tied.reduce((a, b) => (held(b) > held(a) ? b : a));
  const which = tied.length === 1 ? 'the one that needs the most attention'
    : `${tied.length === snapshots.length ? 'all' : formatCount(tied.length)} need as much attention; the one where Go holds the most (${formatBytes(held(worst))})`;
  return { ...worst.verdict, summary: `${snapshots.length} dumps analyzed separately; ${which}, ${worst.source}: ${worst.verdict.summary}` };
}


/**
 * A report's findings with those of the GC logs given beside its dumps (`logFindings`), the logs
 * read as the dumps' process's (as lint reads a directory of one process): a fact a dump said
 * already (the same cycle's pause: repeated-facts.ts) is not said again, and the GC's CPU share is
 * said once, at the series' last snapshot or the one snapshot (gc-cpu-high.ts seriesGcCpuFinding).
 * Dumps of no one process (several, no series) keep the logs' findings as they are.
 */
export function withProcessLogs(report: AnalyzeReport, logFindings: readonly Finding[]): Finding[] {
  const last = report.series ? report.series.points[report.series.points.length - 1]?.source : report.snapshots.length === 1 ? report.snapshots[0]?.source : undefined;
  if (last === undefined) return [...report.findings, ...logFindings];
  const repeated = repeatedFacts([...report.findings, ...logFindings]);
  const all = [...report.findings, ...logFindings.filter((f) => !repeated.has(f))];
  const gcCpu = oneFindingAt(all, 'gc-cpu-high', last, (found, at) => seriesGcCpuFinding(found, at, report.series?.points.length));
  if (!gcCpu) return all;
  const at = all.findIndex((f) => f.ruleId === 'gc-cpu-high');
  return [...gcCpu.others.slice(0, at), gcCpu.finding, ...gcCpu.others.slice(at)];
}

/**
 * The report's verdict with GC logs of another run or another program than the dumps (`others`:
 * each log with exposed.ts otherRunOfLog's sentences): each is weighed on its own, never with the
 * dumps, as `--separately` weighs a log. A log whose own verdict needs more attention than the
 * dumps' heads the report (so `--fail-on leak` fails on its leak, as on the log alone), the dumps'
 * verdict said after it (`dumps`: how many heap and goroutine dumps); else the dumps' verdict
 * stays, the sentences after it.
 */
export function withOtherRunLogs(verdict: Verdict, dumps: number, others: readonly { trace: { source: string; verdict: { leak: Verdict['leak']; summary: string } }; line: string }[]): Verdict {
  const lines = others.map((o) => o.line);
  const worst = others.reduce<(typeof others)[number] | undefined>((a, o) => (!a || ATTENTION[o.trace.verdict.leak] > ATTENTION[a.trace.verdict.leak] ? o : a), undefined);
  if (!worst || ATTENTION[worst.trace.verdict.leak] <= ATTENTION[verdict.leak]) return { ...verdict, summary: [verdict.summary, ...lines].join(' ') };
  const summary = [`${worst.trace.source}: ${worst.trace.verdict.summary}`, ...lines, `${dumps > 1 ? 'The dumps' : 'The dump'} alone: ${verdict.summary}`].join(' ');
  return { leak: worst.trace.verdict.leak, dominant: verdict.dominant, summary };
}

/**
 * Unrelated dumps with GC logs (`--separately`): a log that needs more attention than the dumps'
 * verdict speaks for the set, as worstVerdict says it ("42 dumps and 2 GC logs analyzed
 * separately; the one that needs the most attention, LOG: …"); on a tie the dumps' verdict stays.
 * A log is never weighed against the dumps as one process's (exposed.ts gcTraceVerdict).
 */
export function separateVerdictWithLogs(verdict: Verdict, dumps: number, logs: readonly { source: string; verdict: { leak: Verdict['leak']; summary: string } }[]): Verdict {
  const worst = logs.reduce<(typeof logs)[number] | undefined>((a, t) => (!a || ATTENTION[t.verdict.leak] > ATTENTION[a.verdict.leak] ? t : a), undefined);
  if (!worst || ATTENTION[worst.verdict.leak] <= ATTENTION[verdict.leak]) return verdict;
  const what = [dumps > 0 ? countOf(dumps, 'dump') : '', countOf(logs.length, 'GC log')].filter((w) => w !== '').join(' and ');
  return { leak: worst.verdict.leak, dominant: verdict.dominant, summary: `${what} analyzed separately; the one that needs the most attention, ${worst.source}: ${worst.verdict.summary}` };
}
