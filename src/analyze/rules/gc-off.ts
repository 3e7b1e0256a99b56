import { allocatedPerGC, allocatedPerGCBasis, forcedGCWords, gcOff, letTheGcRun, measureLiveHeap, SET_GOGC, unforcedGCs } from '../gcoff.js';
import { DOCS } from '../thresholds.js';
import { namesApart } from '../../common/paths.js';
import { formatBytes, formatCount } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import type { Finding, Rule } from './rule.js';

/**
 * GOGC=off with no memory limit (gcoff.ts): no heap size starts a GC, so the process grows by all
 * it allocates until something forces one, or until it is killed. The captured
 * go1.19-audit28-gogcoff/plain: NextGC 9223372036842315471, NumGC 0, HeapAlloc = TotalAlloc
 * 45.3 → 196.8 MiB in 8 s, was "Live objects are most of what Go holds … take another after
 * some time (and a GC)".
 */
export const gcOffRule: Rule = {
  meta: {
    id: 'gc-off',
    defaultSeverity: 'warning',
    description: 'The garbage collector is off (GOGC=off with no GOMEMLIMIT): no heap size starts a GC, so the heap keeps everything allocated until a GC is forced.',
    docsUrl: DOCS.gcGuide,
    // A dump, a vars file or a scrape (check); a gctrace log, a series in one file (checkSeries).
    inputs: ['heap', 'series'],
  },
  checkSeries(facts) {
    const last = facts.lastGc;
    if (!last?.gcOff || last.goalMB === undefined) return [];
    const cycles = facts.live.length;
    const forced = last.forcedCycles === cycles ? `all ${formatCount(cycles)} of its GCs were forced` : `${formatCount(last.forcedCycles)} of its ${formatCount(cycles)} GCs were forced`;
    return [{
      message: 'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
      why: `The log's last GC line prints a heap goal of ${formatCount(last.goalMB)} MB, about 2^63 bytes: the goal the runtime sets when GOGC=off and no memory limit is set, so no heap size starts a GC; only a forced one runs (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1), and ${forced}. Between them the heap keeps all the program allocates, garbage included; without them the process would grow by all it allocates until it is killed.`,
      fix: `Unless the program forces its GCs on purpose, ${SET_GOGC} (with GOGC=off, a GOMEMLIMIT starts a GC as the heap nears it).`,
      position: last.position,
      evidence: { goalMB: last.goalMB, numGC: last.cycle, forcedCycles: last.forcedCycles, goalSource: 'gctrace' },
    }];
  },
  check(facts) {
    const off = gcOff(facts.stats, facts.profile.sites);
    if (!off) return [];
    const unforced = unforcedGCs(off);
    const goal = `NextGC = ${formatBytes(off.nextGC)}, about 2^63: the heap goal the runtime reports when ${unforced > 0 ? 'the GC is off (debug.SetGCPercent(-1) at run time, or GOGC=off)' : 'GOGC=off'} and no memory limit is set, so no heap size starts a GC; only a forced one runs (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1).`;
    const alloc = off.heapAlloc === undefined ? 'HeapAlloc' : `HeapAlloc (${formatBytes(off.heapAlloc)})`;
    const total = off.totalAlloc === undefined ? '' : ` = TotalAlloc (${formatBytes(off.totalAlloc)})`;
    const per = allocatedPerGC(off);
    const held = facts.breakdown ? ` Go holds ${formatBytes(facts.breakdown.retained)}.` : '';
    const live = capitalized(measureLiveHeap(facts.profile.format !== undefined));
    return [{
      message: off.numGC === 0
        ? `The garbage collector is off (GOGC=off, no GOMEMLIMIT) and has never run: everything allocated since the process started is still in the heap${off.heapAlloc === undefined ? '' : ` (${formatBytes(off.heapAlloc)})`}.`
        : unforced > 0
          ? `The garbage collector was turned off while the program ran (${formatCount(unforced)} of its ${formatCount(off.numGC)} GCs ran by themselves before): only forced GCs run now, and between them the heap keeps everything the program allocates.`
          : 'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
      why: off.numGC === 0
        ? `${goal} NumGC = 0: ${alloc}${total} counts every object allocated, reachable or not; it is not the live heap.${held} The process grows by all it allocates until it is killed (out of memory, a container's limit) or a GC is forced.`
        : `${goal} ${capitalized(forcedGCWords(off) || `NumGC = ${off.numGC}`)}${per === undefined ? '' : `, and the program allocated ${formatBytes(per)} per GC on average (${allocatedPerGCBasis(off)})`}: between forced GCs the heap keeps all of it, garbage included, so ${alloc} is the live heap only right after one.${held} Without the forced GCs, the process would grow by all it allocates until it is killed.`,
      fix: unforced > 0
        ? `${capitalized(letTheGcRun(off))}. ${live}.`
        : `Unless the program forces its GCs on purpose, ${SET_GOGC} (with GOGC=off, a GOMEMLIMIT starts a GC as the heap nears it). ${live}.`,
      position: facts.positionOf('NextGC'),
      evidence: {
        nextGCBytes: off.nextGC, numGC: off.numGC,
        ...(off.numForcedGC !== undefined ? { numForcedGC: off.numForcedGC } : {}),
        ...(off.heapAlloc !== undefined ? { heapAllocBytes: off.heapAlloc } : {}),
        ...(off.totalAlloc !== undefined ? { totalAllocBytes: off.totalAlloc } : {}),
        ...(off.profilerBytes > 0 ? { profilerAllocBytes: off.profilerBytes } : {}),
      },
    }];
  },
};

/** A gc-off finding as analyze keeps it, or as lint does (a message, with no source: its file says it). */
type GcOffFinding = Omit<Finding, 'source'>;

/**
 * One gc-off for a series of snapshots of one process, in place of the one each of them repeats
 * (the captured go1.19-audit28-gogcoff: ten times in the ten snapshots of plain/, ten in gc1/): the
 * GC is off in the process, one fact, said once with how many snapshots show it (`scope: series`;
 * the caller places it at the line of `last`: combine.ts atOwnLine), as memory-limit-pressure is (seriesLimitFinding). `found`: the snapshots' gc-off
 * findings in series order; `last`: the one of the series' last snapshot (else the last found),
 * whose severity, why (said as the latest snapshot's), fix and evidence it keeps, with `snapshots` (how many said it) and, when
 * every one of them had a HeapAlloc, the first and last by TotalAlloc (`firstHeapAllocBytes`,
 * `lastHeapAllocBytes`). `snapshots`: how many the series has. Undefined when fewer than two said it. Lint and analyze both say
 * it so (lint/series.ts, combine.ts).
 */
export function seriesGcOffFinding<F extends GcOffFinding>(found: readonly F[], last: F | undefined, snapshots: number): (Omit<F, 'line' | 'column'> & { scope: 'series' }) | undefined {
  const at = last ?? found[found.length - 1];
  if (!at || found.length < 2) return undefined;
  const { line: _line, column: _column, ...rest } = at;
  const where = found.length >= snapshots ? `all ${formatCount(found.length)} snapshots of the series` : `${formatCount(found.length)} of the series' ${formatCount(snapshots)} snapshots`;
  const never = found.every((f) => f.evidence?.['numGC'] === 0);
  // In TotalAlloc order (lint lists a directory's files by name: a dump and the vars of its moment apart).
  const total = (f: F): number => Number(f.evidence?.['totalAllocBytes'] ?? Number.NaN);
  const ordered = found.every((f) => Number.isFinite(total(f))) ? [...found].sort((a, b) => total(a) - total(b)) : found;
  const heap = ordered.map((f) => f.evidence?.['heapAllocBytes']);
  const [first, lastHeap] = [heap[0], heap[heap.length - 1]];
  const known = heap.every((h) => typeof h === 'number') && typeof first === 'number' && typeof lastHeap === 'number';
  const grew = known ? ` (HeapAlloc ${formatBytes(first)} → ${formatBytes(lastHeap)})` : '';
  const runTime = found.some((f) => Number(f.evidence?.['numGC'] ?? 0) > Number(f.evidence?.['numForcedGC'] ?? Number.POSITIVE_INFINITY));
  const how = runTime ? 'turned off while the program ran, no memory limit' : 'GOGC=off, no GOMEMLIMIT';
  if (!last) return { ...rest, ...onAgain(ordered, at, where, how), evidence: { ...at.evidence, snapshots: found.length, onAgain: true }, scope: 'series' };
  return {
    ...rest,
    message: never
      ? `The garbage collector is off (${how}) in ${where}, and has never run: everything allocated since the process started is still in the heap${grew}.`
      : `The garbage collector is off (${how}) in ${where}: only forced GCs run, and between them the heap keeps everything the program allocates.`,
    why: `Latest snapshot: ${at.why}`,
    evidence: { ...at.evidence, snapshots: found.length, ...(known ? { firstHeapAllocBytes: first, lastHeapAllocBytes: lastHeap } : {}) },
    scope: 'series',
  };
}

/**
 * The GC was off for a phase and is on again at the series' latest snapshot (no gc-off of its
 * own): a past fact, said as one, with the snapshots that showed it and the last of them's why (the
 * captured go1.19-audit44-gcphase: off at t26 and t36, debug.SetGCPercent(-1) for 20 s, NextGC
 * 32.8 MiB from t46; it said "Latest snapshot: NextGC = 8.0 EiB"). Still a warning: a phase that
 * turns the GC off lets the heap grow by all it allocates, each time it runs.
 */
function onAgain<F extends GcOffFinding>(ordered: readonly F[], at: F, where: string, how: string): Pick<F, 'message' | 'why' | 'fix'> {
  const names = ordered.map(sourceOf);
  const short = names.every((n): n is string => n !== undefined) ? namesApart(names) : [];
  const named = short.length === 0 ? '' : short.length <= LISTED_SNAPSHOTS ? ` (${short.join(', ')})` : ` (${short[0] ?? ''} to ${short[short.length - 1] ?? ''})`;
  const lastOff = ordered[ordered.length - 1] ?? at;
  const lastName = short.length === 0 ? '' : ` (${short[short.length - 1] ?? ''})`;
  return {
    message: `The garbage collector was off (${how}) in ${where}${named}, and is on again at the latest: while it was off only forced GCs ran, and the heap kept everything the program allocated.`,
    why: `The last snapshot with it off${lastName}: ${lastOff.why ?? ''} The series' latest snapshot has a heap goal of its own again (NextGC below 2^62): the GC runs as the heap grows.`,
    fix: 'The GC runs again by itself. If the phase with it off is the program\'s own (debug.SetGCPercent(-1) around a batch), the heap grows by all that phase allocates: bound what it allocates, or give it a memory limit (debug.SetMemoryLimit) so that a GC runs as the heap nears it.',
  };
}

/** The most snapshots the finding names one by one; more are said from the first to the last. */
const LISTED_SNAPSHOTS = 4;

/** The input an analyze finding came from; lint's findings have none (their file says it). */
function sourceOf(f: GcOffFinding): string | undefined {
  const source: unknown = (f as { source?: unknown }).source;
  return typeof source === 'string' ? source : undefined;
}
