import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

/** The minimum goroutine stack (runtime/stack.go _StackMin). */
const MIN_STACK = 2048;
/**
 * An average stack per reported goroutine above this is not deep stacks but stacks of goroutines
 * that exited: the corpus's deepest (1,000 goroutines, 400 frames of 200 bytes) average 128 KiB.
 */
const EXITED_AVERAGE = 256 * 1024;

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
    const versusLive = b.stacks > b.live ? `more than the live heap's ${formatBytes(b.live)}` : `beside a live heap of ${formatBytes(b.live)}`;
    const room = Math.round(inuse / MIN_STACK);
    // A /metrics page says how many goroutines exist now (go_goroutines): far fewer than the
    // stacks could hold means the stacks are of goroutines that exited, until the next GC.
    const now = facts.process.goroutines;
    const average = now !== undefined ? inuse / Math.max(now, 1) : undefined;
    const exited = average !== undefined && average > EXITED_AVERAGE;
    const counted = now === undefined
      ? `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(room)} goroutines at the 2 KiB minimum (fewer if they are deep).`
      : `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(room)} goroutines at the 2 KiB minimum, and the process reports ${formatCount(now)} (go_goroutines), ${formatBytes(average ?? 0)} each: ${exited ? 'too much for deep stacks, so these are mostly the stacks of goroutines that have exited' : 'deep stacks, or stacks of goroutines that have exited'}.`;
    return [{
      message: `Goroutine stacks take ${formatBytes(b.stacks)} (${formatPercent(b.stacks, b.retained)} of what Go holds), ${versusLive}.`,
      why: `${counted} Goroutines that have exited keep their stacks until the next GC; then the stack spans go back to the heap as idle memory.`,
      fix: exited
        ? 'A burst of goroutines came and went: this is a peak, not a leak. The next GC returns the stacks to the heap, and the scavenger (or debug.FreeOSMemory) to the OS; bound concurrency (a worker pool or a semaphore) to lower the peak.'
        : 'Take a goroutine profile (/debug/pprof/goroutine?debug=1) to see how many goroutines exist and where they wait. If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it.',
      position: facts.positionOf('StackSys'),
      evidence: { stackSysBytes: b.stacks, stackInuseBytes: inuse, retainedBytes: b.retained },
    }];
  },
};
