import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';

/**
 * A budget on the number of goroutines, read from goroutine dumps (debug=1 or debug=2). A heap
 * dump cannot say how many goroutines exist (runtime.malg counts every goroutine ever created,
 * and StackInuse mixes their sizes), so on heap dumps the rule finds nothing.
 */
export const maxGoroutines: Rule = {
  meta: {
    id: 'max-goroutines',
    defaultSeverity: 'error',
    description: 'Budget: a goroutine dump holds more goroutines than the configured limit.',
    docsUrl: DOCS.pprofHeap,
    options: { limit: { kind: 'count', description: 'the most goroutines allowed, e.g. 10000' } },
    requires: ['limit'],
    inputs: ['goroutine'],
  },
  check() {
    return [];
  },
  checkGoroutines(facts, { options }) {
    const limit = options.limit;
    if (limit === undefined || facts.kind === 'goroutineleak' || facts.total <= limit) return [];
    const counted = facts.kind === 'goroutine'
      ? `The header says 'goroutine profile: total ${facts.total}'.`
      : `The dump has ${formatCount(facts.total)} 'goroutine N [state]:' headers${facts.truncated ? ' (and was cut by the runtime at 64 MiB, so there are more)' : ''}.`;
    const group = facts.largestGroup;
    const largest = group ? ` The largest group: ${formatCount(group.count)} in ${group.function}${group.state ? ` (${group.state})` : ''}.` : '';
    return [{
      message: `The process has ${formatCount(facts.total)} goroutines, above the budget of ${formatCount(limit)}.`,
      why: `${counted}${largest} Each goroutine holds at least a 2 KiB stack and whatever its stack references.`,
      fix: 'If the count grows between dumps, goroutines are leaking: find the group that grows (heapdoc analyze on two goroutine dumps) and what it waits on. Otherwise bound concurrency (a worker pool or a semaphore), or raise the limit.',
      position: facts.position,
      evidence: { goroutines: facts.total, limit },
    }];
  },
};
