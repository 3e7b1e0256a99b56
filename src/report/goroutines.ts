/** Goroutine dumps and series in the text report: shared by the text and Markdown formatters. */
import { profilerLeftOutWords } from '../analyze/allocation.js';
import { countingDumps, crashOutputs, crashWhere, leakProfiles, minutesWords, waitedAtLeast, waitPlaceIfAmbiguous, type GoroutineGroup, type GoroutineSummary, threadsHeld, threadsHeldWords, threadStackBytes, threadStacksWords } from '../analyze/goroutines/index.js';
import type { GroupTrend, SamplingRateChange, SeriesAnalysis, SeriesPoint, SiteTrend } from '../analyze/series/index.js';
import { GREW_THEN_HELD_WORDS, groupHeld, NOT_GROWING_NOW, snapshotsNamed } from '../analyze/series/verdict.js';
import { forcedGCBy, overGCsWords } from '../analyze/series/forced.js';
import { goalRange } from '../analyze/series/heldgoal.js';
import { formatOf } from '../input/registry.js';
import { distinctName, partOfAnInput } from '../common/stems.js';
import { SAVE_BESIDE, unpairedStemWords } from '../analyze/moments.js';
import { inputTitle, stripControl } from '../text/sanitize.js';
import { countOf, firstOf, formatBytes, formatCount } from '../text/units.js';
import { runsTrend, TREND_SHOWN } from '../text/trend.js';

/**
 * `main.waitForLock [sync.Mutex.Lock, 3 minutes] ← created by main.spawn`; when its goroutines
 * waited differently, their spread and, when some waited under a minute, how many waited minutes:
 * `main.worker [chan receive, 1,005 waited 1–2 minutes]` (not the longest for the whole group).
 * When another group of `all` (its dump's) has the same function, state and creator, where it
 * waits: `net/http.(*persistConn).readLoop (reading responses)` (debug=1 prints no state).
 */
export function describeGroup(g: GoroutineGroup, all: readonly GoroutineGroup[] = []): string {
  const state = `${g.state ? ` [${g.state}${g.waitMinutes ? `, ${waitedWords(g)}` : ''}${lockedWords(g)}]` : ''}${waitPlaceIfAmbiguous(g, all)}`;
  const labels = g.labels ? ` ${JSON.stringify(g.labels)}` : '';
  const created = g.createdBy ? ` ← created by ${g.createdBy}` : '';
  return stripControl(`${g.function}${noFramesNote(g)}${state}${labels}${created}${groupKindNote(g)}`);
}

/** ` (the runtime counted these goroutines when the profile began but wrote no stack for them: …)`: why a group has no frames; `''` when it has some. The TUI's tables say it too. */
export function noFramesNote(g: GoroutineGroup): string {
  return g.noFrames !== undefined ? ` (${g.noFrames})` : '';
}

/** ` (the profiler's own)`, ` (runtime)`, ` (a finalizer, on the finalizer goroutine)`: what a group is when the program did not start it; `''` for the program's own. The TUI's tables say it too. */
export function groupKindNote(g: GoroutineGroup): string {
  return g.benign ? ` (${g.benignHint ?? 'runtime'})` : g.finalizer ? ' (a finalizer, on the finalizer goroutine)' : '';
}

/**
 * `, locked to thread` as the runtime prints it when every goroutine of the group is (runtime.LockOSThread: each keeps an
 * OS thread of its own, whose stacks are in StackInuse), `, 12 locked to thread` when some are; `''` when none is. The
 * TUI's group detail says it as its `locked to thread` row (the captured go1.19-audit48-threads: 300 main.blocker).
 */
function lockedWords(g: GoroutineGroup): string {
  const locked = g.lockedToThread ?? 0;
  if (locked === 0) return '';
  return locked === g.count ? ', locked to thread' : `, ${formatCount(locked)} locked to thread`;
}

/** Threads whose signal stacks take this much are worth a line under the goroutine groups (threadsLine): 32 threads. */
const THREADS_LINE_MIN_BYTES = 1024 * 1024;

/**
 * `Threads: 300 locked to their OS thread (runtime.LockOSThread) and in a syscall or cgo call, so at least 300 OS threads,
 * each with a 32 KiB signal stack …`: the threads a dump's goroutines hold and what they cost in StackInuse, which no
 * group's count shows (audit 48: the captured go1.19-audit48-threads' 300 locked goroutines, never named as threads);
 * undefined below THREADS_LINE_MIN_BYTES of their signal stacks.
 */
export function threadsLine(dump: GoroutineSummary): string | undefined {
  const held = threadsHeld(dump);
  if (!held || threadStackBytes(held.threads) < THREADS_LINE_MIN_BYTES) return undefined;
  return `Threads: ${threadsHeldWords(held)}, so ${threadStacksWords(held.threads)}.`;
}

/** `2 minutes`, `1–2 minutes`, `1,005 waited 1–2 minutes`: the waits a group's goroutines printed. */
function waitedWords(g: GoroutineGroup): string {
  const most = g.waitMinutes ?? 0;
  const counts = g.waitCounts;
  if (!counts) return `${most} minutes`;
  const waited = waitedAtLeast(g, 1);
  const span = minutesWords(counts[0]?.minutes ?? most, most);
  return waited < g.count ? `${formatCount(waited)} waited ${span}` : span;
}

/** `-:128 · snapshot 2: 127 goroutines in 5 groups (goroutine?debug=2)`: a stream's dump with its moment (momentOf, given the `series`). */
export function goroutineSummaryLine(d: GoroutineSummary, series?: SeriesAnalysis): string {
  return `${stripControl(inputTitle(d.source))}${momentOf(d.source, series)}: ${goroutineSummaryFacts(d)}`;
}

/**
 * Of each goroutine dump the series paired with a snapshot (series.points[].goroutineDump, the
 * debug=1 dump beside a debug=2 one of that moment too), that snapshot, 1-based.
 */
export function dumpSnapshots(points: readonly SeriesPoint[]): Map<string, number> {
  const at = new Map<string, number>();
  points.forEach((p, i) => {
    for (const source of [p.goroutineDump?.source, p.goroutineDump?.other?.source]) if (source !== undefined && !at.has(source)) at.set(source, i + 1);
  });
  return at;
}

/**
 * ` · snapshot 3`, after a stream's document's name (`-:927 · snapshot 3`): it is named by its line
 * in the stream only, where a file's name carries its time, so it says the snapshot of its moment
 * too (a heap dump's own, a goroutine dump's by the series' pairing: dumpSnapshots), the number the
 * verdict gives it. `''` for a file or folder (its name says it), or without a series. The text
 * report's and Markdown's Goroutines sections and the TUI's Goroutines and Series panes say it.
 */
export function momentOf(source: string, series: SeriesAnalysis | undefined): string {
  if (!series || !partOfAnInput(source)) return '';
  const own = series.points.findIndex((p) => p.source === source);
  const at = own >= 0 ? own + 1 : dumpSnapshots(series.points).get(source);
  return at === undefined ? '' : ` · snapshot ${formatCount(at)}`;
}

/** `404 goroutines in 5 groups (goroutine?debug=1)`: goroutineSummaryLine without the dump's name. */
export function goroutineSummaryFacts(d: GoroutineSummary): string {
  const kind = d.binary ? 'binary goroutine profile' : formatOf(d.kind)?.label ?? formatOf('goroutine')?.label;
  const goroutines = d.kind === 'goroutineleak' ? countOf(d.total, 'leaked goroutine') : countOf(d.total, 'goroutine');
  // A dump whose place is unknown (goroutines/order.ts) is in no trend: said where it is listed, the verdict says why.
  return `${goroutines} in ${countOf(d.groups.length, 'group')} (${kind})${d.truncated ? ', truncated' : ''}${cutNote(d)}${d.unplaced === undefined ? '' : '; its place among the others is unknown: in no trend'}${crashNote(d)}`;
}

/** `; cut short: its records count 1,201 of the header's 1,204 goroutines`, for a debug=1 dump whose records fall short of its header's total. */
export function cutNote(d: GoroutineSummary): string {
  return d.read !== undefined ? `; cut short: its records count ${formatCount(d.read)} of the header's ${countOf(d.total, d.kind === 'threadcreate' ? 'thread' : 'goroutine')}` : '';
}

/** `; a crash traceback: panic: boom [signal SIGSEGV: …] (line 1) in goroutine 1 at main.main (…)`: what crashed and where, when the dump is a crash's output. */
function crashNote(d: GoroutineSummary): string {
  return d.crash ? `; a crash traceback: ${crashWhere(d.crash)}` : '';
}



/**
 * What the Goroutines section lists: its dumps (crashes' outputs are listed apart, in `crashes`:
 * each is how one run died, not a moment of the process), the groups of the latest dump that
 * counts every goroutine (and the average stack over its total), and the latest goroutineleak
 * profile's groups apart.
 */
export function goroutineSection(all: readonly GoroutineSummary[]): { latest: GoroutineSummary | undefined; leaked: GoroutineSummary | undefined; dumps: GoroutineSummary[]; crashes: GoroutineSummary[] } {
  const crashes = crashOutputs(all);
  const dumps = all.filter((d) => d.crash === undefined);
  const counting = countingDumps(dumps);
  const leaked = leakProfiles(dumps);
  // Another count profile (threadcreate) is listed when nothing counts goroutines.
  const others = dumps.filter((d) => d.kind !== 'goroutineleak');
  return { latest: counting[counting.length - 1] ?? others[others.length - 1], leaked: leaked[leaked.length - 1], dumps, crashes };
}

/** A compact series of byte sizes (`4.3 MiB → 8.6 MiB → 13.5 MiB`) or counts, shortened past TREND_SHOWN values (text/trend.ts). */
export function trend(values: readonly number[], bytes = true): string {
  return runsTrend(values, bytes ? (v) => formatBytes(v) : (v) => formatCount(v));
}

/**
 * The series' growing sites as the text report, Markdown and the TUI list them: those still
 * growing, and apart, under a heading of their own (heldSitesTitle), those that grew, then held
 * (SiteTrend.heldFrom) — not growing now, so never under "Growing" (the captured
 * go1.19-audit36/mapclear's main.fill, 0 → 80.8 → 146.6 MiB, then flat at five GCs).
 */
export function growingAndHeld(series: SeriesAnalysis): { growing: SiteTrend[]; held: SiteTrend[] } {
  return { growing: series.growingSites.filter((s) => s.heldFrom === undefined), held: series.growingSites.filter((s) => s.heldFrom !== undefined) };
}

/**
 * The series' growing goroutine groups as the text report and Markdown list them, as growingAndHeld
 * the sites: those still growing, and apart (heldGroupsTitle) those that grew, then held (verdict.ts
 * groupHeld, the verdict's "Grew, then held": the captured go1.19-audit46-workerpool-watch's
 * main.worker, 0 → 299 goroutines, then 299 at five dumps, was listed under "Growing goroutine groups").
 */
export function growingAndHeldGroups(series: SeriesAnalysis): { growing: GroupTrend[]; held: GroupTrend[] } {
  return { growing: series.growingGroups.filter((g) => !groupHeld(g)), held: series.growingGroups.filter(groupHeld) };
}

/** The heading of the goroutine groups that grew, then held: `Goroutine groups that grew, then held (not growing now)`. */
export function heldGroupsTitle(): string {
  return `Goroutine groups that ${GREW_THEN_HELD_WORDS.charAt(0).toLowerCase()}${GREW_THEN_HELD_WORDS.slice(1)} (${NOT_GROWING_NOW})`;
}

/**
 * The heading of the sites that grew, then held, in the verdict's words: `Allocation sites that
 * grew, then held (not growing now; in use, one snapshot per GC epoch)`, `more` inside its
 * parentheses.
 */
export function heldSitesTitle(more?: string): string {
  return `Allocation sites that ${GREW_THEN_HELD_WORDS.charAt(0).toLowerCase()}${GREW_THEN_HELD_WORDS.slice(1)} (${NOT_GROWING_NOW}${more ? `; ${more}` : ''})`;
}

/**
 * `1–16,743, 16,750&16,751`: the snapshots that share a NumGC with the next, from the series'
 * pairs of neighbours (0-based), as runs of consecutive snapshots (1-based); past
 * TREND_SHOWN runs, the first ones and how many more.
 */
export function sameEpochRuns(pairs: readonly (readonly [number, number])[]): string {
  const runs: [number, number][] = [];
  for (const [a, b] of pairs) {
    const last = runs[runs.length - 1];
    if (last && last[1] === a) last[1] = b;
    else runs.push([a, b]);
  }
  const text = (r: [number, number]): string => `${formatCount(r[0] + 1)}${r[1] - r[0] === 1 ? '&' : '–'}${formatCount(r[1] + 1)}`;
  const shown = runs.slice(0, TREND_SHOWN).map(text);
  return runs.length > TREND_SHOWN ? `${shown.join(', ')} and ${countOf(runs.length - TREND_SHOWN, 'more run')}` : shown.join(', ');
}

/**
 * The line under the series table that names the snapshots it has no place for
 * (SeriesAnalysis.withoutMemStats). `given`: the report's snapshots, of which those of a profile's
 * file stem in another folder are named, not asked for again (audit 46 #7).
 */
export function notInSeries(sources: readonly string[], given: readonly { source: string; profile: { format: unknown } }[] = []): string {
  const names = firstOf(sources.map((source) => stripControl(source.split('/').pop() ?? source)), 3);
  const [only] = sources;
  const why = only !== undefined && sources.length === 1 ? unpairedStemWords(only, given.filter((g) => !sources.includes(g.source))) : undefined;
  if (why !== undefined) return `Not in the series: ${names}, without MemStats (no place in TotalAlloc order); ${why}: ${SAVE_BESIDE}.`;
  return `Not in the series: ${names}, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of ${sources.length === 1 ? 'its moment' : 'their moments'} with the same file stem.`;
}

/**
 * The line under the series table that names the snapshots whose program nothing checked
 * (SeriesAnalysis.sameProgramUnchecked): `Snapshot 1 (baseline.heap-debug1.txt) carries no stack
 * frames: heapdoc cannot check it is the same program as the others.`
 */
export function sameProgramUncheckedNote(series: SeriesAnalysis): string | undefined {
  const sources = series.sameProgramUnchecked ?? [];
  if (sources.length === 0) return undefined;
  const at = new Map(series.points.map((p, i) => [p.source, i]));
  const indexes = sources.map((s) => at.get(s)).filter((i): i is number => i !== undefined);
  const names = firstOf(sources.map((source) => stripControl(source.split('/').pop() ?? source)), 3);
  const one = sources.length === 1;
  // Every snapshot: the frames are the goroutine dumps' alone (/debug/vars beside goroutine dumps).
  if (!one && indexes.length === series.points.length) return `All ${formatCount(sources.length)} snapshots carry no stack frames: heapdoc cannot check they are the same program as the goroutine dumps.`;
  const which = indexes.length === sources.length ? `${snapshotsNamed(indexes)} (${names})` : names;
  return `${which.charAt(0).toUpperCase()}${which.slice(1)} ${one ? 'carries' : 'carry'} no stack frames: heapdoc cannot check ${one ? 'it is' : 'they are'} the same program as the others.`;
}

/**
 * The line under the series table that names the snapshots carrying the profile of an earlier one
 * (SeriesAnalysis.sameProfile): `heap-t140.txt and heap-t220.txt carry the same heap profile …`.
 */
export function sameProfileNote(series: SeriesAnalysis): string | undefined {
  const pairs = series.sameProfile ?? [];
  if (pairs.length === 0) return undefined;
  const sources = series.points.map((p) => p.source);
  const named = pairs.map(([a, b]) => `${stripControl(distinctName(a, sources))} and ${stripControl(distinctName(b, sources))}`);
  const one = pairs.length === 1;
  return `${firstOf(named, TREND_SHOWN)} carry the same heap profile (the same records) though a GC ran between them: the runtime had not published a newer one, so ${one ? 'it is' : 'each is'} one reading, not a site that held; the site trends read ${one ? 'it' : 'each'} once.`;
}

/** Snapshots' sources as the series table names them (distinctName among its points), control characters stripped. */
function pointNames(series: SeriesAnalysis, ...sources: string[]): string[] {
  const all = series.points.map((p) => p.source);
  return sources.map((source) => stripControl(distinctName(source, all)));
}

/**
 * The line under the series table when the program changed runtime.MemProfileRate during the run
 * (SeriesAnalysis.samplingRateChange): the site trends read the profiles from the change on.
 */
export function samplingRateChangeNote(series: SeriesAnalysis): string | undefined {
  const change = series.samplingRateChange;
  if (!change) return undefined;
  const [before, after] = pointNames(series, change.before, change.after);
  return `${rateChangedWords(change, before ?? '', after ?? '')}, so the site trends read the profiles from ${after} on; the MemStats trends read every snapshot.`;
}

/**
 * `The heap profile's sampling rate changed between heap-t16.txt (MemProfileRate 524,288) and
 * heap-t26.txt (1): the program set runtime.MemProfileRate while it ran, and the runtime scales every
 * record by the rate in force, older records too` — a series' note and a diff's (SamplingRateChange),
 * each saying what it compares then; `before` and `after`: the two dumps as the report names them.
 */
export function rateChangedWords(change: SamplingRateChange, before: string, after: string): string {
  return `The heap profile's sampling rate changed between ${before} (MemProfileRate ${formatCount(change.beforeRate)}) and ${after} (${formatCount(change.afterRate)}): the program set runtime.MemProfileRate while it ran, and the runtime scales every record by the rate in force, older records too`;
}

/**
 * The line under the series table when a profile caught up with what was allocated before the moment before it
 * (SeriesAnalysis.profileCaughtUp): a site that grew only through it is no growing site.
 */
export function profileCaughtUpNote(series: SeriesAnalysis): string | undefined {
  const lag = series.profileCaughtUp;
  if (!lag) return undefined;
  const [before, after] = pointNames(series, lag.before, lag.after);
  return `The heap profiles' allocated bytes rose ${formatBytes(lag.profileRise)} from ${before} to ${after}, TotalAlloc only ${formatBytes(lag.totalAllocRise)}: ${before}'s profile was older than its MemStats (a heap profile is as of the GC before last): a site that grew only from it to ${after} is no growing site, as what that profile lacked was not growth.`;
}

/**
 * The line under the series table when some snapshots were read between GCs and the others right
 * after a forced GC (SeriesAnalysis.betweenGCs): their live values are not like for like. When the
 * series' readings are all between GCs (SeriesVerdict.readBetweenGCs; the row is then `HeapAlloc`,
 * liveRowName): what that row holds, and the profile's in-use it is weighed against.
 */
export function betweenGCsNote(series: SeriesAnalysis): string | undefined {
  const read = series.verdict.readBetweenGCs;
  if (read) {
    // What showed it: the latest snapshot's profile, an earlier one's (`snapshot`), the heap goal's room per GC (`room`), or both of these; or MemStats alone (`withoutProfile`).
    const profile = read.profileInUseBytes === undefined ? undefined
      : `the heap profile, as of ${read.snapshot === undefined ? "the latest snapshot's" : `snapshot ${formatCount(read.snapshot)}'s`} last GC, had ${formatBytes(read.profileInUseBytes)} in use`;
    const room = read.room ? `it moved within the ${formatBytes(read.room.perGCBytes)} allocated per GC cycle, under a heap goal that held (NextGC ${goalRange(read.room.lowNextGCBytes, read.room.highNextGCBytes)})` : undefined;
    // Plain heap dumps alone (`plainDumps`): none read right after a forced GC.
    const plain = read.plainDumps === undefined ? undefined : read.plainDumps === 1 ? 'the heap dump was read between GCs, not right after a forced GC'
      : `each of the ${formatCount(read.plainDumps)} heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC`;
    // MemStats alone: what they are, with nothing to weigh them against.
    const alone = read.withoutProfile ? '/debug/vars and /metrics read MemStats when asked, never right after a GC, and have no heap profile to say what is live' : undefined;
    return `HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; ${[plain, profile, room, alone].filter(Boolean).join('; ')}.${lastGcEstimatesNote(series)}`;
  }
  const between = series.betweenGCs ?? [];
  if (between.length === 0) return lastGcEstimatesNote(series).trim() || undefined;
  const named = snapshotsNamed(between);
  const one = between.length === 1;
  return `${named.charAt(0).toUpperCase()}${named.slice(1)} ${one ? 'was' : 'were'} read between GCs, the others right after a forced GC (${forcedGCBy(series.points.filter((_, i) => !between.includes(i)).map((p) => p.source))}): ${one ? 'its' : 'their'} HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.`;
}

/**
 * Where the growing sites' trends are read: `one snapshot per GC epoch`, or, when a series mixing
 * ?gc=1 dumps with dumps read between GCs reads them at the former alone (series/index.ts: the
 * verdict rests on those), `at the 5 snapshots read right after a forced GC (?gc=1)`.
 */
export function siteTrendsWhere(series: SeriesAnalysis): string {
  const between = new Set((series.betweenGCs ?? []).map((i) => series.points[i]?.source));
  const forcedOnly = between.size > 0 && series.trendSources.length > 0 && series.trendSources.every((s) => !between.has(s));
  return forcedOnly ? `at the ${formatCount(series.trendSources.length)} snapshots read right after a forced GC (${forcedGCBy(series.trendSources)})` : 'one snapshot per GC epoch';
}

/**
 * The program's allocation rate under the series table (SeriesAnalysis.allocation): `1.2 MiB per
 * GC cycle, 745.4 KiB/s (the profiler's own 66.0 MiB left out)` (the captured go1.19-audit27-burst
 * with --interval 2s), the profiler's own named when they are 1% or more of what TotalAlloc
 * counted, and the step that allocated most of it (`burst`); undefined without a rate. When the profiler's estimate is as large as TotalAlloc's rise
 * (`profilerAboveRise`), that the rate cannot be told, and why.
 */
export function allocationRate(series: SeriesAnalysis): string | undefined {
  const rate = series.allocation;
  const p = series.points;
  const counted = (p[p.length - 1]?.totalAlloc ?? 0) - (p[0]?.totalAlloc ?? 0);
  // The profiler's estimate is as large as the rise: no rate, never 0 B (allocation.ts programAllocatedBytes).
  if (rate.profilerAboveRise) return `cannot be told: TotalAlloc rose by ${formatBytes(counted)}, no more than the profiler's own allocations as the sampled profiles estimate them (${formatBytes(rate.profilerBytes)}), so the program's share of it is unknown`;
  const perGC = rate.bytesPerGC !== undefined ? `${formatBytes(rate.bytesPerGC)} per GC cycle` : rate.overGCs ? overGCsWords(rate.overGCs) : '';
  const parts = [perGC, rate.bytesPerSecond !== undefined ? `${formatBytes(rate.bytesPerSecond)}/s` : ''].filter(Boolean);
  if (parts.length === 0) return undefined;
  const leftOut = profilerLeftOutWords(rate.profilerBytes, counted);
  // A mean one step made (the captured go1.19-audit35-burst: "19.1 MiB/s" of one 200 MiB burst, then ~60 KiB a step).
  const burst = rate.burst ? `; of it, one step (snapshots ${formatCount(rate.burst.from)}→${formatCount(rate.burst.to)}) allocated ${formatBytes(rate.burst.bytes)}: a burst, not a rate kept up` : '';
  return `${parts.join(', ')}${leftOut ? ` (${leftOut})` : ''}${burst}${ratePhasesWords(series)}`;
}

/**
 * `; it changed: ~1.9 MiB/s over snapshots 1→2, ~16.3 MiB/s over 2→5, ~2.0 MiB/s over 5→7` (SeriesAnalysis.allocation.phases):
 * a stable or churning series' stretches of one rate (reasoning.md §7), which its one mean averages.
 */
function ratePhasesWords(series: SeriesAnalysis): string {
  const phases = series.allocation.phases;
  if (!phases) return '';
  const over = phases.map((p, i) => `~${formatBytes(p.bytesPerSecond)}/s over ${i === 0 ? 'snapshots ' : ''}${formatCount(p.from + 1)}→${formatCount(p.to + 1)}`);
  return `; it changed: ${over.join(', ')}`;
}

/**
 * The name of the series table's first row: `live`, or `HeapAlloc` when the series' readings are
 * between GCs (SeriesVerdict.readBetweenGCs), or some are (SeriesAnalysis.betweenGCs): live plus garbage not yet collected, which
 * betweenGCsNote says under the table. The TUI's Series pane names it so too.
 */
export function liveRowName(series: SeriesAnalysis): 'live' | 'HeapAlloc' {
  // A row that mixes readings between GCs with readings right after a forced GC (betweenGCs) is HeapAlloc too: only some of it
  // is the live heap (the captured go1.19-audit47-gogc400's whole folder: "live 39.9 MiB → 40.2 MiB → 32.3 MiB → 74.4 MiB …").
  return series.verdict.readBetweenGCs || (series.betweenGCs?.length ?? 0) > 0 ? 'HeapAlloc' : 'live';
}

/** The series table's row of the live heap's estimates as of each snapshot's last GC (SeriesVerdict.lastGcEstimates). */
export const LIVE_AS_OF_GC = 'live as of GC';

/**
 * ` "live as of GC" is each snapshot's heap profile in use …`: what the `live as of GC` row holds
 * (SeriesVerdict.lastGcEstimates), said after betweenGCsNote's words; empty without it.
 */
function lastGcEstimatesNote(series: SeriesAnalysis): string {
  const e = series.verdict.lastGcEstimates;
  if (!e) return '';
  const what = e.source === 'profiles'
    ? "each snapshot's heap profile in use (a sampled estimate)"
    : `each snapshot's NextGC / ${1 + (e.gogc ?? 100) / 100} (GOGC=${e.gogc ?? 100}${e.gogcNamed ? ', as the name says' : ', the default'})`;
  return ` "${LIVE_AS_OF_GC}" is ${what}: the live heap as of its last GC, which the verdict reads the ${e.trend ? "live heap's trend" : 'peak'} from.`;
}

/**
 * Under the table's RSS row, when --rss SIZE gave one snapshot's RSS and the others' are what their
 * captures reported (process_resident_memory_bytes, a moment's scrape, an RSS file): `RSS: 300.0 MiB
 * at snapshot 5 is the one --rss gave; the others are what their captures report.` (the captured
 * go1.19-audit39-offheap-metrics with --rss 300MiB). Undefined otherwise, or without the row.
 */
export function rssOriginNote(series: SeriesAnalysis): string | undefined {
  const p = series.points;
  const given = p.findIndex((x) => x.rssOrigin === 'flag');
  const at = p[given];
  if (!at || at.rss === undefined || p.length < 2 || !p.every((x) => x.rss !== undefined)) return undefined;
  return `RSS: ${formatBytes(at.rss)} at snapshot ${formatCount(given + 1)} is the one --rss gave; the others are what their captures report.`;
}

/** Rows of the series table: each bucket over the snapshots. */
export function seriesRows(series: SeriesAnalysis): [string, string][] {
  const p = series.points;
  // A peak read between GCs rests on each snapshot's estimate of the live heap as of its last GC, not on HeapAlloc: its row, so
  // that the verdict's numbers are in the table (the captured go1.19-audit43-concpeak's plain/, "rose from 3.0 MiB at snapshot 2
  // to 243.6 MiB at snapshot 3", had only HeapAlloc 366.0 MiB → 1.7 MiB → 65.8 MiB → …). `–` where a snapshot has none.
  const estimates = series.verdict.lastGcEstimates;
  const rows: [string, string][] = [
    [liveRowName(series), trend(p.map((x) => x.breakdown.live))],
    ...(estimates ? [[LIVE_AS_OF_GC, runsTrend(p.map((_, i) => estimates.values[i] ?? NaN), (v) => (Number.isNaN(v) ? '–' : formatBytes(v)))] as [string, string]] : []),
    ['fragmentation', trend(p.map((x) => x.breakdown.fragmentation))],
    ['idle', trend(p.map((x) => x.breakdown.idle))],
    ['released', trend(p.map((x) => x.breakdown.released))],
    ['stacks', trend(p.map((x) => x.breakdown.stacks))],
    ['HeapSys', trend(p.map((x) => x.heapSys ?? 0))],
    ['HeapObjects', trend(p.map((x) => x.heapObjects ?? 0), false)],
    ['NumGC', trend(p.map((x) => x.numGC), false)],
  ];
  // The process's RSS beside what Go holds, when every snapshot knows it (a scrape's
  // process_resident_memory_bytes, --rss): memory outside the Go heap shows as their gap growing.
  const rss = p.map((x) => x.rss);
  if (p.length >= 2 && rss.every((r): r is number => r !== undefined)) rows.push(['Go holds', trend(p.map((x) => x.breakdown.retained))], ['RSS', trend(rss)]);
  return p.length > 0 ? rows : [];
}
