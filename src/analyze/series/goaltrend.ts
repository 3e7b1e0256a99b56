/**
 * The live heap's trend read from the heap goal, across readings each taken between GCs (plain heap
 * dumps, /debug/vars documents, scrapes): HeapAlloc is then the heap the last GC marked plus the
 * garbage made since, anywhere on the GC's sawtooth, so its first and last readings say nothing of a
 * trend; NextGC is what each GC set from the heap it marked, NextGC / (1 + GOGC/100) of it
 * (docs/reasoning.md §1, §7 "What a plain dump or a /debug/vars reading is evidence of"). The captured
 * go1.19-audit46-closureleak's /debug/vars (a 320 KiB/s leak): HeapAlloc 3.2 → 11.3 → 11.4 → 22.5 →
 * 30.6 → 29.8 → 22.5 MiB, its last read just after gc 165, was "Cannot tell yet … not steadily" while
 * NextGC ÷ 2 rose at every step, 3.3 → 22.6 MiB; its workerpool's, 2.3 → 23.8 → 61.2 → 76.3 MiB ×4,
 * a plateau, was "Cannot tell yet" too (audit 46 #1).
 */
import { HEAP_MINIMUM } from '../gcoff.js';
import { formatBytes } from '../../text/units.js';
import { profileInUse } from './garbage.js';
import { lastGcEstimates } from './highwater.js';
import type { LastGcEstimates, SeriesSnapshot } from './model.js';
import { goalPinned } from './pinned.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/** The goal's live heap at each GC epoch reading (goalTrend), in their order, with the GOGC it was read with. */
export interface GoalTrend extends LastGcEstimates {
  source: 'goal';
  values: number[];
  gogc: number;
}

/**
 * The live heap as of each reading's last GC, from its heap goal, across `epochs` (one reading per GC
 * epoch, in series order, none right after a forced GC: the caller's test), when the goal is GOGC's
 * alone: every one has a NextGC (not the GC off's ~2^63) read with one GOGC (a name's, or the default
 * 100: highwater.ts lastGcEstimates), none is pinned at the live heap (pinned.ts goalPinned) nor bears a
 * memory limit's marks (`limited`: the series' held goal, moved goal or limit; a snapshot's own), the
 * latest is above the runtime's minimum (4 MiB × GOGC/100, which any live heap under half of it gets),
 * and the latest heap profile, where there is one, has half the goal's live heap in use or more (a GOGC
 * set above the one assumed reads the goal high: go1.19-audit35-between's GOGC=400 goal of 16.0–17.5 MiB
 * beside a profile of 2.3 MiB), and no HeapAlloc is below the live heap its goal reads (HeapAlloc never falls below what the
 * last GC marked: GOGC is then above the one assumed). Undefined otherwise, or with fewer than goalTrendMinPoints readings.
 */
export function goalTrend(epochs: readonly SeriesSnapshot[], limited: boolean): GoalTrend | undefined {
  if (limited || epochs.length < SERIES_THRESHOLDS.goalTrendMinPoints) return undefined;
  if (epochs.some((e) => goalPinned(e) || e.memoryLimit !== undefined || e.knownLimit !== undefined || e.limitPressure !== undefined)) return undefined;
  const estimates = lastGcEstimates(epochs, epochs.map((_, i) => i), epochs.length, false);
  const latest = epochs[epochs.length - 1];
  if (!estimates || !latest) return undefined;
  const values = estimates.values.map((v) => v ?? 0);
  const gogc = estimates.gogc ?? 100;
  if ((latest.stats?.int('NextGC') ?? 0) <= 1.05 * HEAP_MINIMUM * (gogc / 100)) return undefined;
  const inUse = profileInUse(latest);
  if (inUse !== undefined && inUse < 0.5 * (values[values.length - 1] ?? 0)) return undefined;
  // HeapAlloc never falls below the heap the last GC marked: one below the goal's reading of it (less the stacks the goal counts,
  // by more than flatShare) refutes the GOGC assumed (the captured go1.19-audit47-gogc400/vars under GOGC=400: HeapAlloc 40.2 MiB
  // beside NextGC 162.3 MiB, whose "NextGC ÷ 2" is 81.2 MiB).
  const refuted = epochs.some((e) => {
    const [heapAlloc, nextGC, stacks] = [e.stats?.int('HeapAlloc'), e.stats?.int('NextGC') ?? 0, e.stats?.int('StackInuse') ?? 0];
    // A goal at the runtime's minimum says nothing of the heap under it (go1.19-audit47-syncmap's first reading, 1.2 MiB under 4 MiB).
    const minimum = nextGC <= 1.05 * HEAP_MINIMUM * (gogc / 100);
    return !minimum && heapAlloc !== undefined && heapAlloc < (1 - SERIES_THRESHOLDS.flatShare) * ((nextGC - stacks) / (1 + gogc / 100));
  });
  if (refuted) return undefined;
  return { ...estimates, source: 'goal', values, gogc, trend: true };
}

/** The series' `lastGcEstimates` (its table's "live as of GC" row) of a goal trend read at points `at` (0-based) of `points`. */
export function goalEstimatesAt(g: GoalTrend, at: readonly number[], points: number): LastGcEstimates {
  const values: (number | undefined)[] = Array.from({ length: points }, () => undefined);
  g.values.forEach((v, i) => { values[at[i] ?? 0] = v; });
  return { ...g, values };
}

/** `live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100)`: what the goal's trend is, named as its words say it. */
export function goalLiveNamed(g: GoalTrend): string {
  return `live heap as of each snapshot's last GC (NextGC ÷ ${1 + g.gogc / 100} at GOGC=${g.gogc}${g.gogcNamed === true ? ', as the name says' : ''})`;
}

/** `HeapAlloc, read between GCs, went 3.2 MiB → 22.5 MiB`: what HeapAlloc did beside the goal's trend, said as what it is. */
export function heapAllocBeside(heapAlloc: readonly number[]): string {
  return `HeapAlloc, read between GCs, went ${formatBytes(heapAlloc[0] ?? 0)} → ${formatBytes(heapAlloc[heapAlloc.length - 1] ?? 0)}`;
}
