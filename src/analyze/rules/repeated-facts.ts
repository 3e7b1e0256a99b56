/**
 * Findings about a process's GC history that the snapshots of one process repeat. MemStats'
 * PauseNs ring holds the last 256 pauses, so every dump (and /debug/vars document) taken after a
 * long pause reports it again — the same 10 ms of GC cycle 3 in eighteen files of one directory;
 * GCCPUFraction changes only when a GC cycle ends, so snapshots taken between the same two GCs
 * repeat one figure (the captured go1.19-auditC/cap-burst2: 15.9% after cycle 5 in five dumps).
 * Such a finding is one fact however many snapshots hold it: it is said once, by the latest
 * snapshot that holds it, as it says it (its counts are the latest: the captured
 * go1.19-audit37/cgoleak's 39.23 ms pause of cycle 28 is "1 of the last 174 pauses" in
 * heap-gc1-06.txt, "1 of the last 28" in heap-gc1-01.txt, the first to hold it); a GC log of the process (lint: in the dumps' directory)
 * prints the same pauses, and a pause a snapshot said is not said again by the log (logRepeatsPause). Lint (lint/series.ts dropRepeatedFacts) and analyze
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
  return `${f.ruleId}|${fact.map((name) => String(f.evidence?.[name] ?? '')).join('|')}`;
}

/**
 * The findings of `findings` (one process's, its earliest snapshot's first) that say a fact a
 * later one says again (the same pause, or the same fraction after the same cycle), and a GC log's
 * pause a snapshot said: those to drop.
 */
export function repeatedFacts<F extends FactFinding>(findings: readonly F[]): Set<F> {
  const latest = new Map<string, F>();
  const repeated = new Set<F>();
  const pauses = new Map<number, number[]>();
  for (const f of findings) {
    const key = factKey(f);
    if (key === undefined) continue;
    const earlier = latest.get(key);
    if (logRepeatsPause(f, pauses)) repeated.add(f);
    else {
      if (earlier) repeated.add(earlier);
      latest.set(key, f);
    }
  }
  return repeated;
}

/**
 * A GC log's long pause that a snapshot before it said already (`pauses`: the snapshots' pauses by
 * GC cycle, which it adds to): the same cycle, and the log's figure the snapshot's to within what
 * the log prints (its stop-the-world phases, two significant digits each, truncated: 58 ms for
 * PauseNs' 58.81 ms of cycle 75 in go1.19-audit30's memlimit run; 34 ms for readall's 35.16 ms).
 * The cycle alone is not enough: dumps of several runs in one directory (a corpus of a program's
 * settings) each have a cycle 1.
 */
function logRepeatsPause(f: FactFinding, pauses: Map<number, number[]>): boolean {
  const cycle = f.ruleId === 'gc-pause-long' ? f.evidence?.['cycle'] : undefined;
  const ns = f.evidence?.['longestPauseNs'];
  if (typeof cycle !== 'number' || typeof ns !== 'number') return false;
  const said = pauses.get(cycle) ?? [];
  if (f.evidence?.['pauseSource'] === 'gctrace') return said.some((d) => Math.abs(d - ns) <= Math.max(0.1 * d, 1e6));
  pauses.set(cycle, [...said, ns]);
  return false;
}

/**
 * The findings of `said` (a series' findings, each fact once: repeatedFacts) that say a fact one
 * of its snapshots holds (`own`: that snapshot's own findings), whichever snapshot said it, each
 * with the snapshot's own finding of that fact: what a view of that snapshot lists, with its own
 * counts (the captured go1.19-memtest/cache-gc1: the 38.19 ms pause of GC cycle 9, said by the
 * latest dump and held by the PauseNs ring of all five). A fact the snapshot does not hold is not
 * among them (cap-burst2's heap.6.txt, at 0.17% after cycle 7, does not list the 15.9% after
 * cycle 5 the five before it held).
 */
export function heldFacts<F extends FactFinding, G extends FactFinding>(said: readonly F[], own: readonly G[]): Map<F, G> {
  const held = new Map<string, G>();
  for (const f of own) {
    const key = factKey(f);
    if (key !== undefined) held.set(key, f);
  }
  const facts = new Map<F, G>();
  for (const f of said) {
    const key = factKey(f);
    const mine = key === undefined ? undefined : held.get(key);
    if (mine) facts.set(f, mine);
  }
  return facts;
}
