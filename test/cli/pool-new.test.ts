/**
 * A site made by a sync.Pool's New (its stacks call it from sync.(*Pool).Get) is said to be one in
 * every format, so the pool's buffers are not read as a leak of the code that uses them: the
 * captured pool server (test/fixtures/captured/go1.19-audit-verdicts/b-pool, program.go.txt line 72).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Markdown shows a URL or a query (`?gc=1`, `heap?debug=1&gc=1`) as code (text/markdown.ts). */
const asCode = (s: string): string => s.replace(/\bhttps?:\/\/[^\s<>`|\\]+|[\w./:-]*\?\w+=[\w.%-]*(?:&\w+=[\w.%-]*)*/g, (q) => { const t = q.replace(/[.,;:)]+$/, ''); return `\`${t}\`${q.slice(t.length)}`; });

const LOAD2 = 'test/fixtures/captured/go1.19-audit-verdicts/b-pool/02-load2.heap-debug1.txt';
const NOTE_START = "A sync.Pool's New: sync.(*Pool).Get made these objects with the pool's New when the pool was empty.";
const NOTE_END = 'In use are those in the pool, which keeps them for reuse between GCs (since Go 1.13 it drops one unused for two GCs), and those taken with Get and not yet Put back: memory the pool holds, not a leak of the code that uses it unless it keeps growing across GC-separated dumps (https://pkg.go.dev/sync#Pool).';

describe.concurrent("a sync.Pool's New site (b-pool, load2)", () => {
  it('text: the site says so, and the note under the table says what the pool keeps', async () => {
    const { code, stdout } = await runCli([LOAD2]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const site = lines.findIndex((l) => l.includes('main.glob..func1'));
    expect(lines.slice(site, site + 2)).toEqual([
      "  104.2 MiB       416   104.8 MiB  main.glob..func1 (a sync.Pool's New)",
      '                                   …/audit-verdicts/progs/main.go:72',
    ]);
    // Its caller's own allocation (main.modePool.func1) is not the pool's.
    expect(lines.find((l) => l.includes('main.modePool.func1'))).toBe('  516.0 KiB        64     2.1 GiB  main.modePool.func1');
    const note = lines.indexOf(`  ${NOTE_START}`);
    expect(lines.slice(note - 1, note + 2)).toEqual(['  … 1 more site (--top N, or --format json for all)', `  ${NOTE_START}`, `  ${NOTE_END}`]);
  });

  it('JSON: poolNew on every site, true on the one', async () => {
    const { stdout } = await runCli(['--format', 'json', LOAD2]);
    const sites = (JSON.parse(stdout) as { snapshots: { profile: { sites: { function: string; poolNew: boolean }[] } }[] }).snapshots[0]?.profile.sites ?? [];
    expect(sites.filter((s) => s.poolNew).map((s) => s.function)).toEqual(['main.glob..func1']);
    expect(sites.map((s) => typeof s.poolNew)).toEqual(new Array(11).fill('boolean'));
  });

  it('Markdown: the site cell says so, the note follows the table', async () => {
    const { stdout } = await runCli(['--format', 'markdown', LOAD2]);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.includes('main.glob..func1'))).toBe("| 104.2 MiB | 416 | 104.8 MiB | <code>main.glob..func1</code> (a sync.Pool's New) | …/audit-verdicts/progs/main.go:72 |");
    expect(lines.find((l) => l.includes('runtime.malg'))).toBe('| 512.2 KiB | 1,260 | 512.2 KiB | <code>runtime.malg</code> (goroutine descriptors) | …/src/runtime/proc.go:4076 |');
    // Markdown escapes the star of sync.(*Pool).Get.
    expect(lines).toContain(asCode(`${NOTE_START} ${NOTE_END}`.replace('(*Pool)', '(\\*Pool)')));
  });

  it('a pool\'s New site that keeps growing (go1.19-pool-leak: Get, never Put back): still a leak, the growing site says whose New it is', async () => {
    const dumps = [1, 2, 3, 4].map((n) => `test/fixtures/captured/go1.19-pool-leak/0${n}-t${n}.heap-debug1.txt`);
    const { code, stdout } = await runCli(dumps);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    // The headline names whose New it is, as the table does.
    expect(lines[0]).toBe("Leak suspected (high confidence): live heap 15.7 MiB → 61.7 MiB across 4 GC-separated snapshots (snapshots 1→4); growing sites: main.glob..func1 (a sync.Pool's New) +44.1 MiB.");
    const growing = lines.indexOf('Growing allocation sites (in use, one snapshot per GC epoch)');
    expect(lines.slice(growing + 1, growing + 3)).toEqual([
      "  +44.1 MiB   main.glob..func1 (a sync.Pool's New)  …/lo2/poolleak/main.go:14",
      '              14.4 MiB → 29.3 MiB → 44.1 MiB → 58.5 MiB',
    ]);
    const json = await runCli(['--format', 'json', ...dumps]);
    const sites = (JSON.parse(json.stdout) as { series: { growingSites: { function: string; poolNew?: boolean }[] } }).series.growingSites;
    expect(sites.map((s) => [s.function, s.poolNew])).toEqual([['main.glob..func1', true]]);
    expect((JSON.parse(json.stdout) as { series: { verdict: { summary: string } } }).series.verdict.summary).toBe("Leak suspected (high confidence): live heap 15.7 MiB → 61.7 MiB across 4 GC-separated snapshots (snapshots 1→4); growing sites: main.glob..func1 (a sync.Pool's New) +44.1 MiB.");
    const md = await runCli(['--format', 'markdown', ...dumps]);
    expect(md.stdout.split('\n')[2]).toBe("**Verdict (leak: suspected, dominant: live).** Leak suspected (high confidence): live heap 15.7 MiB → 61.7 MiB across 4 GC-separated snapshots (snapshots 1→4); growing sites: main.glob..func1 (a sync.Pool's New) +44.1 MiB.");
    const lint = await runCli(['lint', ...dumps]);
    expect(lint.code).toBe(1);
    expect(lint.stdout.split('\n').find((l) => l.endsWith('leak-suspected'))).toBe("  2:1  error  Leak suspected (high confidence) across 4 snapshots, 01-t1.heap-debug1.txt → 04-t4.heap-debug1.txt: live heap 15.7 MiB → 61.7 MiB over 4 GC-separated snapshots; growing main.glob..func1 (a sync.Pool's New) 14.4 MiB → 58.5 MiB.  leak-suspected");
  });
});
