/**
 * Which of the pages Go counts can be missing from RSS (reasoning.md §2): pages mapped but never
 * written, or swapped out. A large object (over 32 KiB) gets a span of its own, and memory fresh
 * from the OS is not zeroed by the runtime (it is zero already: src/runtime/mheap.go,
 * allocNeedsZero), so its pages are not in RAM until the program writes them: a ballast never is
 * (the captured go1.19 ballast: 200 MiB live at main.runBallast, VmRSS 205 MiB below what Go holds).
 */
import type { Breakdown } from './breakdown.js';
import { siteNamed, type ProfileSummary } from './profile.js';
import { formatBytes } from '../text/units.js';

/** The runtime's largest small object (src/runtime/sizeclasses.go, _MaxSmallSize): larger ones get a span of their own. */
export const MAX_SMALL_OBJECT = 32 * 1024;

/** A live site of large objects, whose pages may never have been written. */
export interface LargeLiveSite {
  /** The site as a headline names it (profile.ts siteNamed). */
  name: string;
  /** Its in-use bytes as of the last GC (the profile's estimate). */
  bytes: number;
}

/**
 * The largest live site whose objects are large (over 32 KiB on average), when it holds at least
 * `minBytes`; the profiler's own buffers are not the program's. Undefined without a profile.
 */
export function largeLiveSite(profile: ProfileSummary, minBytes: number): LargeLiveSite | undefined {
  // Sites are sorted by in-use bytes, largest first.
  for (const site of profile.sites) {
    if (site.inuseBytes < minBytes) return undefined;
    if (!site.profiler && site.inuseObjects > 0 && site.inuseBytes / site.inuseObjects > MAX_SMALL_OBJECT) {
      return { name: siteNamed(site), bytes: site.inuseBytes };
    }
  }
  return undefined;
}

/**
 * `Large live objects are not in RAM until written: main.runBallast holds 200.0 MiB of them (as of
 * the last GC), which account for 200.0 MiB of it if never written`: of a shortfall of `short` bytes.
 */
export function largeLiveSentence(site: LargeLiveSite, short: number): string {
  return `Large live objects are not in RAM until written: ${site.name} holds ${formatBytes(site.bytes)} of them (as of the last GC), which account for ${site.bytes >= short ? 'all of it' : `${formatBytes(site.bytes)} of it`} if never written`;
}

/**
 * `pages of in-use spans never written (208.5 MiB of in-use heap besides, 175.1 MiB of it the free
 * slots of partly empty spans): small objects allocated and never written …`: heap the profile's
 * large sites leave (`besides`, what they hold), whose pages need not be in RAM either. A span of
 * small objects fresh from the OS is not zeroed (it is zero already), so an object the program
 * allocates and never writes (a make([]byte, 1024) left zero) leaves its page out of RSS, and so do
 * a span's free slots never written (the captured go1.19-audit29-frag: 200k 1 KiB buffers never
 * written, 90% freed, VmRSS 112.5 MiB below what Go holds beside 15.3 MiB of large objects).
 */
function inuseNeverWritten(b: Breakdown, besides: number): string {
  const inuse = Math.max(0, b.live + b.fragmentation - besides);
  const slots = b.fragmentation > 0 ? `, ${formatBytes(Math.min(b.fragmentation, inuse))} of it the free slots of partly empty spans, HeapInuse − HeapAlloc` : '';
  return `pages of in-use spans never written (${formatBytes(inuse)} of in-use heap${besides > 0 ? ' besides' : ''}${slots}: small objects allocated and never written, such as a make([]byte, n) left zero, are not in RAM, since memory fresh from the OS is zero already and the runtime writes nothing there)`;
}

/** A dump counts spans, the OS pages: which pages were written, it cannot say. */
const CANNOT_TELL = 'A dump cannot tell which of these it is: it counts spans and objects, the OS counts the pages written.';

/**
 * What can make up `short` bytes of RSS below what Go holds, for the verdict: the large live site
 * if never written, then the idle heap (up to its size), then pages of in-use spans never written
 * when the idle heap is too small to be the rest.
 */
export function nonResidentClause(short: number, b: Breakdown, site: LargeLiveSite | undefined): string {
  if (site === undefined) {
    const idle = b.idle > 0 ? `; up to ${formatBytes(Math.min(short, b.idle))} of the ${formatBytes(b.idle)} idle heap may not be in RAM` : '';
    const beyond = short - b.idle;
    return beyond > 0 && b.live + b.fragmentation > 0
      ? `pages Go counts but the OS does not hold (mapped and never touched, or swapped out)${idle}; the other ${formatBytes(beyond)} can be ${inuseNeverWritten(b, 0)} or reserved metadata. ${CANNOT_TELL}`
      : `pages Go counts but the OS does not hold (mapped and never touched, such as fresh spans and reserved metadata, or swapped out)${idle}.`;
  }
  const rest = short - site.bytes;
  const inuse = rest > b.idle ? `${inuseNeverWritten(b, site.bytes)}, idle spans never touched (${rest >= b.idle ? `up to all ${formatBytes(b.idle)} of the idle heap` : `the idle heap is ${formatBytes(b.idle)}`}) or reserved metadata. ${CANNOT_TELL}`
    : `idle spans never touched (${rest >= b.idle ? `up to all ${formatBytes(b.idle)} of the idle heap` : `the idle heap is ${formatBytes(b.idle)}`}) or reserved metadata.`;
  return `pages Go counts but the OS does not hold (mapped and never written, or swapped out). ${largeLiveSentence(site, short)}; ${rest <= 0 ? 'the idle heap may then all be in RAM.' : `the other ${formatBytes(rest)} can be ${inuse}`}`;
}
