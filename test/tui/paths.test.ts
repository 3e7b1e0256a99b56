import { describe, expect, it } from 'vitest';
import { changeBaseline, goroutineTotals, groupRows } from '../../src/tui/model/goroutines.js';
import { displayLocation, displayPath, pathContext } from '../../src/tui/model/paths.js';
import { truncate, truncateFunction, truncateMiddle, truncateStart, width } from '../../src/tui/view/line.js';
import { crashFileName } from '../../src/tui/view/overview.js';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { readFixture } from '../helpers/fixtures.js';
import { buildReport, leakReport, seedReport } from './reports.js';

describe('paths as the UI shows them', () => {
  it('learns GOROOT from the runtime frames and the program\'s directory from its own files (seed dump)', () => {
    const paths = pathContext(seedReport());
    expect(paths.goroots).toEqual(['/build/go-1.23.2/src/']);
    expect(paths.root).toBe('/build/run-go1.23/src/');
    expect(displayLocation({ file: '/build/run-go1.23/src/seed/main.go', line: 29 }, paths)).toBe('seed/main.go:29');
    expect(displayPath('/build/go-1.23.2/src/runtime/proc.go', paths)).toBe('runtime/proc.go');
    expect(displayPath('/root/go/pkg/mod/github.com/x/y@v1.2.0/z/z.go', paths)).toBe('github.com/x/y@v1.2.0/z/z.go');
    expect(displayPath('/elsewhere/a.go', paths)).toBe('/elsewhere/a.go');
    expect(displayLocation({ file: undefined, line: 3 }, paths)).toBe('');
  });

  it('learns GOROOT from any standard-library frame: a plain debug=2 dump prints no runtime frame (go1.19 net/http program)', () => {
    const rel = 'captured/go1.19-audit-gor/gorleak/stable3-goroutine-debug2.txt.gz';
    const report = combineReport([], [summarizeTraceback(parseTraceback(readFixture(rel), rel).dump, rel)]);
    const paths = pathContext(report);
    expect(paths.goroots).toEqual(['/usr/lib/go-1.19/src/']);
    expect(paths.root).toBe('/tmp/audit-gor/captures/gorleak/');
    // Was: the whole path, cut at the left in the table (…19/src/net/http/transport.go:2093).
    expect(displayLocation({ file: '/usr/lib/go-1.19/src/net/http/transport.go', line: 2093 }, paths)).toBe('net/http/transport.go:2093');
    expect(displayLocation({ file: '/tmp/audit-gor/captures/gorleak/src/handlers/handlers.go', line: 23 }, paths)).toBe('src/handlers/handlers.go:23');
    expect(displayLocation({ file: '/tmp/audit-gor/captures/gorleak/src/pool/pool.go', line: 13 }, paths)).toBe('src/pool/pool.go:13');
  });

  it('learns a GOPATH from a package\'s frames: its files by import path (go1.19 goroutine-leak sample, two GOPATHs)', () => {
    const report = buildReport({ heap: ['go1.19/goroutine-leak/06-t6.heap-debug1.txt'], goroutines: ['go1.19/goroutine-leak/06-t6.goroutine-debug1.txt'] });
    const paths = pathContext(report);
    expect(paths.goroots).toEqual(['/usr/lib/go-1.19/src/']);
    // heapdoc-samples/internal/park.Serve in …/src/heapdoc-samples/internal/park/, the prometheus client in Debian's /usr/share/gocode.
    expect(paths.gopaths).toEqual(['/tmp/heapdoc-samples-gopath/src/', '/usr/share/gocode/src/']);
    // Was: the whole path (the two GOPATHs share only `/`), cut at the left in the tables (…pdoc-samples/goroutine-leak/main.go:21).
    expect(displayLocation({ file: '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go', line: 21 }, paths)).toBe('heapdoc-samples/goroutine-leak/main.go:21');
    expect(displayLocation({ file: '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/internal/park/park.go', line: 82 }, paths)).toBe('heapdoc-samples/internal/park/park.go:82');
    expect(displayPath('/usr/share/gocode/src/github.com/prometheus/procfs/proc.go', paths)).toBe('github.com/prometheus/procfs/proc.go');
    expect(paths.root).toBeUndefined();
  });

  it('uses the goroutine stacks too (leak program, go1.23 build paths)', () => {
    const paths = pathContext(leakReport());
    expect(paths.root).toBe('/build/run-go1.23/src/');
    expect(displayLocation({ file: '/build/run-go1.23/src/leak/main.go', line: 50 }, paths)).toBe('leak/main.go:50');
  });
});

describe("a crash's file on the Overview", () => {
  it('is its base name, cut in the middle to a third of the width (a URL: its last part)', () => {
    expect(crashFileName('../test/fixtures/captured/go1.19-audit-gor/crashes/nil.txt', 80)).toBe('nil.txt');
    expect(crashFileName('caps/2024-05-01T10:00:00-crash-output-of-api-server.txt', 60)).toBe('2024-05-01…erver.txt');
    expect(crashFileName('http://h:6060/debug/pprof/goroutine?debug=2', 80)).toBe('goroutine?debug=2');
    expect(truncateMiddle('crash-system.txt.gz', 12)).toBe('crash-…xt.gz');
  });
});

describe('widths in cells', () => {
  it('counts a CJK character as two cells and cuts by cells', () => {
    expect(width('漢字ab')).toBe(6);
    expect(truncate('漢字漢字漢字', 7)).toBe('漢字漢…');
    expect(width(truncate('漢字漢字漢字', 7))).toBe(7);
    expect(truncateStart('main.漢字漢字', 6)).toBe('…漢字');
    expect(width('a\u001b[2Jb')).toBe(6); // drawn as a?[2Jb: measured as drawn, control characters replaced
  });

  it('cuts a function name in the middle, keeping its package and its last name', () => {
    expect(truncateFunction('net/http.(*conn).serve', 20)).toBe('net/http.(*con…serve');
    expect(truncateFunction('net/http.(*conn).serve', 16)).toBe('net/http.(…serve');
    expect(truncateFunction('runtime.(*timers).addHeap', 20)).toBe('runtime.(*ti…addHeap');
    expect(truncateFunction('main.fetchWithTimeout.func1', 40)).toBe('main.fetchWithTimeout.func1');
    // A package too long to keep whole: cut in the middle all the same.
    expect(truncateFunction('github.com/very/long/package/name.(*Thing).DoSomething', 30)).toBe('github.com/very…g).DoSomething');
  });
});

describe('goroutine rows', () => {
  it('counts no change between unrelated dumps (--separately): the dumps in report order, the most one has', () => {
    const report = leakReport();
    expect(goroutineTotals(report.goroutines, true)).toEqual({ now: 788, first: 168, change: undefined, dumps: 2 });
    expect(changeBaseline(report.goroutines, true)).toEqual({ baseline: undefined, latest: undefined, first: undefined, mixed: false });
    const rows = groupRows(report.goroutines, true);
    expect(rows[0]?.summary.source).toBe('go1.23/leak/snap1.goroutine-debug1.txt');
    expect(rows.at(-1)?.summary.source).toBe('go1.23/leak/snap5.goroutine-debug1.txt');
    expect(rows.filter((r) => r.change !== undefined)).toEqual([]);
  });

  it('lists the latest dump first with each group\'s change since the first dump; totals are one dump\'s', () => {
    const report = leakReport();
    expect(goroutineTotals(report.goroutines)).toEqual({ now: 788, first: 168, change: 620, dumps: 2 });
    const rows = groupRows(report.goroutines);
    expect(rows[0]?.summary.source).toBe('go1.23/leak/snap5.goroutine-debug1.txt');
    expect(rows.filter((r) => r.summary === rows[0]?.summary).map((r) => [r.group.function, r.group.count, r.change]).slice(0, 4)).toEqual([
      ['main.fetchWithTimeout.func1', 196, 156],
      ['main.waitForLock', 196, 156],
      ['main.waitForReply', 196, 156],
      ['main.waitForShutdown', 196, 156],
    ]);
    expect(rows.at(-1)?.summary.source).toBe('go1.23/leak/snap1.goroutine-debug1.txt');
    expect(rows.at(-1)?.change).toBeUndefined();
  });

  const MIXED = '../test/fixtures/captured/go1.19-audit-tui/goroutines-mixed';

  it('a debug=1 dump then a debug=2 dump of the same 10 goroutines: no change column (their groups cannot be matched), the total still compares them', () => {
    const report = buildReport({ heap: [], goroutines: [`${MIXED}/01-t1.goroutine-debug1.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`], traceback: 'by-name' });
    expect(goroutineTotals(report.goroutines)).toEqual({ now: 10, first: 10, change: 0, dumps: 2 });
    const rows = groupRows(report.goroutines);
    expect(rows.map((r) => [r.summary.source.split('/').pop(), r.group.function, r.group.count, r.change])).toEqual([
      ['02-t2.goroutine-debug2.txt', 'main.blocked', 5, undefined],
      ['02-t2.goroutine-debug2.txt', 'main.leakLoop', 1, undefined],
      ['02-t2.goroutine-debug2.txt', 'main.main.func1', 1, undefined],
      ['02-t2.goroutine-debug2.txt', 'net/http.(*connReader).startBackgroundRead.func2', 1, undefined],
      ['02-t2.goroutine-debug2.txt', 'net/http.(*Server).Serve', 1, undefined],
      ['02-t2.goroutine-debug2.txt', 'runtime/pprof.writeGoroutineStacks', 1, undefined],
      ['01-t1.goroutine-debug1.txt', 'main.blocked', 5, undefined],
      ['01-t1.goroutine-debug1.txt', '(no frames)', 1, undefined],
      ['01-t1.goroutine-debug1.txt', 'main.leakLoop', 1, undefined],
      ['01-t1.goroutine-debug1.txt', 'main.main.func1', 1, undefined],
      ['01-t1.goroutine-debug1.txt', 'net/http.(*Server).Serve', 1, undefined],
      ['01-t1.goroutine-debug1.txt', 'runtime/pprof.writeRuntimeProfile', 1, undefined],
    ]);
    expect(changeBaseline(report.goroutines)).toMatchObject({ baseline: undefined, mixed: true });
  });

  it('debug=1, debug=2, debug=2: the change is counted from the first debug=2 dump, like with like', () => {
    const report = buildReport({ heap: [], goroutines: [`${MIXED}/01-t1.goroutine-debug1.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`, `${MIXED}/02-t2.goroutine-debug2.txt`], traceback: 'by-name' });
    const rows = groupRows(report.goroutines);
    expect(changeBaseline(report.goroutines).baseline).toBe(report.goroutines[1]);
    expect(rows.filter((r) => r.change !== undefined).map((r) => [r.group.function, r.change])).toEqual([
      ['main.blocked', 0], ['main.leakLoop', 0], ['main.main.func1', 0],
      ['net/http.(*connReader).startBackgroundRead.func2', 0], ['net/http.(*Server).Serve', 0], ['runtime/pprof.writeGoroutineStacks', 0],
    ]);
  });

  it('one dump: no change', () => {
    const report = buildReport({ heap: [], goroutines: ['go1.23/leak/snap5.goroutine-debug2.txt'] });
    expect(goroutineTotals(report.goroutines)?.change).toBeUndefined();
  });
});
