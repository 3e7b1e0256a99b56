/**
 * Audit 46, finding 14. The site view names the goroutines that hold the site, as the Overview's verdict
 * does: the captured go1.19-audit46-workerpool (README.md there), its gc1/ series and the debug=2
 * goroutine dumps of t16 and t56 — 295 main.worker goroutines in chan receive at main.go:20, each
 * holding the 256 KiB buffer main.worker allocates at main.go:19. Enter on main.worker in the Sites
 * pane said its bytes, stacks and the compiler's reasons, not who holds it. A site no group holds
 * (runtime.malg) says nothing of the kind.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const DIR = '../test/fixtures/captured/go1.19-audit46-workerpool';
const MOMENTS = ['06', '16', '26', '36', '46', '56', '68'];

function workerpool(): ReturnType<typeof buildReport> {
  return buildReport({ heap: MOMENTS.map((t) => `${DIR}/gc1/heap-t${t}.txt`), goroutines: ['16', '56'].map((t) => `${DIR}/goroutine/goroutine2-t${t}.txt`), traceback: true });
}

afterEach(() => {
  cleanup();
});

describe('the site view says which goroutines hold the site (go1.19-audit46-workerpool gc1/ and goroutine2-t16, t56)', () => {
  it('Sites, Enter on main.worker at 100×30: the held sentence under its bytes, before its stacks', async () => {
    const app = render(<HeapdocApp report={workerpool()} colors={false} size={{ width: 100, height: 30 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('main.worker'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Stack 1 of 1'));
    const lines = frameLines(app);
    expect(lines.slice(1, 10)).toEqual([
      'main.worker',
      '/tmp/audit46/captures/workerpool/main.go:19',
      'in use    69.3 MiB in 277 objects',
      'allocated 69.3 MiB in 277 objects (since the process started)',
      'The 295 goroutines blocked in main.worker (chan receive, main.go:20) each hold what main.worker',
      'allocates at main.go:19 (objects of ~256.0 KiB, 69.3 MiB in use at the last heap profile): until',
      'they end, that memory stays.',
      '',
      'Stack 1 of 1 · 69.3 MiB in use · 69.3 MiB allocated',
    ]);
  });

  it('a site no group holds (runtime.malg, the second row) has no such sentence', async () => {
    const app = render(<HeapdocApp report={workerpool()} colors={false} size={{ width: 100, height: 30 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('main.worker'));
    await press(app, 'j', KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Stack 1 of'));
    const lines = frameLines(app);
    expect(lines[1]).toBe('runtime.malg (goroutine descriptors)');
    expect(lines.some((l) => l.includes('goroutines blocked in'))).toBe(false);
  });
});
