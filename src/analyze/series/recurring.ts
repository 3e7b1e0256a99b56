/**
 * A recurring peak (a sawtooth): a live heap that climbs and falls back to about the same floor at
 * each of two large drops or more — a load that comes and goes, a periodic batch's (reasoning.md §3) —
 * or to a floor that rose at every fall: a leak under the recurring peak (the captured
 * go1.19-audit44-sawtooth, 64 MiB held every 20 s over 4 MiB kept per batch). One detector for both readings of the live heap that have one: a GC log's C after every GC
 * (exposition/gctrace.ts, in whole MB, each cycle's height its A) and heap dumps read right after a
 * forced GC (verdict.ts, in bytes, each cycle caught somewhere on its climb).
 */
import { largest, smallest } from '../../common/arrays.js';
import { countOf, formatBytes, formatCount, formatPercent } from '../../text/units.js';
import { fileLine, siteKey, type NamedSite } from '../profile.js';
import { GC_OFF_GOAL, HEAP_MINIMUM, impliedGogc } from '../gcoff.js';
import type { RecurringPeakJson, SeriesPoint, SeriesSite, SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/** What a large drop and a recurring peak are, in the values' own unit. */
export interface RecurringScale {
  /** A drop comes down to this many times below the highest so far, or further (in-flight work swings the live heap by up to ~2×). */
  perFloor: number;
  /** …by at least this much. */
  minFall: number;
  /** The least a floor counts as (a floor of 0 is no ratio): 1 MB in a GC log, 1 MiB in dumps. */
  unit: number;
  /** The cycles' floors (and, where measured, heights) lie within this share of the highest height. */
  spread: number;
  /** Rising floors (a leak under the peak): each floor this much above the one before, or more. */
  floorStep: number;
}

/** A large drop (largeDrops): the reading where it came down (`at`), and the highest before it (`highAt`). */
export interface LargeDrop {
  at: number;
  highAt: number;
}

/**
 * The large drops of a live heap (riseAfterDrop, recurringCycles): each reading (`at`) where it came down to 1/perFloor of its
 * highest so far or below, by minFall at least, from above it, with that highest's reading (`highAt`).
 */
export function largeDrops(live: readonly number[], s: Pick<RecurringScale, 'perFloor' | 'minFall' | 'unit'>): LargeDrop[] {
  const isDown = (v: number, high: number): boolean => high >= s.perFloor * Math.max(v, s.unit) && high - v >= s.minFall;
  let high = -Infinity;
  let highAt = 0;
  const drops: LargeDrop[] = [];
  for (let i = 1; i < live.length; i++) {
    const before = live[i - 1] ?? 0;
    if (before > high) [high, highAt] = [before, i - 1];
    // A drop begins where the live heap comes down from above 1/perFloor of the highest.
    if (isDown(live[i] ?? 0, high) && !isDown(before, high)) drops.push({ at: i, highAt });
  }
  return drops;
}

/** The complete cycles of a recurring peak (recurringCycles). */
export interface RecurringCycles {
  drops: LargeDrop[];
  /** Each complete cycle's height (up to and including its fall) and the floor it fell to. */
  heights: number[];
  floors: number[];
  /** The highest height and floor. */
  height: number;
  floor: number;
  /** The highest reading after the last fall when it climbed again by minFall or more (undefined: the readings end at the floor). */
  climb: number | undefined;
  /** The floors rose at every fall (3 floors or more, each floorStep above the one before): what stays after each peak accumulates. */
  floorsRise: boolean;
  /** The largest climb of a cycle above the floor it fell to: the peak on top of what stays. */
  peak: number;
}

/**
 * A live heap (`live`, one reading per GC) that climbed and fell back at each of 2 large drops or more (largeDrops), each fall
 * to within `spread` of the same floor, a quarter of every height or less (perFloor), the readings after the last fall climbing
 * no higher than the highest height by more than `spread`. A cycle's height is the highest of `highs` (a GC log's A, the heap at
 * a GC's start: the batch's 150 MB, freed just before the GC that counts C, often reach only A) and of `live` up to its fall.
 * `sameHeights`: every height within `spread` of the highest too — what a GC log, which sees every cycle's top, can say; dumps
 * catch a cycle anywhere on its climb (the captured go1.19-audit42-batch's ?gc=1 dumps: 80.2, 127.2 and 150.2 MiB), and
 * their caller bounds the heights another way (HeapSys).
 * Or floors that rose at every fall, 3 or more, each by floorStep or more (`floorsRise`): a leak under the recurring peak, the
 * peak riding on the floor (the captured go1.19-audit44-sawtooth's log: `68->68->4`, `73->73->8`, `76->76->12 MB`). Then each
 * cycle's climb above its own floor is what must agree (sameHeights), and what follows the last fall climbs no further above
 * the last floor than a cycle did. Undefined otherwise.
 */
export function recurringCycles(live: readonly number[], highs: readonly number[], s: RecurringScale, sameHeights: boolean): RecurringCycles | undefined {
  const drops = largeDrops(live, s);
  if (drops.length < 2) return undefined;
  let start = 0;
  const heights: number[] = [];
  const floors: number[] = [];
  for (const d of drops) {
    heights.push(Math.max(largest(highs.slice(start, d.at + 1)), largest(live.slice(start, d.at))));
    floors.push(live[d.at] ?? 0);
    start = d.at + 1;
  }
  const [lowH, highH] = [smallest(heights), largest(heights)];
  const [lowF, highF] = [smallest(floors), largest(floors)];
  // Each cycle's climb above the floor it fell to: what came and went, whatever stayed.
  const climbs = heights.map((h, i) => h - (floors[i] ?? 0));
  const [lowC, highC] = [smallest(climbs), largest(climbs)];
  const floorsRise = floors.length >= 3 && floors.every((f, i) => i === 0 || f - (floors[i - 1] ?? 0) >= s.floorStep);
  const spread = s.spread * highH;
  if (Math.max(highF, s.unit) * s.perFloor > lowH) return undefined;
  const apart = floorsRise ? sameHeights && highC - lowC > s.spread * highC : (sameHeights && highH - lowH > spread) || highF - lowF > spread;
  if (apart) return undefined;
  const after = start < live.length ? Math.max(largest(highs.slice(start)), largest(live.slice(start))) : undefined;
  // Rising floors lift the next climb with them: it is bounded above the last floor, as high as a cycle climbed.
  const bound = floorsRise ? highF + highC + s.spread * highC : highH + spread;
  if (after !== undefined && after > bound) return undefined;
  const climb = after !== undefined && after - highF >= s.minFall ? after : undefined;
  return { drops, heights, floors, height: highH, floor: highF, climb, floorsRise, peak: highC };
}

/** The shortest and the longest time between two consecutive falls, from each reading's time (`at`, seconds or any unit). */
export function betweenFalls(drops: readonly LargeDrop[], at: readonly number[]): [number, number] {
  const gaps = drops.slice(1).map((d, i) => (at[d.at] ?? 0) - (at[drops[i]?.at ?? 0] ?? 0));
  return [smallest(gaps), largest(gaps)];
}

/** `~22–23 s`, or `~22 s` when both round alike: the time between a recurring peak's falls. */
export function everyWords([shortest, longest]: readonly [number, number], unit: string): string {
  return Math.round(shortest) === Math.round(longest) ? `~${Math.round(shortest)}${unit}` : `~${Math.round(shortest)}–${Math.round(longest)}${unit}`;
}

/**
 * The verdict's opening for a recurring peak: a headline read in one breath, `Peak, not a leak: the live heap after GC climbs to
 * ~150 MB and falls back to ~0 MB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak.`, then `detail`, a sentence of its
 * own (the text report's second line: how the cycles were read), then `Go needs ~150 MB at every cycle, …`. `what`: how the live
 * heap was read; `pace`: how many cycles and how far apart (recurringPace).
 */
export function recurringPeakWords(what: string, height: string, floor: string, pace: string, detail: string): string {
  return `Peak, not a leak: ${what} climbs to ${height} and falls back to ${floor} at each cycle, ${pace}; the cost is the peak. ${detail} Go needs ${height} at every cycle, so GOMEMLIMIT or a container limit must allow it; process the load in smaller pieces (stream it) to lower it.`;
}

/** `3 cycles ~22–23 s apart`, or `2 cycles, a fall every 4 snapshots` without the seconds: the headline's pace of a recurring peak. */
export function recurringPace(cycles: number, seconds: readonly [number, number] | undefined, otherwise: string): string {
  return seconds ? `${countOf(cycles, 'cycle')} ${everyWords(seconds, ' s')} apart` : `${countOf(cycles, 'cycle')}, ${otherwise}`;
}

/** Why returning the peak's memory does not help (runtime/debug.FreeOSMemory; reasoning.md §3). */
export const FREE_OS_MEMORY_RECURRING = 'Returning memory after each peak (debug.FreeOSMemory) does not help a load that comes back: its pages are faulted in again at the next cycle.';

/** What dumpsRecurringPeak reads: the readings the verdict compares, all right after a forced GC, and every point. */
export interface DumpReadings {
  /** HeapAlloc of each reading (one per GC epoch), each right after a forced GC; or what its last GC marked (markedLive). */
  live: readonly number[];
  /** Each reading's snapshot (0-based, into `points`) and its heap profile's sites. */
  at: readonly number[];
  sites: readonly (readonly SeriesSite[])[];
  points: readonly SeriesPoint[];
}

/** The live heap of GC epochs read some right after a forced GC, some between GCs (markedLive). */
export interface MarkedLive {
  /** Per epoch: HeapAlloc right after a forced GC, or the heap goal's live heap, NextGC / (1 + GOGC/100). */
  live: number[];
  /** The GOGC every forced GC's goal implies, and the epochs (indexes into `live`) read from the goal. */
  gogc: number;
  fromGoal: number[];
}

/**
 * What each GC epoch's last GC marked, where some were read right after a forced GC (`afterGC`: their HeapAlloc, the live heap) and
 * the others between GCs (a folder of ?gc=1 dumps beside plain dumps or /debug/vars of the same moments): the heap goal, which each
 * GC sets from the heap it marked, NextGC / (1 + GOGC/100) — at the one GOGC every forced GC's own goal implies (gcoff.ts
 * impliedGogc), so no GOGC is assumed. A between-GC HeapAlloc counts the garbage made since, and a plain dump's profile is a
 * sampled view of an earlier GC: the captured go1.19-audit47-jsonpeak's whole folder (a 20 MB document decoded into ~120 MB every
 * ~10 s), profiles 73.1 → 90.2 → 41.8 → 97.7 → 69.6 MiB between forced readings of 20.0 MiB, read no cycle four times its floor,
 * where its goals read 125.4 → 141.6 → 64.4 → 138.3 → 135.0 MiB, the GC log's `->125`, `->141`, `->64`, `->138`, `->134 MB`.
 * Undefined without both kinds of reading, or where an epoch has no goal, a forced GC implies none or another GOGC, or a memory
 * limit may hold the goal (`limited`: a limit's goal is no GOGC multiple of the live heap).
 */
export function markedLive(epochs: readonly SeriesSnapshot[], afterGC: readonly boolean[], limited: boolean): MarkedLive | undefined {
  if (limited || !afterGC.some(Boolean) || afterGC.every(Boolean)) return undefined;
  const implied = epochs.filter((_, i) => afterGC[i]).map((e) => impliedGogc(e.stats, true)?.gogc);
  const gogc = implied[0];
  if (gogc === undefined || implied.some((g) => g !== gogc)) return undefined;
  const live: number[] = [];
  const fromGoal: number[] = [];
  for (const [i, e] of epochs.entries()) {
    const heapAlloc = e.stats?.int('HeapAlloc');
    const goal = e.stats?.int('NextGC');
    if (afterGC[i] && heapAlloc !== undefined) live.push(heapAlloc);
    // A goal at the runtime's minimum heap (4 MiB × GOGC/100) says only that the live heap was under it.
    else if (!afterGC[i] && goal !== undefined && goal < GC_OFF_GOAL && goal > 1.05 * HEAP_MINIMUM * (gogc / 100)) {
      live.push(goal / (1 + gogc / 100));
      fromGoal.push(i);
    } else return undefined;
  }
  return { live, gogc, fromGoal };
}

/**
 * A recurring peak in heap dumps each read right after a forced GC (their HeapAlloc the live heap the GC left: reasoning.md §3):
 * two complete cycles or more (recurringCycles in bytes, the scale SERIES_RECURRING gives) whose heights the snapshots may have
 * caught anywhere on their climb — so each is bounded by the heap's high-water mark instead: HeapSys, which never shrinks and
 * grows only when the heap needs more room, set by the first cycle, passed by no later one by more than the spread (no cycle
 * needed more heap than the first). The captured go1.19-audit42-batch (150 MiB held ~5 s every ~20 s), ten ?gc=1 dumps reading
 * 80.2 MiB → 204.3 KiB → 207.8 KiB → 127.2 MiB → … → 150.2 MiB under HeapSys 151.7–155.6 MiB, was "No leak evidence: live heap
 * moves between 202.5 KiB and 150.2 MiB". With the site whose in-use is most of the highest reading and falls with the heap
 * (peakSite). Floors that rose at every fall (`risingFloorBytes`: a leak under the peak) may raise HeapSys by their rise. The
 * captured go1.19-audit44-sawtooth's ?gc=1 dumps (0.2, 68.2, 4.2, 72.2, 8.2, 76.2, 12.2 MiB, HeapSys 71.7 → 79.6 MiB) named
 * the leak and not the peak. Undefined otherwise.
 */
export function dumpsRecurringPeak(r: DumpReadings, marked?: MarkedLive): RecurringPeakJson | undefined {
  const s = SERIES_RECURRING;
  const cycles = recurringCycles(r.live, r.live, s, false);
  if (!cycles) return undefined;
  const point = (i: number): SeriesPoint | undefined => r.points[r.at[i] ?? -1];
  const firstFall = r.at[cycles.drops[0]?.at ?? 0] ?? 0;
  const mark = r.points[firstFall]?.heapSys;
  const later = largest(r.points.slice(firstFall).map((p) => p.heapSys ?? 0));
  // Floors that rose at every fall need that much more heap under the same peak: HeapSys may grow by their rise.
  const floorRise = cycles.floorsRise ? cycles.floor - (cycles.floors[0] ?? 0) : 0;
  if (mark === undefined || later > (1 + s.spread) * mark + floorRise) return undefined;
  const falls = cycles.drops.map((d) => d.at);
  const snapshotGaps = betweenFalls(cycles.drops, r.at);
  const seconds = falls.every((i) => point(i)?.lastGcMs !== undefined)
    ? betweenFalls(cycles.drops, r.at.map((_, i) => (point(i)?.lastGcMs ?? 0) / 1000))
    : undefined;
  const released = r.points.map((p) => p.breakdown.released);
  const site = peakSite(r, cycles);
  return {
    cycles: cycles.drops.length,
    highBytes: cycles.height,
    lowBytes: cycles.floor,
    cycleHighBytes: cycles.heights,
    fallSnapshots: falls.map((i) => (r.at[i] ?? 0) + 1),
    ...(cycles.floorsRise ? { risingFloorBytes: cycles.floors, peakBytes: cycles.peak } : {}),
    periodSnapshots: snapshotGaps,
    ...(seconds ? { periodSeconds: seconds.map((v) => Math.round(v * 10) / 10) as [number, number] } : {}),
    ...(cycles.climb !== undefined ? { climbBytes: cycles.climb } : {}),
    ...(marked ? { fromGoal: { gogc: marked.gogc, snapshots: marked.fromGoal.map((i) => (r.at[i] ?? 0) + 1) } } : {}),
    highWaterBytes: [mark, Math.max(mark, later)],
    releasedBytes: [smallest(released), largest(released)],
    ...(site ? { site } : {}),
  };
}

/**
 * The scale of a series' large drops and recurring peaks (recurringCycles), in bytes: a GC log's (a fall to a quarter of the
 * highest or below, in-flight work swinging the live heap by up to ~2×; 10 % of spread), with 1 MiB for its whole MB.
 */
const SERIES_RECURRING: RecurringScale = {
  perFloor: 4,
  minFall: SERIES_THRESHOLDS.siteGrowthMinBytes,
  unit: SERIES_THRESHOLDS.siteGrowthMinBytes,
  spread: SERIES_THRESHOLDS.flatShare,
  floorStep: SERIES_THRESHOLDS.siteGrowthMinBytes,
};

/**
 * The site that holds the peak: the program's largest at the highest reading (the latest such), holding half of it (of its climb above
 * its floor, over rising floors) or more (peakFallShare), whose
 * in-use at each fall is 1/perFloor of that or less — it rises and falls with the live heap (the batch's main.runBatch at
 * main.go:17: 153.8 MiB, estimated, at the 150.2 MiB reading, none at the floors). The profiler's own sites never. Undefined when none does.
 */
function peakSite(r: DumpReadings, c: RecurringCycles): RecurringPeakJson['site'] {
  // The latest reading at the highest: its profile is the series' most recent view of the peak.
  const top = r.live.lastIndexOf(c.height);
  const candidates = (r.sites[top] ?? []).filter((x) => !x.profiler);
  const biggest = candidates.reduce<SeriesSite | undefined>((best, x) => (best === undefined || x.inuseBytes > best.inuseBytes ? x : best), undefined);
  // Over rising floors, the peak is the climb above its floor, not the floor the leak holds.
  const peak = c.floorsRise ? c.peak : c.height;
  if (!biggest || biggest.inuseBytes < SERIES_THRESHOLDS.peakFallShare * peak) return undefined;
  const key = siteKey(biggest);
  const atFalls = c.drops.map((d) => (r.sites[d.at] ?? []).find((x) => siteKey(x) === key)?.inuseBytes ?? 0);
  const fallBytes = largest(atFalls);
  if (fallBytes * SERIES_RECURRING.perFloor > biggest.inuseBytes) return undefined;
  return { function: biggest.function, file: biggest.file, line: biggest.line, snapshot: (r.at[top] ?? 0) + 1, inuseBytes: biggest.inuseBytes, liveBytes: c.height, fallBytes };
}

/**
 * The series verdict's words for a recurring peak in dumps (dumpsRecurringPeak): the peak, the site that holds it, and what the
 * scavenger and debug.FreeOSMemory do with it (reasoning.md §3, "A recurring peak"). `snapshots`: how many readings it
 * compares; `fallsNamed`: `snapshots 2, 5 and 8`.
 */
export function dumpsRecurringPeakWords(p: RecurringPeakJson, snapshots: number, fallsNamed: string): string {
  const period = `${fallEveryWords(p, ' apart by LastGC')}, at ${fallsNamed}`;
  const highs = p.cycleHighBytes.map((b) => formatBytes(b));
  const caught = `${highs.slice(0, -1).join(', ')} and ${highs[highs.length - 1] ?? ''}`;
  const [mark, markLater] = p.highWaterBytes;
  const since = markLater > mark ? ` (${formatBytes(markLater)} at most since)` : ', which no later one grew';
  const end = p.climbBytes === undefined ? 'the series ends at the floor' : `the series ends mid-climb, at ${formatBytes(p.climbBytes)}`;
  const detail = `Across ${formatCount(snapshots)} GC-separated snapshots, ${readWords(p, snapshots)}: ${period}; each cycle's highest reading ${caught}, wherever a snapshot caught its climb, under the high-water mark (HeapSys) the first set, ${formatBytes(mark)}${since}; ${end}.`;
  const pace = recurringPace(p.cycles, p.periodSeconds, fallEverySnapshots(p));
  return `${recurringPeakWords('the live heap', `~${formatBytes(p.highBytes)}`, `~${formatBytes(p.lowBytes)}`, pace, detail)}${p.site ? ` ${siteWords(p.site)}` : ''} ${returnedWords(p)}`;
}

/**
 * How a recurring peak's readings were read: `each read right after a forced GC`, or beside readings between GCs (markedLive) `7 read
 * right after a forced GC, 7 between GCs, each of those as what its last GC marked (NextGC ÷ 2: GOGC=100, the ratio every forced
 * GC's goal shows)`.
 */
function readWords(p: RecurringPeakJson, snapshots: number): string {
  if (!p.fromGoal) return 'each read right after a forced GC';
  const between = p.fromGoal.snapshots.length;
  const { gogc } = p.fromGoal;
  return `${formatCount(snapshots - between)} read right after a forced GC, ${formatCount(between)} between GCs, each of those as what its last GC marked (NextGC ÷ ${1 + gogc / 100}: GOGC=${gogc}, the ratio every forced GC's goal shows)`;
}

/**
 * The live heap's evidence of a leak under a recurring peak (dumpsRecurringPeak with `risingFloorBytes`): `the live heap right
 * after a forced GC rose 4.2 MiB → 8.2 MiB → 12.2 MiB at the falls of a recurring peak (snapshots 3, 5 and 7), +4.0 MiB per
 * cycle`. `fallsNamed`: `snapshots 3, 5 and 7`.
 */
export function risingFloorsWords(p: RecurringPeakJson, fallsNamed: string): string {
  const floors = p.risingFloorBytes ?? [];
  const perCycle = ((floors[floors.length - 1] ?? 0) - (floors[0] ?? 0)) / Math.max(1, floors.length - 1);
  return `the live heap right after a forced GC rose ${floors.map((b) => formatBytes(b)).join(' → ')} at the falls of a recurring peak (${fallsNamed}), +${formatBytes(perCycle)} per cycle`;
}

/**
 * What a leak's verdict adds of the recurring peak on top of it (dumpsRecurringPeak with `risingFloorBytes`; reasoning.md §3):
 * the peak's climb above each floor, its pace, the site that holds it (told apart from a growing site of the same function by
 * its line: `leakSites`, the sites the verdict names growing), and what a memory limit must allow.
 */
export function peakOnLeakWords(p: RecurringPeakJson, snapshots: number, fallsNamed: string, leakSites: readonly NamedSite[]): string {
  const highs = p.cycleHighBytes.map((b) => formatBytes(b));
  const caught = `${highs.slice(0, -1).join(', ')} and ${highs[highs.length - 1] ?? ''}`;
  const end = p.climbBytes === undefined ? 'the series ends at a floor' : `the series ends mid-climb, at ${formatBytes(p.climbBytes)}`;
  const peak = `~${formatBytes(p.peakBytes ?? 0)}`;
  const on = `A recurring peak rides on it: at each of ${countOf(p.cycles, 'complete cycle')} across ${formatCount(snapshots)} GC-separated snapshots, each read right after a forced GC, the live heap climbed ${peak} above its floor and fell back (${fallEveryWords(p, ' apart by LastGC')}, at ${fallsNamed}; each cycle's highest reading ${caught}, wherever a snapshot caught its climb; ${end}): the peak comes and goes, what stays after each fall accumulates.`;
  const site = p.site ? ` ${siteWords(p.site, leakSites)}` : '';
  return `${on}${site} Go needs the floor plus ${peak} at every cycle, and the floor keeps rising: GOMEMLIMIT or a container limit must allow both.`;
}

/** `a fall every 3 snapshots (~22–23 s apart by LastGC)`: the pace of a recurring peak's falls, in seconds when the snapshots say (`how`: by what). */
function fallEveryWords(p: RecurringPeakJson, how: string): string {
  const seconds = p.periodSeconds ? ` (${everyWords(p.periodSeconds, ' s')}${how})` : '';
  return `${fallEverySnapshots(p)}${seconds}`;
}

/** `a fall every 3 snapshots`, `a fall every 3–4 snapshots`. */
function fallEverySnapshots(p: RecurringPeakJson): string {
  const [fewest, most] = p.periodSnapshots;
  return `a fall every ${fewest === most ? formatCount(fewest) : `${formatCount(fewest)}–${formatCount(most)}`} snapshots`;
}

/**
 * `main.runBatch (main.go:17) holds the peak: 141.1 MiB of the 150.2 MiB live heap at snapshot 10 (94%), and none of it at the
 * falls.`; `holds about all of the peak: …` when the profile's estimate reads at or above the live heap.
 */
function siteWords(site: NonNullable<RecurringPeakJson['site']>, leakSites: readonly NamedSite[] = []): string {
  // A growing site of the same function is another line of it: named so the two are not read as one.
  const twin = leakSites.find((x) => x.function === site.function && siteKey(x) !== siteKey(site));
  const apart = twin ? `, not the growing ${twin.function}${twin.file ? ` (${fileLine(twin.file, twin.line)})` : ''},` : '';
  const where = `${site.function}${site.file ? ` (${fileLine(site.file, site.line)})` : ''}${apart}`;
  // The profile's in-use is a sampled estimate (unsample.ts): it may read above the live heap itself.
  const held = site.inuseBytes >= site.liveBytes
    ? `about all of the peak: ${formatBytes(site.inuseBytes)} in the heap profile (a sampled estimate) at snapshot ${formatCount(site.snapshot)}, where the live heap read ${formatBytes(site.liveBytes)}`
    : `the peak: ${formatBytes(site.inuseBytes)} of the ${formatBytes(site.liveBytes)} live heap at snapshot ${formatCount(site.snapshot)} (${formatPercent(site.inuseBytes, site.liveBytes, 0)})`;
  return `${where} holds ${held}, and ${site.fallBytes === 0 ? 'none of it' : `${formatBytes(site.fallBytes)} at most`} at the falls.`;
}

/** HeapReleased swung by half the peak or more: the scavenger returned the idle peak between cycles (returnedWords). */
function releasedBetweenCycles(p: RecurringPeakJson): boolean {
  const [low, high] = p.releasedBytes;
  return high - low >= SERIES_THRESHOLDS.peakFallShare * (p.highBytes - p.lowBytes);
}

/**
 * What becomes of the peak's pages between cycles (reasoning.md §3): HeapReleased that swings by half the peak or more is the
 * scavenger returning the idle peak by itself (runtime/mgcscavenge.go: it retains ~10% over the heap goal), and the next cycle
 * faults the pages back in; debug.FreeOSMemory ("Even if this is not called, the runtime gradually returns memory to the
 * operating system in a background task") only does it sooner. Keeping the pages means keeping the memory in use: the same
 * buffers, held by the program (a sync.Pool may drop them at any GC). A GOMEMLIMIT does not keep them: the scavenger works while
 * either of its goals is unmet, the limit's or GOGC's.
 */
function returnedWords(p: RecurringPeakJson): string {
  const [low, high] = p.releasedBytes;
  const keep = 'to stop the re-faulting, keep the memory for the next cycle (reuse the same buffers: a free list the program holds, or one slab; not a sync.Pool, which may drop them at any GC), at the cost of holding the peak between cycles too';
  if (releasedBetweenCycles(p)) {
    return `HeapSys stays at its ${formatBytes(p.highWaterBytes[1])} high-water mark while HeapReleased swings between ${formatBytes(low)} and ${formatBytes(high)}: between cycles the scavenger returns the idle peak to the OS by itself, and the next cycle faults the same pages back in. Calling debug.FreeOSMemory after a cycle would only return them sooner, to be faulted in again; ${keep}.`;
  }
  return `HeapSys stays at its ${formatBytes(p.highWaterBytes[1])} high-water mark and HeapReleased stays between ${formatBytes(low)} and ${formatBytes(high)}: the runtime keeps the idle peak's pages, and the next cycle reuses them without faulting them in. Calling debug.FreeOSMemory after a cycle would return pages the next cycle faults back in.`;
}

/**
 * A recurring peak in one line, under the series table (text, Markdown) and in the TUI's Series pane: `3 complete cycles,
 * ~204.3 KiB → ~150.2 MiB and back, a fall every 3 snapshots (~22–23 s); held by main.runBatch (main.go:17); HeapReleased
 * 536.0 KiB–150.2 MiB: the scavenger returns the peak between cycles (debug.FreeOSMemory would not help)`.
 */
export function recurringPeakLine(p: RecurringPeakJson): string {
  const every = fallEveryWords(p, '');
  const site = p.site ? `; held by ${p.site.function}${p.site.file ? ` (${fileLine(p.site.file, p.site.line)})` : ''}` : '';
  const [low, high] = p.releasedBytes;
  const returned = releasedBetweenCycles(p) ? 'the scavenger returns the peak between cycles' : 'the runtime keeps the peak\'s pages between cycles';
  // Over rising floors (a leak under the peak): the climb above each floor, and the floors.
  const shape = p.risingFloorBytes
    ? `~${formatBytes(p.peakBytes ?? 0)} above a floor that rose ${p.risingFloorBytes.map((b) => formatBytes(b)).join(' → ')}`
    : `~${formatBytes(p.lowBytes)} → ~${formatBytes(p.highBytes)} and back`;
  return `${countOf(p.cycles, 'complete cycle')}, ${shape}, ${every}${site}; HeapReleased ${formatBytes(low)}–${formatBytes(high)}: ${returned} (debug.FreeOSMemory would not help)`;
}
