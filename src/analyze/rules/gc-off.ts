import { allocatedPerGC, allocatedPerGCBasis, forcedGCWords, gcOff, measureLiveHeap, SET_GOGC } from '../gcoff.js';
import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import type { Rule } from './rule.js';

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
    const goal = `NextGC = ${formatBytes(off.nextGC)}, about 2^63: the heap goal the runtime reports when GOGC=off and no memory limit is set, so no heap size starts a GC; only a forced one runs (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1).`;
    const alloc = off.heapAlloc === undefined ? 'HeapAlloc' : `HeapAlloc (${formatBytes(off.heapAlloc)})`;
    const total = off.totalAlloc === undefined ? '' : ` = TotalAlloc (${formatBytes(off.totalAlloc)})`;
    const per = allocatedPerGC(off);
    const held = facts.breakdown ? ` Go holds ${formatBytes(facts.breakdown.retained)}.` : '';
    const live = capitalized(measureLiveHeap(facts.profile.format !== undefined));
    return [{
      message: off.numGC === 0
        ? `The garbage collector is off (GOGC=off, no GOMEMLIMIT) and has never run: everything allocated since the process started is still in the heap${off.heapAlloc === undefined ? '' : ` (${formatBytes(off.heapAlloc)})`}.`
        : 'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
      why: off.numGC === 0
        ? `${goal} NumGC = 0: ${alloc}${total} counts every object allocated, reachable or not; it is not the live heap.${held} The process grows by all it allocates until it is killed (out of memory, a container's limit) or a GC is forced.`
        : `${goal} ${capitalized(forcedGCWords(off) || `NumGC = ${off.numGC}`)}${per === undefined ? '' : `, and the program allocated ${formatBytes(per)} per GC on average (${allocatedPerGCBasis(off)})`}: between forced GCs the heap keeps all of it, garbage included, so ${alloc} is the live heap only right after one.${held} Without the forced GCs, the process would grow by all it allocates until it is killed.`,
      fix: `Unless the program forces its GCs on purpose, ${SET_GOGC} (with GOGC=off, a GOMEMLIMIT starts a GC as the heap nears it). ${live}.`,
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
