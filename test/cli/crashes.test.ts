/**
 * Crashes' outputs (panic, fatal error, SIGQUIT) are how a run died, not moments of a running
 * process: a directory of them makes no series, each is reported on its own (what crashed and the
 * goroutine that raised it), and beside goroutine dumps the series is read from the dumps alone.
 * Captured go1.19 programs: test/fixtures/captured/go1.19-audit-gor.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const GOR = 'test/fixtures/captured/go1.19-audit-gor';

interface Json {
  verdict: { leak: string; summary: string };
  series?: { growingGroups: { function: string }[] };
  goroutines: { source: string; crash?: Record<string, unknown> }[];
  findings: { ruleId: string }[];
}

const ADVICE = 'Give heap dumps (heap?debug=1) or goroutine dumps of the running process, several over time, to see where memory goes and whether it grows.';

describe("a directory of crashes' outputs", () => {
  it('analyze: no growth series; a headline that says they are crashes, and each crash with what and where', async () => {
    // Into a pipe, a sentence a line (text/wrap.ts).
    const r = await runCli([`${GOR}/crashes`]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('grows steadily');
    expect(r.stdout.split('\n')).toEqual([
      '4 crash outputs, not a growth series: each is how one run died, not a moment of a running process, so each is reported on its own and none is compared with another.',
      ADVICE,
      '',
      'Crashes (each on its own: how one run died, not a moment of a series)',
      `  ${GOR}/crashes/multi.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: first line ⏎ second line(x) ⏎ third: 12 (line 1) in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:18)`,
      `  ${GOR}/crashes/nil.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x460755] (line 1) in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:16)`,
      `  ${GOR}/crashes/overflow.txt: 5 goroutines in 5 groups (goroutine?debug=2); a crash traceback: fatal error: stack overflow (line 3) in goroutine 1 at main.rec (…/tmp/gorfix-go/main.go:10)`,
      `  ${GOR}/crashes/recovered.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: second (line 2, raised while panicking: first) in goroutine 1 at main.main.func1 (…/tmp/gorfix-go/main.go:22)`,
      '',
      // The program's main.go.txt beside the crashes, named on stderr.
      '1 file skipped (not read as dumps): stderr and --format json say which and why',
      '',
    ]);
  });

  it('analyze --format json: no series, each crash with the goroutine that raised it', async () => {
    const r = await runCli([`${GOR}/crashes`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.series).toBeUndefined();
    expect(json.verdict.leak).toBe('unknown');
    expect(json.goroutines.map((d) => d.crash?.['goroutine'])).toEqual([
      { id: 1, function: 'main.main', file: '/tmp/gorfix-go/main.go', line: 18 },
      { id: 1, function: 'main.main', file: '/tmp/gorfix-go/main.go', line: 16 },
      { id: 1, function: 'main.rec', file: '/tmp/gorfix-go/main.go', line: 10 },
      { id: 1, function: 'main.main.func1', file: '/tmp/gorfix-go/main.go', line: 22 },
    ]);
  });

  it('one crash: the headline says what crashed and where', async () => {
    const r = await runCli([`${GOR}/crashes/overflow.txt`, '--format', 'json']);
    expect((JSON.parse(r.stdout) as Json).verdict.summary).toBe(
      `A crash's output, not a snapshot of a running process: fatal error: stack overflow (line 3) in goroutine 1 at main.rec (…/tmp/gorfix-go/main.go:10). ${ADVICE}`);
  });

  it('crashes of two programs beside a goroutine dump are not refused as "not the same program": listed apart, no goroutine ran when the deadlock or SIGQUIT came', async () => {
    const r = await runCli([`${GOR}/gorsys`, `${GOR}/gorleak/sigquit.txt.gz`, '--format', 'json']);
    // The program's source beside its crashes is named as skipped, as lint names it.
    expect(r.stderr).toBe(`heapdoc: skipped ${GOR}/gorsys/deadlock.go.txt: not a format heapdoc analyze reads\nheapdoc: skipped 2 files of source code or documentation (.go, .mod)\n`);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.verdict.summary).toBe('Goroutine dump only (121 goroutines): give a heap dump too for the memory picture, and several dumps over time to see growth.');
    // In the order given: the folder's dumps (by name), then the file named after it.
    expect(json.goroutines.filter((d) => d.crash).map((d) => [d.source.split('/').pop(), d.crash?.['goroutine']])).toEqual([
      ['crash-all.txt.gz', { id: 1, function: 'main.main', file: '/tmp/audit-gor/captures/gorsys/src/main.go', line: 99 }],
      ['crash-system.txt.gz', { id: 1, function: 'main.main', file: '/tmp/audit-gor/captures/gorsys/src/main.go', line: 99 }],
      ['deadlock.txt', undefined],
      ['sigquit.txt.gz', undefined],
    ]);
  });
});

describe('crashes beside goroutine dumps: the series is read from the dumps alone', () => {
  // A SIGQUIT dump of the gorleak program 4 s in (it ended that process), then debug=2 dumps of a later run.
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const G = `${FIXTURES}/captured/go1.19-audit-gor/gorleak`;
  copyFileSync(`${G}/sigquit.txt.gz`, join(dir, '1-goroutine.txt.gz'));
  copyFileSync(`${G}/leak1-goroutine-debug2.txt.gz`, join(dir, '2-goroutine.txt.gz'));
  copyFileSync(`${G}/leak5-goroutine-debug2.txt.gz`, join(dir, '3-goroutine.txt.gz'));

  it('analyze: two dumps, not three (it said "Leak suspected … across 3 dumps", 95 → 482 → 2,434 from the SIGQUIT dump on)', async () => {
    const r = await runCli([dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.verdict.summary).toMatch(/^Cannot judge from 2 goroutine dumps: take at least 3, some time apart\./);
    // The latest dump's long waits (the SIGQUIT came 4 s in: nothing waited a minute yet).
    expect(json.findings.map((f) => f.ruleId)).toEqual(['goroutine-long-wait']);
    const text = await runCli([dir]);
    expect(text.stdout).toContain('  +1,952  net/http.(*persistConn).readLoop [IO wait] (482 → 2,434)');
    expect(text.stdout).toContain(`Crashes (each on its own: how one run died, not a moment of a series)\n  ${dir}/1-goroutine.txt.gz: 410 goroutines in 19 groups (goroutine?debug=2); a crash traceback: SIGQUIT: quit (line 1)\n`);
  });

  it('lint: no leak-suspected nor goroutine-growth from a series that starts at the crash', async () => {
    const r = await runCli(['lint', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/leak-suspected|goroutine-growth/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning)');
  });
});
