/**
 * wording46 on real Go 1.19 captures:
 *  - a dump taken before any GC (NumGC 0) said "N live objects" and "Live by size": before the first
 *    GC nothing was marked, so HeapObjects and MemStats.BySize (Mallocs − Frees) are objects
 *    allocated and not yet freed, garbage or not, as a dump read between GCs says them.
 *    go1.19-audit44-sawtooth/plain/heap-t06.txt (NumGC 0, 1,390 objects: Mallocs 1,445 − Frees 55)
 *    and go1.19-audit44-twoleaks/vars/vars-t06.json (NumGC 0, with MemStats.BySize).
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';
import { gcDetails } from '../../src/tui/model/gcdetails.js';
import { analyzeVars } from '../helpers/exposed.js';

const SAWTOOTH = 'test/fixtures/captured/go1.19-audit44-sawtooth';
const TWOLEAKS_VARS = 'captured/go1.19-audit44-twoleaks/vars/vars-t06.json';

const gcLine = (lines: string[]): string | undefined => lines.find((l) => l.startsWith('GC: '));
const sizeLines = (lines: string[]): string[] => lines.filter((l) => /^(Live by size|Not yet freed): /.test(l));

describe('a dump before any GC (NumGC 0): its objects are allocated and not yet freed, not live', () => {
  it('sawtooth plain/heap-t06.txt: "1,390 objects allocated and not yet freed (Mallocs − Frees)", text and Markdown', async () => {
    const want = 'GC: 0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,390 objects allocated and not yet freed (Mallocs − Frees)';
    expect(gcLine(await reportLines([`${SAWTOOTH}/plain/heap-t06.txt`]))).toBe(want);
    expect(gcLine(await reportLines([`${SAWTOOTH}/plain/heap-t06.txt`, '--format', 'markdown']))).toBe(want);
  });

  it('its ?gc=1 dump of the same moment (NumGC 1, right after a forced GC) keeps "live objects"', async () => {
    expect(gcLine(await reportLines([`${SAWTOOTH}/gc1/heap-t06.txt`]))).toBe('GC: 1 GC cycle (1 forced) · last pause 26.1 µs · GC CPU 0.00% · next GC at 4.0 MiB · 1,049 live objects');
  });

  it('twoleaks vars/vars-t06.json: the GC line and its size classes are "Not yet freed", in text and in the TUI\'s Overview', async () => {
    const lines = await reportLines([`test/fixtures/${TWOLEAKS_VARS}`]);
    expect(gcLine(lines)).toBe('GC: 0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,621 objects allocated and not yet freed (Mallocs − Frees)');
    expect(sizeLines(lines)).toEqual(['Not yet freed: 4.0 KiB × 33 = 132.0 KiB (4%) · 112 B × 294 = 32.2 KiB (1%) · 2.6 KiB × 8 = 21.0 KiB (1%); above 18.0 KiB: 2.6 MiB (87%) (MemStats.BySize, Mallocs − Frees per class)']);
    const tui = gcDetails(analyzeVars(TWOLEAKS_VARS));
    expect([tui?.gc, tui?.sizesLabel]).toEqual(['0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,621 objects allocated and not yet freed (Mallocs − Frees)', 'Not yet freed']);
  });
});
