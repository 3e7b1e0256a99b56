/**
 * A stream of dumps of several kinds (`cat snap*.txt | heapdoc` of a capture folder) is cut into
 * its documents (input/documents.ts) and analyzed as the files given one by one: the same verdict,
 * snapshots and goroutine dumps, the names apart (`-:LINE`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { corpusPath } from '../helpers/fixtures.js';

interface Report {
  snapshots: { source: string; breakdown: Record<string, number> }[];
  goroutines: { source: string; kind: string; total: number }[];
  verdict: { leak: string; dominant: string; summary: string };
  skipped?: { source: string }[];
}

/** The capture files of a folder, in the order `cat snap*.txt` gives them (sorted by name). */
function captures(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('snap') && f.endsWith('.txt')).sort().map((f) => join(dir, f));
}

describe.each(['go1.19/leak', 'go1.21/leak'])('cat %s/snap*.txt | heapdoc', (folder) => {
  it('gives the verdict, snapshots and goroutine dumps of the files given as arguments', async () => {
    const files = captures(corpusPath(folder));
    const byFiles = await runCli([...files, '--format', 'json']);
    const byStream = await runCli(['--format', 'json'], { input: Buffer.concat(files.map((f) => readFileSync(f))) });
    expect([byFiles.code, byStream.code]).toEqual([0, 0]);
    const a = JSON.parse(byFiles.stdout) as Report;
    const b = JSON.parse(byStream.stdout) as Report;
    expect(b.verdict).toEqual(a.verdict);
    expect(b.snapshots).toHaveLength(5);
    expect(b.snapshots.map((s) => s.breakdown)).toEqual(a.snapshots.map((s) => s.breakdown));
    expect(b.goroutines.map((g) => [g.kind, g.total])).toEqual(a.goroutines.map((g) => [g.kind, g.total]));
    expect(b.skipped).toHaveLength(5);
    expect(byStream.stderr).toContain('standard input holds 20 concatenated dumps of several kinds (10 heap?debug=1, 5 goroutine?debug=1, 5 goroutine?debug=2; at lines 1, ');
  });
});

describe('a stream of several kinds', () => {
  it('names the documents by their first line, and the goroutine totals of go1.19/leak', async () => {
    const files = captures(corpusPath('go1.19/leak'));
    const r = await runCli(['--format', 'json'], { input: Buffer.concat(files.map((f) => readFileSync(f))) });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.verdict.summary).toMatch(/^Leak suspected \(high confidence\): live heap as of each snapshot's last GC \(NextGC ÷ 2 at GOGC=100\) 3\.1 MiB → 15\.3 MiB across 4 snapshots taken at different GCs \(snapshots 1→4\), rising at 2 of 3 steps; HeapAlloc, read between GCs, went 3\.8 MiB → 16\.0 MiB/);
    expect(report.goroutines.map((g) => `${g.source} ${g.total}`)).toEqual([
      '-:45 140', '-:93 140', '-:1271 300', '-:1319 300', '-:3708 456', '-:3764 456', '-:7346 608', '-:7394 608', '-:12140 768', '-:12195 768',
    ]);
    expect(report.snapshots.map((s) => s.source)).toEqual(['-:1172', '-:3598', '-:7223', '-:11993', '-:17984']);
  });

  it("says a damaged line of a later document at the stream's line", async () => {
    const dir = corpusPath('go1.19/leak');
    const heap2 = readFileSync(join(dir, 'snap2.heap-debug1.txt'), 'utf8').split('\n');
    heap2[2] = '#\t0x67664f\tmain.newSession+0x30f /build/run-go1.19/src/leak/main.go:fifty';
    const input = [readFileSync(join(dir, 'snap1.heap-debug1.txt'), 'utf8'), readFileSync(join(dir, 'snap1.goroutine-debug2.txt'), 'utf8'), heap2.join('\n')].join('');
    const r = await runCli(['--format', 'json'], { input });
    // snap1.heap-debug1.txt has 44 lines, snap1.goroutine-debug2.txt 1079: the third line of snap2's heap dump is line 1126 (its column 12: the frame's address).
    expect(r.stderr.split('\n').filter((l) => /^-:\d+:\d+: error/.test(l)).map((l) => l.split(': error')[0])).toEqual(['-:1126:12']);
    expect(r.code).toBe(2);
  });
});

describe('a crash\'s output is one document', () => {
  it('a second [running] goroutine in a crash (another thread\'s, stack unavailable) starts no new dump: 8 goroutines in one traceback, no note of several dumps', async () => {
    const dir = 'test/fixtures/captured/go1.19-crash-running';
    const [alone, other] = await Promise.all([runCli(['analyze', `${dir}/sigquit.txt`, '--format', 'json']), runCli(['analyze', `${dir}/sigquit-other-thread.txt`, '--format', 'json'])]);
    const kinds = (stdout: string): string[] => (JSON.parse(stdout) as { goroutines: { kind: string; total: number }[] }).goroutines.map((g) => `${g.kind} ${g.total}`);
    expect(kinds(alone.stdout)).toEqual(['goroutine-traceback 7']);
    expect(kinds(other.stdout)).toEqual(['goroutine-traceback 8']);
    expect(other.stderr).not.toContain('concatenated');
  });
});

describe('goroutine?debug=2 dumps alone, concatenated', () => {
  it('are cut at the next dump\'s running goroutine and said as one kind (it said "of several kinds")', async () => {
    const leak = corpusPath('go1.19/leak');
    const stdin = ['snap1', 'snap2'].map((s) => readFileSync(join(leak, `${s}.goroutine-debug2.txt`), 'utf8')).join('');
    const r = await runCli(['-', '--format', 'json'], { input: stdin });
    expect(r.stderr.split('\n')[0]).toBe('heapdoc: standard input holds 2 concatenated goroutine?debug=2 dumps (at lines 1, 1080); each is read as an input of its own, as if given as 2 files');
    expect((JSON.parse(r.stdout) as { goroutines: { source: string }[] }).goroutines.map((g) => g.source)).toEqual(['-:1', '-:1080']);
  });
});


describe('goroutine?debug=2 dumps alone, concatenated: the evidence', () => {
  it('snap1 and snap5 of go1.19/leak: 2 documents, 140 and 768 goroutines, the four leaking groups +157 each', async () => {
    const leak = corpusPath('go1.19/leak');
    const stdin = ['snap1', 'snap5'].map((s) => readFileSync(join(leak, `${s}.goroutine-debug2.txt`), 'utf8')).join('');
    const [json, text] = await Promise.all([runCli(['-', '--format', 'json'], { input: stdin }), runCli(['-'], { input: stdin })]);
    expect(json.stderr).toBe('heapdoc: standard input holds 2 concatenated goroutine?debug=2 dumps (at lines 1, 1080); each is read as an input of its own, as if given as 2 files\n');
    const report = JSON.parse(json.stdout) as { goroutines: { source: string; kind: string; total: number; groups: { count: number }[] }[] };
    expect(report.goroutines.map((g) => [g.source, g.kind, g.total, g.groups.length])).toEqual([['-:1', 'goroutine-traceback', 140, 8], ['-:1080', 'goroutine-traceback', 768, 8]]);
    expect(text.stdout.split('\n').slice(0, 8)).toEqual([
      'Cannot judge from 2 goroutine dumps: take at least 3, some time apart.',
      'Growing, but not yet evidence: main.fetchWithTimeout.func1 [chan send] +157 goroutines, main.waitForLock [semacquire] +157 goroutines, main.waitForReply [chan receive] +157 goroutines, main.waitForShutdown [select] +157 goroutines.',
      '',
      'Growing goroutine groups',
      '  +157    main.fetchWithTimeout.func1 [chan send] (34 → 191)',
      '  +157    main.waitForLock [semacquire] (34 → 191)',
      '  +157    main.waitForReply [chan receive] (34 → 191)',
      '  +157    main.waitForShutdown [select] (34 → 191)',
    ]);
  });
});

describe('heapdoc lint - of a stream of several kinds', () => {
  it('reads its moments as analyze does: a heap/allocs pair of one GC cycle is one snapshot (5, not 10), with the goroutine dumps, and says so', async () => {
    const files = captures(corpusPath('go1.19/leak'));
    const r = await runCli(['lint', '-'], { input: Buffer.concat(files.map((f) => readFileSync(f))) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('heapdoc: 5 inputs are other captures of a moment already read (a heap/allocs pair of one GC cycle in the stream: -:1 beside -:1172): one snapshot per moment\n');
    expect(r.stdout).toContain('Leak suspected (high confidence) across 5 snapshots, -:1172 → -:17984: live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 3.1 MiB → 15.3 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at 2 of 3 steps; HeapAlloc, read between GCs, went 3.8 MiB → 16.0 MiB; growing main.newSession 2.0 MiB → 9.0 MiB; goroutines main.fetchWithTimeout.func1 [chan send] 34 → 191, main.waitForLock [semacquire] 34 → 191, main.waitForReply [chan receive] 34 → 191 and 1 more; goroutine stacks (StackInuse) 640.0 KiB → 1.8 MiB across 5 snapshots.');
  });
});

describe('a /metrics page, /debug/vars or a GC log in a stream', () => {
  const leak = 'test/fixtures/corpus/go1.19/exposition/leak';
  it.each([
    ['metrics.1.txt', 'a /metrics page', 'metrics.txt'],
    ['vars.1.json', 'a /debug/vars document', 'vars.json'],
    ['gctrace.log', 'a GODEBUG=gctrace=1 log', 'gctrace.log'],
  ])('heap.1.txt (73 lines) then %s: one line at line 74, exit 2, not a parse error a line', async (file, what, name) => {
    const r = await runCli(['-'], { input: Buffer.concat([readFileSync(join(leak, 'heap.1.txt')), readFileSync(join(leak, file))]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -:74: ${what} follows the dumps here, and heapdoc cuts an input only into heap and goroutine dumps — pass it as a file of its own (heapdoc dumps.txt ${name}), not concatenated with the dumps\n`);
    expect(r.stdout).toBe('');
  });
});

describe('a dump after a /metrics page, /debug/vars or a GC log in a stream (the reverse order)', () => {
  const leak = 'test/fixtures/corpus/go1.19/exposition/leak';
  it.each([
    ['metrics.1.txt', 'heap.1.txt', 117, 'a heap dump', 'the /metrics page', 'a /metrics page alone', 'metrics.txt'],
    ['vars.1.json', 'heap.1.txt', 5, 'a heap dump', 'the /debug/vars document', 'a /debug/vars document alone', 'vars.json'],
    ['gctrace.log', 'heap.1.txt', 6, 'a heap dump', 'the GC log', 'a GC log alone, or with the crash its program printed', 'gc.log'],
    ['metrics.1.txt', '../../leak/snap1.goroutine-debug1.txt', 117, 'a goroutine dump', 'the /metrics page', 'a /metrics page alone', 'metrics.txt'],
    ['vars.1.json', '../../leak/snap1.goroutine-debug2.txt', 5, 'a goroutine traceback dump', 'the /debug/vars document', 'a /debug/vars document alone', 'vars.json'],
  ])('%s then %s: one line at the dump\'s first line (%i), exit 2, not the dump lost or read as errors', async (first, dump, line, what, after, reads, name) => {
    const r = await runCli(['-'], { input: Buffer.concat([readFileSync(join(leak, first)), readFileSync(join(leak, dump))]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -:${line}: ${what} follows ${after} here, and heapdoc reads ${reads} — pass each as a file of its own (heapdoc ${name} dump.txt), not concatenated\n`);
    expect(r.stdout).toBe('');
  });
});

describe('a crash\'s standard error under GODEBUG=gctrace=1 (captured/go1.19-crash-gctrace)', () => {
  const dir = 'test/fixtures/captured/go1.19-crash-gctrace';
  it('fatal.txt is read as its GC log and its crash: both said, exit 0', async () => {
    const r = await runCli([join(dir, 'fatal.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `A crash's output, not a snapshot of a running process: fatal error: concurrent map writes (line 6) in goroutine 23 at main.fatal.func1 (…/tmp/s37crash/main.go:32).`,
      'Give heap dumps (heap?debug=1) or goroutine dumps of the running process, several over time, to see where memory goes and whether it grows.',
      '',
      `GC log ${dir}/fatal.txt: 5 GCs over 229 ms`,
      "  All 5 GC cycles are start-up warm-up (in the program's first second, they grew the live heap 3 → 12 MB as it filled its working set): too few to tell a leak from a warm-up; log for longer.",
      '  live after GC 3 → 7 → 12 → 12 → 12 MB',
      "  Peak (the largest heap before a GC, A): 25 MB; what stays (the live heap after the last GC, C): 12 MB; the live heap's lowest point in each third of the log's time: 3 → 12 → 12 MB (3, 1 and 1 GCs)",
      '  5 GCs in 229 ms · GC CPU 0% since start · longest stop-the-world 0.223 ms (gc 5, line 5) · goal 25 MB',
      '',
      "Crashes (each on its own: how one run died, not a moment of a series)",
      `  ${dir}/fatal.txt: 9 goroutines in 4 groups (goroutine?debug=2); a crash traceback: fatal error: concurrent map writes (line 6) in goroutine 23 at main.fatal.func1 (…/tmp/s37crash/main.go:32)`,
      '',
    ]);
  });

  it('panic.txt piped in: the panic at line 5 with its 5 goroutines, and the 4 GCs before it (--format json)', async () => {
    const r = await runCli(['--format', 'json', '-'], { input: readFileSync(join(dir, 'panic.txt')) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { goroutines: { kind: string; total: number; crash: { kind: string; message: string; line: number } }[]; gcTraces: { gcNumbers: number[]; otherLines: number }[]; diagnostics: unknown[] };
    expect(report.goroutines.map((g) => [g.kind, g.total, g.crash.kind, g.crash.message, g.crash.line])).toEqual([['goroutine-traceback', 5, 'panic', 'assignment to entry in nil map', 5]]);
    expect(report.gcTraces.map((t) => [t.gcNumbers, t.otherLines])).toEqual([[[1, 2, 3, 4], 0]]);
    expect(report.diagnostics).toEqual([]);
  });
});

describe('a crash, then GC lines: two runs\' stderr appended to one file (captured/go1.19-crash-then-gctrace)', () => {
  const dir = 'test/fixtures/captured/go1.19-crash-then-gctrace';
  it('early.log is read as the first run\'s crash (line 1) and the second run\'s GC log (gc 1-5, lines 6-10), not refused at line 6', async () => {
    const r = await runCli(['--format', 'json', join(dir, 'early.log')]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { goroutines: { kind: string; total: number; crash: { message: string; line: number } }[]; gcTraces: { gcNumbers: number[]; otherLines: number }[]; diagnostics: unknown[] };
    expect(report.goroutines.map((g) => [g.kind, g.total, g.crash.message, g.crash.line])).toEqual([['goroutine-traceback', 1, 'assignment to entry in nil map', 1]]);
    expect(report.gcTraces.map((t) => [t.gcNumbers, t.otherLines])).toEqual([[[1, 2, 3, 4, 5], 1]]);
    expect(report.diagnostics).toEqual([]);
  });

  it('again.log piped in: two crashes (lines 1 and 11), each said on its own, and the GC log between them', async () => {
    const r = await runCli(['-'], { input: readFileSync(join(dir, 'again.log')) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: standard input holds 2 concatenated goroutine?debug=2 dumps (at lines 1, 11); each is read as an input of its own, as if given as 2 files\n');
    expect(r.stdout).toContain('GC log standard input: 5 GCs over 184 ms\n');
    expect(r.stdout).toContain([
      'Crashes (each on its own: how one run died, not a moment of a series)',
      '  -:1: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: assignment to entry in nil map (line 1) in goroutine 1 at main.main (…/order38/appendgc/main.go:32)',
      '  -:11: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: assignment to entry in nil map (line 11) in goroutine 1 at main.main (…/order38/appendgc/main.go:32)',
    ].join('\n'));
  });
});

describe('a /metrics page, /debug/vars or a GC log after one of the others (`cat gctrace.log metrics.txt | heapdoc`)', () => {
  const leak = 'test/fixtures/corpus/go1.19/exposition/leak';
  // gctrace.log has 5 lines, metrics.1.txt 116, vars.1.json 4.
  // Two /debug/vars documents appended are read as two snapshots (lintfatal45.test.ts), not refused.
  it.each([
    ['gctrace.log', 'metrics.1.txt', 6, 'a /metrics page', 'the GC log', 'a GC log alone, or with the crash its program printed', 'gc.log metrics.txt'],
    ['gctrace.log', 'vars.1.json', 6, 'a /debug/vars document', 'the GC log', 'a GC log alone, or with the crash its program printed', 'gc.log vars.json'],
    ['metrics.1.txt', 'vars.1.json', 117, 'a /debug/vars document', 'the /metrics page', 'a /metrics page alone', 'metrics.txt vars.json'],
    ['metrics.1.txt', 'gctrace.log', 117, 'a GODEBUG=gctrace=1 log', 'the /metrics page', 'a /metrics page alone', 'metrics.txt gctrace.log'],
    ['vars.1.json', 'metrics.1.txt', 5, 'a /metrics page', 'the /debug/vars document', 'a /debug/vars document alone', 'vars.json metrics.txt'],
    ['vars.1.json', 'gctrace.log', 5, 'a GODEBUG=gctrace=1 log', 'the /debug/vars document', 'a /debug/vars document alone', 'vars.json gctrace.log'],
  ])('%s then %s: one line at the second\'s first line (%i), exit 2, not swallowed or read as errors', async (first, second, line, what, after, reads, files) => {
    const r = await runCli(['-'], { input: Buffer.concat([readFileSync(join(leak, first)), readFileSync(join(leak, second))]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -:${line}: ${what} follows ${after} here, and heapdoc reads ${reads} — pass each as a file of its own (heapdoc ${files}), not concatenated\n`);
    expect(r.stdout).toBe('');
  });

  it('the same files given apart are read: the GC log, and the /metrics page and /debug/vars of one moment', async () => {
    const r = await runCli(['analyze', '--format', 'json', join(leak, 'gctrace.log'), join(leak, 'metrics.1.txt'), join(leak, 'vars.2.json')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { snapshots: { source: string }[]; gcTraces: { gcNumbers: number[] }[] };
    expect(report.snapshots.map((s) => s.source)).toEqual([join(leak, 'metrics.1.txt'), join(leak, 'vars.2.json')]);
    expect(report.gcTraces.map((t) => t.gcNumbers)).toEqual([[1, 2, 3, 4, 5]]);
  });
});
