/**
 * Audit 47 #5 and #12 in the terminal UI, on the captured go1.19-audit47-deferloop (README there:
 * `worker` defers a closure capturing a 1 KiB buffer in every iteration of a loop that never
 * returns, main.go:21–23): the site at main.go:23 says its closure is deferred in a loop (main.go
 * beside the compiler output says `defer`), each of its two same-lines stacks shows its object size
 * (80 B defer records behind 2 hidden runtime PCs, 32 B closures), and the note names the likely
 * defer record; the site at main.go:21 says the deferred closure keeps its buffers.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const DIR = '../test/fixtures/captured/go1.19-audit47-deferloop';

afterEach(() => {
  cleanup();
});

async function siteDrill(down: number): Promise<string[]> {
  const report = buildReport({ heap: [`${DIR}/gc1/heap-t68.txt`], escape: `${DIR}/escape-m2.txt` });
  const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 60 }} />);
  await waitForFrame(app, (f) => f.includes('Findings'));
  await press(app, '2');
  await waitForFrame(app, (f) => f.includes('[2 Sites]'));
  for (let i = 0; i < down; i++) await press(app, 'j');
  await press(app, KEYS.enter);
  await waitForFrame(app, (f) => f.includes('Compiler decisions'));
  return frameLines(app).map((l) => l.trimEnd());
}

describe('a defer in a loop in the site drill (deferloop gc1/heap-t68 --escape escape-m2.txt)', () => {
  it('main.go:23: two stacks told apart by object size, the likely defer record, the deferred cause', async () => {
    const lines = await siteDrill(1);
    expect(lines[1]).toBe('main.worker');
    expect(lines[2]).toBe('/tmp/audit47/captures/deferloop/main.go:23');
    const first = lines.indexOf('Stack 1 of 2 · 6.5 MiB in use · 6.5 MiB allocated · 80 B objects');
    expect(first).toBeGreaterThan(0);
    expect(lines.slice(first, first + 10)).toEqual([
      'Stack 1 of 2 · 6.5 MiB in use · 6.5 MiB allocated · 80 B objects',
      '  ▶ main.worker   deferloop/main.go:23',
      '',
      'Stack 2 of 2 · 2.0 MiB in use · 2.0 MiB allocated · 32 B objects',
      '  The same lines as stack 1: the runtime kept them apart by PCs these lines do not show (2 PCs, 1',
      "  line): its own calls, such as a map's growth, or two calls on one line. The compiler reports a",
      "  func literal at main.go:23:9, deferred in a loop: the runtime's own calls above stack 1 (80 B",
      '  objects), which go tool pprof hides too, are likely its defer record (runtime.deferproc →',
      '  runtime.newdefer), which stays until worker returns.',
      '  ▶ main.worker   deferloop/main.go:23',
    ]);
    const at = lines.indexOf('Compiler decisions at deferloop/main.go:23 (-gcflags=-m)');
    expect(lines.slice(at + 1, at + 8)).toEqual([
      '  the compiler agrees: a heap value at this line',
      '  23:9  func literal escapes to heap',
      '      cause: deferred — deferred in a loop: runs only at return',
      '      func literal escapes: deferred in a loop: a defer the compiler can neither open-code nor keep',
      "        on the stack, so the closure and the runtime's defer record (runtime.deferproc) are",
      '        allocated on the heap; deferred calls run only when worker returns, so both, and what the',
      '        closure captures, stay reachable until then',
    ]);
    expect(lines.join('\n')).not.toContain('goroutine');
  });

  it('main.go:21: the deferred closure keeps the buffers until worker returns', async () => {
    const lines = await siteDrill(0);
    expect(lines[2]).toBe('/tmp/audit47/captures/deferloop/main.go:21');
    // One stack: no object size to tell it from another.
    expect(lines).toContain('Stack 1 of 1 · 60.6 MiB in use · 60.6 MiB allocated');
    const kept = lines.findIndex((l) => l.startsWith('  kept by the closure'));
    expect(lines.slice(kept, kept + 3)).toEqual([
      '  kept by the closure at main.go:23:9 (worker.func1), which captures buf and is deferred in a loop:',
      '  deferred calls run only when worker returns, so the closure, its defer record (runtime.deferproc)',
      '  and buf stay reachable until then',
    ]);
  });
});
