/**
 * `heapdoc lint` says each fact once, on the real captures an audit found it repeated in: a leak in
 * the dumps and in the GC log beside them, a goroutine group in leak-suspected and goroutine-growth,
 * idle spans of earlier dumps a later one shows released, and a line per file it skips.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit-work';
const PEAK = 'samples/go1.21/peak/default';

interface JsonFile { filePath: string; messages: { ruleId: string; severity: number; message: string; why: string; scope?: string }[] }

/** A report's path (absolute) below `base`. */
const under = (file: string, base: string): string => file.slice(file.indexOf(base) + base.length + 1);

const found = (stdout: string): string[] => (JSON.parse(stdout) as JsonFile[])
  .flatMap((f) => f.messages.map((m) => `${under(f.filePath, W)} ${m.ruleId} ${m.severity}`));

describe('lint of go1.19-audit-work (ten programs, a folder each, with their GC logs)', () => {
  it('4 leaking programs, 4 errors: each leak once, at its last dump; no goroutine-growth beside the leak that names the group', async () => {
    const r = await runCli(['lint', '--no-config', W, '--format', 'json']);
    expect(r.code).toBe(1);
    // It was 7 errors (02-subslice, 03-timers and 09-finalizers each also at stderr.log) and goroutine-growth at 08-goleak/06-t60.goroutine-debug2.txt.
    expect(found(r.stdout)).toEqual([
      '02-subslice/06-t18.heap-gc1.txt leak-suspected 2',
      '03-timers/06-t18.heap-gc1.txt leak-suspected 2',
      '05b-workingset-gogc100/06-t18.heap-gc1.txt gc-pause-long 1',
      '07-maps/05-t20.heap-gc1.txt gc-pause-long 1',
      '08-goleak/06-t60.heap-gc1.txt leak-suspected 2',
      '08-goleak/06-t60.heap-gc1.txt gc-pause-long 1',
      '09-finalizers/06-t18.goroutine-debug2.txt finalizer-blocked 1',
      '09-finalizers/06-t18.heap-gc1.txt leak-suspected 2',
    ]);
    const messages = (JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.messages);
    const leak = (dir: string): JsonFile['messages'][number] | undefined => (JSON.parse(r.stdout) as JsonFile[])
      .find((f) => f.filePath.includes(`/${dir}/`) && f.messages.some((m) => m.ruleId === 'leak-suspected'))?.messages.find((m) => m.ruleId === 'leak-suspected');
    // The GC log's evidence is in the dumps' finding.
    expect(leak('02-subslice')?.why).toMatch(/ The GC log stderr\.log agrees, with high confidence over 11 GC cycles: the live heap after GC keeps rising, 3 → 85 MB over 18\.8 s and 11 GCs; its floor rose in every third of the log's time \(3 → 47 → 60 MB\)\.$/);
    expect(leak('09-finalizers')?.why).toMatch(/ The GC log stderr\.log agrees, with high confidence over 10 GC cycles: the live heap after GC keeps rising, 3 → 100 MB over 17\.8 s and 10 GCs; its floor rose in every third of the log's time \(3 → 51 → 84 MB\)\.$/);
    // 08-goleak: the group said once, by the error.
    expect(leak('08-goleak')?.message).toBe('Leak suspected (high confidence) across 12 snapshots, 01-t10.heap-debug1.txt → 06-t60.heap-gc1.txt: goroutines main.worker [chan send] 11 → 61.');
    expect(messages.filter((m) => m.ruleId === 'goroutine-growth')).toEqual([]);
    // stderr: the 21 RUN.txt, main.go.txt and capture.sh.txt in one line (they were 21 lines), each name
    // once with its count (the first three paths, "01-lru/RUN.txt, 01-lru/main.go.txt, 02-subslice/RUN.txt
    // and 18 more", hid capture.sh.txt).
    expect(r.stderr.split('\n').filter((l) => l.includes('skipped'))).toEqual([
      'heapdoc: skipped 21 files not in a format heapdoc lint reads: RUN.txt ×10, main.go.txt ×10, capture.sh.txt; --format json lists them',
      'heapdoc: skipped 13 files of source code or documentation (.md)',
    ]);
    expect((JSON.parse(r.stdout) as { kind?: string }[]).filter((f) => f.kind === 'skipped')).toHaveLength(34);
  });

  it('a GC log alone keeps its leak-suspected, at its last GC line', async () => {
    const r = await runCli(['lint', '--no-config', `${W}/02-subslice/stderr.log`, '--format', 'json']);
    expect(found(r.stdout)).toEqual(['02-subslice/stderr.log leak-suspected 2']);
  });

  it('08-goleak with leak-suspected off: goroutine-growth says the group', async () => {
    const r = await runCli(['lint', '--no-config', `${W}/08-goleak`, '--rule', 'leak-suspected=off', '--format', 'json']);
    expect(found(r.stdout)).toEqual(['08-goleak/06-t60.goroutine-debug2.txt goroutine-growth 1', '08-goleak/06-t60.heap-gc1.txt gc-pause-long 1']);
    expect((JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-growth')?.message)
      .toBe('Goroutines keep accumulating across 6 goroutine dumps, 01-t10.goroutine-debug2.txt → 06-t60.goroutine-debug2.txt: main.worker [chan send] 11 → 61.');
  });

  it('analyze of 02-subslice: one leak-suspected finding too, the verdict the dumps\'', async () => {
    const r = await runCli([`${W}/02-subslice`, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; source: string }[]; verdict: { leak: string } };
    expect(report.findings.map((f) => `${f.source.slice(W.length + 1)} ${f.ruleId}`)).toEqual(['02-subslice/06-t18.heap-gc1.txt leak-suspected']);
    expect(report.verdict.leak).toBe('suspected');
  });
});

describe('idle-heap-retained in a series is judged at its latest snapshot (samples/go1.21/peak/default)', () => {
  it('no warning: 296.0 MiB idle after the GC and while idle, 32.0 KiB at after-free with 302.6 MiB released', async () => {
    const r = await runCli(['lint', '--no-config', PEAK, '--format', 'json']);
    // It warned twice, at after-gc and idle ("296.0 MiB of idle heap is retained by the runtime for reuse (96.4% of what Go holds)").
    expect((JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${under(f.filePath, PEAK)} ${m.ruleId}`))).toEqual(['after-free.heap-debug1.txt gc-pause-long']);
    expect(r.code).toBe(0);
  });

  it('a series that ends at the idle dump: one warning, at it', async () => {
    const files = ['baseline', 'peak', 'after-gc', 'idle'].map((f) => `${PEAK}/${f}.heap-debug1.txt`);
    const r = await runCli(['lint', '--no-config', ...files, '--format', 'json']);
    expect((JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'idle-heap-retained').map((m) => `${under(f.filePath, PEAK)} ${m.message}`)))
      .toEqual(['idle.heap-debug1.txt 296.0 MiB of idle heap is retained by the runtime for reuse (96.4% of what Go holds).']);
  });

  it('analyze: the JSON findings are the text\'s, none at after-gc nor idle; a series that ends at idle has one, at it', async () => {
    const ids = async (args: string[]): Promise<string[]> => {
      const r = await runCli([...args, '--format', 'json']);
      return (JSON.parse(r.stdout) as { findings: { ruleId: string; source: string }[] }).findings.map((f) => `${under(f.source, PEAK)} ${f.ruleId}`);
    };
    // It listed idle-heap-retained at after-gc and idle, which the text report (the latest snapshot's) never showed.
    expect(await ids([PEAK])).toEqual([
      'baseline.heap-debug1.txt profile-before-first-gc',
      'after-gc.heap-debug1.txt peak-retention',
      'idle.heap-debug1.txt peak-retention',
      'after-free.heap-debug1.txt gc-pause-long',
      'after-free.heap-debug1.txt released-memory-in-rss',
      'after-free.heap-debug1.txt peak-retention',
    ]);
    const text = await runCli([PEAK]);
    expect(text.stdout.split('\n').filter((l) => l.includes('idle-heap-retained') || l.includes('in earlier snapshots'))).toEqual(['3 more findings in earlier snapshots (--format json lists them all).']);
    const files = ['baseline', 'peak', 'after-gc', 'idle'].map((f) => `${PEAK}/${f}.heap-debug1.txt`);
    expect((await ids(files)).filter((f) => f.endsWith('idle-heap-retained'))).toEqual(['idle.heap-debug1.txt idle-heap-retained']);
    expect((await ids([PEAK, '--separately'])).filter((f) => f.endsWith('idle-heap-retained'))).toEqual(['after-gc.heap-debug1.txt idle-heap-retained', 'idle.heap-debug1.txt idle-heap-retained']);
  });

  it('--separately: each dump its own', async () => {
    const r = await runCli(['lint', '--no-config', PEAK, '--separately', '--format', 'json']);
    expect((JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'idle-heap-retained').map(() => under(f.filePath, PEAK)))).toEqual(['after-gc.heap-debug1.txt', 'idle.heap-debug1.txt']);
  });
});

describe('compiler -m output in a folder is named as such (go1.19-three-caches)', () => {
  it('analyze: one line for m2.txt saying what reads it, one for the other files', async () => {
    const D = 'test/fixtures/captured/go1.19-three-caches';
    const r = await runCli([D, '--format', 'json']);
    expect(r.stderr.split('\n').filter((l) => l.includes('skipped'))).toEqual([
      'heapdoc: skipped 2 files not in a format heapdoc analyze reads: go.mod.txt, main.go.txt; --format json lists them',
      `heapdoc: skipped ${D}/m2.txt: compiler -m output (go build -gcflags=-m) — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE`,
      'heapdoc: skipped 1 file of source code or documentation (.md)',
    ]);
    expect((JSON.parse(r.stdout) as { skipped: { source: string; reason: string }[] }).skipped.find((s) => s.source.endsWith('m2.txt'))?.reason)
      .toBe('compiler -m output (go build -gcflags=-m) — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE');
  });
});
