/**
 * Audit 37: a heap?debug=1 dump cut at a line end inside its runtime.MemStats block (after
 * `# Mallocs`) was read without a word about the cut, only "no-memstats: … lacks HeapAlloc, …"
 * (test/fixtures/captured/go1.19-audit37/cut: corpus dumps cut with head -n). It is an error
 * marked cut, exit 2, as a line cut mid-way is; the rest is still read and reported.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured/go1.19-audit37/cut';
const HINT = 'the dump was cut short; capture it again and make sure the whole response was saved';

describe('a dump that ends inside its MemStats block is said to be cut, exit 2', () => {
  it('analyze of the one dump: the error line at the block\'s last line, the sites still reported', async () => {
    const r = await runCli(['analyze', `${C}/snap1.heap-debug1.txt`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${C}/snap1.heap-debug1.txt:22:1: error: the dump ends inside the runtime.MemStats block (after Mallocs): its fields from Frees on are missing — ${HINT}\n`);
    expect(r.stdout).toContain('  2.0 MiB       514     2.0 MiB  main.newSession\n');
  });

  it('analyze of a series folder whose last dump is cut: the same line for that dump alone, the leak still said from the sites', async () => {
    const r = await runCli(['analyze', `${C}/series`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${C}/series/snap5.heap-debug1.txt:57:1: error: the dump ends inside the runtime.MemStats block (after Mallocs): its fields from Frees on are missing — ${HINT}\n`);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Leak suspected (medium confidence): growing sites: main.newSession +7.0 MiB.', '',
      'Across 4 snapshots (ordered by TotalAlloc)',
      '  HeapAlloc     3.8 MiB → 8.0 MiB → 12.8 MiB → 16.0 MiB',
    ]);
  });
});
