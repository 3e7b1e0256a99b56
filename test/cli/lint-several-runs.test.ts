/**
 * A folder of several runs of one binary given to lint (audit 34): its pairs of dumps whose
 * cumulative counters fall are one line for the folder — how many pairs, the first and why, and
 * lint's fix — not a line per pair (65 lines on the corpus, 21 for go1.19/peak alone). The json and
 * sarif reports keep each pair's line (`details`), as it was said before. The pairs are analyze's:
 * a GC cycle both dumps hold that ended at another time (MemStats PauseEnd) is two processes too.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sarifSchemaErrors } from '../lint/sarif-schema.js';

const SEED = 'test/fixtures/corpus/go1.19/seed';
const PEAK = 'test/fixtures/corpus/go1.19/peak';
const HINT = "lint reads each folder as one process's series: put each run's dumps in a folder of its own; --separately lints each dump alone, without the series rules (--format json or sarif lists each pair)";
const SEED_LINE = `${SEED}/ holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:05:41 UTC): routine1.after-free.heap-debug1.txt; run 2 (GC 1 ended 20:05:42 UTC): routine2.after-wait.heap-debug1.txt, routine2.after-free.heap-debug1.txt; run 3 (GC 1 ended 20:05:43 UTC): routine3.after-wait.heap-debug1.txt, routine3.after-free.heap-debug1.txt; run 4 (GC 1 ended 20:05:45 UTC): routine4.after-wait.heap-debug1.txt, routine4.after-free.heap-debug1.txt; 1 dump holds no GC 1 to place it by (routine1.after-wait.heap-debug1.txt); 3 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall between them (routine2.after-wait.heap-debug1.txt and routine1.after-free.heap-debug1.txt: NumGC falls from 2 to 1 while TotalAlloc rises (2,900,872 → 5,967,920); routine3.after-wait.heap-debug1.txt and routine2.after-free.heap-debug1.txt; routine4.after-wait.heap-debug1.txt and routine3.after-free.heap-debug1.txt)`;
const SEED_PAIRS = [
  `${SEED}/routine2.after-wait.heap-debug1.txt and ${SEED}/routine1.after-free.heap-debug1.txt cannot be snapshots of one process: NumGC falls from 2 to 1 while TotalAlloc rises (2,900,872 → 5,967,920)`,
  `${SEED}/routine3.after-wait.heap-debug1.txt and ${SEED}/routine2.after-free.heap-debug1.txt cannot be snapshots of one process: NumGC falls from 3 to 1 while TotalAlloc rises (6,026,000 → 6,288,728)`,
  `${SEED}/routine4.after-wait.heap-debug1.txt and ${SEED}/routine3.after-free.heap-debug1.txt cannot be snapshots of one process: NumGC falls from 3 to 2 while TotalAlloc rises (6,339,744 → 16,650,904)`,
];

const errors = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('heapdoc: error: '));

interface JsonEntry { filePath: string | null; kind: string; errorCount: number; messages: { message: string; fix?: string; details?: string[] }[] }

describe.concurrent('lint: a folder of several runs of one binary', () => {
  it('one line for the folder (was a line per pair): how many pairs, the first and why, the fix; exit 2', async () => {
    const r = await runCli(['lint', '--no-config', SEED]);
    expect(r.code).toBe(2);
    // Said once, in the report (audit 44 F13c: it was on stderr too): under the folder, as a folder of several programs is; counted as one folder.
    expect(r.stdout.split('\n').slice(-8)).toEqual([
      `${process.cwd()}/${SEED}`,
      `  error  ${SEED_LINE}`,
      `         ${HINT}`,
      '',
      '✖ 4 problems (0 errors, 4 warnings)',
      '✖ 1 folder holds dumps of more than one process, 8 dumps linted',
      '12 files skipped (not read as dumps): stderr and --format json or sarif say which and why',
      '',
    ]);
  });

  it('json: one entry for the folder, each pair in `details` as it was said; sarif: in the notification\'s properties', async () => {
    const [json, sarif] = await Promise.all([runCli(['lint', '--no-config', SEED, '--format', 'json']), runCli(['lint', '--no-config', SEED, '--format', 'sarif'])]);
    expect([json.code, sarif.code]).toEqual([2, 2]);
    const folder = (JSON.parse(json.stdout) as JsonEntry[]).filter((e) => e.kind === 'unreadable');
    expect(folder.map((e) => [e.filePath, e.errorCount, e.messages])).toEqual([[`${process.cwd()}/${SEED}`, 1, [{ ruleId: null, fatal: true, severity: 2, message: SEED_LINE, fix: HINT, details: SEED_PAIRS }]]]);
    expect(sarifSchemaErrors(JSON.parse(sarif.stdout))).toEqual([]);
    const notes = (JSON.parse(sarif.stdout) as { runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string }; properties?: { details: string[] } }[] }[] }[] }).runs[0]?.invocations[0]?.toolExecutionNotifications.filter((n) => n.level === 'error');
    expect(notes?.map((n) => [n.message.text, n.properties?.details])).toEqual([[`${SEED_LINE} — ${HINT}`, SEED_PAIRS]]);
  });

  it('go1.19/peak: 21 pairs, counters and a GC cycle, as analyze finds them (five runs of one binary, 24 dumps), one line', async () => {
    const r = await runCli(['lint', '--no-config', PEAK, '--format', 'json']);
    expect([r.code, errors(r.stderr)]).toEqual([2, ['heapdoc: error: 1 folder holds dumps of more than one process, 24 dumps linted — the JSON report lists each, with its fix']]);
    const folder = (JSON.parse(r.stdout) as JsonEntry[]).find((e) => e.kind === 'unreadable')?.messages[0];
    expect(`${folder?.message} — ${folder?.fix}`).toEqual(
      `${PEAK}/ holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:06:07 UTC): default.peak.heap-debug1.txt, default.after-release.heap-debug1.txt, default.after-gc.heap-debug1.txt, default.idle.heap-debug1.txt and 1 more; run 2 (GC 1 ended 20:06:20 UTC): madvdontneed1.peak.heap-debug1.txt, madvdontneed1.after-release.heap-debug1.txt, madvdontneed1.after-gc.heap-debug1.txt, madvdontneed1.idle.heap-debug1.txt and 1 more; run 3 (GC 1 ended 20:06:33 UTC): madvdontneed0.peak.heap-debug1.txt, madvdontneed0.after-release.heap-debug1.txt, madvdontneed0.after-gc.heap-debug1.txt, madvdontneed0.idle.heap-debug1.txt and 1 more; run 4 (GC 1 ended 20:06:46 UTC): gomemlimit100MiB.peak.heap-debug1.txt, gomemlimit100MiB.after-release.heap-debug1.txt, gomemlimit100MiB.after-gc.heap-debug1.txt, gomemlimit100MiB.idle.heap-debug1.txt and 1 more; 4 dumps hold no GC 1 to place them by (madvdontneed0.baseline.heap-debug1.txt, default.baseline.heap-debug1.txt, madvdontneed1.baseline.heap-debug1.txt, gomemlimit100MiB.baseline.heap-debug1.txt); 21 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall or a GC cycle disagrees between them (madvdontneed1.baseline.heap-debug1.txt and madvdontneed0.baseline.heap-debug1.txt: Mallocs falls from 1,572 to 1,570 while TotalAlloc rises (316,000 → 323,280); gomemlimit100MiB.baseline.heap-debug1.txt and madvdontneed1.baseline.heap-debug1.txt; default.peak.heap-debug1.txt and madvdontneed0.peak.heap-debug1.txt; madvdontneed1.peak.heap-debug1.txt and default.peak.heap-debug1.txt; and 17 more) — ${HINT}`,
    );
    const details = (JSON.parse(r.stdout) as JsonEntry[]).find((e) => e.kind === 'unreadable')?.messages[0]?.details;
    expect(details).toHaveLength(21);
    // The pair lint missed when its summaries dropped the GC rings (340a7c98): counters that rise, a cycle that disagrees.
    expect(details?.[8]).toBe(`${PEAK}/madvdontneed0.after-gc.heap-debug1.txt and ${PEAK}/madvdontneed1.after-release.heap-debug1.txt cannot be snapshots of one process: the process restarted between them, or they are two processes: GC cycle 1 ended at 2026-11-26T20:06:33.301Z in the first and at 2026-11-26T20:06:20.122Z in the second (MemStats PauseEnd)`);
    expect(details?.[20]).toBe(`${PEAK}/gomemlimit100MiB.after-free.heap-debug1.txt and ${PEAK}/madvdontneed1.after-free.heap-debug1.txt cannot be snapshots of one process: Mallocs falls from 8,199 to 8,050 while TotalAlloc rises (315,565,664 → 315,606,040)`);
  });

  it('two dumps of two runs whose counters rise but whose GC cycle 1 ended at another time: refused as analyze refuses them, exit 2', async () => {
    const first = `${PEAK}/madvdontneed0.after-gc.heap-debug1.txt`;
    const second = `${PEAK}/madvdontneed1.after-release.heap-debug1.txt`;
    const [lint, analyze] = await Promise.all([runCli(['lint', '--no-config', first, second]), runCli(['analyze', first, second])]);
    const line = `${first} and ${second} cannot be snapshots of one process: the process restarted between them, or they are two processes: GC cycle 1 ended at 2026-11-26T20:06:33.301Z in the first and at 2026-11-26T20:06:20.122Z in the second (MemStats PauseEnd)`;
    const why = "a GC cycle's end and pause stay in MemStats, unchanged, for 256 cycles: for dumps of different processes, add --separately";
    expect([lint.code, errors(lint.stderr)]).toEqual([2, []]);
    expect(lint.stdout.split('\n').slice(-7)).toEqual([
      `${process.cwd()}/${PEAK}`,
      `  error  ${line}`,
      `         ${why}`,
      '',
      '✖ 2 problems (0 errors, 2 warnings)',
      '✖ 1 folder holds dumps of more than one process, 2 dumps linted',
      '',
    ]);
    expect([analyze.code, analyze.stdout, errors(analyze.stderr)]).toEqual([2, '', [`heapdoc: error: ${line} — ${why}`]]);
  });

  it('one pair keeps its own line, as analyze says it (go1.19-gc-pauses: two scrapes of two runs)', async () => {
    const dir = 'test/fixtures/captured/go1.19-gc-pauses';
    const r = await runCli(['lint', '--no-config', dir]);
    expect(errors(r.stderr)).toEqual([]);
    expect(r.stdout.split('\n').slice(-8, -5)).toEqual([
      `${process.cwd()}/${dir}`,
      `  error  ${dir}/metrics.long-pause.txt and ${dir}/metrics.short-pauses.txt cannot be snapshots of one process: NumGC falls from 6 to 5 while TotalAlloc rises (48,391,576 → 48,474,448)`,
      '         cumulative counters never decrease in one process: for dumps of different processes, add --separately',
    ]);
  });
});
