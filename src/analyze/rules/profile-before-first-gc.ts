import { DOCS } from '../thresholds.js';
import { gcOff } from '../gcoff.js';
import { formatBytes } from '../../text/units.js';
import type { Rule } from './rule.js';

/**
 * Samples the profile's allocated total must rest on (TotalAlloc / MemProfileRate) before it is
 * compared with TotalAlloc: a count of rare events varies by about its square root, 5% at 400, so
 * a profile of this very request is within a third of TotalAlloc (six of its deviations).
 */
const STALE_MIN_SAMPLES = 400;
/** Below this share of TotalAlloc, the profile's allocations are an earlier request's. */
const STALE_SHARE = 2 / 3;

/**
 * Before the first GC no profile cycle is published. runtime.MemProfile (src/runtime/mprof.go in
 * go1.19, as in older and newer releases) then takes in every allocation recorded so far, "to allow
 * profiling when garbage collection is disabled from the beginning of execution", and later calls
 * find the profile no longer empty: until a GC runs, every dump returns the records of the first
 * request. The captured go1.19-audit28-gogcoff/plain (GOGC=off): five dumps 2 s apart all print
 * `heap profile: 840: 46708752 [840: 46708752]`, main.churn 37.1 MiB in use, while TotalAlloc went
 * 45.3 → 196.8 MiB.
 */
export const profileBeforeFirstGc: Rule = {
  meta: {
    id: 'profile-before-first-gc',
    defaultSeverity: 'info',
    description: 'No GC has run yet, so the heap profile is what was allocated up to the first profile request, nothing freed: not what is in use now.',
    docsUrl: DOCS.pprofHeap,
  },
  check(facts) {
    const stats = facts.stats;
    const numGC = stats?.int('NumGC');
    if (numGC !== 0 || !facts.profile.format) return [];
    const p = facts.profile;
    const totalAlloc = stats?.int('TotalAlloc');
    // The profile's allocations fall well short of TotalAlloc: its records are of an earlier request.
    const rate = p.samplingRate ?? 0;
    const stale = totalAlloc !== undefined && rate > 0 && totalAlloc >= STALE_MIN_SAMPLES * rate && p.allocBytes < STALE_SHARE * totalAlloc
      ? ` Here they are of an earlier request: the profile's allocations add up to ${formatBytes(p.allocBytes)}, while TotalAlloc is ${formatBytes(totalAlloc)}.`
      : '';
    const off = gcOff(stats);
    const never = off ? ` The GC is off (GOGC=off, no GOMEMLIMIT: NextGC ${formatBytes(off.nextGC)}, about 2^63): no GC will run by itself, so the profile stays as it is until one is forced.` : '';
    return [{
      message: 'No garbage collection has run yet: the heap profile is what was allocated up to the first profile request, with nothing freed, not what is in use now.',
      why: `NumGC = 0. The runtime publishes the heap profile at the end of each GC cycle; before the first, runtime.MemProfile takes in every allocation recorded up to the first request for a profile, so each site's in-use numbers are its allocated ones, garbage included, and every later request returns the same records until a GC runs.${stale}${never}`,
      fix: off
        ? 'Take the dump with ?gc=1 (heap?debug=1&gc=1 runs a GC first): its in-use numbers are then what that GC found live.'
        : 'Take the dump with ?gc=1 (heap?debug=1&gc=1 runs a GC first), or after the first GC (under load one comes within seconds): its in-use numbers are then what the last GC found live.',
      position: facts.positionOf('NumGC'),
      ...(stale ? { evidence: { profileAllocBytes: p.allocBytes, totalAllocBytes: totalAlloc ?? 0 } } : {}),
    }];
  },
};
