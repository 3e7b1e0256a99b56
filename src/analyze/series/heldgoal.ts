/**
 * A heap goal that stays put while the live heap moves, across a series of one process's snapshots
 * (dumps, /debug/vars, scrapes): a memory limit's, with no limit given (docs/reasoning.md §2, "A
 * memory limit nobody mentioned"). Under GOGC the goal is the heap the last GC marked plus GOGC% of
 * it, so it follows the live heap; a GOMEMLIMIT's is the limit less what Go holds beside the heap,
 * whatever the live heap is. One dump cannot tell them apart (memlimit.ts cappedGoal); a series can.
 *
 * What the live heap did under the goal is read from the GC's own pace, not from HeapAlloc alone
 * (read between GCs it counts the garbage made since the last, at whatever point of the sawtooth
 * the snapshot fell): each GC the runtime starts lets the heap grow from what the last one left
 * live up to the goal, so what the program allocated per such GC between two snapshots
 * (ΔTotalAlloc over ΔNumGC − ΔNumForcedGC) is about the goal less the live heap. The same goal
 * with less room per GC is a larger live heap under it: the captured go1.19-audit30-memlimit
 * (GOGC=off GOMEMLIMIT=64MiB, a working set growing 10 → 50 MiB), NextGC 51.3–51.7 MiB in every
 * dump while 30.2 MiB was allocated per GC between its first two ?gc=1 dumps and 1.0 MiB between
 * its last two. Under GOGC a goal held with the live heap held leaves the same room at each GC, and
 * a goal at the runtime's minimum (4 MiB × GOGC/100) says nothing; neither is said.
 */
import { largest, smallest } from '../../common/arrays.js';
import { GC_OFF_GOAL, HEAP_MINIMUM } from '../gcoff.js';
import type { MemStats } from '../memstats.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { GoalRatioChange, GoalRun, HeldGoalJson, HeldGoalStep, SeriesPoint, SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { objectsHeld } from './garbage.js';

/** A series' held goal (goalHeldByLimit), with what its words say beside the JSON's figures. */
export interface HeldGoal extends HeldGoalJson {
  /** The lowest HeapAlloc read, and its snapshot (1-based); the first's and the latest's. */
  lowHeapAllocBytes: number;
  lowAt: number;
  firstHeapAllocBytes: number;
  lastHeapAllocBytes: number;
  /** GCCPUFraction of the first and the latest snapshot, when both have it. */
  gcCpu: readonly [number, number] | undefined;
}

/** What a snapshot's MemStats say of its GCs, for one step. */
interface Reading {
  nextGC: number;
  heapAlloc: number;
  totalAlloc: number;
  numGC: number;
  forced: number;
  stacks: number;
  gcCpu: number | undefined;
  /** Mallocs (objects allocated since the start), when the MemStats have it. */
  mallocs: number | undefined;
}

function reading(stats: MemStats | undefined): Reading | undefined {
  const nextGC = stats?.int('NextGC');
  const heapAlloc = stats?.int('HeapAlloc');
  const totalAlloc = stats?.int('TotalAlloc');
  const numGC = stats?.int('NumGC');
  if (!stats || nextGC === undefined || heapAlloc === undefined || totalAlloc === undefined || numGC === undefined || nextGC >= GC_OFF_GOAL) return undefined;
  return { nextGC, heapAlloc, totalAlloc, numGC, forced: stats.int('NumForcedGC') ?? 0, stacks: stats.int('StackInuse') ?? 0, gcCpu: stats.float('GCCPUFraction'), mallocs: stats.int('Mallocs') };
}

/**
 * The step from snapshot `from` to `to` (indexes into `r`): what the program allocated per GC the
 * runtime started, and the goal (`to`'s NextGC) less it, the heap each GC left live, about;
 * undefined with fewer than limitRoomMinCycles such GCs (a few GCs' average says little: the
 * first and last are partial), or a live heap past what `to`'s HeapAlloc allows (HeapAlloc is never
 * below what the last GC marked: GCs the heap did not start, as the runtime's two-minute one
 * when idle, leave less room than the goal would).
 */
function step(r: readonly Reading[], from: number, to: number): HeldGoalStep | undefined {
  const a = r[from];
  const b = r[to];
  if (!a || !b) return undefined;
  const gcs = b.numGC - a.numGC - (b.forced - a.forced);
  if (gcs < SERIES_THRESHOLDS.limitRoomMinCycles) return undefined;
  const perGCBytes = Math.round((b.totalAlloc - a.totalAlloc) / gcs);
  const liveBytes = b.nextGC - perGCBytes;
  if (liveBytes <= 0 || liveBytes > (1 + SERIES_THRESHOLDS.limitLiveSlack) * b.heapAlloc) return undefined;
  return { from: from + 1, to: to + 1, gcs, perGCBytes, liveBytes };
}

/**
 * The heap goal held while the live heap moved under it, across `snapshots` (with MemStats, in
 * series order: `points`' snapshots): every NextGC within limitGoalHeldShare of the highest (and
 * none the GC off's ~2^63), in minPoints snapshots at least; the first step with enough GCs from
 * the first snapshot and the last to the latest (step) that do not overlap; and the heap each left
 * live under the goal moved by limitRoomMoveShare of the goal at least. The goal must also be more
 * than the runtime's minimum can explain: 4 × its 4 MiB, or below twice the larger live heap
 * (GOGC=100's goal then, so the goal is capped). Undefined otherwise.
 */
export function goalHeldByLimit(snapshots: readonly SeriesSnapshot[], points: readonly SeriesPoint[]): HeldGoal | undefined {
  const t = SERIES_THRESHOLDS;
  const r = snapshots.map((s) => reading(s.stats));
  if (r.length !== points.length || r.length < t.minPoints || r.some((x) => x === undefined)) return undefined;
  const all = r as Reading[];
  const goals = all.map((x) => x.nextGC);
  const [low, high] = [smallest(goals), largest(goals)];
  if (high - low > t.limitGoalHeldShare * high) return undefined;
  const n = all.length;
  let first: HeldGoalStep | undefined;
  for (let to = 1; to < n && !first; to++) first = step(all, 0, to);
  let last: HeldGoalStep | undefined;
  for (let from = n - 2; from >= 0 && !last; from--) last = step(all, from, n - 1);
  if (!first || !last || last.from < first.to) return undefined;
  const moved = Math.abs(last.liveBytes - first.liveBytes);
  const goal = all[n - 1]?.nextGC ?? high;
  const capped = 2 * Math.max(first.liveBytes, last.liveBytes) > goal;
  if (moved < t.limitRoomMoveShare * goal || (!capped && goal < 4 * HEAP_MINIMUM)) return undefined;
  let lowAt = 0;
  all.forEach((x, i) => {
    if (x.heapAlloc < (all[lowAt]?.heapAlloc ?? Infinity)) lowAt = i;
  });
  const lowest = all[lowAt] as Reading;
  const [a, b] = [all[0]?.gcCpu, all[n - 1]?.gcCpu];
  return {
    snapshots: n, lowNextGCBytes: low, highNextGCBytes: high, first, last,
    // GOGC=100 sets at most twice the heap marked and its stacks there: HeapAlloc is never below the heap marked.
    goalAboveGogc: low > 2 * (lowest.heapAlloc + lowest.stacks),
    lowHeapAllocBytes: lowest.heapAlloc, lowAt: lowAt + 1, firstHeapAllocBytes: all[0]?.heapAlloc ?? 0, lastHeapAllocBytes: all[n - 1]?.heapAlloc ?? 0,
    gcCpu: a !== undefined && b !== undefined ? [a, b] : undefined,
  };
}

/**
 * Where the heap goal moved while the live heap under it did not, across MemStats read between GCs
 * alone (/debug/vars documents, /metrics scrapes: none is read right after a GC, so HeapAlloc is no
 * live heap to read the goal's ratio over, as forced.ts goalRatioChanges does). The snapshots are cut
 * into runs under a goal that held (every NextGC within flatShare of the run's highest, above the
 * runtime's minimum); in each run of two snapshots or more with limitRoomMinCycles GCs the runtime
 * started between its first and last (step), the goal less what the program allocated per such GC is
 * about the heap each GC left live. Under GOGC the goal is that heap times 1 + GOGC/100, so between
 * two such runs a ratio of the goal to it that moved by goalRatioStep or more is GOGC changed at run
 * time (debug.SetGCPercent), or a memory limit that began to hold the goal down. The captured
 * go1.19-audit41-gogc's /debug/vars (SetGCPercent(400), then 50; 8.8 MiB live throughout): NextGC
 * 44.2–45.2 MiB at snapshots 2–4 with 32.5 MiB allocated per GC, 12.7–13.3 MiB at snapshots 5–10 with
 * 3.7 MiB, was "Peak retention … live heap fell from 29.6 MiB to 8.7 MiB", then "the live heap moves
 * between 8.7 MiB and 29.6 MiB". The estimate runs high by what the GC's trigger leaves before the
 * goal (about 12.7 and 9.5 MiB here), so no GOGC is read from it.
 */
export function goalMovesBetweenGCs(snapshots: readonly SeriesSnapshot[]): GoalRatioChange[] {
  const t = SERIES_THRESHOLDS;
  const r = snapshots.map((s) => reading(s.stats));
  if (r.length < t.minPoints || r.some((x) => x === undefined)) return [];
  const all = r as Reading[];
  const runs: GoalRun[] = [];
  let from = 0;
  for (let i = 1; i <= all.length; i++) {
    const goals = all.slice(from, i + 1).map((x) => x.nextGC);
    if (i < all.length && largest(goals) - smallest(goals) <= t.flatShare * largest(goals)) continue;
    const held = all.slice(from, i).map((x) => x.nextGC);
    const room = smallest(held) > 1.05 * HEAP_MINIMUM ? step(all, from, i - 1) : undefined;
    if (room) runs.push({ from, to: i - 1, lowNextGCBytes: smallest(held), highNextGCBytes: largest(held), perGCBytes: room.perGCBytes, liveBytes: room.liveBytes });
    from = i;
  }
  const ratio = (run: GoalRun): number => (all[run.to]?.nextGC ?? 0) / run.liveBytes;
  return runs.slice(1).flatMap((after, k) => {
    const before = runs[k] as GoalRun;
    const [a, b] = [ratio(before), ratio(after)];
    return Math.max(a / b, b / a) >= t.goalRatioStep ? [{ from: before.to, to: after.from, before: a, after: b, room: { before, after } }] : [];
  });
}

/**
 * HeapAlloc read between GCs at every snapshot (`snapshots`, GC-separated, none right after a
 * forced GC), moving within one GC cycle's room under a heap goal that held: the GC's sawtooth
 * sampled, not growth. Between GCs HeapAlloc is the heap the last GC left live plus what was
 * allocated since, anywhere from the one to the goal (what each GC the runtime starts lets the
 * heap allocate: ΔTotalAlloc over the GCs it started, `step`); under GOGC the goal is set from the
 * heap each GC marks, so a live heap that grew raises it. The captured go1.19-audit37/cgo-gogc25
 * (GOGC=25, ~4 MB live, 64 MiB/s of garbage): HeapAlloc 4.4 → 5.1 → 4.4 → 4.7 → 4.7 → 5.3 MiB, a
 * spread of 899.3 KiB, under NextGC 5.4–5.5 MiB while 1.0 MiB was allocated per GC, was "Cannot
 * tell yet … grew … by less than 1.0 MiB". Undefined unless every NextGC is within flatShare of the
 * highest (none the GC off's), the step from the first snapshot to the latest has
 * limitRoomMinCycles GCs the runtime started or more, HeapAlloc's spread is no more than the bytes
 * allocated per GC, and HeapObjects held (garbage.ts objectsHeld: a leak of live data adds objects)
 * or saws within one GC cycle's objects as HeapAlloc does within its bytes (objectsWithinRoom).
 * A goal a memory limit holds (goalHeldByLimit) is no GOGC goal: the caller leaves that to it.
 */
export function heapAllocWithinRoom(snapshots: readonly SeriesSnapshot[], objects: readonly number[]): HeapAllocRoom | undefined {
  const t = SERIES_THRESHOLDS;
  const r = snapshots.map((s) => reading(s.stats));
  if (r.length < t.minPoints || r.some((x) => x === undefined)) return undefined;
  const all = r as Reading[];
  const goals = all.map((x) => x.nextGC);
  const [low, high] = [smallest(goals), largest(goals)];
  if (high - low > t.flatShare * high) return undefined;
  const room = step(all, 0, all.length - 1);
  const heapAlloc = all.map((x) => x.heapAlloc);
  const [lowest, highest] = [smallest(heapAlloc), largest(heapAlloc)];
  if (!room || highest - lowest > room.perGCBytes) return undefined;
  if (!objectsHeld(objects) && !objectsWithinRoom(all, objects, room.gcs)) return undefined;
  return { lowNextGCBytes: low, highNextGCBytes: high, perGCBytes: room.perGCBytes, gcs: room.gcs, lowHeapAllocBytes: lowest, highHeapAllocBytes: highest };
}

/**
 * HeapObjects read between GCs moving within one GC cycle's objects: its spread no more than the
 * objects allocated per GC the runtime started (Mallocs' rise over `gcs`). Between GCs HeapObjects
 * counts the garbage made since the last GC as HeapAlloc counts its bytes, so it saws as HeapAlloc
 * does: the captured go1.19-audit41-churn plain dumps (4 MiB goal, a GC every ~2 ms), HeapObjects
 * 5,774 → 40,760 → … while 38,580 objects were allocated per GC, were "Cannot tell yet … grew"
 * where their ?gc=1 twins said churn (audit 41).
 */
function objectsWithinRoom(all: readonly Reading[], objects: readonly number[], gcs: number): boolean {
  const first = all[0]?.mallocs;
  const last = all[all.length - 1]?.mallocs;
  if (first === undefined || last === undefined || objects.length !== all.length || gcs <= 0) return false;
  return largest(objects) - smallest(objects) <= (last - first) / gcs;
}

/** HeapAlloc within one GC cycle's room under a goal that held (heapAllocWithinRoom). */
export interface HeapAllocRoom {
  lowNextGCBytes: number;
  highNextGCBytes: number;
  /** What was allocated per GC the runtime started from the first snapshot to the latest, and how many GCs that was. */
  perGCBytes: number;
  gcs: number;
  lowHeapAllocBytes: number;
  highHeapAllocBytes: number;
}

/**
 * `: its spread, 899.3 KiB, is within the 1.0 MiB allocated per GC cycle (TotalAlloc's rise over
 * the 336 GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held
 * (NextGC 5.4 MiB–5.5 MiB), which a live heap that grew would have raised`: why HeapAlloc's moves
 * are the sawtooth's (heapAllocWithinRoom), said after the words of its moves ("HeapAlloc, read
 * between GCs, moves between … without rising steadily, with no site or goroutine group growing
 * steadily"), the summary's clause ending with it.
 */
export function withinRoomWords(r: HeapAllocRoom): string {
  return `: its spread, ${formatBytes(r.highHeapAllocBytes - r.lowHeapAllocBytes)}, is within the ${formatBytes(r.perGCBytes)} allocated per GC cycle (TotalAlloc's rise over the ${formatCount(r.gcs)} GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC ${goalRange(r.lowNextGCBytes, r.highNextGCBytes)}), which a live heap that grew would have raised`;
}

/**
 * What HeapAlloc read between GCs within one GC cycle's room (heapAllocWithinRoom) leaves as the
 * live heap's evidence: the goal that held. Each GC sets NextGC from the heap it marked, about twice
 * it at GOGC=100 (reasoning.md §1), so a goal that held is a live heap that held, at about half of
 * it; HeapAlloc is only where on the sawtooth, between that heap and the goal, a snapshot fell.
 * Undefined at the runtime's minimum goal (4 MiB at GOGC=100), which any live heap under 2 MiB gets
 * and so says nothing of it. The captured go1.19-audit42-ptrdense's plain dumps and /debug/vars
 * (80 MiB live from gc 5 on, 2,000 small messages of garbage every 10 ms): NextGC 156.3–163.4 MiB
 * at each, HeapAlloc 104.5–133.6 MiB, were "No leak evidence: HeapAlloc, read between GCs, moves
 * between 104.5 MiB and 133.2 MiB".
 */
export function goalImpliedLive(r: HeapAllocRoom, pinned: boolean, stacks = 0): GoalImpliedLive | undefined {
  if (r.highNextGCBytes <= 1.05 * HEAP_MINIMUM) return undefined;
  // A goal pinned at the live heap its profile counts (forced.ts goalPinned) is that heap, not twice it (reasoning.md §2).
  const per = pinned ? 1 : 2;
  const live = { lowBytes: r.lowNextGCBytes / per, highBytes: r.highNextGCBytes / per };
  // HeapAlloc never falls below the heap the last GC marked; the goal counts the stacks too (at most StackInuse):
  // HeapAlloc under what GOGC=100 would leave marked, by more than flatShare, refutes GOGC=100 (audit 47 #8).
  const marked = (r.lowNextGCBytes - stacks) / 2;
  // A goal at the runtime's minimum says nothing of the heap under it.
  if (pinned || r.lowNextGCBytes <= 1.05 * HEAP_MINIMUM || r.lowHeapAllocBytes >= (1 - SERIES_THRESHOLDS.flatShare) * marked) return live;
  const ratio = r.lowNextGCBytes / r.lowHeapAllocBytes;
  return { ...live, gogcAbove: { ratio, gogc: Math.floor((ratio - 1) * 10) * 10 } };
}

/** The live heap a goal that held implies at GOGC=100, and, where HeapAlloc fell below it, the GOGC it shows instead (a lower bound). */
export interface GoalImpliedLive {
  lowBytes: number;
  highBytes: number;
  /** HeapAlloc's lowest reading is below what GOGC=100 would leave marked: NextGC over it, and the GOGC that ratio is at least. */
  gogcAbove?: { ratio: number; gogc: number };
}

/**
 * `the heap goal held across 10 GC-separated snapshots (snapshots 1→10), NextGC 156.3 MiB–163.4
 * MiB: each GC sets it from the heap it marked live, about twice that heap at GOGC=100, so a live
 * heap of about 78.2 MiB–81.7 MiB at each, which one that grew would have raised`, then, of
 * heap dumps, `; the latest heap profile, as of snapshot 10's last GC, has 79.0 MiB in use`
 * (`profile`): the live heap of readings between GCs (goalImpliedLive), named as the goal's.
 */
export function goalLiveWords(r: HeapAllocRoom, live: GoalImpliedLive, across: string, profile?: { inUseBytes: number; snapshot: number }, pinned = false): string {
  const profiled = profile ? `; the latest heap profile, as of snapshot ${formatCount(profile.snapshot)}'s last GC, has ${formatBytes(profile.inUseBytes)} in use` : '';
  const goal = `the heap goal held ${across}, NextGC ${goalRange(r.lowNextGCBytes, r.highNextGCBytes)}`;
  if (pinned) return `${goal}, at the live heap itself, where GOGC=100 sets about twice it: ${PINNED_CAUSE}${profiled}`;
  // The readings carry no GOGC: NextGC ÷ 2 is GOGC=100's reading, an assumption; HeapAlloc below it refutes it (goalImpliedLive).
  if (live.gogcAbove) {
    const g = live.gogcAbove;
    return `${goal}: each GC sets it from the heap it marked live, which one that grew would have raised; at GOGC=100, about twice that heap, it would leave about ${goalRange(live.lowBytes, live.highBytes)} live, but HeapAlloc, which never falls below what the last GC marked, read ${formatBytes(r.lowHeapAllocBytes)} at its lowest: GOGC is above 100 (NextGC is ${g.ratio.toFixed(1)} times that reading: GOGC ${g.gogc} or more, or GOGC off under a memory limit), so the GC before that reading marked at most ${formatBytes(r.lowHeapAllocBytes)}${profiled}`;
  }
  return `${goal}: each GC sets it from the heap it marked live, about twice that heap if GOGC is 100 (the default; the readings do not carry GOGC), so a live heap of about ${goalRange(live.lowBytes, live.highBytes)} at each, which one that grew would have raised${profiled}`;
}

/** Why a heap goal sits at the live heap (forced.ts goalPinned), as one dump says it (memlimit.ts cappedGoalSentence). */
export const PINNED_CAUSE = 'a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC';

/**
 * `HeapAlloc, read between GCs, moves between 104.5 MiB and 133.2 MiB without rising steadily: its
 * spread, 28.7 MiB, is within the 112.7 MiB allocated per GC cycle (TotalAlloc's rise over the 9
 * GCs the runtime started), the height of the GC's sawtooth`: HeapAlloc's moves beside the goal's
 * live heap (goalLiveWords), which said the goal already.
 */
export function sawtoothWords(r: HeapAllocRoom): string {
  return `HeapAlloc, read between GCs, moves between ${formatBytes(r.lowHeapAllocBytes)} and ${formatBytes(r.highHeapAllocBytes)} without rising steadily: its spread, ${formatBytes(r.highHeapAllocBytes - r.lowHeapAllocBytes)}, is within the ${formatBytes(r.perGCBytes)} allocated per GC cycle (TotalAlloc's rise over the ${formatCount(r.gcs)} GCs the runtime started), the height of the GC's sawtooth`;
}

/** `5.4 MiB–5.5 MiB`, or `51.5 MiB` when both print alike: the NextGC a held goal's words give. */
export function goalRange(low: number, high: number): string {
  return formatBytes(low) === formatBytes(high) ? formatBytes(high) : `${formatBytes(low)}–${formatBytes(high)}`;
}

/** The JSON's part of a held goal (`series.verdict.heldGoal`). */
export function heldGoalJson(h: HeldGoal): HeldGoalJson {
  const { snapshots, lowNextGCBytes, highNextGCBytes, first, last, goalAboveGogc } = h;
  return { snapshots, lowNextGCBytes, highNextGCBytes, first, last, goalAboveGogc };
}

/** `between snapshots 1 and 2`. */
function between(s: HeldGoalStep): string {
  return `between snapshots ${s.from} and ${s.to}`;
}

/** The live heap rose under the held goal (a leak heads into the limit); else it fell. */
export function roseUnderGoal(h: HeldGoal): boolean {
  return h.last.liveBytes > h.first.liveBytes;
}

/**
 * `The heap goal stayed put while the live heap moved: NextGC 51.3–51.7 MiB in all 5 snapshots,
 * while each GC had ever less room — … so the heap each GC left live rose from about 21.4 MiB to
 * about 50.6 MiB under the same goal. … is a memory limit's (GOMEMLIMIT, or debug.SetMemoryLimit),
 * with GOGC off or above 100 …`: the inference, with its numbers.
 */
export function heldGoalWords(h: HeldGoal): string {
  const goal = goalRange(h.lowNextGCBytes, h.highNextGCBytes);
  const rose = roseUnderGoal(h);
  const room = `${formatBytes(h.first.perGCBytes)} allocated per GC ${between(h.first)}, ${formatBytes(h.last.perGCBytes)} ${between(h.last)} (TotalAlloc's rise over the GCs the runtime started: ${formatCount(h.first.gcs)} and ${formatCount(h.last.gcs)})`;
  const heapAlloc = rose && h.lastHeapAllocBytes > h.firstHeapAllocBytes
    ? `HeapAlloc ${formatBytes(h.firstHeapAllocBytes)} → ${formatBytes(h.lastHeapAllocBytes)}, ${(h.lastHeapAllocBytes / Math.max(h.firstHeapAllocBytes, 1)).toFixed(1)}×`
    : `HeapAlloc ${formatBytes(h.firstHeapAllocBytes)} → ${formatBytes(h.lastHeapAllocBytes)}`;
  const gogc = h.goalAboveGogc
    ? `, with GOGC off or above 100: the goal is above twice the lowest HeapAlloc read (${formatBytes(h.lowHeapAllocBytes)} at snapshot ${h.lowAt}), and HeapAlloc is never below the heap the last GC marked`
    : '';
  return `The heap goal stayed put while the live heap moved: NextGC ${goal} in all ${h.snapshots} snapshots, while each GC had ever ${rose ? 'less' : 'more'} room — ${room} — so the heap each GC left live ${rose ? 'rose' : 'fell'} from about ${formatBytes(h.first.liveBytes)} to about ${formatBytes(h.last.liveBytes)} under the same goal (${heapAlloc}). Under GOGC the goal follows the live heap (GOGC=100 sets it at about twice the heap the last GC marked); one that stays put while the live heap moves is a memory limit's (GOMEMLIMIT, or debug.SetMemoryLimit)${gogc}.`;
}

/** `about 1.0 MiB of room at each GC between snapshots 4 and 5`: the room the last step left, as a leak at its limit says it. */
export function heldGoalRoom(h: HeldGoal): string {
  return `about ${formatBytes(h.last.perGCBytes)} of room at each GC ${between(h.last)}`;
}

/** `GCCPUFraction 0.7% → 2.4% since start`, or the latest's alone; what a leak at its limit says the GC's CPU share is. */
export function heldGoalCpu(h: HeldGoal): string {
  if (!h.gcCpu) return 'GCCPUFraction, the share since start';
  const [a, b] = h.gcCpu;
  return `GCCPUFraction ${formatPercent(a, 1)} → ${formatPercent(b, 1)} since start`;
}
