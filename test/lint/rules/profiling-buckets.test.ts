import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { analyzeMetrics } from '../../helpers/exposed.js';
import { FIXTURES, readCorpus } from '../../helpers/fixtures.js';
import { ruleTable } from './driver.js';

// A real MemProfileRate=1 profile of parseheap (test/fixtures/captured/go1.19-parseheap/README.md).
const PARSEHEAP = '../captured/go1.19-parseheap/printer.heap-debug1.txt.gz';

ruleTable('profiling-buckets', {
  valid: [
    // Every dump carries the ~1.4 MiB table: 1,501,205 bytes here, 5.5% of what Go holds.
    { file: 'go1.23/memrate/rate-1.heap-debug1.txt', name: 'MemProfileRate=1 on a small program: the table, few buckets' },
    { file: 'go1.23/peak/default.baseline.heap-debug1.txt', name: 'the table is 28% of a tiny process, but under 4 MiB' },
    { file: PARSEHEAP, name: 'a threshold above the buckets', options: { bucketsMinBytes: 8 * 1024 * 1024 } },
    { file: PARSEHEAP, name: 'a share above theirs', options: { bucketsMinShare: 0.3 } },
  ],
  invalid: [
    {
      name: 'every allocation of a parser recorded: 5.3 MiB of buckets beside a 1.6 MiB live heap',
      file: PARSEHEAP,
      findings: [{
        line: 294525, column: 3, severity: 'info',
        message: "The memory profiler's own records take 5.3 MiB (BuckHashSys, 28.8% of what Go holds), beside a live heap of 1.6 MiB.",
      }],
    },
    {
      name: 'lower thresholds on the small MemProfileRate=1 dump',
      file: 'go1.23/memrate/rate-1.heap-debug1.txt',
      options: { bucketsMinBytes: 1024 * 1024, bucketsMinShare: 0.05 },
      findings: [{ line: 2147, column: 3, message: "The memory profiler's own records take 1.4 MiB (BuckHashSys, 5.5% of what Go holds), beside a live heap of 11.8 MiB." }],
    },
  ],
});

describe('profiling-buckets in the report', () => {
  it('says why from the dump (MemProfileRate, records) and what to do, with its evidence', async () => {
    const r = await runCli(['analyze', join(FIXTURES, 'captured/go1.19-parseheap/printer.heap-debug1.txt.gz'), '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; why: string; fix: string; line: number; evidence: unknown }[] };
    const finding = report.findings.find((f) => f.ruleId === 'profiling-buckets');
    expect(finding?.why).toBe('BuckHashSys is runtime metadata, not heap: the profilers\' bucket table (about 1.4 MiB) and a bucket for every distinct stack the memory, block and mutex profilers recorded, kept for the life of the process. '
      + 'This process records every allocation (MemProfileRate = 1), so every new allocation stack adds a bucket; this profile has 10,361 records, a bucket each.');
    expect(finding?.fix).toBe('Set runtime.MemProfileRate = 1 only in tests and short diagnostic runs; leave a long-running process at the default (512 KiB), which records far fewer stacks.');
    expect(finding?.evidence).toEqual({ buckHashSysBytes: 5516778, retainedBytes: 19125512, memProfileRate: 1, records: 10361 });
  });

  it('on a /metrics scrape (no profile: the rate is unknown), offers both causes', () => {
    // A real scrape with its bucket table raised to 12 MB, and Sys with it (Sys is the sum of its parts).
    const scrape = readCorpus('go1.19/exposition/leak/metrics.3.txt')
      .replace('go_memstats_buck_hash_sys_bytes 1.445454e+06', 'go_memstats_buck_hash_sys_bytes 1.2e+07')
      .replace('go_memstats_sys_bytes 3.6287752e+07', 'go_memstats_sys_bytes 4.6842298e+07');
    const finding = analyzeMetrics(scrape).findings.find((f) => f.ruleId === 'profiling-buckets');
    expect(finding?.message).toBe("The memory profiler's own records take 11.4 MiB (BuckHashSys, 25.9% of what Go holds), beside a live heap of 22.0 MiB.");
    expect(finding?.why).toBe("BuckHashSys is runtime metadata, not heap: the profilers' bucket table (about 1.4 MiB) and a bucket for every distinct stack the memory, block and mutex profilers recorded, kept for the life of the process.");
    expect(finding?.fix).toBe('If the process sets runtime.MemProfileRate = 1 (this input has no profile to say), keep that to tests and short diagnostic runs and leave a long-running process at the default (512 KiB). '
      + 'Otherwise it allocates from very many distinct stacks (deep recursion, generated code), or block or mutex profiling is on (runtime.SetBlockProfileRate, runtime.SetMutexProfileFraction), whose buckets count here too.');
  });
});
