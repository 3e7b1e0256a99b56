/**
 * Several snapshots of one process, in TotalAlloc order (reasoning.md §3): what grows, how
 * fast memory is allocated, and whether it is a leak, a retained peak, churn, or stable.
 */
import type { Breakdown } from '../breakdown.js';

export interface SeriesPoint {
  source: string;
  /** Cumulative bytes allocated: the series order (it never decreases in one process). */
  totalAlloc: number;
  numGC: number;
  heapObjects: number | undefined;
  heapInuse: number | undefined;
  heapSys: number | undefined;
  breakdown: Breakdown;
  /** Goroutines from a goroutine dump given for the same moment, when there is one. */
  goroutines?: number;
  /** LastGC as unix milliseconds (for per-second rates when GCs ran between snapshots). */
  lastGcMs?: number;
}

/** An allocation site's in-use bytes across the snapshots. */
export interface SiteTrend {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /** In-use bytes (unsampled) per snapshot, in series order. */
  inuseBytes: number[];
  inuseObjects: number[];
  /** Last minus first. */
  growthBytes: number;
  /** Never decreased between GC-separated snapshots. */
  monotonic: boolean;
}

/** A goroutine group's count across goroutine dumps. */
export interface GroupTrend {
  function: string;
  state: string | undefined;
  createdBy: string | undefined;
  counts: number[];
  growth: number;
  monotonic: boolean;
}

export type SeriesKind = 'leak' | 'peak-retention' | 'churn' | 'stable';

export interface SeriesVerdict {
  kind: SeriesKind;
  /** How sure: more GC-separated snapshots and steadier growth make it higher. */
  confidence: 'low' | 'medium' | 'high';
  summary: string;
}

export interface SeriesAnalysis {
  points: SeriesPoint[];
  /** Pairs of snapshot indexes taken between the same two GCs: their heap records are the same GC epoch. */
  sameEpoch: [number, number][];
  growingSites: SiteTrend[];
  growingGroups: GroupTrend[];
  /** ΔTotalAlloc / ΔNumGC over the series; per second when capture times are known. */
  allocation: { bytesPerGC: number | undefined; bytesPerSecond: number | undefined };
  verdict: SeriesVerdict;
}
