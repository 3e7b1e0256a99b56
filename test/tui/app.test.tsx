import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { AllocationSite } from '../../src/analyze/profile.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { fixedSources } from '../../src/tui/model/source.js';
import type { WatchView } from '../../src/tui/watch/poller.js';
import { WatchApp, type WatchSource } from '../../src/tui/watch/WatchApp.js';
import { frameLines, KEYS, pause, press, waitForFrame } from './ink.js';
import { buildReport, heapLeakReport, leakReport, seedReport } from './reports.js';

const SIZE = { width: 80, height: 24 };

afterEach(() => {
  cleanup();
});

describe('HeapdocApp (ink-testing-library, 80×24)', () => {
  it('draws the overview in exactly 24 lines of at most 80 columns', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    const lines = frameLines(app);
    expect(lines).toHaveLength(24);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ heapdoc +\[1 Overview\] +2 Sites +3 Escape +4 Tree$/);
    expect(lines[23]).toMatch(/^ ↑↓\/jk move · Enter expand · Tab pane · \? help · q quit/);
  });

  it('a series with a snapshot without stack frames says so on the Overview and under the Series rows (go1.21 peak/default, 80×24)', async () => {
    const report = buildReport({ heap: ['baseline', 'peak', 'after-free', 'after-gc', 'after-release', 'idle'].map((n) => `go1.21/peak/default/${n}.heap-debug1.txt`) });
    const app = render(<HeapdocApp report={report} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    const overview = frameLines(app);
    const at = overview.findIndex((l) => l.startsWith('Snapshot 1 (baseline'));
    expect(overview.slice(at, at + 2)).toEqual([
      'Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot',
      'check it is the same program as the others.',
    ]);
    await press(app, '3');
    await waitForFrame(app, (f) => f.includes('Series ·'));
    const series = frameLines(app);
    const under = series.findIndex((l) => l.startsWith('  Snapshot 1 (baseline'));
    expect(series.slice(under, under + 2)).toEqual([
      '  Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot',
      '  check it is the same program as the others.',
    ]);
  });

  it("a crash's Overview lines name the file by its base name and never wrap, at 80×24 and 60×20 (captured go1.19 nil dereference)", async () => {
    // The input named by a long path, as `heapdoc tui test/fixtures/…/crashes/nil.txt` gives it.
    const report = buildReport({ heap: [], goroutines: ['../test/fixtures/captured/go1.19-audit-gor/crashes/nil.txt'], traceback: true });
    const wide = render(<HeapdocApp report={report} colors={false} size={SIZE} />);
    await waitForFrame(wide, (f) => f.includes('A crash traceback'));
    const at80 = frameLines(wide);
    const crash80 = at80.findIndex((l) => l.startsWith('A crash traceback'));
    expect(at80.slice(crash80, crash80 + 3)).toEqual([
      'A crash traceback (nil.txt): panic: runtime error: invalid memory address or ni…',
      '  in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:16)',
      '',
    ]);
    expect(at80[crash80 - 2]).toBe('No heap dump given: only crash outputs (see the Goroutines pane).');
    expect(Math.max(...at80.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    cleanup();
    const narrow = render(<HeapdocApp report={report} colors={false} size={{ width: 60, height: 20 }} />);
    await waitForFrame(narrow, (f) => f.includes('A crash traceback'));
    const at60 = frameLines(narrow);
    const crash60 = at60.findIndex((l) => l.startsWith('A crash traceback'));
    expect(at60.slice(crash60, crash60 + 3)).toEqual([
      'A crash traceback (nil.txt): panic: runtime error: invalid …',
      '  in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:16)',
      '',
    ]);
    expect(at60).toHaveLength(20);
  });

  it('moves between panes with Tab and Shift-Tab', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, KEYS.tab);
    await waitForFrame(app, (f) => f.includes('[2 Sites]'));
    await press(app, KEYS.tab);
    await waitForFrame(app, (f) => f.includes('[3 Escape]'));
    await press(app, KEYS.shiftTab, KEYS.shiftTab);
    await waitForFrame(app, (f) => f.includes('[1 Overview]'));
  });

  it('shows the Sites table', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} initialPane="sites" />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    expect(frameLines(app).slice(1, 8).join('\n')).toMatchInlineSnapshot(`
      "Sites · 4 · sort: in-use bytes ↓ · ….23/seed/routine4/after-free.heap-debug1.txt
      sampled every 512.0 KiB: unsampled estimates · in use as of a GC ≤ 2 cycles ago
          in use↓  objects  allocated  objects  function               file:line
      ›   4.5 MiB    10.5k    4.5 MiB    10.5k  runtime.malg           …e/proc.go:4956
        540.5 KiB        9    1.5 MiB    2,078  runtime.(*time…addHeap …me/time.go:404
              0 B        0    7.5 MiB    7,687  main.routine4          seed/main.go:29
              0 B        0  544.7 KiB        8  runtime.allgadd        …me/proc.go:656"
    `);
  });

  it('drills into a site with j and Enter, and back out with Esc', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} initialPane="sites" />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    await press(app, 'j', 'j');
    await waitForFrame(app, (f) => /› +0 B .*main\.routine4/.test(f));
    await press(app, KEYS.enter);
    const detail = await waitForFrame(app, (f) => f.includes('Compiler decisions at seed/main.go:29'));
    expect(detail.split('\n')[1]).toBe('main.routine4');
    expect(detail).toContain('▶ main.routine4');
    await press(app, KEYS.escape);
    await waitForFrame(app, (f) => f.includes('file:line'));
    expect(app.lastFrame()).toMatch(/› +0 B .*main\.routine4/);
  });

  it('filters with / and cycles the sort with s', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} initialPane="sites" />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    await press(app, '/', 'm', 'a', 'i', 'n');
    await waitForFrame(app, (f) => f.includes('Sites · 1 of 4') && f.includes('/main▏'));
    await press(app, KEYS.backspace);
    await waitForFrame(app, (f) => f.includes('/mai▏'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('filter: "mai"'));
    await press(app, KEYS.escape);
    await waitForFrame(app, (f) => f.includes('Sites · 4 ·'));
    await press(app, 's');
    await waitForFrame(app, (f) => f.includes('sort: in-use objects ↓'));
  });

  it('takes keys that arrive in one read one by one', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} initialPane="sites" />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    await press(app, 'jj\r');
    await waitForFrame(app, (f) => f.includes('Compiler decisions at seed/main.go:29'));
  });

  it('opens and closes the help overlay', async () => {
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '?');
    const help = await waitForFrame(app, (f) => f.includes('Keys'));
    expect(help).toContain('q  Ctrl-C');
    await press(app, KEYS.escape);
    await waitForFrame(app, (f) => f.includes('Findings'));
  });

  it('quits with q', async () => {
    const onQuit = vi.fn();
    const app = render(<HeapdocApp report={seedReport()} colors={false} size={SIZE} onQuit={onQuit} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, 'q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1));
  });

  it('selects a stack frame with Enter and j, and draws its source line once the file is read (lazily, from here)', async () => {
    // The dump names /tmp/heapdoc-samples-gopath/src/heapdoc-samples/heap-leak/main.go; samples/programs has heap-leak/main.go.
    const cwd = process.cwd();
    process.chdir('samples/programs');
    try {
      const app = render(<HeapdocApp report={heapLeakReport()} colors={false} size={SIZE} initialPane="sites" />);
      await waitForFrame(app, (f) => f.includes('file:line'));
      await press(app, KEYS.enter);
      await waitForFrame(app, (f) => f.includes('Enter frames'));
      await press(app, KEYS.enter, 'j');
      const shown = await waitForFrame(app, (f) => f.includes('▸ 37 │'));
      const lines = shown.split('\n').map((l) => l.trimEnd());
      const at = lines.findIndex((l) => l.startsWith('›   main.main'));
      // By import path under its GOPATH (was the whole path cut at its start: …pdoc-samples-gopath/src/heapdoc-samples/…).
      expect(lines[at]).toBe('›   main.main      heapdoc-samples/heap-leak/main.go:37');
      // The file read: found by the dump path's tail under the current directory (cut at its start when long).
      expect(lines[at + 1]).toMatch(/^ {6}\S*\/programs\/heap-leak\/main\.go$/);
      expect(lines.slice(at + 2, at + 7)).toEqual([
        '      35 │ for phase := 1; phase <= 6; phase++ {',
        '      36 │     for i := 0; i < 256; i++ {',
        '    ▸ 37 │         remember(fmt.Sprintf("request-%06d", n))',
        '      38 │         scratch()',
        '      39 │         n++',
      ]);
      expect(lines[23]).toMatch(/^ ↑↓\/jk frame · Esc back · .*e edit · y copy.* frame 2\/3$/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('the help over a selected frame counts the help\'s lines, not frames (was `frame 1/27` under the help, audit 34)', async () => {
    const dir = '../test/fixtures/captured/go1.19-escape-oneline';
    const report = buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m2.txt` });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 40 }} initialPane="sites" />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    await press(app, 'j', 'j', 'j', 'j', 'j', KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Enter frames'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('frame 1/9'));
    await press(app, '?');
    const help = await waitForFrame(app, (f) => f.includes('Keys'));
    const bar = help.split('\n').map((l) => l.trimEnd()).filter(Boolean).at(-1) ?? '';
    expect(bar).not.toMatch(/frame \d/);
    expect(bar).toMatch(/^ \? Esc close help · q quit( +lines 1–\d+\/\d+)?$/);
    await press(app, '?');
    await waitForFrame(app, (f) => f.includes('frame 1/9'));
  });

  it('a selected frame lists the compiler\'s decisions of its own function, not those of the closures sharing its line (go1.19-escape-oneline, -m=2)', async () => {
    const dir = '../test/fixtures/captured/go1.19-escape-oneline';
    const main = '/tmp/fix29esc-prog/oneline/main.go';
    const report = buildReport({ heap: [`${dir}/heap-debug1.txt`], escape: `${dir}/m2.txt` });
    const sources = fixedSources({ [main]: { state: 'ok', path: main, lines: readFileSync('test/fixtures/captured/go1.19-escape-oneline/main.go.txt', 'utf8').split('\n') } });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 40 }} initialPane="sites" sources={sources} />);
    await waitForFrame(app, (f) => f.includes('file:line'));
    // main.keep (the sixth site) › its frames › the last: main.main.func1 at main.go:27.
    await press(app, 'j', 'j', 'j', 'j', 'j', KEYS.enter);
    await waitForFrame(app, (f) => f.includes('Enter frames'));
    await press(app, KEYS.enter, 'G');
    const shown = await waitForFrame(app, (f) => f.includes('frame 9/9'));
    const lines = shown.split('\n').map((l) => l.trimEnd());
    const at = lines.indexOf('›   main.main.func1  oneline/main.go:27');
    expect(lines.slice(at + 6, at + 10)).toEqual([
      '      -gcflags=-m at this line:',
      '        27:41  make([]byte, 1000) escapes to heap',
      '            cause: call-argument — passed to a call that keeps it',
      '            make([]byte, 1000) escapes: passed to keep at main.go:27:36 → the heap',
    ]);
    // main's func literals (27:6, 27:67) and main.func2's make (27:94) are at the line too, not in this function.
    expect(lines.filter((l) => /^ {8}27:(?:6|67|94) /.test(l))).toEqual([]);
  });

  it('strips control characters from dump text before drawing it', async () => {
    const report = seedReport();
    const evil: AllocationSite = {
      function: 'main.evil\u001b]0;owned\u0007\u001b[2J', file: '/tmp/\u001b[31mred.go', line: 7, runtimeOnly: false, profiler: false, poolNew: false,
      stacks: [], stackCount: 0, topStack: undefined, inuseBytes: 1 << 30, inuseObjects: 1, allocBytes: 1 << 30, allocObjects: 1,
    };
    const snapshot = report.snapshots[0];
    if (!snapshot) throw new Error('no snapshot');
    const tampered: AnalyzeReport = { ...report, snapshots: [{ ...snapshot, profile: { ...snapshot.profile, sites: [evil, ...snapshot.profile.sites] } }] };
    const app = render(<HeapdocApp report={tampered} colors={false} size={SIZE} initialPane="sites" />);
    const frame = await waitForFrame(app, (f) => f.includes('main.evil'));
    expect(frame).not.toContain('\u001b');
    expect(frame).not.toContain('\u0007');
    expect(frame).toContain('main.evil?]0;owned'); // the table cuts the name to its column
    await press(app, KEYS.enter);
    const detail = await waitForFrame(app, (f) => f.includes('/tmp/?[31mred.go:7'));
    expect(detail).not.toContain('\u001b');
    expect(detail).toContain('main.evil?]0;owned??[2J');
  });
});

describe('WatchApp', () => {
  function source(initial: WatchView): WatchSource & { push(view: WatchView): void } {
    let view = initial;
    const listeners = new Set<() => void>();
    return {
      view: () => view,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      push(next) {
        view = next;
        for (const l of listeners) l();
      },
    };
  }

  it('waits for the first snapshot, then shows each new report and the live status', async () => {
    const live = { url: 'http://127.0.0.1:6060/debug/pprof/heap?debug=1', intervalMs: 5000, polls: 0, snapshots: 0, goroutines: 'pending' as const };
    const feed = source({ report: undefined, live, goroutineTotals: [] });
    const app = render(<WatchApp source={feed} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Waiting for the first heap snapshot'));
    const report = leakReport();
    feed.push({ report, live: { ...live, polls: 5, snapshots: 5, goroutines: 'ok', lastPollAt: new Date('2025-01-02T03:04:05Z') }, goroutineTotals: [168, 300, 500, 700, 788] });
    const frame = await waitForFrame(app, (f) => f.includes('Leak suspected'));
    const lines = frame.split('\n');
    expect(lines[22]).toMatch(/^● live · 5 snapshots · every 5s · last 03:04:05Z · goroutines ✓ · /);
    await press(app, '4');
    const series = await waitForFrame(app, (f) => f.includes('Series · 5 snapshots'));
    expect(series).toMatch(/ {2}goroutines +[▁▂▃▄▅▆▇█]{5} +168 → +788 +\+620/);
    await pause();
  });
});
