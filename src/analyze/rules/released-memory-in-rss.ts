import { atLeast, formatGoVersion, type GoVersion } from '../../input/goversion.js';
import { DOCS } from '../thresholds.js';
import { formatBytes } from '../../text/units.js';
import type { Rule } from './rule.js';
import { linuxRelease } from '../breakdown.js';

/** "go1.19 releases with MADV_DONTNEED on Linux (the default since Go 1.16), …". */
function dontNeedDefault(v: GoVersion): string {
  return `${formatGoVersion(v)} releases with MADV_DONTNEED on Linux (the default ${atLeast(v, 16) === true ? 'since Go 1.16' : 'before Go 1.12'}), which takes the pages out of RSS at once`;
}

export const releasedMemoryInRss: Rule = {
  meta: {
    id: 'released-memory-in-rss',
    defaultSeverity: 'info',
    description: 'Memory the runtime released (HeapReleased) that the OS may still count in RSS: MADV_FREE (Linux, Go 1.12–1.15 or GODEBUG=madvdontneed=0) and macOS.',
    docsUrl: DOCS.go116Runtime,
    readsRss: true,
    readsGoVersion: true,
    explains: ['released'],
    options: {
      releasedMinBytes: { kind: 'bytes', description: 'HeapReleased worth mentioning (default 16MiB)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    if (!b || b.released < t.releasedMinBytes) return [];
    const release = linuxRelease(facts.goVersion);
    const position = facts.positionOf('HeapReleased');
    const rss = facts.process.rss;
    if (rss !== undefined) {
      const gap = rss - b.retained;
      // The released pages explain the gap only if it is a good part of them.
      if (gap < 0.5 * b.released) return [];
      const lazily = release.kind === 'free'
        ? `Pages released with MADV_FREE stay in RSS until the kernel needs memory (the default for ${formatGoVersion(release.version)} on Linux).`
        : release.kind === 'dontneed'
          ? `Yet ${dontNeedDefault(release.version)}: released pages stay in RSS until the kernel needs memory only with GODEBUG=madvdontneed=0 (MADV_FREE) or on macOS.`
          : 'Pages released with MADV_FREE stay in RSS until the kernel needs memory (the default on Linux in Go 1.12–1.15, GODEBUG=madvdontneed=0 since then, or macOS).';
      return [{
        severity: 'warning',
        message: `RSS is ${formatBytes(rss)}, ${formatBytes(gap)} above Go's estimate, while ${formatBytes(b.released)} is released: the OS still counts released pages.`,
        why: `Go holds Sys − HeapReleased = ${formatBytes(b.retained)} and has released ${formatBytes(b.released)}. ${lazily}`,
        fix: release.kind === 'dontneed'
          ? 'This memory is reclaimable and not a leak. On Linux look for GODEBUG=madvdontneed=0 in the environment and drop it for RSS that reflects released memory; check LazyFree in /proc/PID/smaps.'
          : 'This memory is reclaimable and not a leak. On Linux run with GODEBUG=madvdontneed=1 (the default since Go 1.16) for RSS that reflects it; check LazyFree in /proc/PID/smaps.',
        position,
        evidence: { rssBytes: rss, retainedBytes: b.retained, releasedBytes: b.released, gapBytes: gap },
      }];
    }
    const returned = `HeapReleased = ${formatBytes(b.released)} is returned memory that Go no longer counts (its estimate is ${formatBytes(b.retained)}).`;
    const upTo = `a monitor can show up to ${formatBytes(b.retained + b.released)} until the kernel needs the memory`;
    const evidence = { releasedBytes: b.released, retainedBytes: b.retained };
    if (release.kind === 'dontneed') {
      return [{
        severity: 'info',
        message: `${formatBytes(b.released)} was released to the OS: on Linux it has left the process's RSS, on macOS the OS may still count it.`,
        why: `${returned} ${dontNeedDefault(release.version)}. With GODEBUG=madvdontneed=0 and on macOS, released pages are reclaimed lazily, so ${upTo}.`,
        fix: 'Pass --rss (VmRSS from /proc/PID/status) to check. If RSS is high only because of this, it is not a leak; on Linux drop GODEBUG=madvdontneed=0 if it is set.',
        position,
        evidence,
      }];
    }
    const which = release.kind === 'free'
      ? `On Linux, ${formatGoVersion(release.version)} releases with MADV_FREE by default`
      : 'With GODEBUG=madvdontneed=0 on Linux (the default in Go 1.12–1.15) and on macOS, released pages are reclaimed lazily';
    return [{
      severity: release.kind === 'free' ? 'warning' : 'info',
      message: `${formatBytes(b.released)} was released to the OS, but the OS may still show it in the process's RSS.`,
      why: `${returned} ${which}, so ${upTo}.`,
      fix: `Pass --rss (VmRSS from /proc/PID/status) ${release.kind === 'unknown' ? 'and --go-version ' : ''}to check. If RSS is high only because of this, it is not a leak; GODEBUG=madvdontneed=1 makes RSS drop at once on Linux.`,
      position,
      evidence,
    }];
  },
};
