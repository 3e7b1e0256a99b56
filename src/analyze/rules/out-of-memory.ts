import type { GoroutineSummary } from '../goroutines/model.js';
import { outOfMemoryCrash, outOfMemoryWords } from '../goroutines/out-of-memory.js';
import { DOCS } from '../thresholds.js';
import { capitalized } from '../../text/wrap.js';
import { configureRule, contextOf, toFinding, type Finding, type Rule } from './rule.js';

/**
 * A crash's output that says the process died for want of memory (`fatal error: out of memory`).
 * A saved crash is the plainest evidence there is that memory ran out; CI that lints the dumps a
 * service left behind must fail on it.
 */
export const outOfMemory: Rule = {
  meta: {
    id: 'out-of-memory',
    defaultSeverity: 'error',
    description: "The process died out of memory: a crash's output says 'fatal error: out of memory'.",
    docsUrl: DOCS.gcGuideMemoryLimit,
    inputs: ['goroutine'],
  },
  check() {
    return [];
  },
  checkGoroutines(facts) {
    const oom = outOfMemoryCrash([facts]);
    if (!oom) return [];
    return [{
      message: `${capitalized(outOfMemoryWords(oom))}.`,
      why: "The runtime asked the OS for more memory and was refused (a container's or ulimit's limit, or the machine's memory exhausted): Go cannot go on without it, so the whole process died. The goroutine it names was allocating at that moment; it is where memory ran out, not necessarily what held it.",
      fix: 'Take heap dumps (heap?debug=1) while the memory grows, before the process dies, and compare them with heapdoc analyze: a live heap that grows after every GC is a leak (fix what keeps it); one that falls back is a peak (bound the work in flight). GOMEMLIMIT set below the limit makes the GC work harder before the limit is reached; it does not stop a leak.',
      position: { line: oom.line, column: 1 },
      evidence: { ...(oom.requestBytes !== undefined ? { requestBytes: oom.requestBytes } : {}), ...(oom.heapSysBytes !== undefined ? { heapSysBytes: oom.heapSysBytes } : {}), ...(oom.allocating ? { allocating: oom.allocating.function } : {}) },
    }];
  },
};

/** What `heapdoc analyze` reports of the run's out-of-memory crash, as lint does of that dump. */
export function outOfMemoryFindings(dumps: readonly GoroutineSummary[]): Finding[] {
  // The last crash for want of memory, as outOfMemoryCrash picks it; the rule reads only its crash.
  const dump = dumps.filter((d) => d.crash?.outOfMemory !== undefined).at(-1);
  if (!dump) return [];
  const facts = { source: dump.source, kind: 'goroutine-traceback' as const, total: dump.total, position: undefined, truncated: dump.truncated === true, crash: dump.crash };
  const results = outOfMemory.checkGoroutines?.(facts, contextOf(configureRule(outOfMemory), [])) ?? [];
  return results.map((r) => toFinding(outOfMemory, r, dump.source));
}
