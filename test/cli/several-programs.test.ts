/**
 * Dumps of several programs given to analyze or lint as one series (audit 33): one line naming
 * each program by its folder (or its files, in a folder shared with another) and its count of
 * dumps, and the runs to make instead — not a line per dump against one reference dump (which
 * could be a dump with no record, `peak/default/baseline`, "(and 15 more)" holding other programs).
 * The hint must not lead to a wrong verdict: `--separately` reads each dump alone (one dump cannot
 * tell a leak from a peak), so it says so, and names each folder, whose series is the verdict.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const GOROUTINE_LEAK = 'samples/go1.19/goroutine-leak';
const LEAK = 'samples/go1.23/leak';
const SEPARATELY = '--separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)';
const TUI = 'test/fixtures/captured/go1.19-audit-tui';
const LINT_HINT = "lint reads each folder as one process's series: put each program's dumps in a folder of its own; --separately lints each dump alone, without the series rules";

const errors = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('heapdoc: error: '));

describe.concurrent('analyze: two folders of two programs', () => {
  it('one line: each folder and its count of dumps, what tells them apart, heapdoc on each folder; exit 2, nothing on stdout (also with --format json)', async () => {
    const [text, json] = await Promise.all([runCli([GOROUTINE_LEAK, LEAK]), runCli([GOROUTINE_LEAK, LEAK, '--format', 'json'])]);
    const line = `heapdoc: error: samples/ holds dumps of more than one program: go1.19/goroutine-leak (12), go1.23/leak (9) (main.waitForReply is defined in /build/run-go1.23/src/leak/main.go in go1.23/leak, /tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go in go1.19/goroutine-leak) — run heapdoc on each folder for its series verdict (heapdoc ${GOROUTINE_LEAK}, heapdoc ${LEAK}); ${SEPARATELY}\n`;
    for (const r of [text, json]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(line);
    }
  });

  it('the runs the hint names give each folder its series verdict, a leak; --separately reads each dump alone, as the hint says (no leak: exit 0)', async () => {
    const [goroutines, leak, separately] = await Promise.all([
      runCli([GOROUTINE_LEAK, '--fail-on', 'leak', '--format', 'json']),
      runCli([LEAK, '--fail-on', 'leak', '--format', 'json']),
      runCli([GOROUTINE_LEAK, LEAK, '--separately', '--fail-on', 'leak', '--format', 'json']),
    ]);
    const summary = (stdout: string): string => (JSON.parse(stdout) as { verdict: { summary: string } }).verdict.summary;
    expect([goroutines.code, leak.code, separately.code]).toEqual([1, 1, 0]);
    expect(summary(goroutines.stdout)).toMatch(/^Leak suspected \(high confidence\)/);
    expect(summary(leak.stdout)).toMatch(/^Leak suspected \(high confidence\)/);
    expect(summary(separately.stdout)).toMatch(/One dump cannot tell a leak from a peak/);
  });
});

describe.concurrent('analyze: a folder of several runs beside another program (audit 35)', () => {
  it('the run for a folder that holds several runs of its program says to split them first (heapdoc on it alone is refused in turn); a folder of one run is named plainly', async () => {
    const PEAK19 = 'test/fixtures/corpus/go1.19/peak';
    const LEAK19 = 'test/fixtures/corpus/go1.19/leak';
    const [runs, plain, peakAlone] = await Promise.all([
      runCli([PEAK19, 'test/fixtures/corpus/go1.21/peak']),
      runCli([LEAK19, 'test/fixtures/corpus/go1.21/peak/default.baseline.heap-debug1.txt', 'test/fixtures/corpus/go1.21/peak/default.peak.heap-debug1.txt']),
      runCli([PEAK19]),
    ]);
    expect(runs.code).toBe(2);
    expect(errors(runs.stderr)).toEqual([
      'heapdoc: error: test/fixtures/corpus/ holds dumps of more than one program: go1.19/peak (24), go1.21/peak (24) (runtime.malg is defined in /build/go-1.21.13/src/runtime/proc.go in go1.21/peak, /usr/lib/go-1.19/src/runtime/proc.go in go1.19/peak) '
        + `— run heapdoc on each folder for its series verdict (heapdoc ${PEAK19} once its runs are in folders of their own, heapdoc test/fixtures/corpus/go1.21/peak once its runs are in folders of their own); ${SEPARATELY}`,
    ]);
    expect(errors(plain.stderr)[0]).toContain(`(heapdoc ${LEAK19}, heapdoc test/fixtures/corpus/go1.21/peak);`);
    // What the hint foresees: the folder alone is refused as several runs.
    expect(peakAlone.code).toBe(2);
    expect(errors(peakAlone.stderr)[0]).toMatch(/^heapdoc: error: test\/fixtures\/corpus\/go1\.19\/peak\/ holds dumps of at least 4 runs or processes: run 1 .*; 21 pairs/);
  });
});

describe.concurrent('analyze: the samples folder, five programs and runs in twelve folders', () => {
  it('one line, the first eight folders and how many more, the first three runs; no dump with no record named as the reference', async () => {
    const r = await runCli(['samples']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errors(r.stderr)).toEqual([
      `heapdoc: error: samples/ holds dumps of more than one program: go1.19/burst (2), go1.19/goroutine-leak (12), go1.19/heap-leak (6), go1.21/peak/default (6), go1.21/peak/madvdontneed0 (1), go1.23/leak (9), go1.23/seed/routine1 (2), go1.23/seed/routine2 (2) and 4 more (main.main is defined in /tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go in go1.19/heap-leak, /tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go in go1.19/goroutine-leak) — run heapdoc on each folder for its series verdict (heapdoc samples/go1.19/burst, heapdoc samples/go1.19/goroutine-leak, heapdoc samples/go1.19/heap-leak and 9 more); ${SEPARATELY}`,
    ]);
  });
});

describe('analyze: a program\'s folder that holds another program\'s folder (audit 34)', () => {
  // The go1.23 leak's five heap dumps, and the go1.19 heap-leak sample in a subfolder, other/.
  function nested(): string {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-nested-'));
    for (const n of [1, 2, 3, 4, 5]) copyFileSync(`${LEAK}/snap${n}.heap-debug1.txt`, join(dir, `snap${n}.heap-debug1.txt`));
    mkdirSync(join(dir, 'other'));
    for (const f of readdirSync('samples/go1.19/heap-leak')) copyFileSync(join('samples/go1.19/heap-leak', f), join(dir, 'other', f));
    return dir;
  }

  it('the run for the outer folder is a glob of its own files, which leaves the other program\'s subfolder out (heapdoc FOLDER read it again)', async () => {
    const dir = nested();
    const why = '(main.main is defined in /tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go in other, /build/run-go1.23/src/leak/main.go in .)';
    const here = await runCli(['.'], { cwd: dir });
    expect(here.code).toBe(2);
    expect(errors(here.stderr)).toEqual([`heapdoc: error: the inputs hold dumps of more than one program: . (5), other (6) ${why} — run heapdoc on each folder for its series verdict (heapdoc '*', heapdoc other); ${SEPARATELY}`]);
    const given = await runCli([dir]);
    expect(errors(given.stderr)).toEqual([`heapdoc: error: ${dir}/ holds dumps of more than one program: . (5), other (6) ${why} — run heapdoc on each folder for its series verdict (heapdoc '${dir}/*', heapdoc ${dir}/other); ${SEPARATELY}`]);
    // The runs it names: each program's series verdict, no refusal.
    const [outer, inner] = await Promise.all([runCli(['*'], { cwd: dir }), runCli(['other'], { cwd: dir })]);
    expect([outer.code, inner.code]).toEqual([0, 0]);
    expect(outer.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): HeapAlloc 4.3 MiB → 16.5 MiB across 4 snapshots taken at different GCs (snapshots 1→4), each read between GCs; growing sites: main.newSession +2.5 MiB (rough: 7 → 12 samples); goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.');
    expect(inner.stdout.split('\n')[0]).toMatch(/^Leak suspected \(high confidence\)/);
  });
});

describe.concurrent('lint: two programs in one folder', () => {
  it('one line with lint\'s fix (a folder per program), counted as a folder of several processes, not as inputs that could not be read: both were linted', async () => {
    const r = await runCli(['lint', '--no-config', `${TUI}/prog.heap-debug1.txt`, `${TUI}/prog2.heap-debug1.txt`]);
    expect(r.code).toBe(2);
    const problem = `${TUI}/prog2.heap-debug1.txt is not from the same program as ${TUI}/prog.heap-debug1.txt: main.main is defined in /tmp/audit-tui/prog2/main.go here, /tmp/audit-tui/prog/main.go there`;
    // Said once, in the report (audit 44 F13c: stderr said it too).
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(-6)).toEqual([
      `  error  ${problem}`,
      `         ${LINT_HINT}`,
      '',
      '✖ 1 problem (0 errors, 1 warning)',
      '✖ 1 folder holds dumps of more than one process, 2 dumps linted',
      '',
    ]);
  });

  it('Markdown says it in its heading the same way', async () => {
    const r = await runCli(['lint', '--no-config', `${TUI}/prog.heap-debug1.txt`, `${TUI}/prog2.heap-debug1.txt`, '--format', 'markdown']);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe('## heapdoc lint: ✖ 1 problem (0 errors, 1 warning) in 2 dumps; 1 folder holds dumps of more than one process');
  });
});

describe.concurrent('the corpus: 23 folders of five programs built by four toolchains, and pprof\'s own test profiles', () => {
  const CORPUS = 'test/fixtures/corpus';

  it('analyze: one line for the Go programs, not 211 against a C++ profile (cppbench.growth) that agrees with any Go program; the C++ profiles refused apart', async () => {
    const r = await runCli([CORPUS]);
    expect(r.code).toBe(2);
    const cxx = (name: string, kind: string): string => `heapdoc: error: ${CORPUS}/fetched/google-pprof/profile/testdata/${name} is a '${kind}' heap profile from gperftools (C++), not a Go heap dump: it makes no series or diff with other dumps — heapdoc analyze ${CORPUS}/fetched/google-pprof/profile/testdata/${name} reads it alone; to compare C++ heap profiles, use pprof -diff_base`;
    expect(errors(r.stderr).filter((l) => !l.includes(': not a Go heap dump'))).toEqual([
      // pprof's own `-raw` text of two profiles (audit 47 #15): named as go tool pprof's text output.
      'heapdoc: error: 2 files (cppbench.heap.string, gobench.heap.string): go tool pprof\'s text output, not a dump heapdoc reads (the first line is "PeriodType: space bytes"): pprof printed it from a profile, without the runtime\'s MemStats — give heapdoc the profile pprof read (the .pb.gz from /debug/pprof/heap), or better the text dump from /debug/pprof/heap?debug=1, which carries the MemStats too',
      cxx('cppbench.growth', 'growthz'),
      cxx('cppbench.heap', 'heapz_v2'),
      `heapdoc: error: ${CORPUS}/ holds dumps of more than one program: fetched/google-pprof/profile/testdata (1), go1.19/exposition/burst (5), go1.19/exposition/leak (5), go1.19/leak (15), go1.19/memrate (2), go1.19/peak (24), go1.19/seed (8), go1.19/stacks (8) and 15 more (runtime.malg is defined in /usr/lib/go-1.19/src/runtime/proc.go in go1.19/leak, /build/go-1.19.8/src/runtime/proc.go in go1.19/exposition/burst) — run heapdoc on each folder for its series verdict (heapdoc ${CORPUS}/fetched/google-pprof/profile/testdata, heapdoc ${CORPUS}/go1.19/exposition/burst, heapdoc ${CORPUS}/go1.19/exposition/leak and 20 more); ${SEPARATELY}`,
    ]);
  });

  it('lint: the folders of several runs (and pprof\'s test profiles, C++ beside Go) are counted apart from the three inputs that could not be read (was "68 inputs could not be read")', async () => {
    const r = await runCli(['lint', '--no-config', CORPUS]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').slice(-4, -2)).toEqual(['✖ 88 problems (7 errors, 81 warnings)', '✖ 3 inputs could not be read, 14 folders hold dumps of more than one process, 298 dumps linted']);
  });
});

describe('lint --update-baseline beside a folder of two programs', () => {
  it('says why the baseline is not written: the folder\'s series, not an input that could not be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-programs-'));
    const baseline = join(dir, 'baseline.json');
    const r = await runCli(['lint', '--no-config', `${TUI}/prog.heap-debug1.txt`, `${TUI}/prog2.heap-debug1.txt`, '--baseline', baseline, '--update-baseline']);
    expect(r.code).toBe(2);
    expect(errors(r.stderr).at(-1)).toBe(`heapdoc: error: --update-baseline: ${baseline} not written, as a folder's dumps are not of one process (no series findings there) (the report says which) and the findings it had recorded would be dropped — put each program's dumps in a folder of its own, then run --update-baseline again`);
    expect(existsSync(baseline)).toBe(false);
  });
});
