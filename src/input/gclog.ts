/**
 * A GODEBUG=gctrace=1 log: a program's standard error. A program that crashed wrote its GC lines
 * and then the crash there (`panic: …` or `fatal error: …` and its goroutines: go1.19 freezes the
 * world before it prints them, so GC lines come before it, and one that a GC finishing writes may
 * follow). Such a log is read as both: its GC lines by the GC log grammar, the crash by the
 * traceback grammar, each line at its line of the input (the other reader is given an empty line
 * in its place), so InputContents holds the gcLog and the crash's goroutines. A dump of another
 * kind in the log (`cat gc.log heap.txt`), or a goroutine?debug=2 dump without a crash's first
 * line, is refused in one line, as a GC log after a dump is (foreign.ts).
 */
import { countNewlines } from '../grammar/common/chunks.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import { GcTraceReader } from '../grammar/gctrace/index.js';
import { TracebackReader } from '../grammar/traceback/index.js';
import { CRASH_PREAMBLE, type InputContents } from './contents.js';
import { isGcRuntimeLine } from './exposed.js';
import { documentAfter, dumpAfter, dumpAt, dumpIn, foreignIn, GCLOG_ALONE } from './foreign.js';

/** How many lines above a crash's first goroutine its first line (`panic: …`) is looked for: `fatal error:` prints its `runtime stack:` before. */
const PREAMBLE_LINES = 200;

/** A line longer than this without a line end is read as it is (no line is; a damaged file). */
const MAX_CARRY = 1 << 20;

/** Reads a GC log's whole lines (GcLogReader.push), its crash apart once it starts. */
class GcLogReader {
  private readonly gc: GcTraceReader;
  private crash: TracebackReader | undefined;
  /** The input's lines given to the readers so far. */
  private lines = 0;
  /** A chunk's last lines from a crash's first line on (`panic: …`), held for the next chunk, where its first goroutine may be. */
  private held = '';

  /** `line`: the input's line the log starts on (after a crash's output: readDocuments). */
  constructor(private readonly source: string, line = 1) {
    this.gc = new GcTraceReader(source).startAt(line);
    this.lines = line - 1;
  }

  /** `chunk`: whole lines (the input's last may have no line end). */
  push(chunk: string): void {
    const t = this.held + chunk;
    this.held = '';
    const found = dumpIn(t, true);
    // A /metrics page or /debug/vars after the log (`cat gctrace.log metrics.txt`), or after its crash.
    const other = foreignIn(t, true, 'gctrace');
    if (other && (!found || other.at < found.at || found.header.kind === 'goroutine-traceback')) throw documentAfter(t, other, this.lines, this.source, GCLOG_ALONE);
    if (this.crash) this.split(t, this.lines);
    else if (found) {
      const start = found.header.kind === 'goroutine-traceback' ? crashAbove(t, found.at) : undefined;
      if (start === undefined) throw dumpAfter(t, found, this.lines, this.source, GCLOG_ALONE);
      const above = t.slice(0, start);
      this.gc.push(above);
      this.crash = new TracebackReader(this.source).startAt(this.lines + countNewlines(above) + 1);
      this.split(t.slice(start), this.lines + countNewlines(above));
    } else {
      // Only the log's reader reads a chunk without a goroutine: most end in a GC line, which ends the search.
      const hold = crashAbove(t, t.length);
      this.held = hold === undefined ? '' : t.slice(hold);
      this.gc.push(hold === undefined ? t : t.slice(0, hold));
    }
    this.lines += countNewlines(t) - countNewlines(this.held);
  }

  /**
   * Lines of the crash (the input's from line `lineBefore` + 1): the runtime's GC lines among them
   * go to the log's reader, the others to the crash's; a dump of another kind after it is refused.
   */
  private split(t: string, lineBefore: number): void {
    const gc: string[] = [];
    const crash: string[] = [];
    for (let from = 0; from < t.length;) {
      const other = t.startsWith('heap profile:', from) || t.startsWith('goroutine', from) ? dumpAt(t, from) : undefined;
      if (other && other.header.kind !== 'goroutine-traceback') throw dumpAfter(t, other, lineBefore, this.source, GCLOG_ALONE);
      const nl = t.indexOf('\n', from);
      const end = nl < 0 ? t.length : nl + 1;
      const line = t.slice(from, end);
      const ofLog = isGcRuntimeLine(nl < 0 ? line : t.slice(from, nl));
      (ofLog ? gc : crash).push(line);
      (ofLog ? crash : gc).push(nl < 0 ? '' : '\n');
      from = end;
    }
    this.gc.push(gc.join(''));
    this.crash?.push(crash.join(''));
  }

  end(): InputContents {
    if (this.held) {
      const held = this.held;
      this.held = '';
      this.gc.push(held);
    }
    const { log, diagnostics } = this.gc.end();
    const crash = this.crash?.end();
    const all: Diagnostic[] = crash ? [...diagnostics, ...crash.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column) : diagnostics;
    return {
      ...(log.cycles.length > 0 ? { gcLog: log } : {}),
      ...(crash ? { goroutines: { traceback: crash.dump } } : {}),
      diagnostics: all,
    };
  }
}

/**
 * Where a crash's output starts above t[at] (a line start: its first goroutine header, or the
 * text's end): its first line (CRASH_PREAMBLE), among the PREAMBLE_LINES lines above, back to the
 * last GC line. Undefined when there is none (above a header: a goroutine?debug=2 dump, not a crash).
 */
function crashAbove(t: string, at: number): number | undefined {
  let start: number | undefined;
  let end = at > 0 && t[at - 1] === '\n' ? at - 1 : at; // the end of the line above
  for (let n = 0; n < PREAMBLE_LINES && end > 0; n++) {
    const from = t.lastIndexOf('\n', end - 1) + 1;
    const line = t.slice(from, end);
    if (isGcRuntimeLine(line)) break;
    if (CRASH_PREAMBLE.test(line)) start = from;
    end = from - 1;
  }
  return start;
}

/**
 * Reads a GC log (see the module): its GC lines, and a crash's goroutines when the program
 * crashed. `line`: the input's line it starts on, when a crash's output came first (documents.ts).
 */
export async function readGcLog(text: AsyncIterable<string>, source: string, line = 1): Promise<InputContents> {
  const reader = new GcLogReader(source, line);
  let carry = '';
  for await (const piece of text) {
    const tail = piece.lastIndexOf('\n') + 1;
    if (tail === 0 && carry.length + piece.length < MAX_CARRY) {
      carry += piece;
      continue;
    }
    const whole = tail === 0 ? carry + piece : carry + piece.slice(0, tail);
    carry = tail === 0 ? '' : piece.slice(tail);
    reader.push(whole);
  }
  if (carry) reader.push(carry);
  return reader.end();
}
