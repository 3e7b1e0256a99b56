import { DOCS } from '../thresholds.js';
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
    return [{
      message: 'Heap profiling was off (runtime.MemProfileRate = 0): no allocation site can be named.',
      why: "The header says '@ heap/0'; the MemStats block is still valid, but the records carry no samples.",
      fix: 'Leave runtime.MemProfileRate at its default (512 KiB) in the program, or set it before any allocation you want to see.',
      position: format.position,
    }];
  },
};
