/**
 * Audit 48 #10 on the captured go1.19-audit48-shrink (README there: a 200 MiB map of 64 KiB values
 * drained by `delete`, 48 entries a second, main.go:31-43): diff of two ?gc=1 dumps says the
 * program's own drop first and the pool in one clause, as no sync.(*Pool) frame is on the stacks of
 * main.fill; JSON's droppedAcrossGCs sites carry no `pool`.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit48-shrink/gc1';

const NOTE = 'The live heap fell by 120.0 MiB between two dumps read right after a forced GC while only 2.7 MiB was allocated between them: large objects were let go of, 122.3 MiB at main.fill (1,957 objects of ~64.0 KiB). The program let them go (deleted them from a map, truncated or dropped a slice, cleared a cache), or a sync.Pool or a cache dropped them after two GCs unused: no sync.(*Pool) frame is on their stacks, which rules out only a pool whose New made them, not a pooled buffer grown after Get (https://pkg.go.dev/sync#Pool).';

describe('a drained map between two ?gc=1 dumps (audit48-shrink gc1 t16 → t56)', () => {
  it('text: the program\'s drop first, no victim-cache paragraph', async () => {
    const r = await runCli(['diff', `${D}/heap-t16.txt`, `${D}/heap-t56.txt`, '--color=never']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n\n')[2]?.replace(/\n/g, ' ')).toBe(NOTE);
    expect(r.stdout).not.toContain('victim cache');
  });

  it('JSON: the sites freed, none made by a pool', async () => {
    const r = await runCli(['diff', `${D}/heap-t16.txt`, `${D}/heap-t56.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { droppedAcrossGCs?: { freedObjects: number; sites: { function: string; line: number; freedObjects: number; pool?: true }[]; note: string } };
    expect(j.droppedAcrossGCs?.sites.map((s) => [s.function, s.line, s.freedObjects, s.pool])).toEqual([['main.fill', 24, 1957, undefined]]);
    expect(j.droppedAcrossGCs?.note).toBe(NOTE);
  });
});
