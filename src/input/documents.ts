/**
 * Dumps of several kinds in one stream (`cat snap*.txt | heapdoc` of a capture folder: each
 * moment's heap, allocs, goroutine?debug=1 and goroutine?debug=2 dumps, one after the other). The
 * stream is cut by content into its documents as it is read: a `heap profile:` line, a
 * `goroutine profile: total N` (or `goroutineleak profile:`) line, or a debug=2 `goroutine N [`
 * block starts a document when it follows a document of another kind; a debug=2 block also starts
 * one when its goroutine id is one of the first FIRST_IDS the dump listed, or it is a second
 * `[running]` block (a debug=2 dump starts with the one goroutine running, the handler's; then come
 * goroutine 1, main, and the runtime's own, which every dump of a process lists). Each document is read by its
 * own kind's grammar, chunk by chunk, with the stream's line numbers (GrammarReader.startAt), so a
 * diagnostic says the line of the stream. Dumps of one kind one after the other go to one reader,
 * which splits them at their headers as it does for a file of them (concatenated.ts).
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { GoroutineProfile, GoroutineProfileParseResult } from '../grammar/goroutine/index.js';
import type { HeapParseResult } from '../grammar/heap/index.js';
import type { TracebackParseResult } from '../grammar/traceback/index.js';
import { FOREIGN_HEAD, foreignAfterDumps, foreignIn, LineCuts, refuseHttpHeaders, type ForeignStart } from './foreign.js';
import { CRASH_PREAMBLE, headerAt, headerWordAt, type DocumentKind, type Header, type InputContents, type StreamDocument } from './contents.js';
export type { DocumentKind, StreamDocument } from './contents.js';

/** What a part's reader is: a GrammarReader of its kind. */
interface PartReader {
  push(text: string): void;
  end(): HeapParseResult | GoroutineProfileParseResult | TracebackParseResult;
  readonly lineCount: number;
}

/** A run of documents of one kind, read by one reader. */
interface Part {
  kind: DocumentKind;
  line: number;
  reader: PartReader;
}

/**
 * How many of a debug=2 dump's first goroutine ids a block's is checked against for a repeat: those
 * of main and the runtime's goroutines, listed first in every dump (allgs order), are among them. A
 * set of every id (77,000 in a big dump) cost a third of the stream reader's time.
 */
const FIRST_IDS = 64;

/** How many characters of a line start are held back, when a chunk ends inside it, to tell whether it starts a document. */
const HOLD = 256;

async function newReader(kind: DocumentKind, source: string, line: number): Promise<PartReader> {
  if (kind === 'heap') return new (await import('../grammar/heap/index.js')).HeapDumpReader(source).startAt(line);
  if (kind === 'goroutine-traceback') return new (await import('../grammar/traceback/index.js')).TracebackReader(source).startAt(line);
  return new (await import('../grammar/goroutine/index.js')).GoroutineProfileReader(source).startAt(line);
}

/** Cuts a stream into documents as it comes (see the module); `finish` gives what was read. */
class DocumentSplitter {
  private readonly parts: { kind: DocumentKind; line: number; result: ReturnType<PartReader['end']> }[] = [];
  private current: Part;
  /** The first goroutine ids of the current debug=2 dump (FIRST_IDS), and whether it listed a running one. */
  private ids = new Set<number | string>();
  private sawRunning = false;
  /** The start of a line cut at a chunk's end, held back until it can be classified. */
  private pending: string | undefined;
  /** The last chunk ended inside a line that was already classified. */
  private midLine = false;
  /**
   * The stream starts with a crash's output (`panic: …`, `fatal error: …`): one document, whose
   * goroutines running on other threads are `[running]` too (runtime/traceback.go), so a second
   * `[running]` block starts no new dump in it.
   */
  private crash: boolean | undefined;
  /** Where nextHeader found the chunk's next line that may start a document (-1: none left), for the chunk `headerIn`. */
  private headerAt = -1;
  private headerIn: string | undefined;

  constructor(private readonly source: string, first: DocumentKind, reader: PartReader) {
    this.current = { kind: first, line: 1, reader };
  }

  /** The stream's lines read so far (the current reader's, which starts at its document's line). */
  get lineCount(): number {
    return this.current.reader.lineCount;
  }

  /** The stream so far is one crash's output (a program's standard error, which a GC log may follow: readDocuments). */
  get loneCrash(): boolean {
    return this.crash === true && this.parts.length === 0 && this.current.kind === 'goroutine-traceback';
  }

  /** What the reader of a lone crash (loneCrash) read: the stream from here on is a GC log's. */
  endCrash(): TracebackParseResult {
    return this.current.reader.end() as TracebackParseResult;
  }

  /** The start of a line held back at the last chunk's end, no longer the splitter's to read. */
  takePending(): string {
    const pending = this.pending ?? '';
    this.pending = undefined;
    return pending;
  }

  async push(t: string): Promise<void> {
    this.crash ??= CRASH_PREAMBLE.test(t);
    let pos = 0;
    let from = 0;
    if (this.pending !== undefined) {
      const nl = t.indexOf('\n');
      const line = this.pending + (nl < 0 ? t : t.slice(0, nl + 1));
      if (nl < 0 && line.length < HOLD) {
        this.pending = line;
        return;
      }
      this.pending = undefined;
      const header = headerAt(line, 0, line.length);
      if (this.starts(header)) await this.begin(header, '');
      this.current.reader.push(line);
      this.midLine = nl < 0;
      if (nl < 0) return;
      pos = from = nl + 1;
    } else if (this.midLine) {
      const nl = t.indexOf('\n');
      if (nl < 0) {
        this.current.reader.push(t);
        return;
      }
      this.midLine = false;
      pos = nl + 1; // the line's end goes to the reader with what follows
    }
    const tail = t.lastIndexOf('\n') + 1;
    for (let start = this.nextHeader(t, pos, tail); start >= 0; start = this.nextHeader(t, pos, tail)) {
      const end = t.indexOf('\n', start);
      const header = headerAt(t, start, Math.min(end, start + HOLD));
      if (this.starts(header)) {
        await this.begin(header, t.slice(from, start));
        from = start;
      }
      pos = end + 1;
    }
    if (tail === t.length) {
      if (from < t.length) this.current.reader.push(t.slice(from));
      return;
    }
    // The chunk ends inside a line: held back while too short to tell what it starts.
    if (t.length - tail < HOLD) {
      if (from < tail) this.current.reader.push(t.slice(from, tail));
      this.pending = t.slice(tail);
      return;
    }
    const header = headerAt(t, tail, tail + HOLD);
    if (this.starts(header)) {
      await this.begin(header, t.slice(from, tail));
      from = tail;
    }
    this.current.reader.push(t.slice(from));
    this.midLine = true;
  }

  /**
   * The next line start in t[pos, tail) that may start a document (`heap profile:`,
   * `goroutine…`); -1 when none. The line at `pos` is a line start.
   */
  private nextHeader(t: string, pos: number, tail: number): number {
    if (pos >= tail) return -1;
    // Found for the chunk until passed, not searched again from each line start (a debug=2 dump
    // has a header a goroutine block; a heap dump has none in 100 MB).
    if (this.headerIn !== t || (this.headerAt >= 0 && this.headerAt < pos)) {
      this.headerIn = t;
      this.headerAt = headerWordAt(t, pos, true);
    }
    const next = this.headerAt;
    return next < 0 || next >= tail ? -1 : next;
  }

  /**
   * Whether a line that is `header` starts a document: one of another kind, or a new debug=2 dump
   * (see the module). Decided without waiting (a big debug=2 dump has 77,000 block headers); a
   * header that starts nothing is noted for the current dump.
   */
  private starts(header: Header | undefined): header is Header {
    if (!header) return false;
    const { kind, id, running } = header;
    const traceback = this.current.kind === 'goroutine-traceback';
    if (kind !== this.current.kind || (traceback && id !== undefined && (this.ids.has(id) || (running === true && this.sawRunning && this.crash !== true)))) return true;
    this.note(header);
    return false;
  }

  /** Ends the current reader, the text `before` the header given to it first, and starts one of the header's kind at its line. */
  private async begin(header: Header, before: string): Promise<void> {
    if (before) this.current.reader.push(before);
    const { kind: was, line: at, reader } = this.current;
    this.parts.push({ kind: was, line: at, result: reader.end() });
    const next = reader.lineCount + 1;
    this.current = { kind: header.kind, line: next, reader: await newReader(header.kind, this.source, next) };
    this.ids = new Set();
    this.sawRunning = false;
    this.note(header);
  }

  /** A debug=2 block's id and state, for the repeat check of the dump it is in. */
  private note({ id, running }: Header): void {
    if (id === undefined) return;
    if (this.ids.size < FIRST_IDS) this.ids.add(id);
    this.sawRunning ||= running === true;
  }

  finish(): InputContents {
    if (this.pending !== undefined) this.current.reader.push(this.pending);
    this.parts.push({ kind: this.current.kind, line: this.current.line, result: this.current.reader.end() });
    const [only] = this.parts;
    if (this.parts.length === 1 && only) return contentsOf(only.kind, only.result);
    const documents = this.parts.flatMap(({ kind, line, result }) => documentsOf(kind, line, result));
    const heaps = documents.flatMap((d) => ('heap' in d ? [d.heap] : []));
    const goroutineDumps = documents.flatMap((d) => ('goroutines' in d ? [d.goroutines] : []));
    const diagnostics: Diagnostic[] = this.parts.flatMap(({ result }) => result.diagnostics);
    const [heap] = heaps;
    const [goroutines] = goroutineDumps;
    return { ...(heap ? { heap, heaps } : {}), ...(goroutines ? { goroutines, goroutineDumps } : {}), documents, diagnostics };
  }
}

/** What one reader read, as InputContents: what a file of its kind gives. */
function contentsOf(kind: DocumentKind, result: ReturnType<PartReader['end']>): InputContents {
  if ('dump' in result && kind === 'heap') {
    const { dump, dumps, diagnostics } = result as HeapParseResult;
    return dumps ? { heap: dump, heaps: dumps, diagnostics } : { heap: dump, diagnostics };
  }
  if ('profile' in result) {
    const { profile, profiles, diagnostics } = result;
    return profiles ? { goroutines: { profile }, goroutineDumps: profiles.map((p) => ({ profile: p })), diagnostics } : { goroutines: { profile }, diagnostics };
  }
  return { goroutines: { traceback: (result as TracebackParseResult).dump }, diagnostics: result.diagnostics };
}

/** The documents one reader read, each with the line it starts on (a further dump of its kind: its header's). */
function documentsOf(kind: DocumentKind, line: number, result: ReturnType<PartReader['end']>): StreamDocument[] {
  if (kind === 'heap') {
    const { dump, dumps } = result as HeapParseResult;
    return (dumps ?? [dump]).map((heap, i) => ({ line: i === 0 ? line : heap.header?.position.line ?? line, heap }));
  }
  if ('profile' in result) {
    const profiles: GoroutineProfile[] = result.profiles ?? [result.profile];
    return profiles.map((profile, i) => ({ line: i === 0 ? line : profile.header?.position.line ?? line, goroutines: { profile } }));
  }
  return [{ line, goroutines: { traceback: (result as TracebackParseResult).dump } }];
}

/**
 * Reads an input whose first document is of kind `first`, cutting it into documents where it
 * holds others (see the module). An input of one kind gives what its grammar gives alone; one of
 * several, InputContents `documents` in stream order. A crash's output followed by GC lines (the
 * standard error of two runs appended to one file: `./prog 2>>gc.log` twice, the first crashed) is
 * read as the crash and, from the first GC line on, a GC log (gclog.ts: a later crash in it a
 * second document).
 */
export async function readDocuments(text: AsyncIterable<string>, source: string, first: DocumentKind): Promise<InputContents> {
  const splitter = new DocumentSplitter(source, first, await newReader(first, source, 1));
  // A /metrics page, /debug/vars or a GC log in the stream is refused in one line (foreign.ts);
  // the line a chunk ended inside is checked with the next chunk's start.
  const cuts = new LineCuts();
  let found: { text: string; start: ForeignStart; lineBefore: number } | undefined;
  // `curl -i` output (a status line and headers above a dump) is refused in one line at its status line, as at a file's first line (kinds.ts).
  const check = (t: string, atLineStart: boolean, lineBefore: number): void => {
    if (found) return;
    const start = foreignIn(t, atLineStart);
    refuseHttpHeaders(t, atLineStart, lineBefore, source, [start?.at]);
    if (start) found = { text: t, start, lineBefore };
  };
  const chunks = text[Symbol.asyncIterator]();
  for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
    const chunk = next.value;
    cuts.next(chunk, splitter.lineCount, check);
    if (!found) await splitter.push(chunk);
    else return readFromForeign(splitter, chunk, found, chunks, source);
  }
  // A status line the stream ends with, without a line end, is `curl -i` output still (LineCuts.last), not a dump's line cut short.
  const last = cuts.last();
  if (last !== undefined) refuseHttpHeaders(last, true, splitter.lineCount, source, [], true);
  return splitter.finish();
}

/**
 * The rest of an input from the chunk in which `found` starts another document (readDocuments): a
 * GC log after a lone crash's output, or the error that says what else the input holds. A function
 * of its own: in readDocuments' loop, which runs once a 64 KiB piece, its awaits made the code V8
 * optimizes for that loop larger.
 */
async function readFromForeign(
  splitter: DocumentSplitter, chunk: string, found: { text: string; start: ForeignStart; lineBefore: number },
  chunks: AsyncIterator<string>, source: string,
): Promise<InputContents> {
  // Where in the chunk the document starts: found in the chunk, or in the line the last chunk ended inside (LineCuts), held back by the splitter.
  const at = found.text === chunk ? found.start.at : found.start.at - (found.text.length - Math.min(chunk.length, FOREIGN_HEAD));
  if (at > 0) await splitter.push(chunk.slice(0, at));
  if (found.start.kind !== 'gctrace' || !splitter.loneCrash) throw foreignAfterDumps(found.text, found.start, found.lineBefore, source);
  const log = splitter.takePending() + chunk.slice(Math.max(at, 0));
  const line = splitter.lineCount + 1;
  const { readGcLog } = await import('./gclog.js'); // its grammar loaded only for such a log
  return readGcLog(restOf(log, chunks), source, line, splitter.endCrash());
}

/** `first`, then what `rest` gives. */
async function* restOf(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}
