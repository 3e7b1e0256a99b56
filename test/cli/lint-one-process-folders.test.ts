/**
 * One process's captures saved in subfolders by kind (test/fixtures/captured/go1.19-audit37/creep,
 * README.txt there: `plain/heap-NN.txt` between GCs, `gc1/heap-gc1-NN.txt` after ?gc=1, and
 * `allocs-final.txt` and the GC log in the folder itself): `heapdoc analyze` reads the folder as one
 * series, and lint did not — each folder was a series of its own, so the 119 ms pause of GC cycle 82
 * (in each dump's GC ring) was said three times and the leak three times (twice for the dumps, once
 * for the GC log): "8 problems (3 errors, 5 warnings)". Folders whose dumps hold a GC cycle that
 * ended at the same nanosecond are one process's series now; two runs of one program stay apart.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CREEP = 'test/fixtures/captured/go1.19-audit37/creep';
const BUFGROW = 'test/fixtures/captured/go1.19-audit28-bufgrow';

describe.concurrent('lint: one process\'s dumps in subfolders', () => {
  it('one series: each GC pause once (at the latest dump that holds it, with its counts), one leak-suspected at the latest dump, the GC log\'s folded into it', async () => {
    const r = await runCli(['lint', '--no-config', CREEP, '--color=never']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '',
      `${CREEP}/allocs-final.txt`,
      '        error    Leak suspected (high confidence) across 19 snapshots, heap-01.txt → allocs-final.txt: growing main.remember 4.0 MiB → 68.1 MiB.  leak-suspected',
      '  71:3  warning  A GC pause took 119.15 ms (GC cycle 82); 5 of the last 113 pauses exceeded 10.00 ms.                                             gc-pause-long',
      '',
      // The shorter pause is the longest in the rings of the dumps before cycle 82: said by the latest of them.
      `${CREEP}/gc1/heap-gc1-05.txt`,
      '  53:3  warning  A GC pause took 15.50 ms (GC cycle 39); 2 of the last 76 pauses exceeded 10.00 ms.  gc-pause-long',
      '',
      '✖ 3 problems (1 error, 2 warnings)',
      '5 files skipped (not read as dumps): stderr and --format json or sarif say which and why',
      '',
    ]);
  });

  it('two runs of one program in sibling folders (run/, long/: their GC rings share no cycle) stay two series: long/\'s leak across its own 12 snapshots, run/\'s staircase no finding', async () => {
    const r = await runCli(['lint', '--no-config', BUFGROW, '--color=never']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('leak-suspected') || l.startsWith('✖'))).toEqual([
      '  14:1  error  Leak suspected (medium confidence) in stderr.log: the live heap after GC keeps rising, 3 → 256 MB over 36.8 s and 14 GCs; its floor rose in every third of the log\'s time (3 → 128 → 256 MB).  leak-suspected',
      '    error  Leak suspected (medium confidence) across 12 snapshots, 01.heap-gc1.txt → 06.vars.json: live heap 32.2 MiB → 256.2 MiB over 6 GC-separated snapshots; growing bytes.growSlice ← main.logRequest (main.go:81) 32.0 MiB → 256.0 MiB.  leak-suspected',
      '✖ 2 problems (2 errors, 0 warnings)',
    ]);
  });
});

describe('lint: many copies of one process\'s folder', () => {
  // A tree of 40 copies of creep/plain (9 dumps each), creep/gc1 (the same process after ?gc=1) and
  // creepslow-plain (another process), under a README.md: one family. The copies were merged one by
  // one over the growing group, each merge checking the whole group again (quadratic); each content
  // is now checked once. The groups are the same: the copies and gc1 one series of 369 snapshots,
  // creepslow-plain its own.
  it('the copies and gc1 are one series (369 snapshots), creepslow-plain another: 6 findings, each said once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heapdoc-copies-'));
    try {
      writeFileSync(join(root, 'README.md'), '# copies\n');
      for (let i = 1; i <= 40; i++) cpSync(`${CREEP}/plain`, join(root, `c${String(i).padStart(2, '0')}`), { recursive: true });
      cpSync(`${CREEP}/gc1`, join(root, 'gc1'), { recursive: true });
      cpSync('test/fixtures/captured/go1.19-audit37/creepslow-plain', join(root, 'slow'), { recursive: true });
      const r = await runCli(['lint', '--no-config', '--format', 'json', root]);
      expect(r.code).toBe(1);
      const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; line?: number; scope?: string }[] }[];
      const found = files.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(root.length + 1)} ${m.line ?? '-'} ${m.ruleId}`));
      expect(found).toEqual([
        'gc1/heap-gc1-05.txt 53 gc-pause-long',
        'gc1/heap-gc1-09.txt 10 leak-suspected',
        'gc1/heap-gc1-09.txt 67 gc-pause-long',
        'slow/heap-10.txt 10 leak-suspected',
        'slow/heap-10.txt 65 idle-heap-retained',
        'slow/heap-10.txt 77 gc-pause-long',
      ]);
      const leak = files.find((f) => f.filePath.endsWith('gc1/heap-gc1-09.txt'))?.messages[0];
      expect(leak?.message).toBe('Leak suspected (high confidence) across 369 snapshots, c01/heap-01.txt → gc1/heap-gc1-09.txt: growing main.remember 4.0 MiB → 68.1 MiB.');
      expect(leak?.scope).toBe('series');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.concurrent('diff: idle that goroutine stacks freed', () => {
  it('the headline says the idle growth came from the stacks freed (1,000 goroutines exited: StackInuse −115.4 MiB of idle\'s +130.8 MiB)', async () => {
    const dir = 'test/fixtures/captured/go1.19-audit37/bigstacks';
    const r = await runCli(['diff', `${dir}/heap-3-blocked-gc1.txt`, `${dir}/heap-5-exited-gc1.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe("Live heap 676.8 KiB → 609.4 KiB (−67.4 KiB); in-use bytes unchanged at the allocation sites; idle 1.3 MiB → 132.1 MiB (+130.8 MiB), from goroutine stacks freed to the heap (StackInuse 125.3 MiB → 9.9 MiB, −115.4 MiB); −751 objects; 15.9 MiB allocated over 1 GC cycle between the two; the profiles show only the profiler's own allocating (taking the dumps: runtime/pprof.writeGoroutineStacks +14.0 MiB).");
  });
});
