import { parseJsonExact, readCorpus } from '../../helpers/fixtures.js';
import { ruleTable } from './driver.js';

/** VmRSS when the dump was taken, from the capture's sidecar (bytes). */
function rssOf(sidecar: string): number {
  const json = parseJsonExact(readCorpus(sidecar)) as { proc_status_before_capture: { VmRSS_kB: number } };
  return json.proc_status_before_capture.VmRSS_kB * 1024;
}

ruleTable('released-memory-in-rss', {
  valid: [
    { file: 'go1.23/peak/default.peak.heap-debug1.txt', name: 'nothing released at the peak' },
    {
      name: 'madvdontneed=1: RSS follows Go\'s estimate, so released pages are not in it',
      file: 'go1.19/peak/madvdontneed1.after-free.heap-debug1.txt',
      process: { rss: rssOf('go1.19/peak/madvdontneed1.after-free.json') },
    },
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt', name: 'a threshold above what was released', options: { releasedMinBytes: 64 << 20 } },
  ],
  invalid: [
    {
      name: 'released memory, RSS unknown, go1.23 (inferred from the toolchain path): gone from RSS on Linux, a note for macOS',
      file: 'go1.23/seed/routine3.after-free.heap-debug1.txt',
      findings: [{
        line: 24, column: 3, severity: 'info',
        message: "22.0 MiB was released to the OS: on Linux it has left the process's RSS, on macOS the OS may still count it.",
        why: 'HeapReleased = 22.0 MiB is returned memory that Go no longer counts (its estimate is 10.1 MiB). go1.23 releases with MADV_DONTNEED on Linux (the default since Go 1.16), which takes the pages out of RSS at once. With GODEBUG=madvdontneed=0 and on macOS, released pages are reclaimed lazily, so a monitor can show up to 32.1 MiB until the kernel needs the memory.',
      }],
    },
    {
      name: 'released memory, RSS and Go version unknown (toolchain paths cut): MADV_FREE by default in Go 1.12–1.15, madvdontneed=0 or macOS',
      file: 'go1.23/seed/routine3.after-free.heap-debug1.txt',
      edit: (text) => text.replaceAll('/build/go-1.23.2/src/', '/src/'),
      findings: [{
        line: 24, column: 3, severity: 'info',
        message: "22.0 MiB was released to the OS, but the OS may still show it in the process's RSS.",
        why: 'HeapReleased = 22.0 MiB is returned memory that Go no longer counts (its estimate is 10.1 MiB). With GODEBUG=madvdontneed=0 on Linux (the default in Go 1.12–1.15) and on macOS, released pages are reclaimed lazily, so a monitor can show up to 32.1 MiB until the kernel needs the memory.',
      }],
    },
    {
      name: 'madvdontneed=0 with the RSS of the capture: the OS still counts the released pages',
      file: 'go1.19/peak/madvdontneed0.after-free.heap-debug1.txt',
      process: { rss: rssOf('go1.19/peak/madvdontneed0.after-free.json') },
      findings: [{
        severity: 'warning',
        message: "RSS is 318.8 MiB, 298.2 MiB above Go's estimate, while 302.0 MiB is released: the OS still counts released pages.",
        // go1.19 (inferred) on Linux takes released pages out of RSS: the environment set madvdontneed=0.
        why: 'Go holds Sys − HeapReleased = 20.6 MiB and has released 302.0 MiB. Yet go1.19 releases with MADV_DONTNEED on Linux (the default since Go 1.16), which takes the pages out of RSS at once: released pages stay in RSS until the kernel needs memory only with GODEBUG=madvdontneed=0 (MADV_FREE) or on macOS.',
      }],
    },
  ],
});
