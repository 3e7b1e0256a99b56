/**
 * wording47 on real Go captures:
 *  - a heap dump taken before any GC (NumGC 0) whose verdict is not the open one ("Not a leak of
 *    reachable data", the GC off) said "live 2.7 MiB" in its headline, its table and stack-heavy:
 *    nothing was marked yet, so HeapAlloc is everything allocated since the start, as the open
 *    verdict says it (go1.19-audit46-pregc; verdict.ts noGcYet). The go1.19 seed's
 *    routine1.after-wait (NumGC 0, 11.3 MiB of stacks) and go1.19-audit38-gcmanual/plain/t01 (GOGC=off).
 *  - --separately --rss SIZE gave the one RSS to every dump (each said "The OS counts 22.1 MiB of RSS",
 *    while their JSON had no process): go1.19-audit46-phasechurn/gc1 with 22600 kB, its rss.txt's
 *    "t=68 after gc=1" VmRSS. The flag is the latest dump's (last by TotalAlloc), as everywhere, and
 *    that dump reads as it does alone with --rss.
 *  - heapdoc lint's leak-suspected fix on go1.19-audit46-appendmap kept "a cleanup removes some of its
 *    objects but not all" where analyze's names append growth (sites46): one function now
 *    (leak-advice.ts withAppendsBeside), lint reading the source line beside the folder as analyze
 *    does; go1.19-audit45-halfprune (a prune of half the keys, no append) keeps the cleanup.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const SEED = 'test/fixtures/corpus/go1.19/seed/routine1.after-wait.heap-debug1.txt';
const NO_GC = 'no GC has run yet, NumGC 0: everything allocated since the process started, live or not';

describe('a dump before any GC whose verdict is not the open one: HeapAlloc, never "live"', () => {
  it('seed routine1.after-wait: headline, next step, table row and stack-heavy (text and Markdown)', async () => {
    const lines = await reportLines([SEED]);
    expect(lines.slice(0, 3)).toEqual([
      `Not a leak of reachable data: HeapAlloc 2.7 MiB (${NO_GC}) of 26.0 MiB mapped (Go holds 24.9 MiB); 1.1 MiB of idle heap already released to the OS, 11.3 MiB in goroutine stacks.`,
      'Most of the memory is goroutine stacks.',
      'One dump cannot tell whether the live heap grows — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.',
    ]);
    expect(lines.filter((l) => /^ {2}(live|HeapAlloc) /.test(l))).toEqual(['  HeapAlloc         2.7 MiB   10.4%  ██']);
    expect(lines.filter((l) => l.includes('stack-heavy:'))).toEqual([`  warning stack-heavy: Goroutine stacks take 11.3 MiB (45.2% of what Go holds), more than HeapAlloc 2.7 MiB (${NO_GC}).`]);
    const md = await reportLines([SEED, '--format', 'markdown']);
    expect(md.filter((l) => /^\| (live|HeapAlloc) \|/.test(l))).toEqual(['| HeapAlloc | 2,836,344 | 2.7 MiB | 10.4% |']);
  });

  it('go1.19-audit38-gcmanual plain/t01 (the GC off, never run): its table row is HeapAlloc, as its words say', async () => {
    const lines = await reportLines(['test/fixtures/captured/go1.19-audit38-gcmanual/plain/t01.heap-debug1.txt']);
    expect(lines[0]?.startsWith('The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63, and no GC has run, NumGC 0): HeapAlloc 13.7 MiB is everything allocated since the process started')).toBe(true);
    expect(lines.filter((l) => /^ {2}(live|HeapAlloc) /.test(l))).toEqual(['  HeapAlloc        13.7 MiB   53.2%  █████████████']);
  });
});

const PHASECHURN = 'test/fixtures/captured/go1.19-audit46-phasechurn/gc1';
const RSS_SENTENCE = 'The OS counts 22.1 MiB of RSS, 18.0 MiB less than Go holds: pages Go counts but the OS does not hold (mapped and never written, or swapped out).';

interface SeparateReport {
  snapshots: { source: string; process?: { rss?: number; rssOrigin?: string }; verdict: { summary: string } }[];
}

describe('--separately --rss SIZE: the latest dump\'s RSS, that dump as it reads alone (go1.19-audit46-phasechurn/gc1)', () => {
  it('JSON: heap-t68.txt alone has the process block, its verdict the single dump\'s; the others none', async () => {
    const j = await reportJson<SeparateReport>([PHASECHURN, '--separately', '--rss', '22600kB']);
    expect(j.snapshots.map((s) => [s.source.slice(PHASECHURN.length + 1), s.process])).toEqual([
      ['heap-t06.txt', undefined], ['heap-t16.txt', undefined], ['heap-t26.txt', undefined], ['heap-t36.txt', undefined],
      ['heap-t46.txt', undefined], ['heap-t56.txt', undefined], ['heap-t68.txt', { rss: 23142400, rssOrigin: 'flag' }],
    ]);
    const alone = await reportJson<SeparateReport>([`${PHASECHURN}/heap-t68.txt`, '--rss', '22600kB']);
    expect(alone.snapshots[0]?.process).toEqual({ rss: 23142400, rssOrigin: 'flag' });
    expect(j.snapshots[6]?.verdict.summary).toBe(alone.snapshots[0]?.verdict.summary);
    expect(j.snapshots.filter((s) => s.verdict.summary.includes('The OS counts')).length).toBe(1);
  });

  it('text: the RSS sentence under heap-t68.txt only, and stderr names the dump it is of', async () => {
    const r = await runCli([PHASECHURN, '--separately', '--rss', '22600kB']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: --rss 22600kB is the RSS of the latest snapshot, heap-t68.txt: for each snapshot\'s, give --rss FILE, a VmRSS line per snapshot naming its dump or t=NN (docs/contract.md)\n');
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(`${PHASECHURN}/heap-t68.txt`);
    expect(lines.flatMap((l, i) => (l.includes('The OS counts') ? [[i > at, l]] : []))).toEqual([[true, `  ${RSS_SENTENCE}`]]);
    expect((await reportLines([`${PHASECHURN}/heap-t68.txt`, '--rss', '22600kB']))[2]).toBe(RSS_SENTENCE);
  });
});

const APPENDMAP = 'test/fixtures/captured/go1.19-audit46-appendmap';
const APPEND_FIX = 'Start with main.(*store).add (+34.4 MiB): what keeps what it allocates? Yet it freed part of what it made: 150.5 MiB allocated there since the program started, 35.5 MiB still in use (76% freed), and its line appends (main.go:24: st.logs[key] = append(st.logs[key], line...)): a slice that grows by append gets a new, larger backing array each time it is full and leaves the old one to the GC, so the freed part may be the old arrays append left behind, not a cleanup — what keeps the slices keeps all they hold.';
const CLEANUP = 'so either a cleanup removes some of its objects but not all';

interface LintFile { filePath: string; messages: { ruleId: string; fix: string }[] }
interface Sarif { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }

/** The leak-suspected fixes of `heapdoc lint … --format json`. */
async function lintLeakFixes(dir: string): Promise<string[]> {
  const r = await runCli(['lint', dir, '--format', 'json']);
  return (JSON.parse(r.stdout) as LintFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => m.fix));
}

describe('lint\'s leak fix names append growth as analyze\'s does (go1.19-audit46-appendmap)', () => {
  it('gc1/: the JSON fix opens as analyze\'s, which it equals', async () => {
    const [fixes, analyzed] = await Promise.all([lintLeakFixes(`${APPENDMAP}/gc1`), reportJson<{ findings: { ruleId: string; fix: string }[] }>([`${APPENDMAP}/gc1`])]);
    expect(fixes.length).toBe(1);
    expect(fixes[0]?.startsWith(APPEND_FIX)).toBe(true);
    expect(fixes[0]).not.toContain(CLEANUP);
    expect(fixes).toEqual(analyzed.findings.filter((f) => f.ruleId === 'leak-suspected').map((f) => f.fix));
  });

  it('the whole folder in SARIF: the dumps\' leak message says it, under "Fix:"', async () => {
    const r = await runCli(['lint', APPENDMAP, '--format', 'sarif']);
    const results = (JSON.parse(r.stdout) as Sarif).runs.flatMap((run) => run.results).filter((x) => x.ruleId === 'leak-suspected');
    const dumps = results.filter((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === `${APPENDMAP}/gc1/heap-t68.txt`);
    expect(dumps.length).toBe(1);
    expect(dumps[0]?.message.text).toContain(`\n\nFix: ${APPEND_FIX}`);
    expect(dumps[0]?.message.text).not.toContain(CLEANUP);
  });

  it('go1.19-audit45-halfprune gc1/ (no append at main.go:22): the cleanup stays', async () => {
    const fixes = await lintLeakFixes('test/fixtures/captured/go1.19-audit45-halfprune/gc1');
    expect(fixes.map((f) => f.includes(CLEANUP) && !f.includes('append'))).toEqual([true]);
  });
});
