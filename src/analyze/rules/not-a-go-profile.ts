import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';
import { writtenByGo } from '../profile.js';

export const notAGoProfile: Rule = {
  meta: {
    id: 'not-a-go-profile',
    defaultSeverity: 'warning',
    description: "The heap profile was written by gperftools (C++), not by Go's runtime/pprof.",
    docsUrl: DOCS.pprofHeap,
  },
  check(facts) {
    const format = facts.profile.format;
    if (!format || writtenByGo(format)) return [];
    return [{
      message: `This is a '${format.name}' heap profile from gperftools (C++), not a Go heap dump.`,
      why: `Go's runtime/pprof writes '@ heap/N'; '@ ${format.name}' comes from tcmalloc's heap profiler. The records are read and unsampled as pprof does, but Go's memory reasoning does not apply.`,
      fix: 'Use pprof for C++ heap profiles; give heapdoc the output of a Go program\'s /debug/pprof/heap?debug=1.',
      position: format.position,
    }];
  },
};
