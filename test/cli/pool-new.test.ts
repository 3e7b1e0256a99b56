/**
 * A site made by a sync.Pool's New (its stacks call it from sync.(*Pool).Get) is said to be one in
 * every format, so the pool's buffers are not read as a leak of the code that uses them: the
 * captured pool server (test/fixtures/captured/go1.19-audit-verdicts/b-pool, program.go.txt line 72).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

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
    expect(lines).toContain(`${NOTE_START} ${NOTE_END}`.replace('(*Pool)', '(\\*Pool)'));
  });
});
