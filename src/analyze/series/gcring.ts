/**
 * What two snapshots' GC history rings (MemStats PauseEnd, PauseNs: the last 256 GC cycles, cycle
 * k at index (k−1) mod 256) say of them being one process. In one process a finished GC cycle's
 * entry is written once, when the cycle ends, and stays until 256 cycles later: two snapshots of
 * one process show the cycles both hold with the same end (unix nanoseconds) and the same pause.
 * A cycle both hold that ended at another nanosecond is two processes; one that ended at the same
 * nanosecond is one process (wall-clock nanoseconds do not agree by chance). Pure.
 */
import type { MemStats } from '../memstats.js';

export type RingAgreement =
  | { kind: 'agree'; cycle: number }
  | { kind: 'disagree'; cycle: number; field: 'PauseEnd' | 'PauseNs'; earlier: bigint; later: bigint }
  | { kind: 'none' };

/** The ring's length (runtime.MemStats: [256]uint64). */
export const RING = 256;
const UINT64_LIMIT = 1n << 64n;

/**
 * The GC cycles `earlier` and `later` (in TotalAlloc order) both hold, compared: `disagree` at the
 * first cycle whose end or pause differs, `agree` (the latest shared cycle) when all agree, `none`
 * when no cycle is in both rings (no GC yet, 256 cycles or more apart, a source without rings).
 */
export function ringAgreement(earlier: MemStats | undefined, later: MemStats | undefined): RingAgreement {
  const a = earlier?.int('NumGC');
  const b = later?.int('NumGC');
  const endsA = earlier?.ring('PauseEnd');
  const endsB = later?.ring('PauseEnd');
  if (a === undefined || b === undefined || !endsA || !endsB || endsA.length !== RING || endsB.length !== RING || a < 1 || b < a) return { kind: 'none' };
  const pausesA = earlier?.ring('PauseNs');
  const pausesB = later?.ring('PauseNs');
  const from = Math.max(1, b - RING + 1);
  if (from > a) return { kind: 'none' };
  for (let cycle = from; cycle <= a; cycle++) {
    const i = (cycle - 1) % RING;
    const endA = endsA[i] ?? 0n;
    const endB = endsB[i] ?? 0n;
    if (endA !== endB) return { kind: 'disagree', cycle, field: 'PauseEnd', earlier: endA, later: endB };
    const pauseA = pausesA?.[i];
    const pauseB = pausesB?.[i];
    if (pauseA !== undefined && pauseB !== undefined && pauseA !== pauseB) return { kind: 'disagree', cycle, field: 'PauseNs', earlier: pauseA, later: pauseB };
  }
  // A cycle's end is a wall-clock time: 0 is no reading (a ring a source filled with zeros), no agreement.
  return (endsA[(a - 1) % RING] ?? 0n) > 0n ? { kind: 'agree', cycle: a } : { kind: 'none' };
}

/**
 * The ring entries `ringAgreement` can read of one snapshot, compactly: those of the cycles it
 * holds (cycle k at index k − 1, for k up to min(NumGC, 256)), PauseEnd's then PauseNs', each in
 * a BigUint64Array of its own buffer (16 bytes a cycle; a structured clone copies the bytes, not
 * 512 BigInts). Undefined when the check has nothing to read: no GC yet, no 256-entry PauseEnd.
 * A PauseNs that is not 256 entries is left out (the check then compares the ends only), as is a
 * ring with an entry beyond uint64 (a malformed dump, whose parse error lint reports).
 */
export interface HeldRing {
  ends: BigUint64Array;
  pauses?: BigUint64Array;
}

/** What `ringAgreement` reads of `stats`' rings (see HeldRing); `ringFields` gives them back. */
export function heldRing(stats: MemStats): HeldRing | undefined {
  const numGC = stats.int('NumGC');
  const ends = stats.ring('PauseEnd');
  if (numGC === undefined || numGC < 1 || !ends || ends.length !== RING) return undefined;
  const held = Math.min(numGC, RING);
  const compactEnds = compact(ends, held);
  if (!compactEnds) return undefined;
  const pauses = stats.ring('PauseNs');
  const compactPauses = pauses?.length === RING ? compact(pauses, held) : undefined;
  return { ends: compactEnds, ...(compactPauses ? { pauses: compactPauses } : {}) };
}

/** The first `held` entries of a ring as uint64s; undefined when one is not a uint64 (a malformed dump, flagged where it is parsed). */
function compact(ring: ArrayLike<bigint>, held: number): BigUint64Array | undefined {
  const out = new BigUint64Array(held);
  for (let i = 0; i < held; i++) {
    const v = ring[i] ?? 0n;
    if (v < 0n || v >= UINT64_LIMIT) return undefined;
    out[i] = v;
  }
  return out;
}

/** The rings of a HeldRing, 256 entries each as MemStats has them (0 for the cycles not held), for MemStats' `rings`. */
export function ringFields(ring: HeldRing): Map<string, BigUint64Array> {
  const full = (held: BigUint64Array): BigUint64Array => {
    const out = new BigUint64Array(RING);
    out.set(held);
    return out;
  };
  const rings = new Map([['PauseEnd', full(ring.ends)]]);
  if (ring.pauses) rings.set('PauseNs', full(ring.pauses));
  return rings;
}

/** A PauseEnd (unix nanoseconds) as an ISO time to the millisecond, for a refusal's words. */
export function pauseEndTime(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : `${ns} ns`;
}

/**
 * A GC log's cycles as the ring is compared with them, in log order: each cycle's number, its
 * stop-the-world time as printed (ms), and how much more it may have been (ms: gctrace truncates).
 */
export interface LogCycles {
  gcNumbers: readonly number[];
  stwMs: readonly number[];
  stwUnitMs: readonly number[];
}

/** A cycle whose pause the log and the ring disagree on: the log's range (ms, from `logMs` up to `logMs + unitMs`) and the ring's PauseNs (ns). */
export interface PauseMismatch {
  cycle: number;
  logMs: number;
  unitMs: number;
  ringNs: number;
}

export type LogRingAgreement =
  | { kind: 'disagree'; disagreeing: number; shared: number; first: PauseMismatch }
  | { kind: 'consistent'; shared: number; disagreeing: number }
  | { kind: 'none' };

/**
 * How a log's printed pause and the ring's are compared (each GC cycle both hold), from the
 * runtime's source (runtime/mgc.go):
 * - The gctrace line prints `A+B+C ms clock`: sweep termination (stop-the-world), concurrent mark,
 *   mark termination (stop-the-world), each through fmtNSAsMS, which truncates (µs, then two
 *   significant digits): `0.003` is 3 to 4 µs, not 2.5 to 3.5 (gcTraceUnitMs).
 * - PauseNs is `work.pauseNS`, the cycle's stop-the-world time: go1.19 adds `now - pauseStart` at
 *   the start of concurrent mark (pauseStart = tSweepTerm) and at the end of mark termination
 *   (pauseStart = tMarkTerm, tEnd = now), so it is exactly A + C; go1.22 and later
 *   (`work.pauseNS += now - stw.startedStopping`, e.g. the go1.25.3 source) start each from
 *   stopTheWorldWithSema's own clock, taken after the phase's, so a little less than A + C.
 *   A mark termination restarted (issue #27993) adds a stop-the-world that B holds, more than A + C.
 * So a cycle of the same run has PauseNs from A + C up to A + C plus a unit of each one's last
 * digit, give or take `slackNs` (5 µs) for the later releases' start; another run's rarely does.
 * One cycle is no proof (a restarted mark termination, or a pause of a few µs near the edge): a log
 * is of another run when at least `minCycles` of the cycles both hold disagree, and more than
 * half of them.
 */
const LOG_PAUSE_CHECK = { slackNs: 5_000, minCycles: 3 } as const;

/**
 * A GC log's cycles (`log`) against a dump's GC ring (`stats`, MemStats PauseNs: the last 256
 * cycles), per LOG_PAUSE_CHECK: `disagree` (another run) with how many of the cycles both hold
 * disagree and the first that does (the exposition leak's gctrace-gogc25.log: all 4, gc 1 printed
 * `0.014+8.5+0.011 ms clock` beside PauseNs[0] 194,250 ns), else `consistent` with how many cycles
 * both hold and how many of them disagree, or `none` when they hold none (the log began after the
 * dump's last GC, a source without the ring).
 */
export function logRingAgreement(stats: MemStats | undefined, log: LogCycles): LogRingAgreement {
  const numGC = stats?.int('NumGC');
  const pauses = stats?.ring('PauseNs');
  const ends = stats?.ring('PauseEnd');
  if (numGC === undefined || numGC < 1 || !pauses || pauses.length !== RING || !ends || ends.length !== RING) return { kind: 'none' };
  let shared = 0;
  let disagreeing = 0;
  let first: PauseMismatch | undefined;
  for (let i = 0; i < log.gcNumbers.length; i++) {
    const cycle = log.gcNumbers[i] ?? 0;
    const logMs = log.stwMs[i];
    const unitMs = log.stwUnitMs[i] ?? 0;
    if (cycle < 1 || cycle > numGC || cycle <= numGC - RING || logMs === undefined) continue;
    const slot = (cycle - 1) % RING;
    // An entry never written (0 ns end) is no reading.
    if ((ends[slot] ?? 0n) === 0n) continue;
    shared++;
    const ringNs = Number(pauses[slot] ?? 0n);
    const fromNs = Math.round(logMs * 1e6) - LOG_PAUSE_CHECK.slackNs;
    const toNs = Math.round((logMs + unitMs) * 1e6) + LOG_PAUSE_CHECK.slackNs;
    if (ringNs >= fromNs && ringNs < toNs) continue;
    disagreeing++;
    first ??= { cycle, logMs, unitMs, ringNs };
  }
  if (shared === 0) return { kind: 'none' };
  return first && disagreeing >= LOG_PAUSE_CHECK.minCycles && disagreeing * 2 > shared ? { kind: 'disagree', disagreeing, shared, first } : { kind: 'consistent', shared, disagreeing };
}
