import { describe, expect, it } from 'vitest';
import { summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { goroutineSummaryLine, notInSeries } from '../../src/report/goroutines.js';
import { readFixture } from '../helpers/fixtures.js';

describe('notInSeries: the snapshots a series table has no place for', () => {
  it('names three, then counts the rest ("and 2 more", was "and 2 mores")', () => {
    const sources = [1, 2, 3, 4, 5].map((n) => `cap/wheap.${n}.pb.gz`);
    expect(notInSeries(sources)).toBe('Not in the series: wheap.1.pb.gz, wheap.2.pb.gz, wheap.3.pb.gz and 2 more, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of their moments with the same file stem.');
    expect(notInSeries(sources.slice(0, 1))).toBe('Not in the series: wheap.1.pb.gz, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of its moment with the same file stem.');
  });
});

describe("goroutineSummaryLine: a crash's output says what crashed", () => {
  it('the panic, its [signal …], the line, and the goroutine that raised it when one was running (go1.19 crash captures)', () => {
    const line = (rel: string): string => goroutineSummaryLine(summarizeTraceback(parseTraceback(readFixture(`captured/go1.19-audit-gor/${rel}`), rel).dump, rel));
    expect(line('crashes/nil.txt')).toBe('crashes/nil.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: runtime error: '
      + 'invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x460755] (line 1) in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:16)');
    expect(line('gorsys/deadlock.txt')).toBe('gorsys/deadlock.txt: 4 goroutines in 2 groups (goroutine?debug=2); a crash traceback: '
      + 'fatal error: all goroutines are asleep - deadlock! (line 1)');
    expect(line('crashes/recovered.txt')).toBe('crashes/recovered.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: second (line 2, raised while panicking: first) in goroutine 1 at main.main.func1 (…/tmp/gorfix-go/main.go:22)');
    // A three-line message: its lines joined (was 'panic: first line (line 1)').
    expect(line('crashes/multi.txt')).toBe('crashes/multi.txt: 1 goroutine in 1 group (goroutine?debug=2); a crash traceback: panic: first line ⏎ second line(x) ⏎ third: 12 (line 1) in goroutine 1 at main.main (…/tmp/gorfix-go/main.go:18)');
    expect(line('gorleak/sigquit.txt.gz')).toMatch(/^gorleak\/sigquit\.txt\.gz: 410 goroutines in \d+ groups \(goroutine\?debug=2\); a crash traceback: SIGQUIT: quit \(line 1\)$/);
  });
});
