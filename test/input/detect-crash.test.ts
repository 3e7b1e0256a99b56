/**
 * A crash's output is a goroutine traceback: its first line is the runtime's preamble (`panic:`,
 * `fatal error:`, `SIGQUIT:`), with goroutine headers below. A goroutine dump behind other lines is
 * refused with where the dump starts, never as "not a Go heap dump".
 */
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/input/detect.js';
import { wrongKind } from '../../src/input/kinds.js';
import { readFixture } from '../helpers/fixtures.js';

const DIR = 'captured/go1.19-audit-gor';

function head(text: string): Buffer {
  return Buffer.from(text.slice(0, 65536));
}

describe("detecting a crash's output", () => {
  it('panic, fatal error, SIGQUIT and runtime: first lines are goroutine tracebacks', () => {
    expect(detectKind(head(readFixture(`${DIR}/gorsys/crash-all.txt.gz`)))).toEqual({ kind: 'goroutine-traceback', firstLine: 'panic: crash for traceback' });
    expect(detectKind(head(readFixture(`${DIR}/gorsys/deadlock.txt`)))).toEqual({ kind: 'goroutine-traceback', firstLine: 'fatal error: all goroutines are asleep - deadlock!' });
    expect(detectKind(head(readFixture(`${DIR}/gorleak/sigquit.txt.gz`)))).toEqual({ kind: 'goroutine-traceback', firstLine: 'SIGQUIT: quit' });
    expect(detectKind(head(readFixture(`${DIR}/crashes/overflow.txt`))).kind).toBe('goroutine-traceback');
  });

  it('a panic line with no goroutine below it (GOTRACEBACK=none, or a log) is not a traceback', () => {
    expect(detectKind(head('panic: boom\n\nexit status 2\n'))).toEqual({ kind: 'unknown', firstLine: 'panic: boom' });
  });

  it('a goroutine dump behind log lines: refused with the line it starts on and how to cut it', () => {
    const d = detectKind(head(`2026/12/05 server starting\nlistening on :8080\n\n${readFixture(`${DIR}/crashes/nil.txt`)}`));
    expect(d).toEqual({ kind: 'unknown', firstLine: '2026/12/05 server starting', tracebackStart: { line: 4, text: 'panic: runtime error: invalid memory address or nil pointer' } });
    const error = wrongKind('app.log', d, 'heapdoc analyze reads …');
    expect(error.message).toBe('app.log: a goroutine dump with other lines above it: the first line is "2026/12/05 server starting", '
      + 'and the dump starts on line 4 ("panic: runtime error: invalid memory address or nil pointer")');
    expect(error.hint).toBe("cut the lines above it: tail -n +4 FILE > dump.txt (a crash's output is read from its 'panic:', 'fatal error:' or 'SIG…:' line on)");
    expect(error.message).not.toContain('not a Go heap dump');
  });
});
