/**
 * The growing array that may keep a leak's objects (series.growingHolder, analyze/series/holder.ts)
 * as a row of its own where the user drills: under the Overview's growing sites (Enter: its stacks
 * and, with --escape, the compiler's decisions at its line) and in the Series pane's growing list
 * (Enter: its bytes and objects snapshot by snapshot). The captured go1.19-audit43-workermap: its
 * worker's map at main.go:26, one object, 1.5 MiB → 22.3 MiB across the ?gc=1 dumps, beside
 * main.produce's payloads (+56.0 MiB) that it keeps.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const DIR = '../test/fixtures/captured/go1.19-audit43-workermap';
const MOMENTS = ['06', '16', '26', '36', '46', '56', '68'];

function workermap(): ReturnType<typeof buildReport> {
  return buildReport({ heap: MOMENTS.map((t) => `${DIR}/gc1/heap-t${t}.txt`), escape: `${DIR}/escape-m2.txt` });
}

afterEach(() => {
  cleanup();
});

describe('the growing holder as a row (go1.19-audit43-workermap gc1 --escape escape-m2.txt)', () => {
  it('Overview at 80×24: a holder row under the growing sites, its object count and first → last; Enter opens its stacks and the compiler\'s decisions', async () => {
    const app = render(<HeapdocApp report={workermap()} colors={false} size={{ width: 80, height: 24 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    let lines = frameLines(app);
    expect(lines).toHaveLength(24);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines.slice(16, 24)).toEqual([
      'Growing sites · Enter: their stacks and the compiler\'s reasons',
      '›   +56.0 MiB main.produce (main.go:35)',
      '     +5.0 MiB fmt.Sprintf ← main.produce (main.go:35)',
      '       holder main.worker (main.go:26) · 1 object, 1.5 MiB → 22.3 MiB',
      '',
      'Findings (1)',
      '  ▸ error   leak-suspected: Leak suspected (high confidence) across 7 snapshots…',
      ' ↑↓/jk move · Enter open site · Tab pane · [ ] snapshot · ? help · q quit   1/4',
    ]);
    // The holder is the third of the list's four items (two sites, the holder, the finding).
    await press(app, 'j', 'j');
    lines = frameLines(app);
    expect(lines[19]).toBe('›      holder main.worker (main.go:26) · 1 object, 1.5 MiB → 22.3 MiB');
    expect(lines[23]).toBe(' ↑↓/jk move · Enter open site · Tab pane · [ ] snapshot · ? help · q quit   3/4');
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Compiler decisions'));
    lines = frameLines(app);
    expect(lines.slice(0, 8)).toEqual([
      ' heapdoc   1 Overview  [2 Sites]  3 Escape   4 Series   5 Tree         snap 7/7',
      'main.worker',
      '/tmp/audit43/captures/workermap/main.go:26',
      'in use    22.3 MiB in 1 object',
      'allocated 48.3 MiB in 11,925 objects (since the process started)',
      '',
      'Stack 1 of 2 · 22.3 MiB in use · 44.3 MiB allocated · ~7.4 MiB objects',
      '  ▶ main.worker   workermap/main.go:26',
    ]);
    // Its -m decision: the map's growth is the runtime's, which -m does not report.
    expect(lines.slice(15, 21)).toEqual([
      'Compiler decisions at workermap/main.go:26 (-gcflags=-m)',
      '  the compiler reports no heap value of this site\'s own code at this line',
      '  the compiler reports nothing about heap values at ./main.go:26; this',
      '  allocation is the runtime\'s, made for this line: its 2 stacks have 2 to 3',
      '  runtime PCs under the line that a debug=1 dump does not print, most often a',
      '  map\'s growth or an append\'s, which -m does not report; the map made at',
    ]);
    // …then holder44's sentence: the map main.worker makes on its stack, whose buckets the heap holds.
    expect(lines.slice(21).join(' ')).toContain('./main.go:21:14');
    // Esc comes back to the Overview, the holder still selected.
    await press(app, KEYS.escape);
    await waitForFrame(app, (f) => f.includes('[1 Overview]'));
    expect(frameLines(app)[19]).toBe('›      holder main.worker (main.go:26) · 1 object, 1.5 MiB → 22.3 MiB');
  });

  it('Overview at 160×50: the row says what it is', async () => {
    const app = render(<HeapdocApp report={workermap()} colors={false} size={{ width: 160, height: 50 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    const lines = frameLines(app);
    const at = lines.indexOf('Growing sites · Enter: their stacks and the compiler\'s reasons');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '›   +56.0 MiB main.produce (main.go:35)',
      '     +5.0 MiB fmt.Sprintf ← main.produce (main.go:35)',
      '       holder main.worker (main.go:26) · 1 object, 1.5 MiB → 22.3 MiB · the array that may keep their objects',
    ]);
  });

  it('Series at 80×24: the holder after the growing sites, its sparkline; Enter: what it is and its bytes and objects per snapshot', async () => {
    const app = render(<HeapdocApp report={workermap()} colors={false} size={{ width: 80, height: 24 }} initialPane="series" />);
    await waitForFrame(app, (f) => f.includes('Growing:'));
    let lines = frameLines(app);
    expect(lines.slice(13, 18)).toEqual([
      '',
      'Growing: 2 sites · 1 array that may keep them · sort: growth ↓',
      '›   +56.0 MiB ▁▂▃▄▅▇█      main.produce                      …kermap/main.go:35',
      '     +5.0 MiB ▁▂▄▅▇▇█      fmt.Sprintf                       fmt/print.go:220',
      '       holder ▁▃▂▄▄▅█      main.worker                       …kermap/main.go:26',
    ]);
    await press(app, 'G', KEYS.enter);
    await waitForFrame(app, (f) => f.includes('In use per snapshot'));
    lines = frameLines(app);
    expect(lines.slice(1, 20)).toEqual([
      'main.worker',
      '/tmp/audit43/captures/workermap/main.go:26',
      'holder: 1 object at the last snapshot · rose by jumps, not at every step',
      'What keeps them may be what main.worker allocates at main.go:26 (one 22.3 MiB',
      'object, 1.5 MiB → 22.3 MiB across the series): one array that the runtime',
      'reallocates larger as it fills and frees the old copy, as a map\'s buckets or an',
      'appended slice\'s backing array grow, so it rises by jumps and is not among the',
      'sites that grew at every step. A map never shrinks: delete what is done with, or',
      'bound it.',
      '',
      'In use per snapshot',
      // heap-t16 and t56 also hold small records at the line (352 B objects: 1 sampled, estimated as many unsampled).
      '     1.5 MiB           1 object   …red/go1.19-audit43-workermap/gc1/heap-t06.txt',
      '     8.9 MiB       1,491 objects  …red/go1.19-audit43-workermap/gc1/heap-t16.txt',
      '     5.6 MiB           1 object   …red/go1.19-audit43-workermap/gc1/heap-t26.txt',
      '    11.2 MiB           1 object   …red/go1.19-audit43-workermap/gc1/heap-t36.txt',
      '    11.2 MiB           1 object   …red/go1.19-audit43-workermap/gc1/heap-t46.txt',
      '    12.7 MiB       4,470 objects  …red/go1.19-audit43-workermap/gc1/heap-t56.txt',
      '    22.3 MiB           1 object   …red/go1.19-audit43-workermap/gc1/heap-t68.txt',
      '',
    ]);
    expect(lines[23]).toBe(' ↑↓/jk scroll · Esc back · Tab pane · e edit · y copy · ? help · q quit');
  });
});
