/**
 * What the program allocated, the profiler's own allocations left out (reasoning.md §7). Taking
 * dumps allocates — a goroutine?debug=2 dump of thousands of goroutines grows its buffer to tens
 * of MiB — and TotalAlloc counts it with the program's. A heap profile counts what each site
 * allocated since the process started (its allocated bytes, as of the profile's last GC); the
 * profiler's sites are those whose every stack runs through runtime/pprof or net/http/pprof
 * (profile.ts). One dump's figures (per GC cycle: gcoff.ts, memlimit.ts) leave out what they
 * allocated since the start; a series' (series/index.ts, its allocation rate and churn figures)
 * what they allocated between its first and its last dump. One computation for both.
 */
import { formatBytes } from '../text/units.js';

/** A site as the figures read it: one dump's (profile.ts AllocationSite) or a series' (series/model.ts SeriesSite). */
interface AllocatingSite {
  profiler?: boolean | undefined;
  allocBytes?: number | undefined;
}

/** What the profiler's own sites allocated since the process started, as one profile counts it; 0 without one. */
export function profilerAllocatedBytes(sites: readonly AllocatingSite[] | undefined): number {
  return (sites ?? []).reduce((sum, site) => sum + (site.profiler ? site.allocBytes ?? 0 : 0), 0);
}

/**
 * What the program allocated: `totalAlloc` (TotalAlloc since the start, or its rise across a
 * series) less `profilerBytes`, what the profiler's own sites allocated over the same span.
 * Undefined when the profiler's estimate is as large as what TotalAlloc counted, or larger: it is
 * an estimate from sampled profiles, each as of its last GC, so the program's share of the rise
 * cannot be told then — not 0 (the captured go1.19-audit31-freeos2's six dumps: TotalAlloc rose
 * 4.8 MiB, the profiler's estimate 5.8 MiB, "allocation rate: 0 B per GC cycle").
 */
export function programAllocatedBytes(totalAlloc: number, profilerBytes: number): number | undefined {
  return profilerBytes > 0 && profilerBytes >= totalAlloc ? undefined : totalAlloc - profilerBytes;
}

/** The profiler's own allocations are named beside a figure when they are at least this share of what TotalAlloc counted. */
const PROFILER_MATERIAL_SHARE = 0.01;

/** `the profiler's own 33.9 MiB left out`; '' when the profile counts none. */
export function profilerLeftOut(profilerBytes: number): string {
  return profilerBytes > 0 ? `the profiler's own ${formatBytes(profilerBytes)} left out` : '';
}

/**
 * profilerLeftOut beside a figure that does not print its formula (a rate, "only N per GC
 * cycle"), when they are PROFILER_MATERIAL_SHARE or more of `counted` (what TotalAlloc counted
 * over the span); '' below it, where leaving them out moves the figure by less than its printed
 * precision.
 */
export function profilerLeftOutWords(profilerBytes: number, counted: number): string {
  return profilerBytes >= PROFILER_MATERIAL_SHARE * counted ? profilerLeftOut(profilerBytes) : '';
}
