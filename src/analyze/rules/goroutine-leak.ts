import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';

/**
 * The runtime's own leak report: a goroutineleak profile (Go 1.26 with
 * GOEXPERIMENT=goroutineleakprofile, Go 1.27+) lists the goroutines the GC proved can never run
 * again — blocked on a channel, lock or condition that no runnable goroutine can reach. Unlike
 * every other leak finding it needs no series: one profile that lists a goroutine is the proof.
 */
export const goroutineLeak: Rule = {
  meta: {
    id: 'goroutine-leak',
    defaultSeverity: 'error',
    description: "The runtime's goroutineleak profile lists leaked goroutines: blocked forever on a channel, lock or condition nothing can reach.",
    docsUrl: DOCS.goroutineLeakDetection,
    inputs: ['goroutine'],
  },
  check() {
    return [];
  },
  checkGoroutines(facts) {
    if (facts.kind !== 'goroutineleak' || facts.total <= 0) return [];
    const group = facts.largestGroup;
    const largest = group ? ` The largest group: ${formatCount(group.count)} in ${group.function}${group.state ? ` (${group.state})` : ''}.` : '';
    return [{
      message: `The runtime found ${formatCount(facts.total)} leaked goroutine${facts.total === 1 ? '' : 's'}${group ? `, ${formatCount(group.count)} in ${group.function}` : ''}.`,
      why: `The header says 'goroutineleak profile: total ${facts.total}': the GC found ${facts.total === 1 ? 'this goroutine' : 'these goroutines'} blocked on a concurrency primitive that no runnable goroutine can reach, so ${facts.total === 1 ? 'it' : 'they'} can never be woken.${largest} A leaked goroutine keeps its stack and everything the stack references until the process exits.`,
      fix: 'Find what the group blocks on (heapdoc analyze on the profile shows its stack): usually a send on a channel whose receiver gave up (a timeout), a receive nobody will send to, or a lock never unlocked. Make the channel buffered, select on a done channel or context, or close the channel.',
      position: facts.position,
      evidence: { leaked: facts.total, ...(group ? { group: group.function, groupCount: group.count } : {}) },
    }];
  },
};
