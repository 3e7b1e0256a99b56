/**
 * A series of heap snapshots of one process (reasoning.md §3). One dump cannot tell a leak
 * from a peak; a series can:
 *  - leak: post-GC live heap (HeapAlloc, HeapObjects, HeapInuse) keeps rising across
 *    GC-separated snapshots, with particular sites (or goroutine groups) growing;
 *  - peak retention: live falls back while HeapSys stays at its high-water mark;
 *  - churn: TotalAlloc grows many times faster than live, which stays flat;
 *  - stable: none of these.
 * Snapshots taken between the same two GCs show the same heap records (the profile is published
 * at GC), so site trends use one snapshot per GC epoch.
 */
import { linuxRelease } from '../breakdown.js';
import { growingHolder, HOLDER_MAX_OBJECTS } from './holder.js';
import { posix } from 'node:path';
import type { GoroutineGroup, GoroutineSummary } from '../goroutines/index.js';
import type { HttpClientWaits } from '../goroutines/model.js';
import { countingDumps, isTraceback, mixedFormats, otherFormatCounts, type MomentCount } from '../goroutines/tracks.js';
import { pairedCapture } from '../../common/stems.js';
import { trendKey, waitedAtLeast, wokenAcross } from '../goroutines/waits.js';
import { isHttpClientFunction, isStandardLibrary } from '../goroutines/frames.js';
import { offHeapGrowth } from './offheap.js';
import { THRESHOLDS } from '../thresholds.js';
import { recursionOf, type Recursion } from '../goroutines/stacks.js';
import { HeapdocError, HeapdocProblems } from '../../input/errors.js';
import { shellWord } from '../../input/urls.js';
import { byCaptureFolder, folderOf, hasFrames, notOneProgram, programsOf, type Program } from './identity.js';
import { pauseEndTime, RING, ringAgreement } from './gcring.js';
import { deltaWindow, isDescriptorSite, writtenByGo } from '../profile.js';
import { firstOf, formatCount } from '../../text/units.js';
import type { CallerTrend, GroupTrend, PointGoroutineDump, ProfileCaughtUp, SamplingRateChange, SeriesAnalysis, SeriesPoint, SeriesSite, SeriesSnapshot, SiteTrend, SizeClassTrend } from './model.js';
import { isCallerShare, siteKey, type CallerShare, type SiteCaller } from '../profile.js';
import { classBytes } from '../sizeclasses.js';
import { estimateVariance, fallTolerance, profileAheadSlack, samplesBehind } from '../unsample.js';
import { fallSlack, growOverlaps, heldFrom, nonDecreasing, onlyMoves, withoutOldCopies } from './trend.js';
import { judgeSeries, programAllocated, type OldCopies, type SeriesGcOff } from './verdict.js';
import { comparedAfterForcedGC, goalRatioChanges, judgedAfterForcedGC, perCycleRate, readAfterForcedGC, steadyHighGogcWords } from './forced.js';
import { gcOff } from '../gcoff.js';
import { goalHeldByLimit, goalMovesBetweenGCs } from './heldgoal.js';
import { goalPinnedFrom } from './pinned.js';
import { profilerAllocatedBytes } from '../allocation.js';
import { recentLimitSigns } from '../memlimit.js';
import { allocationBurst, stepAllocations } from './burst.js';
import { ratePhases } from './ratephases.js';

export type { GroupTrend, LeakEvidence, SamplingRateChange, SeriesAnalysis, SeriesKind, SeriesPoint, SeriesSite, SeriesSnapshot, SeriesVerdict, SiteTrend } from './model.js';

import { SERIES_THRESHOLDS } from './thresholds.js';

export { SERIES_THRESHOLDS } from './thresholds.js';

/** The allocation's stretches of one rate are a stable or churning series' (reasoning.md §7): other verdicts' words say their own story. */
function withPhasesOf<T extends { phases?: unknown }>(allocation: T, kind: string): T {
  if (allocation.phases === undefined || kind === 'stable' || kind === 'churn') return allocation;
  const { phases: _phases, ...rest } = allocation;
  return rest as T;
}

/** A series' steps are rates TotalAlloc measured between two dumps: one step stands as a stretch from a sixth of the time (ratePhases). */
const SERIES_RATE_STEPS = { minShare: 0.15, minIntervals: 1 };

export interface SeriesOptions {
  /** Seconds between consecutive snapshots, when the user knows it (--interval). */
  intervalSeconds?: number;
}

/**
 * Dumps of several programs given as one series (series/identity.ts programsOf): one problem for
 * them all, naming each program; its hint is analyze's (lint gives its own).
 */
export class NotOneProgram extends HeapdocError {
  /**
   * `folders`: each program's folder, when every program is named by one (notOneProgram): a
   * command's own hint is built on them (runEach). `severalRuns`: those of them whose own dumps
   * cannot be one process either (a folder of several runs of its program), which a run on the
   * folder would refuse in turn.
   */
  constructor(message: string, hint: string, readonly folders?: readonly string[], readonly severalRuns: readonly string[] = []) {
    super(message, hint);
  }
}

/**
 * Two dumps of a series (TotalAlloc order: `earlier`, then `later`) that cannot be snapshots of one
 * process: `why`, a cumulative counter that falls between them (`counters`) or a GC cycle both hold
 * that ended, or paused, at another time in each (`gc-cycle`). lint says a folder's pairs in one line.
 */
export class NotOneProcessPair extends HeapdocError {
  constructor(readonly later: string, readonly earlier: string, readonly why: string, readonly evidence: 'counters' | 'gc-cycle', hint: string, readonly runs: readonly SeriesRun[] = []) {
    super(`${later} and ${earlier} cannot be snapshots of one process: ${why}`, hint);
  }
}

/**
 * One run (or process) of a series that holds several: its dumps (TotalAlloc order) and when its
 * GC cycle 1 ended (MemStats PauseEnd, unix ns; undefined when no dump of it still holds cycle 1).
 */
export interface SeriesRun {
  sources: readonly string[];
  firstGcEnd?: bigint;
}

/** When GC cycle 1 ended in `s` (PauseEnd[0]), while the ring still holds it; undefined before any GC or after 256. */
function firstGcEnd(s: SeriesSnapshot): bigint | undefined {
  const numGC = s.stats?.int('NumGC');
  const end = s.stats?.ring('PauseEnd')?.[0];
  return numGC !== undefined && numGC >= 1 && numGC <= RING && end !== undefined && end > 0n ? end : undefined;
}

/**
 * The runs of a series' snapshots (TotalAlloc order) that are not one process: each snapshot joins
 * the run whose GC cycle 1 ended at the same nanosecond (a run's identity, as the ring keeps it);
 * one that holds no cycle 1 (no GC yet, or 256 since) joins the first such run whose latest
 * snapshot it can follow (no counter falls, no GC cycle disagrees); else it starts a run. Runs in the order their GC 1 ended (those it is unknown for last,
 * as found), so that a restarted program's runs read in time order.
 */
export function runsOf(ordered: readonly SeriesSnapshot[]): SeriesRun[] {
  const runs: { members: SeriesSnapshot[]; firstGcEnd?: bigint }[] = [];
  for (const s of ordered) {
    const end = firstGcEnd(s);
    const follows = (run: { members: SeriesSnapshot[] }): boolean => {
      const last = run.members[run.members.length - 1];
      return last !== undefined && counterFall(last, s) === undefined && ringConflict(last, s) === undefined;
    };
    // A dump before any GC cannot be placed by its counters (an early dump's rise into any run): it goes with such dumps only.
    const run = end !== undefined ? runs.find((r) => r.firstGcEnd === end) : runs.find((r) => r.firstGcEnd === undefined && follows(r));
    if (run) run.members.push(s);
    else runs.push({ members: [s], ...(end !== undefined ? { firstGcEnd: end } : {}) });
  }
  const known = runs.filter((r) => r.firstGcEnd !== undefined).sort((a, b) => ((a.firstGcEnd ?? 0n) < (b.firstGcEnd ?? 0n) ? -1 : 1));
  return [...known, ...runs.filter((r) => r.firstGcEnd === undefined)]
    .map((r) => ({ sources: r.members.map((m) => m.source), ...(r.firstGcEnd !== undefined ? { firstGcEnd: r.firstGcEnd } : {}) }));
}

/** What a series reads alone: no verdict over time. */
const SEPARATELY = '--separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)';

/** How many commands the hint spells out before `and N more`. */
const COMMANDS = 3;

/** Whether folder `inner` lies under folder `outer` (`.`: any relative folder but `..`'s). */
function within(inner: string, outer: string): boolean {
  if (inner === outer) return false;
  if (outer === '.') return !posix.isAbsolute(inner) && inner !== '..' && !inner.startsWith('../');
  return inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}

/**
 * The run that gives one program's folder its series verdict: `heapdoc FOLDER`, or, when another
 * program's folder lies under it (heapdoc walks a folder's subfolders, and would read that program
 * again), `heapdoc 'FOLDER/*'`: a glob of its own files, which leaves the subfolders out.
 */
function programRun(folder: string, folders: readonly string[], command: string, severalRuns: readonly string[]): string {
  const run = `${command} ${shellWord(folders.some((f) => within(f, folder)) ? posix.join(folder, '*') : folder)}`;
  return severalRuns.includes(folder) ? `${run} once its runs are in folders of their own` : run;
}

/**
 * analyze's fix for dumps of several programs (or runs, series/runs.ts): heapdoc on each one's
 * folder, or each one's dumps in a folder of their own. `command`: the command the user ran, as
 * the runs are spelt (`heapdoc tui`: the view refuses them too, before it opens).
 */
export function runEach(what: 'program' | 'run', folders?: readonly string[], command = 'heapdoc', severalRuns: readonly string[] = []): string {
  if (!folders) return `move each ${what}'s dumps into a folder of its own and run ${command} on each folder for its series verdict; ${SEPARATELY}`;
  return `run ${command} on each folder for its series verdict (${firstOf(folders.map((f) => programRun(f, folders, command, severalRuns)), COMMANDS)}); ${SEPARATELY}`;
}

/**
 * Whether the program of `folder` (programsOf) is itself several runs: its own heap dumps cannot
 * be one process (oneProcessProblems' pairs). A run on that folder alone would be refused in
 * turn, so the hint says to split it first (the corpus's go1.19/peak beside go1.21/peak).
 */
function holdsSeveralRuns(folder: string, programs: readonly Program[], ordered: readonly SeriesSnapshot[]): boolean {
  const program = programs.find((p) => (p.folder ?? folderOf(p.members[0]?.source ?? '')) === folder);
  if (!program) return false;
  const members = new Set<unknown>(program.members);
  const own = ordered.filter((s) => members.has(s));
  return own.length > 1 && oneProcessProblems(own).some((e) => e instanceof NotOneProcessPair);
}

/**
 * A delta profile (heap?seconds=N) among several inputs: a window's change, not a moment, so no place
 * in a series and nothing a diff can compare (--separately or not). The first one, in one line.
 */
export function deltaProblems(snapshots: readonly SeriesSnapshot[]): HeapdocError[] {
  const delta = snapshots.find((s) => s.profile.format?.deltaMs !== undefined);
  return delta ? [new HeapdocError(`${delta.source} is a delta profile ${deltaWindow(delta.profile.format) ?? ''}, not a snapshot: its in-use and allocated are changes in that window, not totals, so it has no place beside the other inputs`,
    `analyze it alone (heapdoc ${shellWord(delta.source)}); for a series, capture whole profiles (heap?debug=1, without seconds=) and leave it out`)] : [];
}

/**
 * Why heap dumps (ordered by TotalAlloc) and the goroutine dumps given with them cannot come from
 * one process: a gperftools profile among them (no Go process), not one binary
 * (series/identity.ts: a PC names the same functions at the same places, a function the same file,
 * package main the same directory), scrapes of two targets, two sampling rates, cumulative counters
 * that fall, or a GC cycle both hold that ended at another time (gcring.ts). The problems of the
 * first check that finds any: for binaries, one line naming each program; otherwise a line per
 * dump that cannot belong; none when they can. `analyze` and `diff` refuse on them. A dump none of
 * these can check is sameProgramUnchecked's.
 */
export function oneProcessProblems(ordered: readonly SeriesSnapshot[], goroutineDumps: readonly GoroutineSummary[] = []): HeapdocError[] {
  const delta = ordered.length + goroutineDumps.length > 1 ? deltaProblems(ordered) : [];
  if (delta.length > 0) return delta;
  const foreign = ordered.length + goroutineDumps.length > 1 ? notGoProfiles(ordered) : [];
  // Beside a C++ profile, the Go dumps' programs are said too: the whole picture in one run.
  const goOnly = foreign.length > 0 ? ordered.filter((s) => writtenByGo(s.profile.format)) : ordered;
  // A crash's output is in no series (goroutines/tracks.ts): crashes of several programs may be read together.
  // Named by capture folder (huge/, not huge/gc1/ and huge/plain/): what a user runs heapdoc on.
  const programs = byCaptureFolder(programsOf([...goOnly, ...goroutineDumps.filter((d) => d.crash === undefined)]), (members) => {
    const dumps = new Set<unknown>(members);
    const own = ordered.filter((s) => dumps.has(s));
    return !oneProcessProblems(own).some((e) => e instanceof NotOneProcessPair);
  });
  if (programs.length > 1) {
    const { message, folders } = notOneProgram(programs);
    const severalRuns = folders ? folders.filter((folder) => holdsSeveralRuns(folder, programs, ordered)) : [];
    return [...foreign, new NotOneProgram(message, runEach('program', folders, 'heapdoc', severalRuns), folders, severalRuns)];
  }
  if (foreign.length > 0) return foreign;
  // Scrapes labelled with their target (a /federate page): the labels say which process each is.
  const labelled = ordered.filter((s) => s.target !== undefined);
  const [first] = labelled;
  const other = labelled.find((s) => s.target !== first?.target);
  if (first && other) {
    const targets = `{${first.target ?? ''}} and {${other.target ?? ''}}`;
    // Scrapes of one page are named with their target already (`m.txt#2{job="api"}`).
    const which = other.source === first.source ? `${first.source} holds scrapes of different targets, ${targets}`
      : `${first.source} and ${other.source} are scrapes of different targets${first.source.includes(first.target ?? '') ? '' : `, ${targets}`}`;
    return [new HeapdocError(`${which}: not one process`,
      "pick one with --target job=NAME,instance=HOST:PORT, or add --separately to judge each on its own")];
  }
  // A program should set runtime.MemProfileRate once, at its start (the runtime's docs ask so):
  // profiles sampled at two rates are of two runs (the corpus's memrate: heap/2 and heap/1048576,
  // whose counters alone do not tell them apart) — unless a GC cycle both hold, ended at the same
  // nanosecond, links each change of rate (gcring.ts): then one run changed it (the captured
  // go1.19-audit47-ratechange sets it to 1 at 20 s), which samplingRateChange says.
  const unlinked = rateChanges(ordered).find(([a, b]) => ringAgreement(a.stats, b.stats).kind !== 'agree') ?? unplacedRate(ordered);
  if (unlinked) {
    const [firstRated, otherRate] = unlinked;
    return [new HeapdocError(`${otherRate.source} and ${firstRated.source} cannot be snapshots of one process: their heap profiles are sampled at different rates (MemProfileRate ${formatCount(otherRate.profile.samplingRate ?? 0)} and ${formatCount(firstRated.profile.samplingRate ?? 0)}) and no GC cycle both hold links them`,
      'a program sets runtime.MemProfileRate once, at its start, and a run that changes it later is told by the GC cycles two dumps share: for dumps of different runs, add --separately')];
  }
  const problems: NotOneProcessPair[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1];
    const b = ordered[i];
    if (!a?.stats || !b?.stats) continue;
    const problem = counterFall(a, b) ?? ringConflict(a, b);
    if (problem) problems.push(problem);
  }
  if (problems.length === 0) return problems;
  // Which dump is in which run, for the one line that names them (series/runs.ts).
  const runs = runsOf(ordered);
  return problems.map((p) => new NotOneProcessPair(p.later, p.earlier, p.why, p.evidence, p.hint ?? '', runs));
}

/**
 * Counters that only rise in one process: TotalAlloc, which orders the series, and those that
 * rise with it; PauseTotalNs (/debug/vars, a scrape's go_gc_duration_seconds_sum) and MaxRSS (the
 * peak resident set getrusage reports, printed by heap?debug=1 since go1.15) may stay put while
 * TotalAlloc does not move, so they are compared only where TotalAlloc rose (its order is then the
 * order of the readings).
 */
const COUNTERS = ['NumGC', 'Mallocs', 'Frees', 'NumForcedGC', 'TotalAlloc'] as const;
const COUNTERS_WHILE_ALLOCATING = ['PauseTotalNs', 'MaxRSS'] as const;

/** A cumulative counter that falls from `a` to `b` (TotalAlloc order): two processes. */
function counterFall(a: SeriesSnapshot, b: SeriesSnapshot): NotOneProcessPair | undefined {
  const totalA = a.stats?.int('TotalAlloc');
  const totalB = b.stats?.int('TotalAlloc');
  const rose = totalA !== undefined && totalB !== undefined && totalB > totalA;
  for (const name of [...COUNTERS, ...(rose ? COUNTERS_WHILE_ALLOCATING : [])]) {
    const va = a.stats?.int(name);
    const vb = b.stats?.int(name);
    if (va !== undefined && vb !== undefined && vb < va) {
      return new NotOneProcessPair(b.source, a.source,
        `${name} falls from ${formatCount(va)} to ${formatCount(vb)} while TotalAlloc rises (${formatCount(totalA ?? 0)} → ${formatCount(totalB ?? 0)})`, 'counters',
        'cumulative counters never decrease in one process: for dumps of different processes, add --separately',
      );
    }
  }
  return undefined;
}

/** A GC cycle both snapshots hold (gcring.ts) that ended at another time, or paused for another time, in each: two processes. */
function ringConflict(a: SeriesSnapshot, b: SeriesSnapshot): NotOneProcessPair | undefined {
  const ring = ringAgreement(a.stats, b.stats);
  if (ring.kind !== 'disagree') return undefined;
  // b is named first, as the counters' lines name them.
  const what = ring.field === 'PauseEnd' ? `ended at ${pauseEndTime(ring.later)} in the first and at ${pauseEndTime(ring.earlier)} in the second`
    : `paused for ${formatCount(ring.later)} ns in the first and for ${formatCount(ring.earlier)} ns in the second`;
  // Another end for one cycle is another process: most often the program restarted between the dumps.
  const restarted = ring.field === 'PauseEnd' ? 'the process restarted between them, or they are two processes: ' : '';
  return new NotOneProcessPair(b.source, a.source, `${restarted}GC cycle ${formatCount(ring.cycle)} ${what} (MemStats ${ring.field})`, 'gc-cycle',
    'a GC cycle\'s end and pause stay in MemStats, unchanged, for 256 cycles: for dumps of different processes, add --separately',
  );
}

/**
 * Each pair of consecutive sampled heap profiles (TotalAlloc order) whose sampling rates differ:
 * the dumps on both sides of a change of runtime.MemProfileRate.
 */
function rateChanges(ordered: readonly SeriesSnapshot[]): [SeriesSnapshot, SeriesSnapshot][] {
  const rated = ordered.filter((s) => sampled(s) && s.stats !== undefined);
  const changes: [SeriesSnapshot, SeriesSnapshot][] = [];
  for (let i = 1; i < rated.length; i++) {
    const a = rated[i - 1] as SeriesSnapshot;
    const b = rated[i] as SeriesSnapshot;
    if (a.profile.samplingRate !== b.profile.samplingRate) changes.push([a, b]);
  }
  return changes;
}

function sampled(s: SeriesSnapshot): boolean {
  return s.profile.format !== undefined && (s.profile.samplingRate ?? 0) > 0;
}

/**
 * A sampled profile without MemStats (a binary profile given alone) at a rate none of the placed
 * ones has, beside one of them: no GC cycle can link it, so the two rates are two runs.
 */
function unplacedRate(ordered: readonly SeriesSnapshot[]): [SeriesSnapshot, SeriesSnapshot] | undefined {
  const placed = ordered.filter((s) => sampled(s) && s.stats !== undefined);
  const rates = new Set(placed.map((s) => s.profile.samplingRate));
  const first = placed[0] ?? ordered.find((s) => sampled(s));
  const other = ordered.find((s) => sampled(s) && s.stats === undefined && s !== first && !rates.has(s.profile.samplingRate) && s.profile.samplingRate !== first?.profile.samplingRate);
  return first && other ? [first, other] : undefined;
}

/**
 * The first step of the site trends' profiles whose allocated bytes rose by more than twice TotalAlloc's rise, beyond
 * sampling error (unsample.ts profileAheadSlack, as diff's sitesBeyondTotalAlloc): the earlier profile was published GCs
 * before its MemStats were read (a heap profile is as of the GC before last), and the later one caught up with what was
 * allocated before the earlier moment. A site that grows only through that step is no growing site. The captured go1.19-audit47-bigstable's plain
 * dumps, whose 150 MiB table was built before the first (NumGC 4, its profile 14.0 MiB in use), read main.build "grew,
 * then held" +128.4 MiB though nothing grew (audit 47 #4): the profiles' allocated bytes rose 149.0 MiB, TotalAlloc 31.9 MiB.
 */
function caughtUp(epochs: readonly SeriesSnapshot[]): ProfileCaughtUp | undefined {
  // The first step alone, and a rise past twice TotalAlloc's: a profile one GC cycle behind is every plain dump's, and a
  // leak that allocates faster at each step makes its profiles' rise outrun TotalAlloc's a little at every step (the
  // captured go1.19-audit39-goroleak, audit43-workermap), which is no profile older than its series.
  const [a, b] = epochs;
  const [totalA, totalB] = [a?.stats?.int('TotalAlloc'), b?.stats?.int('TotalAlloc')];
  const rate = b?.profile.samplingRate ?? 0;
  if (!a || !b || totalA === undefined || totalB === undefined || a.profile.allocBytes === undefined || b.profile.allocBytes === undefined || rate <= 0) return undefined;
  const profileRise = b.profile.allocBytes - a.profile.allocBytes;
  const totalAllocRise = totalB - totalA;
  return profileRise > 2 * totalAllocRise + profileAheadSlack(profileRise, totalAllocRise, rate) ? { before: a.source, after: b.source, profileRise, totalAllocRise } : undefined;
}

/** The sites (siteKey) that are not growing sites (growingSite) over the epochs from `from` on: those a catch-up alone made grow. */
function notGrowingFrom(epochs: readonly SeriesSnapshot[], from: number): Set<string> {
  const later = siteTrends(epochs.slice(from)).trends;
  const growing = new Set(later.filter(growingSite).map((t) => siteKey(t)));
  return new Set(later.filter((t) => !growing.has(siteKey(t))).map((t) => siteKey(t)));
}

/**
 * The profiles the site trends may compare: those sampled at the rate of the latest, from its last
 * change on. The runtime scales every record of a profile by the rate in force when it is written
 * (heap/2*MemProfileRate), records sampled before a change too, so a site's estimates across it are
 * not of one sampling. `change`: the last change (SeriesAnalysis.samplingRateChange).
 */
function atLatestRate(epochs: readonly SeriesSnapshot[]): { epochs: readonly SeriesSnapshot[]; change?: SamplingRateChange } {
  const last = rateChanges(epochs).at(-1);
  if (!last) return { epochs };
  return { epochs: epochs.slice(epochs.indexOf(last[1])), change: samplingRateChangeOf(last) };
}

/**
 * The last change of MemProfileRate among `ordered` (TotalAlloc order) — the series' (atLatestRate)
 * and a diff's two sides (diff.ts SnapshotDiff.samplingRateChange) — undefined without one.
 */
export function lastSamplingRateChange(ordered: readonly SeriesSnapshot[]): SamplingRateChange | undefined {
  const last = rateChanges(ordered).at(-1);
  return last ? samplingRateChangeOf(last) : undefined;
}

function samplingRateChangeOf([before, after]: [SeriesSnapshot, SeriesSnapshot]): SamplingRateChange {
  return { before: before.source, after: after.source, beforeRate: before.profile.samplingRate ?? 0, afterRate: after.profile.samplingRate ?? 0 };
}

/**
 * A line for each of `snapshots` whose heap profile is not Go's (a gperftools profile:
 * not-a-go-profile): its program has no GC, no MemStats, no Go symbols, so it is of no Go process
 * and makes no series or diff with anything; analyze reads it alone.
 */
export function notGoProfiles(snapshots: readonly SeriesSnapshot[]): HeapdocError[] {
  return snapshots.filter((s) => !writtenByGo(s.profile.format)).map((s) => new HeapdocError(
    `${s.source} is a '${s.profile.format?.name ?? ''}' heap profile from gperftools (C++), not a Go heap dump: it makes no series or diff with other dumps`,
    `heapdoc analyze ${shellWord(s.source)} reads it alone; to compare C++ heap profiles, use pprof -diff_base`,
  ));
}

/**
 * The snapshots (TotalAlloc order, as `oneProcessProblems` takes them) whose program nothing
 * checked: they carry no stack frame (a heap profile without records, /debug/vars, a scrape), so
 * their binary cannot be compared (identity.ts), while other dumps of the series carry some; and
 * no GC cycle links them to one that does (gcring.ts: a cycle both hold, ended at the same
 * nanosecond, through neighbours that agree so). Counters that rise prove nothing: a dump taken
 * early in one program (TotalAlloc 189 KiB, NumGC 0) rises into any other. Empty when no dump of
 * the series carries frames (a series of scrapes): then nothing is compared by frames at all.
 */
export function sameProgramUnchecked(ordered: readonly SeriesSnapshot[], goroutineDumps: readonly GoroutineSummary[] = []): string[] {
  const framed = ordered.filter((s) => hasFrames(s.identity));
  if (framed.length === ordered.length) return [];
  if (framed.length === 0 && !goroutineDumps.some((d) => d.crash === undefined && hasFrames(d.identity))) return [];
  const checked = new Set<SeriesSnapshot>(framed);
  const withStats = ordered.filter((s) => s.stats !== undefined);
  const links: [SeriesSnapshot, SeriesSnapshot][] = [];
  for (let i = 1; i < withStats.length; i++) {
    const a = withStats[i - 1] as SeriesSnapshot;
    const b = withStats[i] as SeriesSnapshot;
    if (ringAgreement(a.stats, b.stats).kind === 'agree') links.push([a, b]);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [a, b] of links) {
      if (checked.has(a) !== checked.has(b)) {
        checked.add(a);
        checked.add(b);
        grew = true;
      }
    }
  }
  return ordered.filter((s) => !checked.has(s)).map((s) => s.source);
}

/** Throws oneProcessProblems as one HeapdocProblems: a line naming the programs, or a line per dump whose counters cannot follow. */
function checkOneProcess(ordered: readonly SeriesSnapshot[], goroutineDumps: readonly GoroutineSummary[] = []): void {
  const problems = oneProcessProblems(ordered, goroutineDumps);
  if (problems.length > 0) throw new HeapdocProblems(problems);
}

function point(s: SeriesSnapshot): SeriesPoint | undefined {
  if (!s.stats || !s.breakdown) return undefined;
  const lastGC = s.stats.exact('LastGC');
  return {
    source: s.source,
    totalAlloc: s.stats.int('TotalAlloc') ?? 0,
    numGC: s.stats.int('NumGC') ?? 0,
    heapObjects: s.stats.int('HeapObjects'),
    heapInuse: s.stats.int('HeapInuse'),
    heapSys: s.stats.int('HeapSys'),
    stackInuse: s.stats.int('StackInuse'),
    breakdown: s.breakdown,
    ...(lastGC !== undefined && lastGC > 0n ? { lastGcMs: Number(lastGC / 1_000_000n) } : {}),
    ...(s.rss !== undefined ? { rss: s.rss } : {}),
    ...(s.rss !== undefined && s.process?.rssOrigin === 'flag' ? { rssOrigin: 'flag' as const } : {}),
    ...(linuxRelease(s.goVersion).kind === 'free' ? { releasesWithMadvFree: true as const } : {}),
    ...(gcOff(s.stats) ? { gcOff: true as const } : {}),
  };
}

/**
 * Each point's goroutine dump among `counting` (countingDumps: one per moment), as an index into
 * it: of its moment by names or a stream's order (common/stems.ts pairedCapture, the debug=2 dump
 * of several of one time); undefined where none is. The verdict's count at the stack peak and the
 * JSON and TUI's pairing (SeriesPoint.goroutineDump) read this one pairing.
 */
function pointDumpIndexes(pointed: readonly SeriesSnapshot[], counting: readonly GoroutineSummary[]): (number | undefined)[] {
  return pointed.map((s) => {
    const dump = pairedCapture(counting, s, isTraceback);
    return dump === undefined ? undefined : counting.indexOf(dump);
  });
}

/** A point's goroutine dump (SeriesPoint.goroutineDump): of a debug=1 and a debug=2 dump of its moment, the debug=2 one, whose count the verdict says, the other beside it. */
function pointGoroutineDump(dump: GoroutineSummary, other: MomentCount | undefined): PointGoroutineDump {
  const kindOf = (traceback: boolean): PointGoroutineDump['kind'] => (traceback ? 'goroutine-traceback' : 'goroutine');
  const own = { source: dump.source, kind: kindOf(isTraceback(dump)), total: dump.total };
  if (!other) return own;
  const beside = { source: other.source, kind: kindOf(other.traceback), total: other.total };
  return other.traceback ? { ...beside, other: own } : { ...own, other: beside };
}

/** One snapshot per GC epoch: the first of each run of equal NumGC. */
function epochRepresentatives(ordered: readonly SeriesSnapshot[]): SeriesSnapshot[] {
  const out: SeriesSnapshot[] = [];
  let lastGC: number | undefined;
  for (const s of ordered) {
    const gc = s.stats?.int('NumGC');
    if (gc === undefined || gc !== lastGC) out.push(s);
    lastGC = gc;
  }
  return out;
}

/**
 * The snapshots the site trends read, one per GC epoch: those with a heap profile — a /debug/vars
 * document or a scrape has none, and its zeros are no fall (a leak's sites given with the vars of
 * the same moments read 13.8 → 0 → 27.6 MiB…) — and, when any has MemStats, only those: a binary
 * profile without them has no place in TotalAlloc order.
 */
function profiledEpochs(ordered: readonly SeriesSnapshot[]): SeriesSnapshot[] {
  const profiled = ordered.filter((s) => s.profile.format !== undefined);
  const placed = profiled.filter((s) => s.stats !== undefined);
  return epochRepresentatives(placed.length > 0 ? placed : profiled);
}

/**
 * Whether two snapshots carry the same published heap profile: the same sites, each with the
 * same in-use objects and bytes and the same allocated bytes. What was allocated only grows while
 * the program allocates, so an equal profile is one the runtime had not replaced yet — after a forced
 * GC (?gc=1) the next cycle publishes what it already showed (the captured go1.19-audit39-goroleak:
 * `heap profile: 90: 23069184 [92: 24121856]` at NumGC 6 and 7 while main.worker grew 55.9 → 112.5 MiB).
 */
export function sameProfile(a: SeriesSnapshot, b: SeriesSnapshot): boolean {
  const p = a.profile;
  const q = b.profile;
  if (p.format === undefined || q.format === undefined || p.format.binary || q.format.binary) return false;
  // Allocated bytes are what tell a profile not yet replaced from a heap that held: without them, no test.
  if (p.sites.length !== q.sites.length || p.inuseBytes !== q.inuseBytes || !p.sites.some((x) => x.allocBytes !== undefined)) return false;
  return p.sites.every((x, i) => {
    const y = q.sites[i];
    return y !== undefined && siteKey(x) === siteKey(y) && x.inuseBytes === y.inuseBytes && x.inuseObjects === y.inuseObjects && x.allocBytes === y.allocBytes;
  });
}

/**
 * The profiled epochs (profiledEpochs) without those that carry the profile of the one before
 * (sameProfile): one published profile is one reading. `repeated`: each left out, after the one it repeats.
 */
function distinctProfiles(epochs: readonly SeriesSnapshot[], afterForcedGC: ReadonlySet<SeriesSnapshot>): { kept: SeriesSnapshot[]; repeated: [string, string][] } {
  const kept: SeriesSnapshot[] = [];
  const repeated: [string, string][] = [];
  for (const s of epochs) {
    const before = kept[kept.length - 1];
    // Read right after a forced GC, the profile is that GC's own (runtime.GC publishes it): the same one is a heap that held.
    if (before && !afterForcedGC.has(s) && sameProfile(before, s)) repeated.push([before.source, s.source]);
    else kept.push(s);
  }
  return { kept, repeated };
}

/**
 * What one sample of a site moves its estimate by at each snapshot, and how many samples its
 * estimate rests on: a sampled profile records an allocation about once per MemProfileRate bytes
 * (512 KiB by default), and heapdoc scales each sample back up (unsample.ts), so an estimate of
 * small objects moves in steps of ~512 KiB: one sampled object freed, or one more sampled, moves
 * it by a step. A fall smaller than one step is within the estimate's sampling error, no fall (a
 * slow leak's site read 7.383 → 7.369 MB: one 32 KiB sample freed while one 4 KiB sample came).
 * The step is at most twice one sample's standard error (unsample.ts fallTolerance), as the rises'
 * test reckons it (verdict.ts beyondSamplingError): an object far larger than the rate is always
 * sampled, its estimate exact, and any fall of it is a fall — a cache's two 32 MiB blobs, one
 * evicted (the captured go1.19-words29/blobcache: 64 → 32 MiB on 2 samples), fell by no more than the
 * 32 MiB one sample stood for, and read as no fall. Undefined when every allocation was recorded or
 * the rate is unknown: exact values then.
 */
function sampling(epochs: readonly SeriesSnapshot[], bytes: readonly number[], objects: readonly number[]): { samples: number[]; step: number[] } | undefined {
  const periods = epochs.map((s) => s.profile.samplingRate);
  if (periods.some((p) => p === undefined || p <= 1)) return undefined;
  const samples = bytes.map((b, i) => samplesBehind(objects[i] ?? 0, b, periods[i]));
  // The step into snapshot i may fall by what one sample of the snapshot before may move it by.
  const step = bytes.map((_, i) => (i > 0 ? fallTolerance(objects[i - 1] ?? 0, bytes[i - 1] ?? 0, samples[i - 1] ?? 0) : 0));
  return { samples, step };
}

/** `{ heldFrom }` of a site's in-use bytes that grew, then held (trend.ts heldFrom); {} otherwise. */
function withHeldFrom(inuseBytes: readonly number[]): { heldFrom?: number } {
  const at = heldFrom(inuseBytes, SERIES_THRESHOLDS.flatShare);
  return at === undefined ? {} : { heldFrom: at };
}

/**
 * A site the series lists as growing (SeriesAnalysis.growingSites): it never fell by more than
 * sampling error, grew by siteGrowthMinBytes, and did not only move — a site that fell back by a
 * sample and rose no higher in the later half than in the earlier (trend.ts onlyMoves) fluctuates
 * with the work in flight, unless it held (heldFrom): the captured go1.19-audit36/pool's sync.Pool New site, one sample up and down.
 */
export function growingSite(t: SiteTrend): boolean {
  return t.monotonic && t.growthBytes >= SERIES_THRESHOLDS.siteGrowthMinBytes && (t.heldFrom !== undefined || !onlyMoves(t.inuseBytes));
}

/**
 * The site trends, the goroutine descriptors' (runtime.malg) not held while a goroutine group still
 * grows (`goroutinesGrow`: one that grew and did not hold itself, trend.ts heldFrom): the runtime
 * never frees a descriptor, so they grow with the goroutines, and a flat tail of theirs is the
 * sampled profile's few samples (one per 512 KiB), not a stop. The captured go1.19-audit/gorleak's
 * runtime.malg, 1.5 → 2.0 → 2.0 → 3.0 → 3.0 → 3.0 MiB on 6 samples, was listed as "grew, then held"
 * above main.compute's 200 → 1,200 goroutines. Groups that held too (go1.19-audit-gor/gorleak's,
 * 482 → 2,434 → 2,443 ×3) leave the descriptors held with them.
 */
function descriptorsFollowGoroutines(trends: SiteTrend[], goroutinesGrow: boolean): SiteTrend[] {
  if (!goroutinesGrow) return trends;
  return trends.map((t) => {
    if (t.heldFrom === undefined || !isDescriptorSite(t)) return t;
    const { heldFrom: _held, ...rising } = t;
    return rising;
  });
}

/**
 * Of each trend snapshot (by source) where growing sites held an array's old copy beside its new
 * one (SiteTrend.oldCopyAt: a map mid-grow), those copies' bytes: what the live heap read there
 * holds beside what the program keeps (verdict.ts judge), freed by the next reading.
 */
function oldCopyBytes(sites: readonly SiteTrend[], epochs: readonly SeriesSnapshot[]): Map<string, OldCopies> {
  const held = new Map<string, OldCopies>();
  for (const s of sites) {
    if (!s.oldCopyAt) continue;
    const kept = withoutOldCopies(s.inuseBytes, s.oldCopyAt);
    for (const i of s.oldCopyAt) {
      const source = epochs[i]?.source;
      if (source === undefined) continue;
      const was = held.get(source);
      held.set(source, { bytes: (was?.bytes ?? 0) + (s.inuseBytes[i] ?? 0) - (kept[i] ?? 0), sites: [...(was?.sites ?? []), s.function] });
    }
  }
  return held;
}

/**
 * Per step into snapshot i, twice the standard error of the fall of two sampled estimates (each
 * unsample.ts estimateVariance): what sampled small objects may move by, no array freed (the
 * captured go1.19-audit39-ttlcache's plain dumps' fmt.Sprintf keys, read as an old copy); 0 when exact.
 */
function fallErrors(bytes: readonly number[], objects: readonly number[], samples: readonly number[] | undefined): number[] {
  if (!samples) return bytes.map(() => 0);
  const variance = (i: number): number => estimateVariance(objects[i] ?? 0, bytes[i] ?? 0, samples[i] ?? 0);
  return bytes.map((_, i) => (i > 0 ? 2 * Math.sqrt(variance(i - 1) + variance(i)) : 0));
}

/**
 * The site trends, and beside them (`arrays`, by siteKey) each site of one array alone at the last
 * snapshot whose readings, its old copies read as overlaps (trend.ts growOverlaps), never fell:
 * the growing holder's to say (holder.ts) unless it outweighs the growing sites (outweighingArrays).
 */
function siteTrends(epochs: readonly SeriesSnapshot[]): { trends: SiteTrend[]; arrays: Map<string, SiteTrend> } {
  // One map per snapshot: sites × snapshots lookups, not sites² (watch keeps many snapshots).
  const bySnapshot = epochs.map((s) => new Map(s.profile.sites.map((site) => [siteKey(site), site])));
  const keys = new Map<string, SeriesSite>();
  for (const sites of bySnapshot) for (const [key, site] of sites) keys.set(key, site);
  const trends: SiteTrend[] = [];
  const arrays = new Map<string, SiteTrend>();
  for (const [key, site] of keys) {
    const values = bySnapshot.map((sites) => sites.get(key));
    const inuseBytes = values.map((v) => v?.inuseBytes ?? 0);
    const inuseObjects = values.map((v) => v?.inuseObjects ?? 0);
    const sampled = sampling(epochs, inuseBytes, inuseObjects);
    // A fall under half the average rise per step (plus one sample) is noise, as for the live heap (trend.ts fallSlack);
    // one of an array's old copy freed after a grow (a map's) is none either (trend.ts growOverlaps).
    const slack = fallSlack(inuseBytes, sampled?.step);
    const steady = nonDecreasing(inuseBytes, slack);
    // One array alone at the last snapshot is the growing holder's to say (holder.ts), which names the same grow, unless it outweighs the growing sites (outweighingArrays).
    const oneArray = Math.round(inuseObjects[inuseObjects.length - 1] ?? 0) <= HOLDER_MAX_OBJECTS;
    const overlaps = steady ? [] : growOverlaps(inuseBytes, slack, fallErrors(inuseBytes, inuseObjects, sampled?.samples), inuseObjects);
    const copied = overlaps.length > 0 && nonDecreasing(withoutOldCopies(inuseBytes, overlaps), slack);
    const grew = copied && !oneArray;
    const trend: SiteTrend = {
      function: site.function,
      file: site.file,
      line: site.line,
      inuseBytes,
      inuseObjects,
      growthBytes: (inuseBytes[inuseBytes.length - 1] ?? 0) - (inuseBytes[0] ?? 0),
      ...allocatedAtLast(values),
      ...recordOf(epochs, values),
      ...(sampled ? { samples: sampled.samples } : {}),
      monotonic: steady || grew,
      ...(grew ? { oldCopyAt: overlaps } : {}),
      ...withHeldFrom(inuseBytes),
      ...(values.every((v) => !v || v.profiler) ? { profiler: true as const } : {}),
      ...(values.every((v) => !v || v.poolNew) ? { poolNew: true as const } : {}),
      ...(values.every((v) => !v || v.mapBuckets) ? { mapBuckets: true as const } : {}),
      ...callerTrends(site, values[0], values[values.length - 1]),
    };
    trends.push(trend);
    if (copied && oneArray) arrays.set(key, { ...trend, monotonic: true, oldCopyAt: overlaps });
  }
  return { trends: trends.sort((a, b) => b.growthBytes - a.growthBytes), arrays };
}

/**
 * `trends` with each growing array of `arrays` (siteTrends) that outweighs the growing sites — its
 * own rise as large as theirs together, or none grows beside it — read as a growing site, its old
 * copies overlaps (SiteTrend.oldCopyAt), not only as what keeps their objects (holder.ts): its
 * buckets hold the leak's bytes themselves (a map[string]string keeps its keys' and values'
 * headers inline). The captured go1.19-audit44-intern's plain dumps named main.ingest +6.5 MiB
 * (the strings) and left its interning map, 0.8 → 18.1 MiB in one bucket array, to the fix's "What
 * keeps them may be"; its gc1/ dumps, whose last reading sampled the map's overflow buckets too,
 * named it first. A map of pointers keeps more than its buckets: go1.19-audit43-workermap's
 * (+20.8 MiB beside main.produce's +47.5 MiB of payloads) stays the holder (reasoning.md §7).
 */
function outweighingArrays(trends: readonly SiteTrend[], arrays: ReadonlyMap<string, SiteTrend>): SiteTrend[] {
  if (arrays.size === 0) return [...trends];
  const rise = trends.filter((t) => growingSite(t) && !t.profiler).reduce((sum, t) => sum + t.growthBytes, 0);
  return trends.map((t) => {
    const array = arrays.get(siteKey(t));
    return array && array.growthBytes >= rise && !array.profiler ? array : t;
  });
}

/** What the last snapshot that has the site says it allocated, where its profile says (SiteTrend.allocBytes). */
function allocatedAtLast(values: readonly (SeriesSite | undefined)[]): { allocBytes?: number } {
  const allocBytes = values.findLast((v) => v !== undefined)?.allocBytes;
  return allocBytes === undefined ? {} : { allocBytes };
}

/** Where the last snapshot that has the site records its biggest stack, in a text dump (SiteTrend.record). */
function recordOf(epochs: readonly SeriesSnapshot[], values: readonly (SeriesSite | undefined)[]): { record?: SiteTrend['record'] } {
  const at = values.findLastIndex((v) => v !== undefined);
  const site = values[at];
  const line = site?.recordLine ?? site?.topStack?.position.line ?? 0;
  const source = epochs[at]?.source;
  return line > 0 && source !== undefined ? { record: { source, line } } : {};
}

/** A caller's frame: function, file, line (what JSON keeps of it; AllocationSite.caller may carry its bytes and callee). */
function frameOf(c: SiteCaller): SiteCaller {
  return { function: c.function, file: c.file, line: c.line };
}

/** A standard-library site's callers at one snapshot, with their bytes: its `callers`, or its only caller's share. */
function sharesOf(site: SeriesSite | undefined): readonly CallerShare[] {
  if (!site) return [];
  if (site.callers) return site.callers;
  return site.caller && isCallerShare(site.caller) ? [site.caller] : [];
}

/**
 * A standard-library site's caller and callers across the trend (`latest`: the last snapshot that
 * has the site). When the first and last snapshots both have it, each caller's in-use bytes are
 * compared (the last less the first): a site reached from a cache that filled once and from a map
 * that grows is the map's leak, and the caller that holds the most at the end (the cache) is not
 * where it is. Then `caller` is the one that grew the most, `callers` (two or more) are sorted by
 * growth. Per site and caller, not per stack: the snapshots' summaries already hold the shares.
 */
function callerTrends(latest: SeriesSite, first: SeriesSite | undefined, last: SeriesSite | undefined): { caller?: SiteCaller; callers?: readonly CallerTrend[] } {
  const lastShares = sharesOf(last);
  if (!first || !last || lastShares.length === 0) {
    return { ...(latest.caller ? { caller: frameOf(latest.caller) } : {}), ...(latest.callers ? { callers: latest.callers.map((k) => ({ ...frameOf(k), inuseBytes: k.inuseBytes, allocBytes: k.allocBytes })) } : {}) };
  }
  const before = new Map(sharesOf(first).map((s) => [siteKey(s), s]));
  const callers: CallerTrend[] = lastShares.map((s) => {
    const key = siteKey(s);
    const was = before.get(key);
    before.delete(key);
    return { ...frameOf(s), inuseBytes: s.inuseBytes, allocBytes: s.allocBytes, growthBytes: s.inuseBytes - (was?.inuseBytes ?? 0) };
  });
  // A caller of the first snapshot the last does not name (its records all zeros by then).
  for (const s of before.values()) callers.push({ ...frameOf(s), inuseBytes: 0, allocBytes: 0, growthBytes: -s.inuseBytes });
  callers.sort((a, b) => (b.growthBytes ?? 0) - (a.growthBytes ?? 0) || b.inuseBytes - a.inuseBytes);
  const [grew] = callers;
  const caller = grew && (grew.growthBytes ?? 0) > 0 ? frameOf(grew) : latest.caller && frameOf(latest.caller);
  return { ...(caller ? { caller } : {}), ...(callers.length > 1 ? { callers } : {}) };
}

/**
 * The program's frames that called net/http's client (isHttpClientFunction), as the latest
 * profile that has a client site with a caller in the program names them (the site's callers, or
 * its caller): the captured go1.19-audit39-bodyleak's main.main (main.go:26), its `client.Get`,
 * under (*Transport).getConn and (*persistConn).roundTrip. A site of another package of the
 * standard library under the client counts too (`httpRequest`: net/textproto, bufio, … between
 * the client's frames and the caller): go1.19-audit29-blocked's main.leakyGet, whose stacks reach
 * net/http only through net/textproto.MIMEHeader.Set. Most allocated first (what their
 * stacks allocated there, summed over the sites), each frame once; none when no profile has one.
 */
function httpRequesters(snapshots: readonly SeriesSnapshot[]): SiteCaller[] {
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const byFrame = new Map<string, { frame: SiteCaller; allocBytes: number }>();
    for (const site of snapshots[i]?.profile.sites ?? []) {
      if (site.httpRequest !== true && !isHttpClientFunction(site.function)) continue;
      const shares: readonly (SiteCaller | CallerShare)[] = site.callers ?? (site.caller ? [site.caller] : []);
      for (const k of shares) {
        const key = siteKey(k);
        const known = byFrame.get(key) ?? { frame: frameOf(k), allocBytes: 0 };
        known.allocBytes += isCallerShare(k) ? k.allocBytes : site.allocBytes ?? 0;
        byFrame.set(key, known);
      }
    }
    if (byFrame.size > 0) return [...byFrame.values()].sort((a, b) => b.allocBytes - a.allocBytes).map((k) => k.frame);
  }
  return [];
}

/**
 * Where the Bodies the goroutine dumps' read loops wait for are to be closed: the program's callers
 * of net/http's client in the heap profiles' stacks (httpRequesters), when a dump has read loops
 * waiting for a Body; none otherwise. A caller whose request a dump shows still in flight has no
 * response yet, so no Body to close (go1.19-audit29-blocked's main.fireAndForget, 600 waiting with
 * no deadline: its Bodies are closed). What leak-suspected's and goroutine-long-wait's Body advice name.
 */
export function bodyRequesters(snapshots: readonly SeriesSnapshot[], goroutines: readonly { httpClient?: HttpClientWaits | undefined }[]): SiteCaller[] {
  if (!goroutines.some((d) => (d.httpClient?.bodyUnread ?? 0) > 0)) return [];
  const inFlight = new Set(goroutines.flatMap((d) => d.httpClient?.callers.map((c) => c.function) ?? []));
  return httpRequesters(snapshots).filter((k) => !inFlight.has(k.function));
}

/**
 * The sites that fell while the growing ones rose, when the rise is a shift between sites and not
 * growth (reasoning.md §7): the profile's total (the program's sites, not the profiler's) moved by
 * less than half of what the growing sites gained, and so did the live heap (HeapAlloc at the first
 * snapshot of each GC cycle). A fixed working set whose slots are filled at one line and replaced
 * at another (the captured go1.19-audit-work/05b-workingset-gogc100: main.go:146 4.5 → 16.1 MiB
 * while main.go:140 fell by as much, live 15.9 → 15.9 MiB after ?gc=1) moves its bytes from the
 * first site to the second. Undefined when nothing grew or the growth is not offset.
 */
function siteShift(growing: readonly SiteTrend[], trends: readonly SiteTrend[], points: readonly SeriesPoint[]): SiteTrend[] | undefined {
  const rising = growing.filter((s) => !s.profiler);
  const rose = rising.reduce((sum, s) => sum + s.growthBytes, 0);
  if (rose <= 0) return undefined;
  const others = trends.filter((t) => !t.profiler && !rising.includes(t));
  const net = others.reduce((sum, t) => sum + t.growthBytes, 0);
  const live = points.filter((p, i) => i === 0 || points[i - 1]?.numGC !== p.numGC).map((p) => p.breakdown.live);
  const liveRise = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  const half = SERIES_THRESHOLDS.shiftOffsetShare * rose;
  // Neither rose nor fell by half of it: a heap that fell is a peak's or a pool's story, not a shift.
  if (live.length < SERIES_THRESHOLDS.minPoints || Math.abs(rose + net) >= half || Math.abs(liveRise) >= half) return undefined;
  return others.filter((t) => t.growthBytes < 0).sort((a, b) => a.growthBytes - b.growthBytes);
}

/**
 * What the profiler's own sites (every stack through runtime/pprof or net/http/pprof) allocated
 * between the first and the last of `epochs`, as their profiles count it (cumulative allocated
 * bytes, as of each one's last GC): taking dumps allocates, and a series' churn is the program's
 * (reasoning.md §7). 0 with fewer than two profiles.
 */
export function profilerAllocated(epochs: readonly SeriesSnapshot[]): number {
  return epochs.length < 2 ? 0 : Math.max(0, profilerAllocatedBytes(epochs[epochs.length - 1]?.profile.sites) - profilerAllocatedBytes(epochs[0]?.profile.sites));
}

/**
 * `e` (the series' snapshot `at` of `pointed`) with its marks of a memory limit weighed by what was
 * allocated per GC cycle since the last snapshot before it that a GC separates (recentLimitSigns):
 * a leak under GOGC=100 read late in a cycle allocates about its live heap per cycle, though its
 * average since the start is a sliver of today's heap (the captured go1.19-audit38-jsonleak). `e`
 * itself when that changes nothing.
 */
function withRecentLimitSigns(e: SeriesSnapshot, pointed: readonly SeriesSnapshot[], at: number): SeriesSnapshot {
  if (!e.memoryLimit || at <= 0) return e;
  const gcs = e.stats?.int('NumGC');
  const before = pointed.slice(0, at).findLast((s) => (s.stats?.int('NumGC') ?? gcs) !== gcs);
  const signs = recentLimitSigns(e.memoryLimit, e.stats, before?.stats, THRESHOLDS);
  return signs === e.memoryLimit ? e : { ...e, memoryLimit: signs };
}

/** The size classes whose live bytes grew across the GC epochs, most first; undefined without a size table in every snapshot. */
function sizeClassTrends(epochs: readonly SeriesSnapshot[]): SizeClassTrend[] | undefined {
  const tables = epochs.map((s) => s.sizeClasses);
  const [first] = tables;
  if (epochs.length < 2 || !first || tables.some((t) => t?.source !== first.source || t.classes.length !== first.classes.length)) return undefined;
  const trends = first.classes.map((c, i): SizeClassTrend => {
    const rows = tables.map((t) => t?.classes[i]);
    const liveBytes = rows.map((r) => (r ? classBytes(r) : 0));
    return { size: c.size, minSize: c.minSize, liveObjects: rows.map((r) => r?.liveObjects ?? 0), liveBytes, growthBytes: (liveBytes[liveBytes.length - 1] ?? 0) - (liveBytes[0] ?? 0) };
  });
  return trends.filter((t) => nonDecreasing(t.liveBytes) && t.growthBytes >= SERIES_THRESHOLDS.siteGrowthMinBytes).sort((a, b) => b.growthBytes - a.growthBytes);
}

function groupTrends(dumps: readonly GoroutineSummary[]): GroupTrend[] {
  if (dumps.length < 2) return [];
  // debug=1 and debug=2 dumps of different moments: a group is its function (debug=1 has no state, no creator).
  const mixed = mixedFormats(dumps);
  const key = (g: GoroutineGroup): string => (mixed ? g.function : trendKey(g));
  // Each key's group in the last dump that has it, with that dump.
  const all = new Map<string, { g: GoroutineGroup; dump: GoroutineSummary }>();
  for (const d of dumps) for (const g of d.groups) all.set(key(g), { g, dump: d });
  // Each dump's groups by key, once: a count, a longest wait and how many waited minutes per key, not a scan of every dump per group.
  const byDump = dumps.map((d) => {
    const sums = new Map<string, { count: number; wait: number; waited: number }>();
    for (const x of d.groups) {
      const k = key(x);
      const sum = sums.get(k);
      const waited = waitedAtLeast(x, THRESHOLDS.goroutineLongWaitMinutes);
      if (sum) {
        sum.count += x.count;
        sum.wait = Math.max(sum.wait, x.waitMinutes ?? 0);
        sum.waited += waited;
      } else sums.set(k, { count: x.count, wait: Math.max(0, x.waitMinutes ?? 0), waited });
    }
    return sums;
  });
  const woken = wokenAcross(dumps, key);
  const trends: GroupTrend[] = [];
  for (const [k, { g, dump }] of all) {
    const counts = byDump.map((sums) => sums.get(k)?.count ?? 0);
    const waits = byDump.map((sums) => sums.get(k)?.wait ?? 0);
    const ran = woken.map((byKey) => byKey.get(k) ?? 0);
    trends.push({
      function: g.function,
      state: g.state,
      createdBy: g.createdBy,
      ...(!mixed && g.blockedIn !== undefined ? { blockedIn: g.blockedIn } : {}),
      ...(g.waitsIn !== undefined ? { waitsIn: g.waitsIn } : {}),
      ...(g.clientConn !== undefined ? { clientConn: g.clientConn } : {}),
      ...(g.clientConn !== undefined && dump.httpClient ? { httpClient: dump.httpClient } : {}),
      counts,
      growth: (counts[counts.length - 1] ?? 0) - (counts[0] ?? 0),
      monotonic: nonDecreasing(counts),
      ...(g.benign ? { benign: true as const } : {}),
      // A debug=1 dump prints no wait: not 0 minutes but unknown, so a trend with one has no waits (`0 → 3 minutes` read a debug=1 dump's nothing as 0).
      ...(!mixed && waits.some((w) => w > 0) ? { waits, waited: byDump.map((sums) => sums.get(k)?.waited ?? 0) } : {}),
      ...(ran.some((n) => n > 0) ? { woken: ran } : {}),
      ...(g.file !== undefined ? { file: g.file } : {}),
      ...(g.line !== undefined ? { line: g.line } : {}),
    });
  }
  return (mixed ? trends : byFunction(trends)).sort((a, b) => b.growth - a.growth);
}

/**
 * One trend per function: a function's goroutines in several groups (a pool's busy workers in
 * [sleep], its idle ones in [chan receive]) are counted together, every state summed, and named by
 * the group that has the most at the last dump, whose own counts are kept (GroupTrend.named): the
 * captured go1.19-audit46-workerpool's main.worker grew 115 → 295 (+180), where its chan-receive
 * group alone read 46 → 295 (+249). A function with one group keeps it as it is, and so do the
 * standard library's (their groups' places are what the advice tells apart).
 */
function byFunction(trends: readonly GroupTrend[]): GroupTrend[] {
  const of = new Map<string, GroupTrend[]>();
  for (const t of trends) {
    const same = of.get(t.function);
    if (same) same.push(t);
    else of.set(t.function, [t]);
  }
  return [...of.values()].flatMap((same): GroupTrend | GroupTrend[] => {
    const [first] = same;
    // The standard library's goroutines stay apart by where they wait: net/http's read loops at two lines are two causes (go1.19-audit29-blocked).
    if (same.length === 1 && first) return first;
    if (isStandardLibrary(same[0]?.function ?? '')) return same;
    const last = (t: GroupTrend): number => t.counts.at(-1) ?? 0;
    const named = same.reduce((a, b) => (last(b) > last(a) ? b : a));
    const counts = named.counts.map((_, i) => same.reduce((n, t) => n + (t.counts[i] ?? 0), 0));
    const merged: GroupTrend = {
      ...named,
      counts,
      growth: (counts.at(-1) ?? 0) - (counts[0] ?? 0),
      monotonic: nonDecreasing(counts),
      named: { counts: named.counts },
    };
    if (!same.every((t) => t.benign)) delete merged.benign;
    return merged;
  });
}

/**
 * The GC off in the latest snapshot with MemStats (gcoff.ts), with the series' allocation rate:
 * per second from --interval, or from LastGC when every snapshot was read right after the GC it
 * forced (heap?debug=1&gc=1: TotalAlloc and LastGC of one moment).
 */
function seriesGcOff(pointed: readonly SeriesSnapshot[], points: readonly SeriesPoint[], afterForcedGC: readonly boolean[], allocation: SeriesAnalysis['allocation'], intervalSeconds: number | undefined, stepAllocated: readonly number[]): SeriesGcOff | undefined {
  const off = gcOff(pointed[pointed.length - 1]?.stats);
  if (!off) return undefined;
  const afterEach = afterForcedGC.length > 0 && afterForcedGC.every(Boolean);
  const first = points[0];
  const last = points[points.length - 1];
  // One GC between two dumps, each forced by the dump that follows it: the dumps' own, and no other.
  const dumpsForcedEach = afterEach && points.every((p, i) => i === 0 || p.numGC - (points[i - 1]?.numGC ?? 0) === 1);
  const gcSeconds = afterEach && first?.lastGcMs !== undefined && last?.lastGcMs !== undefined ? (last.lastGcMs - first.lastGcMs) / 1000 : 0;
  // The program's, as the per-GC figure: the profiler's own allocations left out (allocation.ts).
  const allocated = programAllocated(points, allocation.profilerBytes);
  const fromLastGC = gcSeconds > 0 && allocated !== undefined ? allocated / gcSeconds : undefined;
  const common = { off, every: pointed.every((s) => gcOff(s.stats) !== undefined), dumpsForcedEach, ...(intervalSeconds !== undefined ? { secondsPerStep: intervalSeconds } : {}) };
  // One step that allocated most of it (allocationBurst) is said apart, the rate the other steps' (a mean with it is the burst's).
  const b = allocation.burst;
  if (!b || !first || !last) return { ...common, bytesPerGC: allocation.bytesPerGC, ...(allocation.overGCs ? { overGCs: allocation.overGCs } : {}), bytesPerSecond: allocation.bytesPerSecond ?? fromLastGC };
  const [before, after] = [points[b.from - 1], points[b.from]];
  // What the other steps allocated, each less the profiler's own (stepAllocations).
  const others = stepAllocated.reduce((sum, bytes, i) => (i === b.from - 1 ? sum : sum + bytes), 0);
  const otherGCs = last.numGC - first.numGC - ((after?.numGC ?? 0) - (before?.numGC ?? 0));
  const burstSeconds = afterEach && before?.lastGcMs !== undefined && after?.lastGcMs !== undefined ? (after.lastGcMs - before.lastGcMs) / 1000 : 0;
  const otherSeconds = intervalSeconds !== undefined ? intervalSeconds * (points.length - 2) : gcSeconds - burstSeconds;
  return {
    ...common,
    bytesPerGC: perCycleRate(otherGCs, afterEach) ? others / otherGCs : undefined,
    ...(!perCycleRate(otherGCs, afterEach) && otherGCs > 0 ? { overGCs: { bytes: others, gcs: otherGCs } } : {}),
    bytesPerSecond: otherSeconds > 0 ? others / otherSeconds : undefined,
    burst: { at: b.from, bytes: b.bytes, steps: points.length - 1 },
  };
}

/**
 * Snapshots of one process in capture order: TotalAlloc never decreases within a process. Binary
 * profiles without MemStats (TotalAlloc 0: first) are in the order they were taken (time_nanos),
 * not as given: given newest first, a leak's site fell at every step.
 */
export function orderByTotalAlloc<S extends SeriesSnapshot>(snapshots: readonly S[]): S[] {
  // Each key read once (a stable sort of thousands of scrapes reads a key per comparison otherwise).
  const keyed = snapshots.map((s) => ({ s, totalAlloc: s.stats?.int('TotalAlloc') ?? 0, at: s.stats ? 0 : s.capturedAtMs ?? 0 }));
  return keyed.sort((a, b) => a.totalAlloc - b.totalAlloc || a.at - b.at).map(({ s }) => s);
}

/** The deepest recursion any goroutine dump shows (goroutines/stacks.ts recursionOf), as SeriesFacts' `recursion`. */
function deepestRecursion(dumps: readonly GoroutineSummary[]): { recursion?: Recursion } {
  let deepest: Recursion | undefined;
  for (const d of dumps) {
    const r = recursionOf(d);
    if (r && (!deepest || r.frames > deepest.frames)) deepest = r;
  }
  return deepest ? { recursion: deepest } : {};
}

export function analyzeSeries(snapshots: readonly SeriesSnapshot[], goroutineDumps: readonly GoroutineSummary[] = [], options: SeriesOptions = {}): SeriesAnalysis {
  const ordered = orderByTotalAlloc(snapshots);
  checkOneProcess(ordered, goroutineDumps);
  const unchecked = sameProgramUnchecked(ordered, goroutineDumps);
  // The series' snapshots are those with a point (MemStats): a binary profile alone has none. The
  // table and the verdict's `snapshots 2→5` number these, so indexes below are into `pointed`.
  const pointed: SeriesSnapshot[] = [];
  const points: SeriesPoint[] = [];
  const withoutMemStats: string[] = [];
  // Where each snapshot is among them: a lookup for the epochs, not a scan per epoch (thousands of scrapes).
  const places = new Map<SeriesSnapshot, number>();
  for (const s of ordered) {
    const p = point(s);
    if (p !== undefined) {
      places.set(s, pointed.length);
      pointed.push(s);
      points.push(p);
    } else if (!s.stats) withoutMemStats.push(s.source);
  }
  const sameEpoch: [number, number][] = [];
  for (let i = 1; i < pointed.length; i++) {
    const a = pointed[i - 1]?.stats?.int('NumGC');
    if (a !== undefined && a === pointed[i]?.stats?.int('NumGC')) sameEpoch.push([i - 1, i]);
  }
  const epochs = epochRepresentatives(ordered);
  const afterForcedGC = readAfterForcedGC(pointed);
  // The profiles the site trends read: of the snapshots read right after a forced GC alone when
  // the verdict rests on those (judgedAfterForcedGC), as their readings are compared; a plain
  // dump's profile is that of its last GC, older than its MemStats.
  const everyProfiled = profiledEpochs(ordered);
  const oneRate = atLatestRate(everyProfiled);
  const forcedOnly = judgedAfterForcedGC(afterForcedGC) ? new Set(pointed.filter((_, i) => afterForcedGC[i])) : undefined;
  // A profile the runtime had not replaced yet is no second reading (sameProfile).
  const distinct = distinctProfiles(forcedOnly ? oneRate.epochs.filter((s) => forcedOnly.has(s)) : oneRate.epochs, new Set(pointed.filter((_, i) => afterForcedGC[i])));
  // A profile older than its MemStats by more than a GC cycle is no reading of its moment (caughtUp).
  const lag = caughtUp(distinct.kept);
  const trendEpochs = distinct.kept;
  // Trends read the dumps that count every goroutine, in one format (goroutines/tracks.ts), in the order given (goroutines/order.ts).
  const orderedGoroutines = countingDumps(goroutineDumps);
  const otherCounts = otherFormatCounts(orderedGoroutines, goroutineDumps);
  const pointDumps = pointDumpIndexes(pointed, orderedGoroutines);
  pointDumps.forEach((at, i) => {
    const dump = at === undefined ? undefined : orderedGoroutines[at];
    const p = points[i];
    if (at !== undefined && dump && p) p.goroutineDump = pointGoroutineDump(dump, otherCounts[at]);
  });
  const groups = groupTrends(orderedGoroutines);
  const growingGroups = groups.filter((g) => !g.benign && g.monotonic && g.growth >= SERIES_THRESHOLDS.groupGrowthMin);
  const sited = siteTrends(trendEpochs);
  const trends = outweighingArrays(descriptorsFollowGoroutines(sited.trends, growingGroups.some((g) => heldFrom(g.counts, SERIES_THRESHOLDS.flatShare) === undefined)), sited.arrays);
  // A site that grows only through a stale first profile's catch-up (caughtUp) is no growing site; the trends keep
  // every reading, as a peak's or a burst's words read them (the captured concpeak's main.render, the seed's runtime.malg).
  const caughtUpOnly = lag ? notGrowingFrom(trendEpochs, trendEpochs.findIndex((s) => s.source === lag.after)) : undefined;
  // The goroutine descriptors (runtime.malg) are said as a burst's cost, not growth, whichever profile counts them.
  const growingSites = trends.filter((t) => growingSite(t) && (isDescriptorSite(t) || !caughtUpOnly?.has(siteKey(t))));
  // Said only where it left a site out.
  const caughtUpSaid = lag && trends.some((t) => growingSite(t) && !isDescriptorSite(t) && caughtUpOnly?.has(siteKey(t))) ? lag : undefined;
  const oldCopies = oldCopyBytes(growingSites, trendEpochs);
  const offsettingSites = siteShift(growingSites, trends, points);

  const first = points[0];
  const last = points[points.length - 1];
  const gcs = first && last ? last.numGC - first.numGC : 0;
  // The program's rate, as the verdict's churn figures read it: the profiler's own allocations left out (§7).
  // Over every profiled epoch, as TotalAlloc's rise spans every point.
  const profilerBytes = profilerAllocated(everyProfiled.filter((s) => s.stats !== undefined));
  const allocated = programAllocated(points, profilerBytes);
  const seconds = options.intervalSeconds !== undefined ? options.intervalSeconds * (points.length - 1) : undefined;
  const stepAllocated = stepAllocations(pointed, points);
  const burst = allocated === undefined ? undefined : allocationBurst(stepAllocated);
  // Stretches of one rate (reasoning.md §7), with --interval: each step's TotalAlloc rise over the interval.
  const interval = options.intervalSeconds;
  const phases = interval && interval > 0 && allocated !== undefined && !burst
    ? ratePhases(stepAllocated.map((bytes, i) => ({ fromSeconds: i * interval, toSeconds: (i + 1) * interval, allocated: bytes })), SERIES_RATE_STEPS)
    : undefined;
  // Per GC cycle only over enough cycles, or at cycles' ends (perCycleRate); else the bytes over the cycles, as they are.
  const perCycle = perCycleRate(gcs, afterForcedGC.length > 0 && afterForcedGC.every(Boolean));
  const allocation = {
    bytesPerGC: perCycle && allocated !== undefined ? allocated / gcs : undefined,
    ...(!perCycle && gcs > 0 && allocated !== undefined ? { overGCs: { bytes: allocated, gcs } } : {}),
    bytesPerSecond: seconds && seconds > 0 && allocated !== undefined ? allocated / seconds : undefined,
    profilerBytes,
    // The profiler's estimate is as large as TotalAlloc's rise or larger: the program's rate cannot be told (allocation.ts).
    ...(allocated === undefined ? { profilerAboveRise: true as const } : {}),
    ...(burst ? { burst: { from: burst.at, to: burst.at + 1, bytes: burst.bytes } } : {}),
    ...(phases && interval ? { phases: phases.map((p) => ({ from: Math.round(p.fromSeconds / interval), to: Math.round(p.toSeconds / interval), bytesPerSecond: p.perSecond })) } : {}),
  };
  const epochIndexes = epochs.map((e) => places.get(e) ?? -1);
  const growingSizeClasses = sizeClassTrends(epochs);
  // Only exact counts (BySize) are weighed: a by-size histogram gives bounds of bytes, not a class.
  const exactClasses = epochs.every((e) => e.sizeClasses?.exact !== false) ? growingSizeClasses : undefined;
  // Named only beside two readings after a forced GC at least, as the verdict compares them (liveHeapWords).
  const betweenGCs = comparedAfterForcedGC(afterForcedGC) ? afterForcedGC.flatMap((after, i) => (after ? [] : [i])) : [];
  const off = seriesGcOff(pointed, points, afterForcedGC, allocation, options.intervalSeconds, stepAllocated);
  const heldGoal = goalHeldByLimit(pointed, points);
  const pinnedGoal = goalPinnedFrom(pointed);
  // The marks of a limit weighed by the allocation since the snapshot before (memlimit.ts recentLimitSigns), not the average since the start.
  const judged = epochs.map((e, i) => withRecentLimitSigns(e, pointed, epochIndexes[i] ?? -1));
  const profiled = snapshots.length === 0 || snapshots.some((s) => s.profile.format !== undefined);
  // Read between GCs alone (/debug/vars, /metrics), where the goal moved while the live heap did not (heldgoal.ts goalMovesBetweenGCs).
  const goalChanges = profiled ? goalRatioChanges(pointed, afterForcedGC) : goalMovesBetweenGCs(pointed);
  const judgedVerdict = judgeSeries({ points, epochs: judged, epochIndexes, goals: pointed.map((s) => s.stats?.int('NextGC')), sites: growingSites, allSites: trends, ...(oldCopies.size > 0 ? { oldCopies } : {}), ...(offsettingSites ? { offsettingSites } : {}), ...(off ? { gcOff: off } : {}), ...(heldGoal ? { heldGoal } : {}), ...(pinnedGoal ? { pinnedGoal } : {}), afterForcedGC, groups: growingGroups, heldGroups: groups.filter((g) => !growingGroups.includes(g)), goroutineDumps: orderedGoroutines.length, latestGroups: orderedGoroutines[orderedGoroutines.length - 1]?.groups ?? [], goroutineTotals: orderedGoroutines.map((d) => d.total), goroutineCaptures: orderedGoroutines.map(({ source, moment, kind }) => ({ source, moment, kind })), pointDumps, goroutineOtherCounts: otherCounts, ...deepestRecursion(orderedGoroutines),
    profiled, ...(!profiled && goalChanges.length > 0 ? { goalMoves: goalChanges } : {}), profilerAllocated: profilerBytes, stepAllocated, ...(exactClasses ? { sizeClasses: exactClasses } : {}) });
  // A ?gc=1 series under a GOGC set high says it, and that HeapSys and HeapAlloc between GCs follow that goal (forced.ts steadyHighGogcWords).
  const gogcWords = profiled && goalChanges.length === 0 && judgedVerdict.kind !== 'leak' && !judgedVerdict.summary.includes('GOGC ≈') ? steadyHighGogcWords(pointed, afterForcedGC, points) : '';
  const gogcVerdict = gogcWords === '' ? judgedVerdict : { ...judgedVerdict, summary: `${judgedVerdict.summary}${gogcWords}` };
  // RSS that grows outside the Go heap is a leak whatever the heap does: said beside the heap's verdict.
  const outside = offHeapGrowth(points);
  const verdict = outside ? { ...gogcVerdict, outsideGoHeap: outside } : gogcVerdict;
  const requesters = bodyRequesters(ordered, orderedGoroutines);
  const forcedReadings = afterForcedGC.filter(Boolean).length;
  // The trend's profiles read between GCs (plain dumps): each as of its dump's last GC, which the holder's words say.
  const forcedSnapshots = new Set(pointed.filter((_, i) => afterForcedGC[i]));
  const holder = growingHolder(trends, growingSites.filter((s) => !s.profiler), trendEpochs.at(-1)?.profile.sites, trendEpochs.some((s) => !forcedSnapshots.has(s)));
  return { points, sameEpoch, ...(betweenGCs.length > 0 ? { betweenGCs } : {}), ...(points.length > 0 && withoutMemStats.length > 0 ? { withoutMemStats } : {}), ...(unchecked.length > 0 ? { sameProgramUnchecked: unchecked } : {}), trendSources: trendEpochs.map((s) => s.source), ...(distinct.repeated.length > 0 ? { sameProfile: distinct.repeated } : {}), ...(oneRate.change ? { samplingRateChange: oneRate.change } : {}), ...(caughtUpSaid ? { profileCaughtUp: caughtUpSaid } : {}), growingSites, ...(forcedReadings >= SERIES_THRESHOLDS.minPoints ? { readAfterForcedGC: forcedReadings } : {}), ...(goalChanges.length > 0 ? { goalRatioChanges: goalChanges } : {}), ...(offsettingSites ? { offsettingSites } : {}), growingGroups, ...(orderedGoroutines.length > 0 ? { groupSources: orderedGoroutines.map((d) => d.source) } : {}), ...(growingSizeClasses ? { growingSizeClasses } : {}), ...(requesters.length > 0 ? { httpRequesters: requesters } : {}), ...(holder ? { growingHolder: holder } : {}), allocation: withPhasesOf(allocation, verdict.kind), verdict };
}
