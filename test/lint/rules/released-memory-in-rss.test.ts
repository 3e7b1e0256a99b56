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
      name: 'released memory, RSS unknown: a note',
      file: 'go1.23/seed/routine3.after-free.heap-debug1.txt',
      findings: [{ line: 24, column: 3, severity: 'info', message: "22.0 MiB was released to the OS, but the OS may still show it in the process's RSS." }],
    },
    {
      name: 'madvdontneed=0 with the RSS of the capture: the OS still counts the released pages',
      file: 'go1.19/peak/madvdontneed0.after-free.heap-debug1.txt',
      process: { rss: rssOf('go1.19/peak/madvdontneed0.after-free.json') },
      findings: [{ severity: 'warning', message: /^RSS is 318\.\d MiB, 29\d\.\d MiB above Go's estimate, while 30\d\.\d MiB is released: the OS still counts released pages\.$/ }],
    },
  ],
});
