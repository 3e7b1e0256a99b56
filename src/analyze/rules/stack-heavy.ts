import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

/** The minimum goroutine stack (runtime/stack.go _StackMin). */
const MIN_STACK = 2048;

export const stackHeavy: Rule = {
  meta: {
    id: 'stack-heavy',
    defaultSeverity: 'warning',
    description: 'Goroutine stacks (StackSys) are a large part of the memory: many goroutines, or deep ones.',
    docsUrl: DOCS.memStats,
    options: {
      stackMinBytes: { kind: 'bytes', description: 'StackSys at least this (default 16MiB)' },
      stackMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const inuse = facts.stats?.int('StackInuse') ?? b?.stacks;
    if (!b || inuse === undefined) return [];
    if (b.stacks < t.stackMinBytes || b.stacks < t.stackMinShare * b.retained) return [];
    return [{
      message: `Goroutine stacks take ${formatBytes(b.stacks)} (${formatPercent(b.stacks, b.retained)} of what Go holds), more than the live heap's ${formatBytes(b.live)}.`,
      why: `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(Math.round(inuse / MIN_STACK))} goroutines at the 2 KiB minimum (fewer if they are deep). Goroutines that have exited keep their stacks until the next GC; then the stack spans go back to the heap as idle memory.`,
      fix: 'Take a goroutine profile (/debug/pprof/goroutine?debug=1) to see how many goroutines exist and where they wait. If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it.',
      position: facts.positionOf('StackSys'),
      evidence: { stackSysBytes: b.stacks, stackInuseBytes: inuse, retainedBytes: b.retained },
    }];
  },
};
