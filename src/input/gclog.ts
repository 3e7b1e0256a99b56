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
import { TracebackReader, type TracebackParseResult } from '../grammar/traceback/index.js';
import { CRASH_PREAMBLE, type GoroutineDump, type InputContents, type StreamDocument } from './contents.js';
import { isGcRuntimeLine } from './exposed.js';
import { documentAfter, dumpAfter, dumpAt, dumpIn, foreignIn, GCLOG_ALONE, refuseHttpHeaders } from './foreign.js';

/** How many lines above a crash's first goroutine its first line (`panic: …`) is looked for: `fatal error:` prints its `runtime stack:` before. */
const PREAMBLE_LINES = 200;

/** A line longer than this without a line end is read as it is (no line is; a damaged file). */
const MAX_CARRY = 1 << 20;

/** A crash read in a log: the input's line it starts on, and what its reader read. */
interface Crash {
  line: number;
  read: TracebackParseResult;
}

/**
 * A line a crash's goroutine records may go on with after a GC line among them: a blank line, a
 * goroutine header, a function, file, `created by`, elision or signal line. Another (`done: 97`,
 * the next run's output) ends the crash: the lines from it on are the log's again.
 */
const CRASH_GOES_ON = /^(?:$|goroutine \d|\t|created by |\.\.\.|\[)|\)\r?$/;

/** Reads a GC log's whole lines (GcLogReader.push), each crash in it apart while it lasts. */
class GcLogReader {
  private readonly gc: GcTraceReader;
  /** The crash being read, and the input's line it started on. */
  private crash: { line: number; reader: TracebackReader } | undefined;
  /** A GC line came among the current crash's lines: the next other line may end it (CRASH_GOES_ON). */
  private gcInCrash = false;
  private readonly crashes: Crash[] = [];
  /** The input's lines given to the readers so far. */
  private lines = 0;
  /** A chunk's last lines from a crash's first line on (`panic: …`), held for the next chunk, where its first goroutine may be. */
  private held = '';

  /** `line`: the input's line the log starts on; `before`: a crash read above it (readDocuments). */
  constructor(private readonly source: string, line = 1, before?: Crash) {
    this.gc = new GcTraceReader(source).startAt(line);
    this.lines = line - 1;
    if (before) this.crashes.push(before);
  }

  /** `chunk`: whole lines (the input's last may have no line end). */
  push(chunk: string): void {
    const t = this.held + chunk;
    this.held = '';
    this.read(t, this.lines);
    this.lines += countNewlines(t) - countNewlines(this.held);
  }

  /** Whole lines, the input's from line `lineBefore` + 1. */
  private read(t: string, lineBefore: number): void {
    const found = dumpIn(t, true);
    // A /metrics page or /debug/vars after the log (`cat gctrace.log metrics.txt`), or after its crash.
    const other = foreignIn(t, true, 'gctrace');
    // `curl -i` output after the log (`cat gctrace.log heap-curl-i.txt`): its status line, before the dump it stands above; chunks
    // are whole lines, so one without a line end is the input's last, whole.
    refuseHttpHeaders(t, true, lineBefore, this.source, [found?.at, other?.at], !t.endsWith('\n'));
    if (other && (!found || other.at < found.at || found.header.kind === 'goroutine-traceback')) throw documentAfter(t, other, lineBefore, this.source, GCLOG_ALONE);
    let end: number | undefined;
    if (this.crash) end = this.split(t, lineBefore);
    else if (found) {
      const start = found.header.kind === 'goroutine-traceback' ? crashAbove(t, found.at) : undefined;
      if (start === undefined) throw dumpAfter(t, found, lineBefore, this.source, GCLOG_ALONE);
      const above = t.slice(0, start);
      this.gc.push(above);
      const line = lineBefore + countNewlines(above) + 1;
      this.crash = { line, reader: new TracebackReader(this.source).startAt(line) };
      end = this.split(t.slice(start), line - 1);
      if (end !== undefined) end += start;
    } else {
      // Only the log's reader reads a chunk without a goroutine: most end in a GC line, which ends the search.
      const hold = crashAbove(t, t.length);
      this.held = hold === undefined ? '' : t.slice(hold);
      this.gc.push(hold === undefined ? t : t.slice(0, hold));
    }
    // The crash ended (its output over, the log's lines again): what follows is read as the log, where another may start.
    if (end !== undefined) this.read(t.slice(end), lineBefore + countNewlines(t.slice(0, end)));
  }

  /**
   * Lines of the crash (the input's from line `lineBefore` + 1): the runtime's GC lines among them
   * go to the log's reader, the others to the crash's, until a line after a GC line that no
   * goroutine record goes on with (CRASH_GOES_ON), where the crash ends: where in `t`, or undefined
   * while it lasts. A dump of another kind after it is refused.
   */
  private split(t: string, lineBefore: number): number | undefined {
    const gc: string[] = [];
    const crash: string[] = [];
    let ended: number | undefined;
    for (let from = 0; from < t.length;) {
      const other = t.startsWith('heap profile:', from) || t.startsWith('goroutine', from) ? dumpAt(t, from) : undefined;
      if (other && other.header.kind !== 'goroutine-traceback') throw dumpAfter(t, other, lineBefore, this.source, GCLOG_ALONE);
      const nl = t.indexOf('\n', from);
      const end = nl < 0 ? t.length : nl + 1;
      const line = t.slice(from, end);
      const text = nl < 0 ? line : t.slice(from, nl);
      const ofLog = isGcRuntimeLine(text);
      if (!ofLog && this.gcInCrash && !CRASH_GOES_ON.test(text)) {
        ended = from;
        break;
      }
      this.gcInCrash = ofLog;
      (ofLog ? gc : crash).push(line);
      (ofLog ? crash : gc).push(nl < 0 ? '' : '\n');
      from = end;
    }
    this.gc.push(gc.join(''));
    this.crash?.reader.push(crash.join(''));
    if (ended !== undefined) this.endCrash();
    return ended;
  }

  private endCrash(): void {
    if (this.crash) this.crashes.push({ line: this.crash.line, read: this.crash.reader.end() });
    this.crash = undefined;
    this.gcInCrash = false;
  }

  end(): InputContents {
    if (this.held) {
      const held = this.held;
      this.held = '';
      this.gc.push(held);
    }
    this.endCrash();
    const { log, diagnostics } = this.gc.end();
    const all: Diagnostic[] = [...diagnostics, ...this.crashes.flatMap((c) => c.read.diagnostics)].sort((a, b) => a.line - b.line || a.column - b.column);
    const dumps: GoroutineDump[] = this.crashes.map((c) => ({ traceback: c.read.dump }));
    const [first] = dumps;
    // Several crashes (runs appended to one file): each a document of the input, as dumps concatenated are.
    const several = dumps.length > 1 ? { goroutineDumps: dumps, documents: this.crashes.map((c, i): StreamDocument => ({ line: c.line, goroutines: dumps[i] ?? { traceback: c.read.dump } })) } : {};
    return {
      // A log of several processes interleaved is none's: its error says so, and nothing judges it (no "7 restarts").
      ...(log.cycles.length > 0 && log.interleaved === undefined ? { gcLog: log } : {}),
      ...(first ? { goroutines: first, ...several } : {}),
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
 * crashed. `line`: the input's line it starts on, when a crash's output came first; `before`: what
 * that crash's reader read (documents.ts).
 */
export async function readGcLog(text: AsyncIterable<string>, source: string, line = 1, before?: TracebackParseResult): Promise<InputContents> {
  const reader = new GcLogReader(source, line, before && { line: 1, read: before });
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
