import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';

export const profileBeforeFirstGc: Rule = {
  meta: {
    id: 'profile-before-first-gc',
    defaultSeverity: 'info',
    description: 'No GC has run yet, so the in-use half of the heap profile is empty or stale.',
    docsUrl: DOCS.pprofHeap,
  },
  check(facts) {
    const numGC = facts.stats?.int('NumGC');
    if (numGC !== 0 || !facts.profile.format) return [];
    return [{
      message: 'No garbage collection has run yet: the in-use numbers of the profile are not meaningful.',
      why: "NumGC = 0. The runtime publishes the heap profile's in-use counts at the end of each GC cycle, so until one runs, sites that hold memory show 0 in use; only the allocated counts are current.",
      fix: 'Compare allocated bytes instead, or take the dump again after a GC (the program can call runtime.GC() before serving it, or wait a few seconds under load).',
      position: facts.positionOf('NumGC'),
    }];
  },
};
