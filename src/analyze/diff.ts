/**
 * `heapdoc diff BEFORE AFTER`: two snapshots side by side, like `pprof -diff_base` for the
 * profile but with the MemStats block too. Pure: it compares two analyses.
 */
import type { HeapdocError } from '../input/errors.js';
import { BUCKETS } from './breakdown.js';
import { lastSamplingRateChange, oneProcessProblems, orderByTotalAlloc, sameProgramUnchecked } from './series/index.js';
import type { SamplingRateChange } from './series/model.js';
import { readAfterForcedGC } from './series/forced.js';
import { goalPinnedFrom, type PinnedGoal } from './series/pinned.js';
import { readBetweenGCsAlone } from './verdict.js';
import type { MemStats } from './memstats.js';
import { siteKey, type AllocationSite, type Usage } from './profile.js';
import type { SnapshotAnalysis } from './snapshot.js';
import { sortMeasure, type SortKey } from './sort.js';
import { changeSamplingError, profileAheadSlack, samplesBehind } from './unsample.js';
import { MAX_SMALL_OBJECT } from './residency.js';

export interface Delta {
  before: number;
  after: number;
  delta: number;
}

export interface SiteDelta {
  function: string;
  file: string | undefined;
  line: number | undefined;
  inuseBytes: Delta;
  inuseObjects: Delta;
  allocBytes: Delta;
  allocObjects: Delta;
  /** Every stack of the site, on both sides, runs through the profiler: taking the dumps allocated it (profile.ts). */
  profiler?: true;
  /**
   * What its in-use bytes may move by from sampling alone (~95 %, unsample.ts changeSamplingError),
   * when both profiles are sampled: a change no larger is within sampling error, not a change shown.
   */
  inuseSamplingError?: number;
}

export interface SnapshotDiff {
  before: SnapshotAnalysis;
  after: SnapshotAnalysis;
  /** Each breakdown bucket, plus sys and retained; empty when either dump has no MemStats. */
  buckets: Partial<Record<DiffBucket, Delta>>;
  /** Counters and gauges of MemStats worth comparing. */
  stats: Partial<Record<(typeof COMPARED_STATS)[number], Delta>>;
  /** Sites whose in-use or allocated bytes changed, largest change first (in-use bytes, or the --sort measure). */
  sites: SiteDelta[];
  /** The measure the sites are ordered by (--sort): the one the reports show first. */
  measure: keyof Usage;
  /**
   * The dumps with no heap profile (/debug/vars, /metrics): their sites are unknown, not zero, so
   * no site is compared when one is listed here.
   */
  withoutProfile: string[];
  /** The dumps with no MemStats (a binary profile): with one listed, no bucket or counter is compared. */
  withoutMemStats: string[];
  /**
   * With one dump only without MemStats, the other's (`side`): its buckets and fields as they are,
   * not compared; undefined when both dumps have MemStats, or neither.
   */
  oneSideMemStats?: OneSideMemStats;
  /**
   * What the dumps show allows them to be one process, AFTER later than BEFORE: TotalAlloc and
   * NumGC; without MemStats (binary profiles) the capture times, else the profiles' allocated
   * bytes, which are cumulative too. True when nothing can tell.
   */
  sameProcessOrder: boolean;
  /** What said so (`TotalAlloc and NumGC`, …); undefined when nothing could. */
  orderShownBy?: string;
  /** Both dumps were taken between the same two GCs: their heap records are the same. */
  sameGcEpoch: boolean;
  /**
   * Why the dumps cannot come from one process (two programs, two sampling rates…): analyze's
   * checks (series oneProcessProblems), a line each; empty when they can. `diff` refuses such a
   * pair unless --separately, and then no order or GC epoch is said of them.
   */
  notOneProcess: HeapdocError[];
  /**
   * The side (its source) that carries no stack frames while the other does, with no GC cycle both
   * hold to link them (series sameProgramUnchecked): nothing checked it is the same program. Empty
   * otherwise, and when they are not one process.
   */
  sameProgramUnchecked: string[];
  /** Every MemStats field and every site the same: one dump given twice, not two of one GC epoch. */
  identical: boolean;
  /**
   * The two profiles are sampled at different rates while the GC cycles they share make them one
   * run (series oneProcessProblems): the program set runtime.MemProfileRate between them, and the
   * runtime scales every record by the rate in force, older records too, so the sites' changes
   * compare two samplings. Undefined otherwise.
   */
  samplingRateChange?: SamplingRateChange;
  /**
   * The dumps read between GCs (their sources): a heap profile is as of an earlier GC than the
   * MemStats beside it, and HeapAlloc counts the garbage made since the last GC. Said of a plain
   * dump when the other was read right after a forced GC (?gc=1: series/forced.ts readAfterForcedGC), of one
   * whose profile or goal says so (verdict.ts readMidCycle, as analyze says "Read between GCs"), of one
   * whose profile counts more in use than its HeapAlloc, of an earlier GC (series/forced.ts
   * profileOfEarlierGC), and of BEFORE when the profiles' allocated bytes rose more than TotalAlloc
   * (sitesBeyondTotalAlloc). Empty otherwise, and for dumps not of one process in order.
   */
  betweenGCs: string[];
  /** AFTER's heap goal pinned at the live heap, BEFORE's GOGC's (series/pinned.ts): a memory limit began between the two. */
  goalFell?: PinnedGoal;
  /** Those of the two read right after a forced GC (?gc=1), when the other was read between GCs. */
  afterForcedGC: string[];
  /**
   * The profiles' allocated bytes rose more than TotalAlloc, beyond sampling (profileAheadSlack):
   * BEFORE's profile, as of an earlier GC, lacked what was allocated before it was read, so the
   * sites' changes are not what happened between the two (a 128 MiB buffer made before BEFORE's
   * MemStats read "+32.0 MiB in use, +128.0 MiB allocated" over a TotalAlloc rise of 9.6 MiB).
   */
  sitesBeyondTotalAlloc?: { allocBytes: number; totalAllocBytes: number };
  /**
   * The live heap fell by half or more (1 MiB at least) between two dumps both read right after a
   * forced GC, while under a tenth of the fall was allocated between them, and the sites that fell
   * freed two or more large objects (above 32 KiB each on average) for half the fall or more: what a
   * sync.Pool (or a cache) does when it drops what it held across GCs (droppedAcrossGCs). A hint, no verdict.
   */
  droppedAcrossGCs?: DroppedAcrossGCs;
}

/** SnapshotDiff.droppedAcrossGCs: the fall, what was allocated meanwhile, and the large objects freed at the sites that fell (most first). */
export interface DroppedAcrossGCs {
  fellBytes: number;
  allocatedBytes: number;
  freedBytes: number;
  freedObjects: number;
  sites: { function: string; file: string | undefined; line: number | undefined; freedBytes: number; freedObjects: number; pool?: true }[];
}

/** A frame of a sync.Pool's own (`sync.(*Pool).Get`, `sync.(*Pool).getSlow`): on a stack, the pool's New made the objects. */
const POOL_FRAME = 'sync.(*Pool).';

/**
 * Every stack of the site in BEFORE (where the freed objects were) passes through a sync.Pool's
 * method: the pool made them (its New, called from Get). A pooled buffer grown after Get
 * (bytes.growSlice under main.render in go1.19-audit40-bufpool) shows no pool frame.
 */
function madeByPool(site: AllocationSite | undefined): boolean {
  if (site === undefined || site.stackCount === 0) return false;
  return site.stacks.every(({ stack }) => {
    for (let i = 0; i < stack.depth; i++) if (stack.functionAt(i)?.startsWith(POOL_FRAME) === true) return true;
    return false;
  });
}

/** What diff shows of the breakdown, in this order: analyze's buckets, then sys and retained. */
export const DIFF_BUCKETS = [...BUCKETS, 'sys', 'retained'] as const;
export type DiffBucket = (typeof DIFF_BUCKETS)[number];

/** The MemStats of the one dump that has them (SnapshotDiff.oneSideMemStats). */
export interface OneSideMemStats {
  side: 'before' | 'after';
  breakdown: Partial<Record<DiffBucket, number>>;
  memStats: Partial<Record<(typeof COMPARED_STATS)[number], number>>;
}

export const COMPARED_STATS = ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'HeapSys', 'HeapObjects', 'StackInuse', 'Sys', 'TotalAlloc', 'Mallocs', 'Frees', 'NumGC', 'NextGC'] as const;

function delta(before: number, after: number): Delta {
  return { before, after, delta: after - before };
}

/** `sort` orders the sites by the size of their change in that measure (--sort; in-use bytes by default). */
export function diffSnapshots(before: SnapshotAnalysis, after: SnapshotAnalysis, sort: SortKey = 'inuse-space'): SnapshotDiff {
  const buckets: SnapshotDiff['buckets'] = {};
  if (before.breakdown && after.breakdown) {
    for (const b of DIFF_BUCKETS) buckets[b] = delta(before.breakdown[b], after.breakdown[b]);
  }
  const stats: SnapshotDiff['stats'] = {};
  for (const name of COMPARED_STATS) {
    const a = before.stats?.int(name);
    const b = after.stats?.int(name);
    if (a !== undefined && b !== undefined) stats[name] = delta(a, b);
  }
  const withoutProfile = lacking([before, after], (s) => s.profile.format !== undefined);
  const withoutMemStats = lacking([before, after], (s) => s.stats !== undefined);
  const sites = withoutProfile.length > 0 ? [] : siteDeltas(before, after, sort);
  const oneSide = withoutMemStats.length === 1 ? oneSideMemStats(before.stats ? 'before' : 'after', before.stats ? before : after) : undefined;
  const gcs = stats.NumGC;
  const ordered = orderByTotalAlloc([before, after]);
  const notOneProcess = oneProcessProblems(ordered);
  const unchecked = notOneProcess.length > 0 ? [] : sameProgramUnchecked(ordered);
  const rateChange = notOneProcess.length > 0 ? undefined : lastSamplingRateChange(ordered);
  // Two programs have no order and no GC epoch in common.
  const order = notOneProcess.length > 0 ? { sameProcessOrder: false } : processOrder(before, after, stats);
  const identical = withoutProfile.length === 0 && sites.length === 0 && before.stats !== undefined && after.stats !== undefined && sameFields(before.stats, after.stats);
  const sameGcEpoch = notOneProcess.length === 0 && gcs !== undefined && gcs.delta === 0;
  // Readings of one process in order only: two programs, or a swapped pair, have no "since" between them.
  const timing = notOneProcess.length === 0 && order.sameProcessOrder && !sameGcEpoch && !identical ? readTiming(before, after, stats) : undefined;
  const dropped = timing?.bothForced ? droppedAcrossGCs(stats, sites, before) : undefined;
  const fell = timing ? goalPinnedFrom([before, after], 1) : undefined;
  return {
    before, after, buckets, stats, sites, measure: sortMeasure(sort), withoutProfile, withoutMemStats, ...(oneSide ? { oneSideMemStats: oneSide } : {}), ...order, sameGcEpoch, notOneProcess, sameProgramUnchecked: unchecked, identical,
    betweenGCs: timing?.betweenGCs ?? [], afterForcedGC: timing?.afterForcedGC ?? [], ...(timing?.beyond ? { sitesBeyondTotalAlloc: timing.beyond } : {}),
    ...(dropped ? { droppedAcrossGCs: dropped } : {}), ...(fell?.before !== undefined ? { goalFell: fell } : {}), ...(rateChange ? { samplingRateChange: rateChange } : {}),
  };
}

/** Which of two dumps of one process, in order, were read between GCs, and whether the sites moved more than TotalAlloc (SnapshotDiff.betweenGCs). */
function readTiming(before: SnapshotAnalysis, after: SnapshotAnalysis, stats: SnapshotDiff['stats']): { betweenGCs: string[]; afterForcedGC: string[]; bothForced: boolean; beyond?: SnapshotDiff['sitesBeyondTotalAlloc'] } {
  const sides = [before, after];
  const forced = readAfterForcedGC(sides);
  const paired = forced.some(Boolean) && !forced.every(Boolean);
  const total = stats.TotalAlloc;
  const rate = after.profile.samplingRate ?? 0;
  const profiled = before.profile.format !== undefined && after.profile.format !== undefined && rate > 0;
  const profileRise = after.profile.allocBytes - before.profile.allocBytes;
  const beyond = total !== undefined && profiled && profileRise > total.delta + profileAheadSlack(profileRise, total.delta, rate)
    ? { allocBytes: profileRise, totalAllocBytes: total.delta } : undefined;
  // A side without MemStats (a binary profile) has no HeapAlloc to be read between GCs: its sites are as of its last GC.
  const between = sides.map((s, i) => s.stats !== undefined && ((paired && forced[i] !== true) || (i === 0 && beyond !== undefined) || midCycle(s)));
  return {
    betweenGCs: sides.filter((_, i) => between[i]).map((s) => s.source),
    afterForcedGC: between.some(Boolean) ? sides.filter((_, i) => forced[i] === true && !between[i]).map((s) => s.source) : [],
    bothForced: forced.every(Boolean) && !between.some(Boolean),
    ...(beyond ? { beyond } : {}),
  };
}

/** How many of the sites that freed large objects droppedAcrossGCs names. */
const DROPPED_SITES_SHOWN = 3;

/**
 * A fall of the live heap no work between the dumps explains (SnapshotDiff.droppedAcrossGCs):
 * between two dumps read right after a forced GC (`?gc=1`), HeapAlloc fell by half or more and
 * 1 MiB or more, while TotalAlloc rose by under a tenth of the fall, and the sites whose in-use
 * bytes fell (beyond sampling error; not the profiler's) by objects larger than a small object
 * (32 KiB) on average freed half the fall or more, in two objects or more: a few big objects let go
 * of, all at once, by nothing the program allocated. A sync.Pool drops what it held unused over two GCs (its victim
 * cache), and its objects' stacks show where they were made, not the pool: the captured
 * go1.19-audit40-bufpool's two 4 MiB buffers at bytes.growSlice, 8.2 MiB → 174.6 KiB over one
 * forced GC with 52.3 KiB allocated. Undefined otherwise.
 */
function droppedAcrossGCs(stats: SnapshotDiff['stats'], sites: readonly SiteDelta[], before: SnapshotAnalysis): DroppedAcrossGCs | undefined {
  const live = stats.HeapAlloc;
  const total = stats.TotalAlloc;
  if (!live || !total) return undefined;
  const fell = -live.delta;
  if (fell < 1 << 20 || fell < live.before / 2 || total.delta * 10 >= fell) return undefined;
  // The sites that freed large objects: what each freed, over the objects it freed, above a small object's size.
  const freed = sites.filter((x) => !x.profiler && x.inuseObjects.delta < 0 && -x.inuseBytes.delta > -x.inuseObjects.delta * MAX_SMALL_OBJECT && !withinSamplingError(x))
    .sort((x, y) => x.inuseBytes.delta - y.inuseBytes.delta);
  const freedBytes = freed.reduce((n, x) => n - x.inuseBytes.delta, 0);
  const freedObjects = freed.reduce((n, x) => n - x.inuseObjects.delta, 0);
  // A few objects, not one: a pool holds several (one per P at least); one large object let go of is most often the program's own
  // (go1.19-audit36/oneoff's 200 MiB buffer, go1.19-audit30-mapshrink's bucket array of a map copied to a new one).
  if (freedBytes < fell / 2 || freedObjects < 2) return undefined;
  const beforeSites = new Map(before.profile.sites.map((s) => [siteKey(s), s]));
  return {
    fellBytes: fell, allocatedBytes: total.delta, freedBytes, freedObjects,
    sites: freed.slice(0, DROPPED_SITES_SHOWN).map((x) => ({ function: x.function, file: x.file, line: x.line, freedBytes: -x.inuseBytes.delta, freedObjects: -x.inuseObjects.delta,
      ...(madeByPool(beforeSites.get(siteKey(x))) ? { pool: true as const } : {}) })),
  };
}

/** A dump read between GCs by its own profile and goal, as analyze's verdict says it (verdict.ts readBetweenGCsAlone). */
function midCycle(s: SnapshotAnalysis): boolean {
  // MemStats alone (/debug/vars, /metrics) are read when asked, never right after a GC (verdict.ts
  // says so of one): the captured go1.19-audit45-observers' vars-t06 → vars-t68 was "Live heap 5.8 MiB → 60.8 MiB",
  // the ?gc=1 dumps of the same moments 3.9 → 34.5 MiB.
  if (s.stats !== undefined && s.profile.format === undefined) return true;
  const p = s.profile;
  return s.stats !== undefined && p.format !== undefined && readBetweenGCsAlone(s.stats, { inuseAtLastGc: p.samplingRate ? p.inuseBytes : undefined, allocated: p.allocBytes, sites: p.sites, rate: p.samplingRate }, s.source);
}

/** The buckets and compared fields of `dump`, the one side with MemStats, as they are. */
function oneSideMemStats(side: OneSideMemStats['side'], dump: SnapshotAnalysis): OneSideMemStats {
  const breakdown: OneSideMemStats['breakdown'] = {};
  if (dump.breakdown) for (const b of DIFF_BUCKETS) breakdown[b] = dump.breakdown[b];
  const memStats: OneSideMemStats['memStats'] = {};
  for (const name of COMPARED_STATS) {
    const value = dump.stats?.int(name);
    if (value !== undefined) memStats[name] = value;
  }
  return { side, breakdown, memStats };
}

/** Every field of `a` is in `b` with the same value: a process that ran between two dumps moves at least its clocks and counters. */
function sameFields(a: MemStats, b: MemStats): boolean {
  if (a.fields.size !== b.fields.size) return false;
  for (const [name, x] of a.fields) {
    const y = b.fields.get(name);
    if (Array.isArray(x) ? !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i]) : x !== y) return false;
  }
  return true;
}

/** The dumps without a part (`has`): it is unknown there, not zero, so that part is not compared. */
function lacking(dumps: readonly SnapshotAnalysis[], has: (s: SnapshotAnalysis) => boolean): string[] {
  return dumps.filter((s) => !has(s)).map((s) => s.source);
}

/** Each site whose in-use or allocated bytes changed, by the size of its change in the `sort` measure. */
function siteDeltas(before: SnapshotAnalysis, after: SnapshotAnalysis, sort: SortKey): SiteDelta[] {
  const beforeSites = new Map(before.profile.sites.map((s) => [siteKey(s), s]));
  const afterSites = new Map(after.profile.sites.map((s) => [siteKey(s), s]));
  const keys = new Set([...beforeSites.keys(), ...afterSites.keys()]);
  const sites: SiteDelta[] = [];
  for (const key of keys) {
    const a = beforeSites.get(key);
    const b = afterSites.get(key);
    const any = (b ?? a) as AllocationSite;
    const d: SiteDelta = {
      function: any.function,
      file: any.file,
      line: any.line,
      inuseBytes: delta(a?.inuseBytes ?? 0, b?.inuseBytes ?? 0),
      inuseObjects: delta(a?.inuseObjects ?? 0, b?.inuseObjects ?? 0),
      allocBytes: delta(a?.allocBytes ?? 0, b?.allocBytes ?? 0),
      allocObjects: delta(a?.allocObjects ?? 0, b?.allocObjects ?? 0),
      ...((a ?? b)?.profiler && (b ?? a)?.profiler ? { profiler: true as const } : {}),
      ...samplingErrorOf(a, b, before.profile.samplingRate, after.profile.samplingRate),
    };
    if (d.inuseBytes.delta !== 0 || d.allocBytes.delta !== 0) sites.push(d);
  }
  const measure = sortMeasure(sort);
  return sites.sort((x, y) => Math.abs(y[measure].delta) - Math.abs(x[measure].delta) || Math.abs(y.inuseBytes.delta) - Math.abs(x.inuseBytes.delta) || Math.abs(y.allocBytes.delta) - Math.abs(x.allocBytes.delta));
}

/**
 * `{ inuseSamplingError }` of a site's in-use change between two sampled profiles (the series'
 * notion, unsample.ts changeSamplingError); {} when either profile recorded every allocation or
 * its rate is unknown: exact values, any change is one.
 */
function samplingErrorOf(a: AllocationSite | undefined, b: AllocationSite | undefined, rateBefore: number | undefined, rateAfter: number | undefined): { inuseSamplingError?: number } {
  if (rateBefore === undefined || rateAfter === undefined || rateBefore <= 1 || rateAfter <= 1) return {};
  const [objects, bytes] = [(b?.inuseObjects ?? 0) - (a?.inuseObjects ?? 0), (b?.inuseBytes ?? 0) - (a?.inuseBytes ?? 0)];
  const samples = samplesBehind(b?.inuseObjects ?? 0, b?.inuseBytes ?? 0, rateAfter) - samplesBehind(a?.inuseObjects ?? 0, a?.inuseBytes ?? 0, rateBefore);
  return { inuseSamplingError: Math.round(changeSamplingError({ objects, bytes, samples })) };
}

/** Whether a site's in-use change is no larger than sampling alone may make it (SiteDelta.inuseSamplingError). */
export function withinSamplingError(s: SiteDelta): boolean {
  return s.inuseSamplingError !== undefined && Math.abs(s.inuseBytes.delta) <= s.inuseSamplingError;
}

/** Whether AFTER can be later than BEFORE in one process, and what shows it (SnapshotDiff.sameProcessOrder). */
function processOrder(before: SnapshotAnalysis, after: SnapshotAnalysis, stats: SnapshotDiff['stats']): { sameProcessOrder: boolean; orderShownBy?: string } {
  const total = stats.TotalAlloc;
  const gcs = stats.NumGC;
  if (total !== undefined && gcs !== undefined) return { sameProcessOrder: total.delta >= 0 && gcs.delta >= 0, orderShownBy: 'TotalAlloc and NumGC' };
  if (before.capturedAtMs !== undefined && after.capturedAtMs !== undefined) return { sameProcessOrder: after.capturedAtMs >= before.capturedAtMs, orderShownBy: 'the capture times' };
  if (before.profile.format && after.profile.format) return { sameProcessOrder: after.profile.allocBytes >= before.profile.allocBytes, orderShownBy: "the profiles' allocated bytes" };
  return { sameProcessOrder: true };
}
