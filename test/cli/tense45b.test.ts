/**
 * tense45b on real Go 1.19 captures:
 *  - a dump read between GCs said "N live objects" and "Live by size" from HeapObjects and
 *    MemStats.BySize, which are Mallocs − Frees: they count garbage not yet swept too. They now say
 *    what they are there ("objects allocated and not yet freed", "Not yet freed"); a ?gc=1 dump
 *    keeps "live objects". go1.19-audit43-concpeak (README there): plain/heap-t26 (HeapAlloc 65.8
 *    MiB read between GCs) beside its gc1/heap-t26 (right after a forced GC), vars/vars-t68.json.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { reportLines, runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured/go1.19-audit43-concpeak';

const gcLine = (lines: string[]): string | undefined => lines.find((l) => l.startsWith('GC: '));

describe('a dump read between GCs: its objects are allocated and not yet freed, not live (go1.19-audit43-concpeak)', () => {
  it('plain/heap-t26: "7,036 objects allocated and not yet freed (Mallocs − Frees)", text and Markdown', async () => {
    const want = 'GC: 45 GC cycles (2 forced) · last pause 34.4 µs · GC CPU 1.41% · next GC at 124.2 MiB · 7,036 objects allocated and not yet freed (Mallocs − Frees)';
    expect(gcLine(await reportLines([`${C}/plain/heap-t26.txt`]))).toBe(want);
    expect(gcLine(await reportLines([`${C}/plain/heap-t26.txt`, '--format', 'markdown']))).toBe(want);
  });

  it('gc1/heap-t26, right after a forced GC: "4,626 live objects" as before', async () => {
    expect(gcLine(await reportLines([`${C}/gc1/heap-t26.txt`]))).toBe('GC: 46 GC cycles (3 forced) · last pause 42.9 µs · GC CPU 1.22% · next GC at 4.0 MiB · 4,626 live objects');
  });

  it('vars/vars-t68.json (MemStats read when asked): its size classes are "Not yet freed", not "Live by size"', async () => {
    const lines = await reportLines([`${C}/vars/vars-t68.json`]);
    expect(gcLine(lines)).toBe('GC: 207 GC cycles (6 forced) · last pause 23.3 µs · GC CPU 1.01% · next GC at 364.2 MiB · 8,584 objects allocated and not yet freed (Mallocs − Frees)');
    expect(lines.filter((l) => /^(Live by size|Not yet freed): /.test(l))).toEqual(['Not yet freed: 4.0 KiB × 261 = 1.0 MiB (0%) · 416 B × 343 = 139.3 KiB (0%) · 2.0 KiB × 55 = 110.0 KiB (0%); above 18.0 KiB: 228.0 MiB (99%) (MemStats.BySize, Mallocs − Frees per class)']);
    const md = await reportLines([`${C}/vars/vars-t68.json`, '--format', 'markdown']);
    expect(md.filter((l) => /^(Live by size|Not yet freed): /.test(l))).toEqual(['Not yet freed: 4.0 KiB × 261 = 1.0 MiB (0%) · 416 B × 343 = 139.3 KiB (0%) · 2.0 KiB × 55 = 110.0 KiB (0%); above 18.0 KiB: 228.0 MiB (99%) (MemStats.BySize, Mallocs − Frees per class)']);
  });
});

/**
 * A stream's documents are named by their line in it (`-:128`); the Series pane said each one's
 * snapshot (`-:927 · snapshot 3`), the Goroutines sections did not. go1.19-audit39-goroleak (README
 * there) piped in: heap t020, t060, the debug=1 and debug=2 dumps of t060, heap t100…t220, those of t220.
 */
const G = 'test/fixtures/captured/go1.19-audit39-goroleak';
const STREAM = [
  `${G}/series/heap-t020.txt`, `${G}/series/heap-t060.txt`, `${G}/goroutines/goroutine1-t060.txt`, `${G}/goroutines/goroutine2-t060.txt`,
  ...['100', '140', '180', '220'].map((t) => `${G}/series/heap-t${t}.txt`), `${G}/goroutines/goroutine1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`,
];

describe('a stream\'s goroutine dumps with the snapshot of their moment (go1.19-audit39-goroleak piped in)', () => {
  const input = (): Buffer => Buffer.concat(STREAM.map((f) => readFileSync(f)));

  it('text: each of the four dumps its line and its snapshot (was `-:128: 127 goroutines …`)', async () => {
    const r = await runCli(['-'], { input: input() });
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Goroutines');
    expect(lines.slice(at, at + 5)).toEqual([
      'Goroutines',
      '  -:85 · snapshot 2: 127 goroutines in 5 groups (goroutine?debug=1)',
      '  -:128 · snapshot 2: 127 goroutines in 5 groups (goroutine?debug=2)',
      '  -:1191 · snapshot 6: 444 goroutines in 5 groups (goroutine?debug=1)',
      '  -:1234 · snapshot 6: 446 goroutines in 5 groups (goroutine?debug=2)',
    ]);
  });

  it('Markdown: the same names', async () => {
    const r = await runCli(['-', '--format', 'markdown'], { input: input() });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('- -:'))).toEqual([
      '- -:85 · snapshot 2: 127 goroutines in 5 groups (`goroutine?debug=1`)',
      '- -:128 · snapshot 2: 127 goroutines in 5 groups (`goroutine?debug=2`)',
      '- -:1191 · snapshot 6: 444 goroutines in 5 groups (`goroutine?debug=1`)',
      '- -:1234 · snapshot 6: 446 goroutines in 5 groups (`goroutine?debug=2`)',
    ]);
  });

  it('the same files given as folders keep their names', async () => {
    const lines = await reportLines([`${G}/series`, `${G}/goroutines`]);
    expect(lines.filter((l) => / goroutines in 5 groups/.test(l))).toEqual([
      `  ${G}/goroutines/goroutine1-t060.txt: 127 goroutines in 5 groups (goroutine?debug=1)`,
      `  ${G}/goroutines/goroutine2-t060.txt: 127 goroutines in 5 groups (goroutine?debug=2)`,
      `  ${G}/goroutines/goroutine1-t220.txt: 444 goroutines in 5 groups (goroutine?debug=1)`,
      `  ${G}/goroutines/goroutine2-t220.txt: 446 goroutines in 5 groups (goroutine?debug=2)`,
    ]);
  });
});
