/**
 * Audit 48 #6 in the terminal UI, on the captured go1.19-audit48-tiny (README there): the site
 * pane of main.go:28 (`new(int8)`, 884,749 "objects" of 16 B) says its counts are 16-byte tiny blocks.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const DIR = '../test/fixtures/captured/go1.19-audit48-tiny';

afterEach(() => {
  cleanup();
});

describe('tiny blocks in the site drill (audit48-tiny gc1/heap-t68 --escape escape-m.txt)', () => {
  it('main.go:28: in use in 884,749 objects, then the tiny-block note', async () => {
    const report = buildReport({ heap: [`${DIR}/gc1/heap-t68.txt`], escape: `${DIR}/escape-m.txt` });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 60 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('[2 Sites]'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Compiler decisions'));
    const lines = frameLines(app).map((l) => l.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('in use '));
    expect(lines.slice(at - 2, at + 6)).toEqual([
      'main.leak',
      '/tmp/audit48/captures/tiny/main.go:28',
      'in use    13.5 MiB in 884,749 objects',
      'allocated 13.5 MiB in 884,749 objects (since the process started)',
      "Tiny blocks: this line (new(int8)) records 16 B an object. Go's tiny allocator packs objects under",
      '16 B without pointers into 16-byte blocks and profiles only a new block, as 16 B, at the line that',
      'started it: values from other lines packed into that block count there, so objects and bytes here',
      'are per block, not per value.',
    ]);
  });
});
