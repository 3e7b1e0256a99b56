/**
 * Audit 45 #8 in the terminal UI: a site's drill (Sites pane, Enter) says which closure keeps its
 * allocation under the compiler's decisions, on the captured go1.19-audit45-observers (README
 * there: `subscribe`'s 256 KiB `state` buffer, captured by a closure appended to `observers`).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const DIR = '../test/fixtures/captured/go1.19-audit45-observers';

afterEach(() => {
  cleanup();
});

describe('the site drill says which closure keeps the allocation (observers gc1/heap-t68 --escape escape-m2.txt)', () => {
  it('main.subscribe: the stack-size reason, then the closure that keeps it', async () => {
    const report = buildReport({ heap: [`${DIR}/gc1/heap-t68.txt`], escape: `${DIR}/escape-m2.txt` });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 60 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('[2 Sites]'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Compiler decisions'));
    const lines = frameLines(app).map((l) => l.trimEnd());
    expect(lines[1]).toBe('main.subscribe');
    const at = lines.findIndex((l) => l.startsWith('Compiler decisions at '));
    const kept = lines.findIndex((l) => l.startsWith('  kept by the closure'));
    expect(kept).toBeGreaterThan(at);
    expect(lines.slice(at + 1, kept)).toContain('      make([]byte, 256 << 10) escapes: it is too large for the stack at main.go:23:15');
    expect(lines.slice(kept, kept + 3)).toEqual([
      '  kept by the closure at main.go:26:32 (subscribe.func1), which captures state and is appended to',
      '  observers at main.go:26:20: it stays as long as that closure is reachable',
      '',
    ]);
  });
});
