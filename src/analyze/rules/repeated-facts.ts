/**
 * Findings about a process's GC history that the snapshots of one process repeat. MemStats'
 * PauseNs ring holds the last 256 pauses, so every dump (and /debug/vars document) taken after a
 * long pause reports it again — the same 10 ms of GC cycle 3 in eighteen files of one directory;
 * GCCPUFraction changes only when a GC cycle ends, so snapshots taken between the same two GCs
 * repeat one figure (the captured go1.19-auditC/cap-burst2: 15.9% after cycle 5 in five dumps).
 * Such a finding is one fact however many snapshots hold it: it is said once, by the earliest
 * snapshot that holds it, as it says it; a GC log of the process (lint: in the dumps' directory)
 * holds the same pauses, the same cycle's pause is one fact there too. Lint (lint/series.ts dropRepeatedFacts) and analyze
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

/** The fact a finding says, when its rule's findings are repeated (REPEATED_FACT): its rule and the evidence that names it. */
function factKey(f: FactFinding): string | undefined {
  const fact = REPEATED_FACT.get(f.ruleId);
  if (!fact || !f.evidence) return undefined;
  // A pause of a known GC cycle is that cycle's, whoever read it: a dump's PauseNs (58.81 ms) and the
  // process's GC log (58 ms: its phases, two digits, truncated) say one pause (go1.19-audit30-memlimit's cycle 75).
  const cycle = f.ruleId === 'gc-pause-long' ? f.evidence['cycle'] : undefined;
  if (cycle !== undefined) return `${f.ruleId}|cycle|${String(cycle)}`;
  return `${f.ruleId}|${fact.map((name) => String(f.evidence?.[name] ?? '')).join('|')}`;
}

/**
 * The findings of `findings` (one process's, its earliest snapshot's first) that repeat a fact an
 * earlier one says (the same pause, or the same fraction after the same cycle): those to drop.
 */
export function repeatedFacts<F extends FactFinding>(findings: readonly F[]): Set<F> {
  const seen = new Set<string>();
  const repeated = new Set<F>();
  for (const f of findings) {
    const key = factKey(f);
    if (key === undefined) continue;
    if (seen.has(key)) repeated.add(f);
    else seen.add(key);
  }
  return repeated;
}

/**
 * The findings of `said` (a series' findings, each fact once: repeatedFacts) that say a fact one
 * of its snapshots holds (`own`: that snapshot's own findings), whichever snapshot said it: what a
 * view of that snapshot lists (the captured go1.19-memtest/cache-gc1: the 38.19 ms pause of GC
 * cycle 9, said by 01-t1 and held by the PauseNs ring of all five dumps). A fact the snapshot does
 * not hold is not among them (cap-burst2's heap.6.txt, at 0.17% after cycle 7, does not list the
 * 15.9% after cycle 5 the five before it held).
 */
export function heldFacts<F extends FactFinding>(said: readonly F[], own: readonly FactFinding[]): F[] {
  const held = new Set(own.map(factKey).filter((key) => key !== undefined));
  return said.filter((f) => {
    const key = factKey(f);
    return key !== undefined && held.has(key);
  });
}
