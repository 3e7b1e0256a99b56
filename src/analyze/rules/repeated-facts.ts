/**
 * Findings about a process's GC history that the snapshots of one process repeat. MemStats'
 * PauseNs ring holds the last 256 pauses, so every dump (and /debug/vars document) taken after a
 * long pause reports it again — the same 10 ms of GC cycle 3 in eighteen files of one directory;
 * GCCPUFraction changes only when a GC cycle ends, so snapshots taken between the same two GCs
 * repeat one figure (the captured go1.19-auditC/cap-burst2: 15.9% after cycle 5 in five dumps).
 * Such a finding is one fact however many snapshots hold it: it is said once, by the earliest
 * snapshot that holds it, as it says it. Lint (lint/series.ts dropRepeatedFacts) and analyze
 * (combine.ts) both say it so.
 */

/** The rules whose findings a process's snapshots repeat, and the evidence that says it is the same fact. */
const REPEATED_FACT: ReadonlyMap<string, readonly string[]> = new Map([
  ['gc-pause-long', ['pauseSource', 'cycle', 'longestPauseNs']],
  ['gc-cpu-high', ['numGC', 'gcCpuFraction']],
  ['max-gc-cpu-fraction', ['numGC', 'gcCpuFraction']],
]);

/** What repeatedFacts reads of a finding (an analyze Finding, a lint message). */
interface FactFinding {
  ruleId: string;
  evidence?: Readonly<Record<string, unknown>>;
}

/**
 * The findings of `findings` (one process's, its earliest snapshot's first) that repeat a fact an
 * earlier one says (the same pause, or the same fraction after the same cycle): those to drop.
 */
export function repeatedFacts<F extends FactFinding>(findings: readonly F[]): Set<F> {
  const seen = new Set<string>();
  const repeated = new Set<F>();
  for (const f of findings) {
    const fact = REPEATED_FACT.get(f.ruleId);
    if (!fact || !f.evidence) continue;
    const key = `${f.ruleId}|${fact.map((name) => String(f.evidence?.[name] ?? '')).join('|')}`;
    if (seen.has(key)) repeated.add(f);
    else seen.add(key);
  }
  return repeated;
}

/**
 * What a view of one snapshot (`at`) shows of the facts its process's earlier snapshots
 * (`earlier`, in series order) said once for it (repeatedFacts): for each rule of REPEATED_FACT it
 * has no finding of, the latest earlier one (the captured go1.19-memtest/cache-gc1: the 38.19 ms
 * pause of GC cycle 9, said by 01-t1 and held by the PauseNs of all five dumps).
 */
export function earlierFacts<F extends FactFinding & { source: string }>(findings: readonly F[], earlier: readonly string[], at: string): F[] {
  const own = new Set(findings.filter((f) => f.source === at).map((f) => f.ruleId));
  const rank = new Map(earlier.map((source, i) => [source, i] as const));
  const latest = new Map<string, { f: F; i: number }>();
  for (const f of findings) {
    const i = rank.get(f.source);
    if (i === undefined || !REPEATED_FACT.has(f.ruleId) || own.has(f.ruleId)) continue;
    const had = latest.get(f.ruleId);
    if (!had || i >= had.i) latest.set(f.ruleId, { f, i });
  }
  return [...latest.values()].map(({ f }) => f);
}
