import { DOCS } from '../thresholds.js';
import { countOf, formatBytes, formatCount, formatPercent } from '../../text/units.js';
import { bindingAdvice, CHECK_THE_LIMIT, memoryLimitEvidence, memoryLimitSigns, snapshotLimitFit } from '../memlimit.js';
import { ALLOCATE_LESS, allocateLessWords, allocatorPlace, poolDefeatedWords } from '../allocators.js';
import { siteKey } from '../profile.js';
import { asOfTheLastGc } from '../memstats.js';
import type { Finding, Rule, SnapshotFacts } from './rule.js';

/** A live heap of at least this many objects, of at most DENSE_MEAN_BYTES each on average, is pointer-dense (its mark is each cycle's cost). */
const DENSE_OBJECTS = 1_000_000;
const DENSE_MEAN_BYTES = 32;
/** A site that still holds at least this share of what it allocated allocated it once (allocating less there frees nothing). */
const HELD_SHARE = 0.9;

/**
 * When the live heap is millions of small objects (HeapObjects, HeapAlloc: at most ~32 B each) and
 * sites that allocated what they hold once (in use ≥ 90% of allocated) hold at least half of it:
 * each GC cycle's cost is marking them, not the garbage (the captured go1.19-audit42-ptrdense: a
 * 2,000,000-node *node list built once by main.build, 4.1 M objects in 80 MiB, 0.4–1.6 s of mark
 * per cycle). The held sites (biggest first) and the figures; undefined otherwise.
 */
function pointerDenseHeap(facts: SnapshotFacts): { objects: number; live: number; heldBytes: number; held: ReadonlySet<string>; names: string[] } | undefined {
  const objects = facts.stats?.int('HeapObjects');
  const live = facts.stats?.int('HeapAlloc');
  if (objects === undefined || live === undefined || objects < DENSE_OBJECTS || live / objects > DENSE_MEAN_BYTES) return undefined;
  const held = (facts.profile.sites ?? []).filter((s) => !s.profiler && s.runtimeOnly !== true && s.allocBytes > 0 && s.inuseBytes >= HELD_SHARE * s.allocBytes)
    .sort((a, b) => b.inuseBytes - a.inuseBytes);
  const heldBytes = held.reduce((sum, s) => sum + s.inuseBytes, 0);
  if (held.length === 0 || heldBytes < live / 2) return undefined;
  return { objects, live, heldBytes, held: new Set(held.map(siteKey)), names: held.slice(0, 3).map((site) => allocatorPlace({ site })) };
}

/**
 * When GCCPUFraction was true: the runtime updates it only as a GC cycle ends (gcMarkTermination,
 * runtime/mgc.go), so a dump taken long after the last GC repeats that GC's figure, not the CPU
 * of now (memstats.ts asOfTheLastGc, which the one-dump verdict's live heap also says).
 */
export function asOfLastGc(facts: SnapshotFacts): string {
  return asOfTheLastGc(facts.stats, facts.capturedAtMs);
}

export const gcCpuHigh: Rule = {
  meta: {
    id: 'gc-cpu-high',
    readsLimit: true,
    defaultSeverity: 'warning',
    description: 'The garbage collector used a large share of the CPU since the process started (GCCPUFraction).',
    docsUrl: DOCS.gcGuide,
    options: {
      gcCpuFraction: { kind: 'fraction', description: 'GCCPUFraction at or above which the rule reports (default 0.05)' },
      gcCpuMinCycles: { kind: 'count', description: 'GC cycles the runtime started itself (NumGC − NumForcedGC) before the rule reports (default 4)' },
    },
    // A dump, a vars file or a scrape (check); a gctrace log, a series in one file (checkSeries).
    inputs: ['heap', 'series'],
  },
  checkSeries(facts, { thresholds: t }) {
    const last = facts.lastGc;
    const percent = last?.cpuPercent;
    // A gctrace log prints GCCPUFraction in whole percent, truncated: 5% is at least 0.05.
    if (!last || percent === undefined || percent / 100 < t.gcCpuFraction || last.cycle - last.forcedCycles < t.gcCpuMinCycles) return [];
    const limitHeld = facts.verdict.kind === 'memory-limit';
    const allocateLess = ALLOCATE_LESS;
    return [{
      message: `The GC had used ${percent}% of the available CPU since the process started, as of the log's last GC (cycle ${formatCount(last.cycle)}, line ${formatCount(last.position.line)}).`,
      why: `The log's last GC line prints ${percent}%: the GC's share of the CPU since the program started (GCCPUFraction, in whole percent, truncated); ${countOf(last.cycle, 'GC cycle')} ${last.cycle === 1 ? 'has' : 'have'} run.${limitHeld ? ' The log\'s GCs start at the live heap the GC before left: a memory limit the live heap does not fit under (GOMEMLIMIT, or a very low GOGC) holds the heap goal there, so the GC runs back to back.' : ''}`,
      fix: limitHeld ? `The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap. ${allocateLess}.`
        : `${allocateLess}, or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.`,
      position: last.position,
      evidence: { gcCpuPercent: percent, numGC: last.cycle, cpuSource: 'gctrace' },
    }];
  },
  check(facts, { thresholds: t }) {
    const fraction = facts.stats?.float('GCCPUFraction');
    if (fraction === undefined || fraction < t.gcCpuFraction) return [];
    const numGC = facts.stats?.int('NumGC') ?? 0;
    // Too few cycles of its own: the fraction of a process just started (one forced GC at 0.7 s: 6.4%), not GC pressure.
    if (numGC - (facts.stats?.int('NumForcedGC') ?? 0) < t.gcCpuMinCycles) return [];
    const totalAlloc = facts.stats?.int('TotalAlloc');
    const live = facts.stats?.int('HeapAlloc');
    const limit = facts.process.gomemlimit;
    // A limit that is set (known or seen) is what makes the GC run this often: never advise setting one.
    const signs = limit === undefined ? memoryLimitSigns(facts.stats, t, facts.profile) : undefined;
    // A known limit that binds makes the GC run more often than GOGC would: its advice, with memory-limit-pressure's figure (one fit).
    const fit = limit !== undefined ? snapshotLimitFit(facts, limit, t)?.fit : undefined;
    // Churn is worth saying when the process allocated the live heap over many times (below 2× it did
    // not), and no limit is what runs the GC this often.
    const churnRatio = totalAlloc !== undefined && live ? totalAlloc / live : 0;
    const churn = churnRatio >= 2 && !signs && fit?.state !== 'binding' ? ` TotalAlloc is ${churnRatio.toFixed(churnRatio >= 10 ? 0 : 1)}× the live heap: allocation rate drives GC frequency.` : '';
    const dense = pointerDenseHeap(facts);
    const names = dense ? listed(dense.names) : '';
    const marking = dense ? ` The live heap is ${formatCount(dense.objects)} objects in ${formatBytes(dense.live)} (${Math.round(dense.live / dense.objects)} B each on average), ${formatBytes(dense.heldBytes)} of it held by what ${names} allocated once and keep (in use ≈ allocated): every GC cycle marks all of it, so marking this pointer-dense heap is each cycle's cost.` : '';
    // The dump's allocated column names where the garbage comes from (allocators.ts); the allocs profile only when it has none;
    // never a site that allocated once what it still holds (allocating less there frees nothing).
    const sites = facts.profile.sites;
    const allocateLess = allocateLessWords(sites, dense ? (a) => a.calls === undefined && dense.held.has(siteKey(a.site)) : undefined);
    const pool = poolDefeatedWords(sites, signs || fit?.state === 'binding' ? 'raise the limit' : limit !== undefined ? 'raise GOGC or the GOMEMLIMIT' : 'raise GOGC or set a GOMEMLIMIT');
    const fix = signs ? `The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap. ${allocateLess}; ${CHECK_THE_LIMIT}.`
      : fit?.state === 'binding' ? `The limit binds (GOMEMLIMIT ${formatBytes(fit.limitBytes)}: memory-limit-pressure), so the GC runs this often: ${bindingAdvice(fit)}. ${allocateLess}.`
      : limit !== undefined ? `${allocateLess}, or give the GC more room: a higher GOGC, or a GOMEMLIMIT above ${formatBytes(limit)} if memory allows.`
      : dense ? `Make each cycle's mark cheaper with fewer objects and pointers where ${names} keep them (index into a slab []T instead of linking *T, values instead of pointers such as *string), or run fewer cycles with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows. ${allocateLess}: the garbage is what starts the cycles.`
      : `${allocateLess}, or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.`;
    return [{
      message: `The GC had used ${formatPercent(fraction, 1)} of the available CPU since the process started, ${asOfLastGc(facts)}.`,
      why: `GCCPUFraction = ${fraction}; ${countOf(numGC, 'GC cycle')} ${numGC === 1 ? 'has' : 'have'} run. The runtime updates the fraction only when a GC cycle ends, so it is that cycle's figure however long ago it ran.${churn}${marking}${signs ? ` A memory limit is likely set: ${memoryLimitEvidence(signs)}.` : ''}`,
      fix: pool ? `${fix} ${pool}` : fix,
      position: facts.positionOf('GCCPUFraction'),
      // `memoryLimit: likely`: the marks of a limit were read here (a series' finding keeps this snapshot's words: seriesGcCpuFinding).
      evidence: { gcCpuFraction: fraction, numGC, ...(signs ? { memoryLimit: 'likely' } : {}) },
    }];
  },
};

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A gc-cpu-high finding as analyze keeps it, or as lint does (a message, with no source: its file says it). */
type GcCpuFinding = Omit<Finding, 'source'>;

/**
 * One gc-cpu-high for the snapshots of one process, and the GC log beside them, in place of the
 * one each repeats (the captured go1.19-audit30-syncpool: eleven, from ten dumps and gctrace.log,
 * for one process whose GC runs every few ms): one fact, said once with the lowest and highest
 * share read and the cycles they span (`scope: series`; the caller places it at the line of `last`:
 * combine.ts atOwnLine), as memory-limit-pressure's
 * seriesLimitFinding and gc-off's are. `found`: the findings in series order (a GC log's
 * anywhere: `cpuSource` gctrace); `last`: the one of the series' last snapshot (else the last
 * dump's found, else the last found), whose severity it keeps, and its why, fix (the sites it
 * names) and evidence unless a dump bore the marks of a memory limit (below); a finding merged already (analyze meets a GC log's after the dumps') counts as the
 * snapshots it stands for. Snapshots read between the same two GCs say one figure (repeated-facts.ts drops the
 * repeats first): "N snapshots" counts those after distinct GCs; `inSeries`: how many the series has
 * ("2 of the series' 10 snapshots"). Undefined when fewer than two said it.
 */
export function seriesGcCpuFinding<F extends GcCpuFinding>(found: readonly F[], last: F | undefined, inSeries?: number): (Omit<F, 'line' | 'column'> & { scope: 'series' }) | undefined {
  const dumps = found.filter((f) => typeof f.evidence?.['gcCpuFraction'] === 'number');
  const logs = found.filter((f) => f.evidence?.['cpuSource'] === 'gctrace');
  const latest = last ?? dumps[dumps.length - 1] ?? found[found.length - 1];
  if (!latest || found.length < 2) return undefined;
  // Whose why, fix and evidence it keeps: the last snapshot where the marks of a memory limit were
  // read, if any: the limit ran the GC this often, and the share is since the process started, so a
  // later dump repeats it beside a live heap of another moment (the corpus's go1.23 peak under
  // GOMEMLIMIT=100MiB: 20 GCs squeezing a 300 MiB heap, then freed; its last dump's "TotalAlloc is
  // 1061× the live heap: allocation rate drives GC frequency" and "a GOMEMLIMIT with GOGC=off" were
  // of the 297 KiB left after the free). `lastNumGC`: the latest cycle then, as `numGC` is that snapshot's.
  const at = dumps.findLast((f) => f.evidence?.['memoryLimit'] === 'likely') ?? latest;
  const number = (f: F, name: string, otherwise: string): number => Number(f.evidence?.[name] ?? f.evidence?.[otherwise] ?? 0);
  const fractions = dumps.flatMap((f) => [number(f, 'lowestGcCpuFraction', 'gcCpuFraction'), number(f, 'highestGcCpuFraction', 'gcCpuFraction')]);
  const cycles = dumps.flatMap((f) => [number(f, 'firstNumGC', 'numGC'), number(f, 'lastNumGC', 'numGC')]);
  const snapshots = dumps.reduce((sum, f) => sum + (typeof f.evidence?.['snapshots'] === 'number' ? f.evidence['snapshots'] : 1), 0);
  const range = (low: string, high: string): string => (low === high ? high : `${low} to ${high}`);
  const cpu = ' of the available CPU since the process started';
  const shares = dumps.length === 0 ? undefined : `${range(formatPercent(Math.min(...fractions), 1), formatPercent(Math.max(...fractions), 1))}${cpu} in ${inSeries !== undefined && inSeries > snapshots ? `${formatCount(snapshots)} of the series' ${formatCount(inSeries)} snapshots` : countOf(snapshots, 'snapshot')} (as of GC cycles ${range(formatCount(Math.min(...cycles)), formatCount(Math.max(...cycles)))})`;
  const log = logs[logs.length - 1];
  const logShare = log ? `${String(log.evidence?.['gcCpuPercent'])}%${shares ? '' : cpu} in ${logs.length === 1 ? 'its GC log' : `${formatCount(logs.length)} GC logs`} (as of cycle ${formatCount(Number(log.evidence?.['numGC'] ?? 0))})` : undefined;
  const { line: _line, column: _column, ...rest } = at;
  return {
    ...rest,
    severity: latest.severity,
    message: `The GC had used ${[shares, logShare].filter((s) => s !== undefined).join(', and ')}.`,
    evidence: {
      ...at.evidence, snapshots,
      ...(dumps.length > 0 ? { lowestGcCpuFraction: Math.min(...fractions), highestGcCpuFraction: Math.max(...fractions), firstNumGC: Math.min(...cycles) } : {}),
      ...(at !== latest && dumps.length > 0 ? { lastNumGC: Math.max(...cycles) } : {}),
      ...(log ? { gcLogs: logs.length, gcLogCpuPercent: Number(log.evidence?.['gcCpuPercent']) } : {}),
    },
    scope: 'series',
  };
}
