import { atLeast, formatGoVersion } from '../../input/goversion.js';
import { DOCS } from '../thresholds.js';
import { formatBytes } from '../../text/units.js';
import type { Rule } from './rule.js';

export const releasedMemoryInRss: Rule = {
  meta: {
    id: 'released-memory-in-rss',
    defaultSeverity: 'info',
    description: 'Memory the runtime released (HeapReleased) that the OS may still count in RSS: MADV_FREE (Linux, Go 1.12–1.15 or GODEBUG=madvdontneed=0) and macOS.',
    docsUrl: DOCS.go116Runtime,
    options: {
      releasedMinBytes: { kind: 'bytes', description: 'HeapReleased worth mentioning (default 16MiB)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    if (!b || b.released < t.releasedMinBytes) return [];
    const v = facts.goVersion;
    const madvFreeDefault = v !== undefined && atLeast(v, 12) === true && atLeast(v, 16) === false;
    const rss = facts.process.rss;
    if (rss !== undefined) {
      const gap = rss - b.retained;
      // The released pages explain the gap only if it is a good part of them.
      if (gap < 0.5 * b.released) return [];
      return [{
        severity: 'warning',
        message: `RSS is ${formatBytes(rss)}, ${formatBytes(gap)} above Go's estimate, while ${formatBytes(b.released)} is released: the OS still counts released pages.`,
        why: `Go holds Sys − HeapReleased = ${formatBytes(b.retained)} and has released ${formatBytes(b.released)}. Pages released with MADV_FREE stay in RSS until the kernel needs memory${madvFreeDefault ? ` (the default for ${formatGoVersion(v)} on Linux)` : ' (GODEBUG=madvdontneed=0 on Linux, or macOS)'}.`,
        fix: 'This memory is reclaimable and not a leak. On Linux run with GODEBUG=madvdontneed=1 (the default since Go 1.16) for RSS that reflects it; check LazyFree in /proc/PID/smaps.',
        position: facts.positionOf('HeapReleased'),
        evidence: { rssBytes: rss, retainedBytes: b.retained, releasedBytes: b.released, gapBytes: gap },
      }];
    }
    const which = madvFreeDefault
      ? `On Linux, ${formatGoVersion(v)} releases with MADV_FREE by default`
      : 'With GODEBUG=madvdontneed=0 on Linux (the default in Go 1.12–1.15) and on macOS, released pages are reclaimed lazily';
    return [{
      severity: madvFreeDefault ? 'warning' : 'info',
      message: `${formatBytes(b.released)} was released to the OS, but the OS may still show it in the process's RSS.`,
      why: `HeapReleased = ${formatBytes(b.released)} is returned memory that Go no longer counts (its estimate is ${formatBytes(b.retained)}). ${which}, so a monitor can show up to ${formatBytes(b.retained + b.released)} until the kernel needs the memory.`,
      fix: `Pass --rss (VmRSS from /proc/PID/status) ${v ? '' : 'and --go-version '}to check. If RSS is high only because of this, it is not a leak; GODEBUG=madvdontneed=1 makes RSS drop at once on Linux.`,
      position: facts.positionOf('HeapReleased'),
      evidence: { releasedBytes: b.released, retainedBytes: b.retained },
    }];
  },
};
