/**
 * A folder of several runs of one binary given to analyze (audit 34): its pairs of dumps that
 * cannot be snapshots of one process (cumulative counters that fall, a GC cycle both hold that
 * ended at another time) are one line for the folder, as lint says it (lint-several-runs.test.ts),
 * with analyze's fix — not a line per pair (21 lines for the corpus's go1.19/peak). No report in
 * any format, exit 2, as for every refused series (docs/contract.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SEED = 'test/fixtures/corpus/go1.19/seed';
const PEAK = 'test/fixtures/corpus/go1.19/peak';
const HINT = "move each run's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)";

const errors = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('heapdoc: error: '));

describe.concurrent('analyze: a folder of several runs of one binary', () => {
  it('go1.19/seed: one line for its 3 pairs (was a line per pair), each named, the first with why, analyze\'s fix; no report, exit 2', async () => {
    const [text, json] = await Promise.all([runCli(['analyze', SEED, '--format', 'text']), runCli(['analyze', SEED, '--format', 'json'])]);
    const line = `heapdoc: error: ${SEED}/ holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:05:41 UTC): routine1.after-free.heap-debug1.txt; run 2 (GC 1 ended 20:05:42 UTC): routine2.after-wait.heap-debug1.txt, routine2.after-free.heap-debug1.txt; run 3 (GC 1 ended 20:05:43 UTC): routine3.after-wait.heap-debug1.txt, routine3.after-free.heap-debug1.txt; run 4 (GC 1 ended 20:05:45 UTC): routine4.after-wait.heap-debug1.txt, routine4.after-free.heap-debug1.txt; 1 dump holds no GC 1 to place it by (routine1.after-wait.heap-debug1.txt); 3 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall between them (routine2.after-wait.heap-debug1.txt and routine1.after-free.heap-debug1.txt: NumGC falls from 2 to 1 while TotalAlloc rises (2,900,872 → 5,967,920); routine3.after-wait.heap-debug1.txt and routine2.after-free.heap-debug1.txt; routine4.after-wait.heap-debug1.txt and routine3.after-free.heap-debug1.txt) — ${HINT}`;
    for (const r of [text, json]) {
      expect([r.code, r.stdout, errors(r.stderr)]).toEqual([2, '', [line]]);
    }
  });

  it('go1.19/peak: 21 pairs, counters and a GC cycle (five runs of one binary), one line naming the first four and how many more; --separately reads its 24 dumps', async () => {
    const r = await runCli(['analyze', PEAK]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'heapdoc: skipped 28 files not in a format heapdoc analyze reads: default.after-free.json, default.after-gc.json, default.after-release.json and 25 more; --format json lists them',
      `heapdoc: error: ${PEAK}/ holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:06:07 UTC): default.peak.heap-debug1.txt, default.after-release.heap-debug1.txt, default.after-gc.heap-debug1.txt, default.idle.heap-debug1.txt and 1 more; run 2 (GC 1 ended 20:06:20 UTC): madvdontneed1.peak.heap-debug1.txt, madvdontneed1.after-release.heap-debug1.txt, madvdontneed1.after-gc.heap-debug1.txt, madvdontneed1.idle.heap-debug1.txt and 1 more; run 3 (GC 1 ended 20:06:33 UTC): madvdontneed0.peak.heap-debug1.txt, madvdontneed0.after-release.heap-debug1.txt, madvdontneed0.after-gc.heap-debug1.txt, madvdontneed0.idle.heap-debug1.txt and 1 more; run 4 (GC 1 ended 20:06:46 UTC): gomemlimit100MiB.peak.heap-debug1.txt, gomemlimit100MiB.after-release.heap-debug1.txt, gomemlimit100MiB.after-gc.heap-debug1.txt, gomemlimit100MiB.idle.heap-debug1.txt and 1 more; 4 dumps hold no GC 1 to place them by (madvdontneed0.baseline.heap-debug1.txt, default.baseline.heap-debug1.txt, madvdontneed1.baseline.heap-debug1.txt, gomemlimit100MiB.baseline.heap-debug1.txt); 21 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall or a GC cycle disagrees between them (madvdontneed1.baseline.heap-debug1.txt and madvdontneed0.baseline.heap-debug1.txt: Mallocs falls from 1,572 to 1,570 while TotalAlloc rises (316,000 → 323,280); gomemlimit100MiB.baseline.heap-debug1.txt and madvdontneed1.baseline.heap-debug1.txt; default.peak.heap-debug1.txt and madvdontneed0.peak.heap-debug1.txt; madvdontneed1.peak.heap-debug1.txt and default.peak.heap-debug1.txt; and 17 more) — ${HINT}`,
    ]);
    const separately = await runCli(['analyze', PEAK, '--separately', '--format', 'json']);
    expect(separately.code).toBe(0);
    expect((JSON.parse(separately.stdout) as { snapshots: unknown[] }).snapshots).toHaveLength(24);
  });

  it('dumps of two folders with none in common: "the inputs hold", each dump named as given (samples/ and the corpus\'s go1.21/peak: 18 pairs)', async () => {
    const r = await runCli(['analyze', 'samples/go1.21/peak/', 'test/fixtures/corpus/go1.21/peak']);
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toEqual([
      `heapdoc: error: the inputs hold dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:09:18 UTC): samples/go1.21/peak/default/peak.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/default.peak.heap-debug1.txt, samples/go1.21/peak/default/after-release.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/default.after-release.heap-debug1.txt and 6 more; run 2 (GC 1 ended 20:09:31 UTC): test/fixtures/corpus/go1.21/peak/madvdontneed1.peak.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed1.after-release.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed1.after-gc.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed1.idle.heap-debug1.txt and 1 more; run 3 (GC 1 ended 20:09:44 UTC): test/fixtures/corpus/go1.21/peak/madvdontneed0.peak.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed0.after-release.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed0.after-gc.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed0.idle.heap-debug1.txt and 2 more; run 4 (GC 1 ended 20:09:57 UTC): test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.peak.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.after-release.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.after-gc.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.idle.heap-debug1.txt and 1 more; 5 dumps hold no GC 1 to place them by (samples/go1.21/peak/default/baseline.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/default.baseline.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed1.baseline.heap-debug1.txt, test/fixtures/corpus/go1.21/peak/madvdontneed0.baseline.heap-debug1.txt and 1 more); 18 pairs of their dumps cannot be snapshots of one process, as cumulative counters fall or a GC cycle disagrees between them (test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.baseline.heap-debug1.txt and test/fixtures/corpus/go1.21/peak/madvdontneed1.baseline.heap-debug1.txt: Mallocs falls from 573 to 562 while TotalAlloc rises (193,696 → 194,256); samples/go1.21/peak/default/peak.heap-debug1.txt and test/fixtures/corpus/go1.21/peak/madvdontneed1.peak.heap-debug1.txt; test/fixtures/corpus/go1.21/peak/madvdontneed0.peak.heap-debug1.txt and test/fixtures/corpus/go1.21/peak/default.peak.heap-debug1.txt; test/fixtures/corpus/go1.21/peak/gomemlimit100MiB.peak.heap-debug1.txt and test/fixtures/corpus/go1.21/peak/madvdontneed0.peak.heap-debug1.txt; and 14 more) — ${HINT}`,
    ]);
  });

  it('concatenated on standard input, by analyze and lint: "standard input holds" (it said "- holds"), the dumps by their lines', async () => {
    const input = Buffer.concat(readdirSync(SEED).filter((f) => f.endsWith('.heap-debug1.txt')).sort().map((f) => readFileSync(join(SEED, f))));
    const [analyze, lint] = await Promise.all([runCli(['analyze', '-'], { input }), runCli(['lint', '--no-config', '-'], { input })]);
    const line = 'standard input holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:05:41 UTC): -:1; run 2 (GC 1 ended 20:05:42 UTC): -:129, -:79; run 3 (GC 1 ended 20:05:43 UTC): -:231, -:179; run 4 (GC 1 ended 20:05:45 UTC): -:329, -:283; 1 dump holds no GC 1 to place it by (-:40); 3 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall between them (-:129 and -:1: NumGC falls from 2 to 1 while TotalAlloc rises (2,900,872 → 5,967,920); -:231 and -:79; -:329 and -:179)';
    expect([analyze.code, errors(analyze.stderr)]).toEqual([2, [`heapdoc: error: ${line} — ${HINT}`]]);
    // lint says it once, in its report (audit 44 F13c: on stderr too).
    expect([lint.code, errors(lint.stderr), lint.stdout.split('\n').filter((l) => l.startsWith('  error  standard input'))]).toEqual([2, [], [`  error  ${line}`]]);
  });

  it('one pair keeps its own line and hint (go1.19-gc-pauses: two scrapes of two runs)', async () => {
    const dir = 'test/fixtures/captured/go1.19-gc-pauses';
    const r = await runCli(['analyze', dir]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(errors(r.stderr)).toEqual([
      `heapdoc: error: ${dir}/metrics.long-pause.txt and ${dir}/metrics.short-pauses.txt cannot be snapshots of one process: NumGC falls from 6 to 5 while TotalAlloc rises (48,391,576 → 48,474,448) — cumulative counters never decrease in one process: for dumps of different processes, add --separately`,
    ]);
  });
});
