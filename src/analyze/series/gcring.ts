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
const RING = 256;

/**
 * The GC cycles `earlier` and `later` (in TotalAlloc order) both hold, compared: `disagree` at the
 * first cycle whose end or pause differs, `agree` (the latest shared cycle) when all agree, `none`
 * when no cycle is in both rings (no GC yet, 256 cycles or more apart, a source without rings).
 */
export function ringAgreement(earlier: MemStats | undefined, later: MemStats | undefined): RingAgreement {
  const a = earlier?.int('NumGC');
  const b = later?.int('NumGC');
  const endsA = earlier?.array('PauseEnd');
  const endsB = later?.array('PauseEnd');
  if (a === undefined || b === undefined || !endsA || !endsB || endsA.length !== RING || endsB.length !== RING || a < 1 || b < a) return { kind: 'none' };
  const pausesA = earlier?.array('PauseNs');
  const pausesB = later?.array('PauseNs');
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

/** A PauseEnd (unix nanoseconds) as an ISO time to the millisecond, for a refusal's words. */
export function pauseEndTime(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : `${ns} ns`;
}
