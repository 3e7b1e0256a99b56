import { parseJsonExact, readCorpus } from '../../helpers/fixtures.js';
import { ruleTable } from './driver.js';

function rssOf(sidecar: string): number {
  const json = parseJsonExact(readCorpus(sidecar)) as { proc_status_before_capture: { VmRSS_kB: number } };
  return json.proc_status_before_capture.VmRSS_kB * 1024;
}

const ROUTINE3 = 'go1.23/seed/routine3.after-free.heap-debug1.txt';

ruleTable('rss-above-go-estimate', {
  valid: [
    { file: ROUTINE3, name: 'no RSS given (lint has none by default)' },
    { file: ROUTINE3, name: 'the RSS of the capture', process: { rss: rssOf('go1.23/seed/routine3.after-free.json') } },
    {
      name: 'a large gap that released pages explain (madvdontneed=0)',
      file: 'go1.19/peak/madvdontneed0.after-free.heap-debug1.txt',
      process: { rss: rssOf('go1.19/peak/madvdontneed0.after-free.json') },
    },
  ],
  invalid: [
    {
      name: 'the capture\'s RSS plus 100 MiB that Go does not manage (as cgo would hold)',
      file: ROUTINE3,
      process: { rss: rssOf('go1.23/seed/routine3.after-free.json') + 100 * 1024 * 1024 },
      findings: [{ severity: 'warning', message: /^RSS \(113\.\d MiB\) is 10\d\.\d MiB above what the Go runtime holds \(10\.1 MiB\)\.$/ }],
    },
  ],
});
