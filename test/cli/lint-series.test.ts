/**
 * `heapdoc lint` on the captured scenarios (test/fixtures/scenarios, README there: the truth
 * table): the dumps of one directory are one process's snapshots, and the series rules see what
 * no single dump shows (issue 9 item 4: CI could not see a leak).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { sarifSchemaErrors } from '../lint/sarif-schema.js';

const S = 'test/fixtures/scenarios';
const SERIES_RULES = ['leak-suspected', 'goroutine-growth', 'heap-growth'];
const lint = (...args: string[]): Promise<CliResult> => runCli(['lint', '--no-config', ...args]);

/** A scenario's heap and goroutine?debug=1 dumps and gctrace log, named one by one: the same series as its directory, a third of the parsing. */
function dumps(scenario: string): string[] {
  return readdirSync(join(S, scenario)).filter((f) => /\.(?:heap|goroutine)-debug1\.txt$|^gctrace\.log$/.test(f)).map((f) => `${S}/${scenario}/${f}`);
}

interface JsonFile { filePath: string; messages: { ruleId: string; severity: number; message: string; line?: number; evidence?: Record<string, unknown>; scope?: string }[] }

/** `file ruleId` for every series finding of a json report, file relative to the scenarios. */
function seriesFindings(stdout: string): { at: string; ruleId: string; message: string; evidence: Record<string, unknown> | undefined; line: number | undefined; scope: string | undefined }[] {
  return (JSON.parse(stdout) as JsonFile[]).flatMap((f) => f.messages.filter((m) => SERIES_RULES.includes(m.ruleId))
    .map((m) => ({ at: f.filePath.slice(f.filePath.indexOf(S) + S.length + 1), ruleId: m.ruleId, message: m.message, evidence: m.evidence, line: m.line, scope: m.scope })));
}

describe.concurrent('lint: a series of snapshots of one process', () => {
  it('heap-leak: exit 1, leak-suspected at the last heap dump with the values of the truth table, once: the gctrace log beside it agrees and is said in it', async () => {
    const r = await lint(`${S}/heap-leak`, '--format', 'json');
    expect(r.code).toBe(1);
    const found = seriesFindings(r.stdout);
    // The log's own leak-suspected (gctrace.log 116:1) was a second error for the same leak, which analyze folds into one verdict (exposed.ts foldLogLeak).
    expect(found.map((f) => `${f.at} ${f.ruleId}`)).toEqual(['heap-leak/06-t6.heap-debug1.txt leak-suspected']);
    // The directory's series is `scope: series` (a baseline records it at the directory).
    expect(found.map((f) => f.scope)).toEqual(['series']);
    expect(found[0]).toMatchObject({
      // The record of main.remember's biggest stack in 06-t6 (docs/rules.md: a dump series' leak).
      line: 2,
      message: 'Leak suspected (high confidence) across 6 snapshots, 01-t1.heap-debug1.txt → 06-t6.heap-debug1.txt: live heap 4.3 MiB → 24.4 MiB over 6 GC-separated snapshots; growing main.remember 6.1 MiB → 24.9 MiB.',
      // HeapAlloc of 01-t1 and 06-t6, as the README's table has them.
      evidence: { confidence: 'high', snapshots: 6, firstLiveBytes: 4_485_008, lastLiveBytes: 25_601_592, topSite: 'main.remember', topSiteGrowthBytes: 19_703_339 },
    });
    const json = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; why: string }[] }[];
    expect(json.find((f) => f.filePath.endsWith('06-t6.heap-debug1.txt'))?.messages.find((m) => m.ruleId === 'leak-suspected')?.why)
      .toMatch(/ The GC log gctrace\.log agrees, with high confidence over 116 GC cycles: the live heap after GC keeps rising, 0 → 24 MB over 12\.3 s and 116 GCs; its floor rose in every third of the log's time \(0 → 8 → 17 MB\)\.$/);
    // Alone, the log is its own series, and its leak its own finding.
    const log = seriesFindings((await lint(`${S}/heap-leak/gctrace.log`, '--format', 'json')).stdout);
    expect(log.map((f) => `${f.at} ${f.ruleId} ${f.line}`)).toEqual(['heap-leak/gctrace.log leak-suspected 116']);
    expect(log[0]?.message).toBe('Leak suspected (high confidence) in gctrace.log: the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log\'s time (0 → 8 → 17 MB).');
    expect(log[0]?.evidence).toMatchObject({ gcCycles: 116, firstLiveBytes: 0, lastLiveBytes: 24 * 1024 * 1024 });
  });

  it('goroutine-leak: leak-suspected (the growing group and stacks, the heap nearly flat) at the last heap dump, naming the group with its wait state from the debug=2 dumps; goroutine-growth does not say it again', async () => {
    const r = await lint(`${S}/goroutine-leak`, '--format', 'json');
    expect(r.code).toBe(1);
    const found = seriesFindings(r.stdout);
    expect(found.map((f) => `${f.at} ${f.ruleId}`)).toEqual(['goroutine-leak/06-t6.heap-debug1.txt leak-suspected']);
    expect(found[0]?.message).toContain('goroutines main.waitForReply [chan receive] 400 → 2,400; goroutine stacks (StackInuse) 2.0 MiB → 9.8 MiB across 6 snapshots.');
    expect(found[0]?.evidence).toMatchObject({ topGroup: 'main.waitForReply', topGroupGrowth: 2000, firstLiveBytes: 471_104, lastLiveBytes: 1_623_376 });
    // With leak-suspected off (or below goroutine-growth's level), goroutine-growth says the group, at the last goroutine dump.
    const off = seriesFindings((await lint(`${S}/goroutine-leak`, '--rule', 'leak-suspected=off', '--format', 'json')).stdout);
    expect(off.map((f) => `${f.at} ${f.ruleId}`)).toEqual(['goroutine-leak/06-t6.goroutine-debug2.txt goroutine-growth']);
    expect(off[0]).toMatchObject({
      message: 'Goroutines keep accumulating across 6 goroutine dumps, 01-t1.goroutine-debug2.txt → 06-t6.goroutine-debug2.txt: main.waitForReply [chan receive] 400 → 2,400.',
      evidence: { dumps: 6, group: 'main.waitForReply', groupFirst: 400, groupLast: 2400, firstTotal: 404, lastTotal: 2404 },
    });
    const info = seriesFindings((await lint(`${S}/goroutine-leak`, '--rule', 'leak-suspected=info', '--format', 'json')).stdout);
    expect(info.map((f) => `${f.at} ${f.ruleId}`)).toEqual(['goroutine-leak/06-t6.goroutine-debug2.txt goroutine-growth']);
  });

  it('burst, churn, memlimit (not a leak) and rare-gc (unknown: 2 GC cycles): exit 0, no series finding', async () => {
    const r = await lint(...dumps('burst'), ...dumps('churn'), ...dumps('memlimit'), ...dumps('rare-gc'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(seriesFindings(r.stdout)).toEqual([]);
    expect(r.stderr).not.toContain('error');
  });

  it('mixed (two programs in one directory): one line naming both programs and lint\'s fix, exit 2, every file still linted', async () => {
    const r = await lint(`${S}/mixed`, '--format', 'json');
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('heapdoc: error: '));
    // The churn program's six heap dumps and six goroutine dumps (even NN), beside heap-leak's
    // twelve. The empty stderr logs of the two programs are skipped and named (heap-leak.stderr.log was a failed capture).
    expect(r.stderr.split('\n').filter((l) => l.includes('.stderr.log'))).toEqual([`heapdoc: skipped ${S}/mixed/churn.stderr.log: an empty file`, `heapdoc: skipped ${S}/mixed/heap-leak.stderr.log: an empty file`]);
    // The line is the report's; stderr counts it (audit 44 F13c: it said the line on both).
    expect(errors).toEqual(['heapdoc: error: 1 folder holds dumps of more than one process, 72 dumps linted — the JSON report lists each, with its fix']);
    const folder = (JSON.parse(r.stdout) as { kind: string; messages: { message: string; fix?: string }[] }[]).find((f) => f.kind === 'unreadable')?.messages[0];
    expect(`${folder?.message} — ${folder?.fix}`).toBe(`${S}/mixed/ holds dumps of more than one program: 01-t1.heap-debug1.txt, 03-t2.heap-debug1.txt, … (12), 02-t1.heap-debug1.txt, 04-t2.heap-debug1.txt, … (12) (main.main is defined in /tmp/heapdoc-samples-gopath/src/heapdoc-samples/churn/main.go in 02-t1.heap-debug1.txt, /tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go in 01-t1.heap-debug1.txt) — lint reads each folder as one process's series: put each program's dumps in a folder of its own; --separately lints each dump alone, without the series rules`);
    expect(seriesFindings(r.stdout)).toEqual([]);
    const files = JSON.parse(r.stdout) as JsonFile[];
    expect(files.filter((f) => f.filePath.endsWith('.heap-debug1.txt'))).toHaveLength(12);
    expect(files.find((f) => f.filePath.endsWith('01-t1.heap-debug1.txt'))?.messages.map((m) => m.ruleId)).toEqual(['idle-heap-retained', 'gc-off']);
  });

  it('--separately: each file alone, no series rules (nor on the gctrace log)', async () => {
    const r = await lint(...dumps('heap-leak'), ...dumps('mixed'), '--separately', '--format', 'json');
    expect(r.code).toBe(0);
    expect(seriesFindings(r.stdout)).toEqual([]);
    expect(r.stderr).not.toContain('error');
  });

  it('files named on the command line are their directory\'s series; stylish shows the finding under the last file', async () => {
    const files = ['03-t3', '01-t1', '05-t5', '02-t2', '04-t4', '06-t6'].map((n) => `${S}/heap-leak/${n}.heap-debug1.txt`);
    const r = await lint(...files);
    expect(r.code).toBe(1);
    const blocks = r.stdout.trim().split('\n\n');
    // One block, the last file's: the series finding, then the long pause every dump's PauseNs ring repeats, said by the
    // latest snapshot that holds it with its counts (06-t6: NumGC 116, the pause at its line 166), not the first dump's.
    expect(blocks.map((block) => block.split('\n')[0])).toEqual([`${S}/heap-leak/06-t6.heap-debug1.txt`, '✖ 2 problems (1 error, 1 warning)']);
    const last = (blocks[0] ?? '').split('\n');
    expect(last[1]).toMatch(/^ +2:1 {2}error {4}Leak suspected \(high confidence\) across 6 snapshots, 01-t1\.heap-debug1\.txt → 06-t6\.heap-debug1\.txt: live heap 4\.3 MiB → 24\.4 MiB over 6 GC-separated snapshots; growing main\.remember 6\.1 MiB → 24\.9 MiB\. +leak-suspected$/);
    expect(last[2]).toMatch(/^ {2}166:3 {2}warning {2}A GC pause took 11\.77 ms \(GC cycle 73\); 1 of the last 116 pauses exceeded 10\.00 ms\. +gc-pause-long$/);
    expect(last).toHaveLength(3);
  });
});

describe.concurrent('lint: series budgets, exit codes, baselines, SARIF', () => {
  it('heap-growth per hour and per GC; goroutine-growth maxGrowth; --max-warnings counts the series warnings', async () => {
    const [heap, goroutines] = await Promise.all([
      lint(`${S}/heap-leak/01-t1.heap-debug1.txt`, `${S}/heap-leak/03-t3.heap-debug1.txt`, `${S}/heap-leak/06-t6.heap-debug1.txt`, '--rule', 'leak-suspected=off', '--rule', 'heap-growth=error:perHour=10MiB/h,perGC=64KiB', '--format', 'json'),
      // leak-suspected off: it would name the growing group, which goroutine-growth then leaves to it (one warning, not two).
      lint(...['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((n) => `${S}/goroutine-leak/${n}.goroutine-debug1.txt`), '--rule', 'leak-suspected=off', '--rule', 'goroutine-growth=warn:maxGrowth=1000', '--max-warnings', '1'),
    ]);
    expect(heap.code).toBe(1);
    const [growth] = seriesFindings(heap.stdout);
    // 4,485,008 → 25,601,592 bytes in 67 GC cycles (NumGC 49 → 116) and 11.5 s between the first and last LastGC.
    expect(growth).toMatchObject({
      at: 'heap-leak/06-t6.heap-debug1.txt', ruleId: 'heap-growth',
      // The trend of the three points (least squares), 305,415 bytes per GC; 315,173 first to last.
      evidence: { firstLiveBytes: 4_485_008, lastLiveBytes: 25_601_592, gcCycles: 67, bytesPerGC: 305_415, firstLastBytesPerGC: 315_173, points: 3, limitPerHour: 10 * 1024 * 1024, limitPerGC: 64 * 1024 },
    });
    expect(growth?.message).toMatch(/^The live heap grew 19\.5 MiB by its trend over 3 GC-separated readings across 01-t1\.heap-debug1\.txt → 06-t6\.heap-debug1\.txt \(4\.3 MiB → 24\.4 MiB; lowest 4\.3 MiB at 01-t1\.heap-debug1\.txt, highest 24\.4 MiB at 06-t6\.heap-debug1\.txt\): \d+\.\d GiB\/h, above the budget of 10\.0 MiB\/h; 298\.3 KiB per GC, above the budget of 64\.0 KiB\.$/);
    expect(goroutines.code).toBe(1);
    expect(goroutines.stdout).toContain('The goroutine count grew by 2,000 (404 → 2,404) across 01-t1.goroutine-debug1.txt → 06-t6.goroutine-debug1.txt, above the budget of 1,000.');
    expect(goroutines.stderr).toBe('heapdoc: error: too many warnings: 2, more than --max-warnings 1\n');
  });

  it('a baseline records each series finding at its directory; then the leak no longer fails, also after more snapshots are added', async () => {
    const baseline = join(mkdtempSync(join(tmpdir(), 'heapdoc-series-')), 'baseline.json');
    // The first four moments recorded; the series' last file is then 04-t4's.
    const firstFour = dumps('goroutine-leak').filter((f) => /\/0[1-4]-/.test(f));
    const update = await lint(...firstFour, '--baseline', baseline, '--update-baseline');
    expect(update.code).toBe(0);
    const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { entries: { file: string; ruleId: string }[] }).entries;
    expect(entries.filter((e) => SERIES_RULES.includes(e.ruleId)).map((e) => `${e.file.slice(e.file.indexOf(S) + S.length + 1)} ${e.ruleId}`))
      .toEqual(['goroutine-leak/ leak-suspected']);
    expect(await lint(...firstFour, '--baseline', baseline, '--max-warnings', '0')).toMatchObject({ code: 0, stderr: '' });
    // Two more moments captured: the same known leak, at 06-t6's files now, is not new (it was, exit 1).
    const all = await lint(...dumps('goroutine-leak'), '--baseline', baseline, '--max-warnings', '0', '--format', 'json');
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const suppressed = (JSON.parse(all.stdout) as { suppressedMessages: { ruleId: string; scope?: string }[] }[]).flatMap((f) => f.suppressedMessages);
    expect(suppressed.filter((m) => SERIES_RULES.includes(m.ruleId)).map((m) => `${m.ruleId} ${m.scope}`)).toEqual(['leak-suspected series']);
  });

  it('SARIF: the series rules are described, and the result is located at the last file', async () => {
    // leak-suspected at its default level names the growing group: goroutine-growth (at warn, as configured) would not say it again.
    const r = await lint(...dumps('goroutine-leak'), '--rule', 'leak-suspected=warn', '--rule', 'goroutine-growth=error', '--format', 'sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string; enabled: boolean } }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[] }[] };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0];
    const rule = (id: string): unknown => run?.tool.driver.rules.find((x) => x.id === id)?.defaultConfiguration;
    expect([rule('leak-suspected'), rule('goroutine-growth'), rule('heap-growth')]).toEqual([
      { level: 'error', enabled: true }, { level: 'warning', enabled: true }, { level: 'error', enabled: false },
    ]);
    const leak = run?.results.find((x) => x.ruleId === 'leak-suspected');
    expect(leak?.level).toBe('warning');
    expect(leak?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: `${S}/goroutine-leak/06-t6.heap-debug1.txt` } } }]);
    // goroutine-growth is at the dump that holds its groups (it was at the heap dump).
    const growth = run?.results.find((x) => x.ruleId === 'goroutine-growth');
    expect(growth?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: `${S}/goroutine-leak/06-t6.goroutine-debug1.txt` } } }]);
  });
});

describe('lint: a binary heap profile saved beside the MemStats of its moment', () => {
  const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath.split('/').pop() ?? ''} ${m.ruleId}`));

  it('is not told it lacks MemStats when NN-tN.vars.json (or a heap?debug=1 dump) of the same name is beside it; a profile with no pair still is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-paired-'));
    for (const f of ['01-t1.heap.pb.gz', '01-t1.vars.json', '02-t2.heap.pb.gz', '02-t2.heap-debug1.txt', '03-t3.heap.pb.gz', '04-t4.vars.json', '05-t5.vars.json']) {
      copyFileSync(join(S, 'heap-leak', f), join(dir, f));
    }
    const r = await lint(dir, '--separately', '--format', 'json');
    // 03-t3's profile has no vars file of its name, and two unpaired vars files are left: no pair.
    expect(ruleIds(r.stdout).filter((m) => m.endsWith(' no-memstats'))).toEqual(['03-t3.heap.pb.gz no-memstats']);
  });
});

describe('lint and analyze: a binary heap profile paired with the /debug/vars of its moment', () => {
  const located = (stdout: string): string[] => (JSON.parse(stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath.split('/').pop() ?? ''}:${m.line ?? 0}:${(m as { column?: number }).column ?? 0} ${m.ruleId}`));
  interface AnalyzeJson { findings: { ruleId: string; source: string; line?: number; column?: number; message: string; why: string; fix: string }[] }
  const analyzed = (stdout: string): string[] => (JSON.parse(stdout) as AnalyzeJson).findings.map((f) => `${f.source.replace(/[^ ]*\//g, '')}:${f.line ?? 0}:${f.column ?? 0} ${f.ruleId}`);

  it('wheap (vars.N.json + heap.N.pb.gz + unpaired wheap.N.pb.gz): the rule ids and locations of lint, beside those of analyze', async () => {
    const dir = 'test/fixtures/captured/go1.19-auditF/wheap';
    const r = await lint(dir, '--info', '--format', 'json');
    expect(r.code).toBe(1);
    // The leak at the series' last moment (the pair `heap.5.pb.gz + vars.5.json`, named by its profile);
    // the five unpaired wheap profiles are one no-memstats warning at the first of them.
    expect(located(r.stdout)).toEqual(['heap.5.pb.gz:0:0 leak-suspected', 'wheap.1.pb.gz:0:0 no-memstats']);
    const a = await runCli(['analyze', dir, '--format', 'json']);
    expect(analyzed(a.stdout)).toEqual([
      'heap.5.pb.gz + vars.5.json:0:0 leak-suspected',
      ...[1, 2, 3, 4, 5].map((n) => `wheap.${n}.pb.gz:0:0 no-memstats`),
    ]);
  });

  it('paired-moment: the pair\'s findings are analyze\'s, at the lines of the vars file that hold the evidence (profile-before-first-gc, profiling-buckets with the profile\'s rate)', async () => {
    const dir = 'test/fixtures/lint/paired-moment';
    const a = await runCli(['analyze', dir, '--format', 'json']);
    const analysis = (JSON.parse(a.stdout) as AnalyzeJson).findings;
    expect(analyzed(a.stdout)).toEqual(['01-t1.heap.pb.gz + 01-t1.vars.json:3:352 profiling-buckets', '01-t1.heap.pb.gz + 01-t1.vars.json:3:1610 profile-before-first-gc']);
    const r = await lint(dir, '--info', '--format', 'json');
    expect(r.code).toBe(0);
    // NumGC = 0 with a profile, and BuckHashSys with the profile's MemProfileRate and records: both halves, one moment.
    expect(located(r.stdout)).toEqual(['01-t1.vars.json:3:352 profiling-buckets', '01-t1.vars.json:3:1610 profile-before-first-gc']);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; message: string; why: string; fix: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.map((m) => [m.ruleId, m.severity, m.message, m.why, m.fix])).toEqual(analysis.map((f) => [f.ruleId, 0, f.message, f.why, f.fix]));
    expect(messages[0]?.why).toContain('MemProfileRate is 512.0 KiB: a sampled allocation\'s stack adds a bucket the first time it is seen; this profile has 6 records, a bucket each.');
    expect(messages[1]?.message).toBe('No garbage collection has run yet: the heap profile is what was allocated up to the first profile request, with nothing freed, not what is in use now.');
    // The same in the other formats: stylish at line:column, SARIF in the vars file's region.
    const stylish = await lint(dir, '--info');
    expect(stylish.stdout).toContain(`${dir}/01-t1.vars.json\n   3:352  info  The memory profiler's own records take 20.0 MiB (BuckHashSys, 51.1% of what Go holds), beside a live heap of 7.9 MiB.                                   profiling-buckets\n  3:1610  info  No garbage collection has run yet: the heap profile is what was allocated up to the first profile request, with nothing freed, not what is in use now.  profile-before-first-gc\n`);
    const sarif = JSON.parse((await lint(dir, '--info', '--format', 'sarif')).stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[] }[] }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results.map((x) => `${x.locations[0]?.physicalLocation.artifactLocation.uri.replace(/.*\//, '')}:${x.locations[0]?.physicalLocation.region?.startLine}:${x.locations[0]?.physicalLocation.region?.startColumn} ${x.level} ${x.ruleId}`))
      .toEqual(['01-t1.vars.json:3:352 note profiling-buckets', '01-t1.vars.json:3:1610 note profile-before-first-gc']);
  });

  it('e-thrash\'s profiles and vars alone (the pairs stand for their moments): lint\'s findings are analyze\'s, each once, with the profile\'s capture time', async () => {
    const E = 'test/fixtures/captured/go1.19-audit-verdicts/e-thrash';
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-pairs-'));
    for (const n of [1, 2, 3, 4]) for (const f of [`0${n}-moment${n}.heap.pb.gz`, `0${n}-moment${n}.vars.json`]) copyFileSync(join(E, f), join(dir, f));
    const a = await runCli(['analyze', dir, '--format', 'json']);
    // analyze names each pair `PROFILE + VARS`; its findings at a line are in the vars file (the series' gc-cpu-high too, at the last vars file's GCCPUFraction), the others at the profile that stands for the moment.
    const expected = (JSON.parse(a.stdout) as AnalyzeJson).findings.map((f) => `${(f.source.split(' + ')[f.line ? 1 : 0] ?? '').replace(/.*\//, '')}:${f.line ?? 0}:${f.column ?? 0} ${f.ruleId}`);
    const r = await lint(dir, '--info', '--format', 'json');
    expect(r.code).toBe(0);
    expect([...located(r.stdout)].sort()).toEqual(expected.sort());
    // The GC CPU share of the one process once, at the series' last moment (was one per vars file).
    expect(located(r.stdout)).toEqual(['01-moment1.vars.json:3:485 gc-pause-long', '02-moment2.vars.json:3:487 gc-pause-long', '04-moment4.vars.json:3:7394 gc-cpu-high']);
    // The vars alone knew no capture time: the profile's time_nanos gives it (each pair's own finding, --separately).
    const apart = await lint(dir, '--info', '--format', 'json', '--separately');
    const first = (JSON.parse(apart.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'gc-cpu-high');
    expect(first?.message).toBe('The GC had used 17.9% of the available CPU since the process started, as of the last GC (cycle 394, 516.45 ms before the capture).');
  });

  it('a profile paired with MemStats of another moment: lint warns as analyze does, at the profile', async () => {
    // wheap's last profile (24.1 MiB in use) named as the moment of its first vars (HeapAlloc 7.9 MiB).
    const W = 'test/fixtures/captured/go1.19-auditF/wheap';
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-mismatch-'));
    copyFileSync(join(W, 'heap.5.pb.gz'), join(dir, '01.heap.pb.gz'));
    copyFileSync(join(W, 'vars.1.json'), join(dir, '01.vars.json'));
    const said = `its sites hold 24.1 MiB in use, more than twice the HeapAlloc of ${join(dir, '01.vars.json')} (7.9 MiB): they were not captured at one moment`;
    const a = await runCli(['analyze', dir, '--format', 'json']);
    expect((JSON.parse(a.stdout) as { diagnostics: { message: string }[] }).diagnostics.map((d) => d.message)).toEqual([said]);
    const r = await lint(dir, '--info', '--format', 'json');
    expect(r.code).toBe(0);
    expect(located(r.stdout)).toEqual(['01.heap.pb.gz:0:0 parse-error']);
    const [warning] = (JSON.parse(r.stdout) as { messages: { severity: number; message: string; fix: string }[] }[]).flatMap((f) => f.messages);
    expect(warning).toMatchObject({ severity: 1, message: `I${said.slice(1)}.`, fix: 'Give the MemStats captured with the profile (the same file stem: 03-t3.heap.pb.gz and 03-t3.vars.json).' });
    expect((await lint(dir, '--max-warnings', '0')).code).toBe(1);
  });
});

describe('lint and analyze: goroutine dumps of debug=1 at some moments, debug=2 at others', () => {
  // The goroutine-leak scenario's moments 1 and 2 as debug=1, 5 and 6 as debug=2: one format per
  // directory read only two of them, and the leak (400 → 2,400) went unseen, exit 0.
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-mixed-'));
  for (const name of ['01-t1.goroutine-debug1.txt', '02-t2.goroutine-debug1.txt', '05-t5.goroutine-debug2.txt', '06-t6.goroutine-debug2.txt']) {
    copyFileSync(join(S, 'goroutine-leak', name), join(dir, name));
  }

  it('every moment once, whichever format it has: leak-suspected naming the group (goroutine-growth leaves it to it), exit 1', async () => {
    const r = await lint(dir, '--format', 'json');
    expect(r.code).toBe(1);
    const found = seriesFindings(r.stdout);
    expect(found.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'leak-suspected: Leak suspected (high confidence) across 4 snapshots, 01-t1.goroutine-debug1.txt → 06-t6.goroutine-debug2.txt: goroutines main.waitForReply [chan receive] 400 → 2,400.',
    ]);
    const growth = seriesFindings((await lint(dir, '--rule', 'leak-suspected=off', '--format', 'json')).stdout);
    expect(growth.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'goroutine-growth: Goroutines keep accumulating across 4 goroutine dumps, 01-t1.goroutine-debug1.txt → 06-t6.goroutine-debug2.txt: main.waitForReply [chan receive] 400 → 2,400.',
    ]);
  });

  it('analyze agrees: the group is its function across the two formats', async () => {
    const r = await runCli(['analyze', dir, '--format', 'json', '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { series: { growingGroups: { function: string; counts: number[] }[] } };
    expect(report.series.growingGroups.map((g) => [g.function, g.counts])).toEqual([['main.waitForReply', [400, 800, 2000, 2400]]]);
  });
});

describe('lint --update-baseline when an input cannot be read', () => {
  it('leaves the baseline as it was (its findings would be dropped), applies it, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-update-'));
    const baseline = join(dir, 'baseline.json');
    const dump = `${S}/churn/01-t1.heap-debug1.txt`;
    expect((await lint(dump, '--baseline', baseline, '--update-baseline')).code).toBe(0);
    const before = readFileSync(baseline, 'utf8');
    const missing = join(dir, 'not-there.txt');
    const r = await lint(dump, missing, '--baseline', baseline, '--update-baseline');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toContain(`heapdoc: error: --update-baseline: ${baseline} not written, as an input could not be read (the report says which) and the findings it had recorded would be dropped — fix or leave out that input, then run --update-baseline again`);
    expect(readFileSync(baseline, 'utf8')).toBe(before);
    expect(r.stdout).toContain('findings recorded in the baseline not shown');
  });
});

describe('lint: each moment once, as analyze reads it (curl saved heap?debug=1, vars and profiles of each moment)', () => {
  // The audit's e-thrash capture (a process under a tight GOMEMLIMIT): 4 moments, each as
  // NN-momentN.heap-debug1.txt, .vars.json, .heap.pb.gz and .heap-gc1.pb.gz.
  const dir = 'test/fixtures/captured/go1.19-audit-verdicts/e-thrash';
  const heap = (n: number): string => `${dir}/0${n}-moment${n}.heap-debug1.txt`;

  it('reports each moment\'s GC figures once, at its heap dump, and says which inputs it read as moments already read', async () => {
    const r = await lint(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: 8 inputs are other captures of a moment already read (the same folder and file stem: 01-moment1.vars.json beside 01-moment1.heap-debug1.txt): one snapshot per moment\n');
    const files = r.stdout.split('\n').filter((l) => l.startsWith(dir));
    expect(files).toEqual([1, 2, 4].map(heap));
    // The GC CPU share of the one process once, at its last moment (was one per moment).
    expect(r.stdout.match(/gc-cpu-high$/gm)?.length).toBe(1);
    expect(r.stdout).toContain(`${heap(4)}\n  156:3  warning  A GC pause took 11.68 ms (GC cycle 1298); 1 of the last 256 pauses exceeded 10.00 ms.                                         gc-pause-long\n  160:3  warning  The GC had used 16.9% to 19.4% of the available CPU since the process started in 4 snapshots (as of GC cycles 380 to 1,536).  gc-cpu-high\n`);
    expect(r.stdout).toContain(`${heap(1)}\n  42:3  warning  A GC pause took 12.77 ms (GC cycle 297); 2 of the last 256 pauses exceeded 10.00 ms.  gc-pause-long\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 4 problems (0 errors, 4 warnings)');
    // --separately: every input as given, the vars files' own figures too (a moment twice), each
    // vars file with the profile analyze pairs it with (01-moment1.heap-gc1.pb.gz: its capture time).
    const alone = await lint(dir, '--separately');
    expect(alone.stdout.match(/gc-cpu-high$/gm)?.length).toBe(8);
    expect(alone.stdout).toContain(`${dir}/01-moment1.vars.json\n   3:485  warning  A GC pause took 12.77 ms (GC cycle 297); 3 of the last 256 pauses exceeded 10.00 ms.                                                gc-pause-long\n  3:7439  warning  The GC had used 17.9% of the available CPU since the process started, as of the last GC (cycle 394, 632.45 ms before the capture).  gc-cpu-high\n`);
  });

  it('a baseline records the per-moment findings at the heap dumps, and SARIF locates them there', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'heapdoc-moments-'));
    const baseline = join(tmp, 'baseline.json');
    expect((await lint(dir, '--baseline', baseline, '--update-baseline')).code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { entries: { file: string; ruleId: string }[] };
    // The series' gc-cpu-high is recorded at the directory (`e-thrash/`), as a series finding is.
    expect(recorded.entries.map((e) => `${e.file.slice(e.file.lastIndexOf('/', e.file.length - 2) + 1)} ${e.ruleId}`)).toEqual([
      'e-thrash/ gc-cpu-high', '01-moment1.heap-debug1.txt gc-pause-long', '02-moment2.heap-debug1.txt gc-pause-long', '04-moment4.heap-debug1.txt gc-pause-long',
    ]);
    expect((await lint(dir, '--baseline', baseline)).stdout).toBe('\n4 findings recorded in the baseline not shown\n');
    const sarif = await lint(dir, '--format', 'sarif');
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[] }[] };
    expect(log.runs[0]?.results.map((x) => `${x.locations[0]?.physicalLocation.artifactLocation.uri.replace(/.*\//, '')}:${x.locations[0]?.physicalLocation.region?.startLine} ${x.ruleId}`)).toEqual([
      '01-moment1.heap-debug1.txt:42 gc-pause-long', '02-moment2.heap-debug1.txt:139 gc-pause-long', '04-moment4.heap-debug1.txt:156 gc-pause-long', '04-moment4.heap-debug1.txt:160 gc-cpu-high',
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});

describe('lint and analyze: a /debug/vars series whose only leak evidence is a growing size class (MemStats.BySize)', () => {
  const D = 'test/fixtures/captured/go1.19-audit-verdicts/h-watch-vars';
  const LEAK = 'Leak suspected (low confidence) across 6 snapshots, 2026-12-05T03-33-20.308Z.vars.json → 2026-12-05T03-33-27.817Z.vars.json: growing size class (MemStats.BySize) across 6 GC-separated snapshots (snapshots 1→6): 4.0 KiB objects 644 → 1,924 live (+5.0 MiB); a heap profile of the same moments says which sites allocate them.';

  it('lint reports the leak-suspected error analyze reports, at the last vars file, exit 1 (the series summary carried no size table: exit 0)', async () => {
    const [linted, analyzed] = await Promise.all([lint(D, '--format', 'json'), runCli(['analyze', D, '--format', 'json', '--fail-on', 'leak'])]);
    expect(linted.code).toBe(1);
    expect(analyzed.code).toBe(1);
    const fromLint = (JSON.parse(linted.stdout) as JsonFile[]).flatMap((f) => f.messages.filter((m) => m.scope === 'series').map((m) => [f.filePath.slice(f.filePath.indexOf(D)), m.ruleId, m.severity, m.message]));
    expect(fromLint).toEqual([[`${D}/2026-12-05T03-33-27.817Z.vars.json`, 'leak-suspected', 2, LEAK]]);
    const fromAnalyze = (JSON.parse(analyzed.stdout) as { findings: { ruleId: string; severity: string; source: string; message: string; scope?: string }[] }).findings
      .filter((f) => f.scope === 'series').map((f) => [f.source, f.ruleId, f.severity, f.message]);
    expect(fromAnalyze).toEqual([[`${D}/2026-12-05T03-33-27.817Z.vars.json`, 'leak-suspected', 'error', LEAK]]);
  });
});
