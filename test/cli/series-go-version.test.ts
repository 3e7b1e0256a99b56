/**
 * The words that depend on the Go version are the same for every snapshot of one series.
 *  - go1.19-audit28-deepstack/run: its heap dumps show go1.19 (the toolchain path in their frames),
 *    its /debug/vars files nothing. released-memory-in-rss said of 02.vars.json "the OS may still
 *    show it in the process's RSS" (MADV_FREE, Go unknown) and of 03.heap-debug1.txt, the same
 *    242.6 MiB released, "on Linux it has left the process's RSS" (go1.19: MADV_DONTNEED). One process
 *    wrote them all: the vars files learn go1.19 from the dumps beside them.
 *  - The corpus's go1.21 peak under GODEBUG=madvdontneed=0 with --rss 321328kB (VmRSS of its
 *    after-free sidecar): the headline said the peak "had gone back to the OS", and only the RSS
 *    sentence after it that the OS still counts the pages (MADV_FREE). The headline says it now.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { seriesGoVersion } from '../../src/analyze/snapshot.js';

const RUN = 'test/fixtures/captured/go1.19-audit28-deepstack/run';
const PEAK = 'test/fixtures/corpus/go1.21/peak';
const phases = (variant: string): string[] => ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/${variant}.${p}.heap-debug1.txt`);

interface Finding { ruleId: string; source: string; line?: number; column?: number; message: string; why: string; fix: string }
interface Report {
  snapshots: { source: string; goVersion: { version: string; source: string } | null }[];
  findings: Finding[];
  verdict: { summary: string };
}

async function json(args: string[], stderr = ''): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe(stderr);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const released = (report: Report, file: string): Finding | undefined => report.findings.find((f) => f.ruleId === 'released-memory-in-rss' && f.source === `${RUN}/${file}`);

const DONTNEED = {
  message: '242.6 MiB was released to the OS: on Linux it has left the process\'s RSS, on macOS the OS may still count it.',
  why: 'HeapReleased = 242.6 MiB is returned memory that Go no longer counts (its estimate is 36.0 MiB). go1.19 releases with MADV_DONTNEED on Linux (the default since Go 1.16), which takes the pages out of RSS at once. With GODEBUG=madvdontneed=0 and on macOS, released pages are reclaimed lazily, so a monitor can show up to 278.6 MiB until the kernel needs the memory.',
  fix: 'Pass --rss (VmRSS from /proc/PID/status) to check. If RSS is high only because of this, it is not a leak; on Linux drop GODEBUG=madvdontneed=0 if it is set.',
};

describe('a series shares the Go version one of its snapshots shows', () => {
  it('02.vars.json alone: Go unknown, both behaviours said (unchanged)', async () => {
    const alone = await json([`${RUN}/vars/02.vars.json`]);
    expect(alone.snapshots.map((s) => s.goVersion)).toEqual([null]);
    const f = alone.findings.find((x) => x.ruleId === 'released-memory-in-rss');
    expect(f && { line: f.line, column: f.column, message: f.message, why: f.why, fix: f.fix }).toEqual({
      line: 3, column: 203,
      message: '242.6 MiB was released to the OS, but the OS may still show it in the process\'s RSS.',
      why: 'HeapReleased = 242.6 MiB is returned memory that Go no longer counts (its estimate is 36.0 MiB). With GODEBUG=madvdontneed=0 on Linux (the default in Go 1.12–1.15) and on macOS, released pages are reclaimed lazily, so a monitor can show up to 278.6 MiB until the kernel needs the memory.',
      fix: 'Pass --rss (VmRSS from /proc/PID/status) and --go-version to check. If RSS is high only because of this, it is not a leak; GODEBUG=madvdontneed=1 makes RSS drop at once on Linux.',
    });
  });

  it('in the series: every vars file learns go1.19 from the dumps, and says what the dump of the same numbers says', async () => {
    const report = await json([RUN]);
    const versions = report.snapshots.map((s) => `${s.source.slice(RUN.length + 1)} ${s.goVersion?.version ?? '-'}`);
    expect(versions).toEqual(['plain/01', 'gc1/01', 'vars/01', 'plain/02', 'gc1/02', 'vars/02', 'plain/03', 'gc1/03', 'vars/03', 'plain/04', 'gc1/04', 'vars/04', 'plain/05', 'gc1/05', 'vars/05']
      .map((s) => `${s}.${s.startsWith('vars') ? 'vars.json' : s.startsWith('gc1') ? 'heap-gc1.txt' : 'heap-debug1.txt'} go1.19`));
    expect(report.snapshots.find((s) => s.source === `${RUN}/vars/02.vars.json`)?.goVersion)
      .toEqual({ version: 'go1.19', source: '01.heap-gc1.txt, a snapshot of the same process: inferred from the toolchain path /usr/lib/go-1.19/src/runtime/' });
    // The same 242.6 MiB released and 36.0 MiB held: the same words, each at its own line.
    for (const [file, line, column] of [['vars/02.vars.json', 3, 203], ['plain/03.heap-debug1.txt', 597, 3]] as const) {
      const f = released(report, file);
      expect(f && { line: f.line, column: f.column, message: f.message, why: f.why, fix: f.fix }).toEqual({ line, column, ...DONTNEED });
    }
    // No snapshot of the series says "the OS may still show it" (Go unknown) any more.
    const words = report.findings.filter((f) => f.ruleId === 'released-memory-in-rss').map((f) => f.message.replace(/^[\d.]+ MiB/, 'N'));
    expect(new Set(words)).toEqual(new Set(['N was released to the OS: on Linux it has left the process\'s RSS, on macOS the OS may still count it.']));
    expect(words).toHaveLength(15);
  });

  it('--separately: each file on its own, the vars files without a version', async () => {
    const report = await json([RUN, '--separately']);
    expect(report.snapshots.filter((s) => s.goVersion === null).map((s) => s.source.slice(RUN.length + 1))).toEqual(['vars/01.vars.json', 'vars/02.vars.json', 'vars/03.vars.json', 'vars/04.vars.json', 'vars/05.vars.json']);
  });

  it('versions that disagree are kept per snapshot; a reported one is shared before an inferred one', () => {
    const inferred = { major: 1, minor: 19, source: 'inferred from the toolchain path /build/go-1.19.8/src/runtime/' };
    const reported = { major: 1, minor: 19, source: 'reported' };
    expect(seriesGoVersion([{ source: 'a', goVersion: inferred }, { source: 'b', goVersion: { ...inferred, minor: 21 } }, { source: 'c', goVersion: undefined }])).toBeUndefined();
    expect(seriesGoVersion([{ source: 'a', goVersion: inferred }, { source: 'b', goVersion: reported }, { source: 'c', goVersion: undefined }])).toEqual({ source: 'b', version: reported });
    expect(seriesGoVersion([{ source: 'a', goVersion: inferred }, { source: 'b', goVersion: inferred }])).toBeUndefined();
  });
});

/** go1.19-audit-live/05-diff-vars-vs-heap: /debug/vars, then heap?debug=1 of one process (README.md there); the vars file shows no Go version, the dump go1.19. */
const LIVE = 'test/fixtures/captured/go1.19-audit-live/05-diff-vars-vs-heap';
const LIVE_DONTNEED = '115.0 MiB was released to the OS: on Linux it has left the process\'s RSS, on macOS the OS may still count it.';

describe('lint reads a directory\'s series as analyze does: a file that shows no Go version learns the one the others show', () => {
  it('before.vars.json says of its 115.0 MiB released what after.heap.txt (go1.19) says, at its own line (was "the OS may still show it")', async () => {
    const r = await runCli(['lint', LIVE, '--info', '--color=never']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(`${LIVE}/before.vars.json`);
    expect(lines.slice(at, at + 3)).toEqual([
      `${LIVE}/before.vars.json`,
      `  4:214  info  ${LIVE_DONTNEED}  released-memory-in-rss`,
      '',
    ]);
    // The GC pause both files hold is said once, by the latest (after.heap.txt), with its counts.
    expect(lines).toContain(`  332:3  info     ${LIVE_DONTNEED}  released-memory-in-rss`);
    expect(lines).toContain('  342:3  warning  A GC pause took 17.11 ms (GC cycle 24); 3 of the last 37 pauses exceeded 10.00 ms.                             gc-pause-long');
  });

  it('the same finding analyze reports for it', async () => {
    const r = await runCli([LIVE, '--format', 'json']);
    expect(r.stderr).toBe('heapdoc: skipped 1 file of source code or documentation (.md)\n');
    const report = JSON.parse(r.stdout) as Report;
    const f = report.findings.find((x) => x.ruleId === 'released-memory-in-rss' && x.source === `${LIVE}/before.vars.json`);
    expect(f && [f.line, f.column, f.message]).toEqual([4, 214, LIVE_DONTNEED]);
    expect(report.snapshots.find((s) => s.source === `${LIVE}/before.vars.json`)?.goVersion)
      .toEqual({ version: 'go1.19', source: 'after.heap.txt, a snapshot of the same process: inferred from the toolchain path /usr/lib/go-1.19/src/net/' });
  });

  it('--separately: the vars file alone, Go unknown, both behaviours said (unchanged)', async () => {
    const r = await runCli(['lint', LIVE, '--info', '--color=never', '--separately']);
    expect(r.stdout).toContain('  4:214  info     115.0 MiB was released to the OS, but the OS may still show it in the process\'s RSS.  released-memory-in-rss');
  });
});

describe('a one-off peak whose released pages the RSS still counts says so in its headline', () => {
  const HEAD = 'A one-off peak, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.9% of what the series\' 5 steps allocated, the profiler\'s own left out; no other step more than 230.7 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.0 MiB, while the live heap stays near 278.4 KiB across the 2 GC-separated snapshots read right after a forced GC (snapshots 4→6, ?gc=1 or the program\'s runtime.GC()), and 199.9 KiB to 300.3 MiB at snapshots 1, 2, 3 and 5, read between GCs (their HeapAlloc counts the garbage made since the last GC).';
  const LOWER = 'To lower the peak: main.handleRequest (main.go:30) allocated 296.1 MiB, 100.0% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).';

  it('madvdontneed0 with --rss 321328kB (VmRSS of madvdontneed0.after-free.json): released with MADV_FREE, still counted', async () => {
    // --rss SIZE is the latest snapshot's, and a series says so (audit 45 #11).
    const report = await json([...phases('madvdontneed0'), '--rss', '321328kB'], `heapdoc: --rss 321328kB is the RSS of the latest snapshot, madvdontneed0.after-free.heap-debug1.txt: for each snapshot's, give --rss FILE, a VmRSS line per snapshot naming its dump or t=NN (docs/contract.md)\n`);
    expect(report.verdict.summary).toBe(`${HEAD} By snapshot 6, 300.6 MiB of it was released to the OS (HeapReleased 1.9 MiB at snapshot 2 → 302.6 MiB; 0 B idle), with MADV_FREE: the OS still counts it in RSS until it needs the memory. HeapSys stays 303.5 MiB, address space the heap keeps, not memory it holds. ${LOWER} The OS counts 313.8 MiB of RSS, 302.7 MiB more than Go holds: released pages it has not reclaimed yet (MADV_FREE).`);
    expect(report.verdict.summary).not.toContain('gone back to the OS');
  });

  it('madvdontneed1 with --rss 13584kB (VmRSS of madvdontneed1.after-free.json): the RSS fell with it, "had gone back to the OS"', async () => {
    // --rss SIZE is the latest snapshot's, and a series says so (audit 45 #11).
    const report = await json([...phases('madvdontneed1'), '--rss', '13584kB'], `heapdoc: --rss 13584kB is the RSS of the latest snapshot, madvdontneed1.after-free.heap-debug1.txt: for each snapshot's, give --rss FILE, a VmRSS line per snapshot naming its dump or t=NN (docs/contract.md)\n`);
    expect(report.verdict.summary).toContain('By snapshot 6, 300.5 MiB of it had gone back to the OS (HeapReleased 2.0 MiB at snapshot 2 → 302.5 MiB; 184.0 KiB idle): HeapSys stays 303.5 MiB, address space the heap keeps, not memory it holds.');
    expect(report.verdict.summary.endsWith('The OS counts 13.3 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).')).toBe(true);
  });

  it('without --rss: "had gone back to the OS", as before', async () => {
    const report = await json(phases('madvdontneed0'));
    expect(report.verdict.summary).toBe(`${HEAD} By snapshot 6, 300.6 MiB of it had gone back to the OS (HeapReleased 1.9 MiB at snapshot 2 → 302.6 MiB; 0 B idle): HeapSys stays 303.5 MiB, address space the heap keeps, not memory it holds. ${LOWER}`);
  });
});
