import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';

export const profilingDisabled: Rule = {
  meta: {
    id: 'profiling-disabled',
    defaultSeverity: 'warning',
    description: 'The heap profile is empty because runtime.MemProfileRate was 0 (`@ heap/0`).',
    docsUrl: DOCS.memProfileRate,
  },
  check(facts) {
    const format = facts.profile.format;
    if (!format?.profilingOff) return [];
    // Records under '@ heap/0': allocations sampled before the program set the rate to 0 (at start-up).
    const records = facts.profile.recordCount;
    return [{
      message: 'Heap profiling was off (runtime.MemProfileRate = 0): no allocation site can be named.',
      why: records > 0
        ? `The header says '@ heap/0'; the MemStats block is still valid. The ${records === 1 ? 'record was' : `${formatCount(records)} records were`} sampled before the program set the rate to 0 (at start-up): ${records === 1 ? 'it does' : 'they do'} not stand for the heap since.`
        : "The header says '@ heap/0'; the MemStats block is still valid, but the records carry no samples.",
      fix: 'Leave runtime.MemProfileRate at its default (512 KiB) in the program, or set it before any allocation you want to see.',
      position: format.position,
    }];
  },
};
