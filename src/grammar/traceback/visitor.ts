/**
 * CST → model. Stateful across chunks: a goroutine's lines may arrive in the next chunk, so the
 * builder keeps the record being read, pairs each function line with the file line under it, and
 * folds each finished record into the `GoroutineStack` of the same state, labels, frames and
 * creator. Frames and file lines are interned.
 */
import type { IToken } from 'chevrotain';
import { node, token, type Children } from '../common/cst.js';
import { labelsKey, parseLabels, type Labels } from '../common/labels.js';
import type { Position } from '../common/positions.js';
import { CACHED_LINE_START } from '../common/linereader.js';
import { lineVisitor } from '../common/linevisitor.js';
import { detach } from '../common/strings.js';
import { formatCount } from '../../text/units.js';
import { TRACEBACK_LIMIT_BYTES, type Crash, type CreatedBy, type Elision, type GoroutineStack, type TraceFrame, type TracebackDump } from './model.js';
import { tracebackParser } from './parser.js';

/** What a header line says. */
export interface HeaderInfo {
  id: number;
  state: string;
  flags: string[];
  waitMinutes: number | undefined;
  locked: boolean;
  /** The label set's text and its 0-based offset in the header text. */
  labels: { text: string; offset: number } | undefined;
}

const HEADER_TEXT = /^goroutine +(\d+)((?: +[a-z]+=[^\s[\]]*)*) +\[([^\]]*)\] *(\{.*\})?:$/;
/** Flags the runtime appends to the status inside the bracket (` (scan)` while the GC scans the stack…). */
const STATE_FLAG = / \((scan|leaked|durable)\)$/;
const MINUTES = /^(\d+) minutes?$/;

/** Reads a header line's text (without its line end); undefined when it is not a header. */
export function parseHeaderText(text: string): HeaderInfo | undefined {
  const m = HEADER_TEXT.exec(text);
  if (!m) return undefined;
  let content = m[3] ?? '';
  const bracketAt = text.indexOf('[') + 1;
  let labels: HeaderInfo['labels'] = m[4] !== undefined ? { text: m[4], offset: text.length - 1 - m[4].length } : undefined;
  // The first proposal's form (CL 694119), inside the bracket: `[running labels:{"k": "v"}]`.
  const inline = content.indexOf(' labels:{');
  if (labels === undefined && inline >= 0 && content.endsWith('}')) {
    labels = { text: content.slice(inline + ' labels:'.length), offset: bracketAt + inline + ' labels:'.length };
    content = content.slice(0, inline);
  }
  const parts = content.split(', ');
  let state = parts[0] ?? '';
  const flags: string[] = [];
  for (let f = STATE_FLAG.exec(state); f; f = STATE_FLAG.exec(state)) {
    flags.unshift(f[1] ?? '');
    state = state.slice(0, f.index);
  }
  let waitMinutes: number | undefined;
  let locked = false;
  for (const part of parts.slice(1)) {
    const minutes = MINUTES.exec(part);
    if (minutes) waitMinutes = Number(minutes[1]);
    else if (part === 'locked to thread') locked = true;
    else flags.push(part);
  }
  return { id: Number(m[1]), state, flags, waitMinutes, locked, labels };
}

/** A `\tfile:line +0x…` line. */
export interface FileLocation {
  file: string;
  line: number;
  offset: string | undefined;
  /** The line's text: part of the frame key. */
  text: string;
}

const FILE_TEXT = /^\t(.*):(\d+)(?: \+(0x[0-9a-fA-F]+))?(?: [a-z]+=0x[0-9a-fA-F]+)*$/;

function parseFileText(text: string): FileLocation | undefined {
  const m = FILE_TEXT.exec(text);
  if (!m) return undefined;
  return { file: m[1] ?? '', line: Number(m[2]), offset: m[3], text };
}

/** A function line read before: what its text says (memoized by the line's exact text). */
export interface KnownCall {
  function: string;
  inlined: boolean;
  /** The file line last read under this function line, and the frame the two made (a function line is nearly always followed by the same file line). */
  lastLocation: FileLocation | undefined;
  lastFrame: InternedFrame | undefined;
}

/** A `created by F in goroutine N` line read before (memoized by the line's exact text). */
export interface KnownCreator {
  creator: string;
  goroutine: number | undefined;
}

/** What a line served from the caches is. */
export type KnownLine = FileLocation | KnownCall | KnownCreator;

/** Function and `created by` lines kept for reuse: bounded, since arguments and ids can make every line distinct. */
const MAX_CACHED_CALLS = 1 << 16;

const CREATED_BY = /^created by (.+?)(?: in goroutine (\d+))?$/;

/** `text` holds `prefix` at `start` (a few character compares: cheaper than `startsWith` with a position). */
function hasPrefixAt(text: string, start: number, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(start + i) !== prefix.charCodeAt(i)) return false;
  return true;
}

interface InternedFrame {
  frame: TraceFrame;
  id: number;
}

/** Stacks are found by walking their frame ids down this trie, then by the rest of their key. */
interface StackTrieNode {
  children: Map<number, StackTrieNode>;
  stacks: Map<string, GoroutineStack> | undefined;
  /** The stack last found here: the next goroutine with these frames is most often alike. */
  last: GoroutineStack | undefined;
}

/** The kind of the record's last line; `bad` for a line that could not be read. */
type LastLine = 'header' | 'call' | 'file' | 'created' | 'elided' | 'originating' | 'bad';

/** The goroutine being read. */
interface OpenRecord {
  id: number;
  state: string;
  flags: string[];
  waitMinutes: number | undefined;
  locked: boolean;
  labels: Labels | undefined;
  frames: TraceFrame[];
  frameIds: number[];
  /** The function line waiting for its file line, and where it is (a Position is made only for a new frame or a warning). */
  pending: KnownCall | undefined;
  pendingLine: number;
  pendingColumn: number;
  createdBy: CreatedBy | undefined;
  /** A `created by` line was read; its file line comes next. */
  expectCreatedFile: boolean;
  elided: Elision | undefined;
  /** After `[originating from goroutine N]:`: the frames are an ancestor's and are not kept. */
  inAncestors: boolean;
  stackUnavailable: boolean;
  last: LastLine;
  /** The last file line read had no ` +0x…` offset (an inlined call's; a whole line at a record's end always has one). */
  fileWithoutOffset: boolean;
  position: Position;
}

/**
 * True when `record` has the key of `stack` (found at the same trie node, so the same frames),
 * for the common case of no flags, labels or elision: the same state, creator and marks.
 */
function sameAsPlain(stack: GoroutineStack, record: OpenRecord, truncated: boolean): boolean {
  return record.flags.length === 0 && record.labels === undefined && record.elided === undefined
    && stack.flags.length === 0 && stack.labels === undefined && stack.elided === undefined
    && stack.state === record.state && stack.createdBy === record.createdBy
    && stack.stackUnavailable === record.stackUnavailable && stack.truncated === truncated;
}

/** Why a final record is incomplete, for the warning. */
export interface CutLine {
  line: number;
  text: string;
}

/** The runtime's throws when the OS gives it no more memory (mcache.go, mem_linux.go's sysMap, malloc.go's persistentalloc). */
const OUT_OF_MEMORY_THROWS = new Set(['out of memory', 'runtime: out of memory', 'runtime: cannot allocate memory']);

/** A panic message is kept up to this many characters (a panic can print a whole value). */
const CRASH_MESSAGE_CHARS = 4096;

export class TracebackBuilder extends lineVisitor(tracebackParser) {
  private readonly stackTrie: StackTrieNode = { children: new Map(), stacks: undefined, last: undefined };
  /** Interned creators and their ids (part of a stack's key). */
  private readonly creatorIds = new Map<CreatedBy, number>();
  private readonly stacks: GoroutineStack[] = [];
  private goroutineCount = 0;
  private threadStacks = 0;
  private current: OpenRecord | undefined;
  /** After a line that could not be read (or an orphan line was reported), until the next header or blank line. */
  private discarding = false;
  /** Frames by file line text, then by function (a `.` appended for an inlined call). */
  private readonly frameCache = new Map<string, Map<string, InternedFrame>>();
  private frameCount = 0;
  /** Header fields by the header's text after the goroutine id (bounded: labels can make every header unique). */
  private readonly headerCache = new Map<string, Omit<HeaderInfo, 'id'>>();
  /** File lines by their exact text: most file lines of a dump repeat. */
  private readonly fileCache = new Map<string, FileLocation>();
  /** Function lines by their exact text: in a dump of many alike goroutines most repeat. */
  private readonly callCache = new Map<string, KnownCall>();
  /** `created by` lines by their exact text: goroutines started by one goroutine's `go` statement share theirs. */
  private readonly createdCache = new Map<string, KnownCreator>();
  /** Creators by their file line (interned FileLocations), then by function. */
  private readonly creatorCache = new Map<FileLocation, Map<string, CreatedBy>>();
  private truncated = false;
  /** What a crash's preamble said (the first `panic:`, `fatal error:` or `SIGQUIT:` line). */
  private crash: Crash | undefined;
  /** `runtime: out of memory: cannot allocate N-byte block (M in use)`, for the `fatal error: out of memory` under it. */
  private outOfMemoryLine: { requestBytes: number; heapSysBytes: number } | undefined;
  /** After a `panic:` or `fatal error:` line, up to the blank line under it: a message may run over several lines. */
  private crashMessageOpen = false;

  /**
   * A file, function or `created by` line read before, by its exact text (the line cache of
   * common/linereader.ts). Headers hold goroutine ids, so they are never cached: they are not
   * looked up.
   */
  knownLine(text: string, start: number, end: number): KnownLine | undefined {
    if (text.charCodeAt(start) === CACHED_LINE_START.fileLine) return this.fileCache.get(text.slice(start, end));
    if (hasPrefixAt(text, start, 'goroutine ')) return undefined;
    if (hasPrefixAt(text, start, 'created by ')) return this.createdCache.get(text.slice(start, end));
    return this.callCache.get(text.slice(start, end));
  }

  /** A line served from the caches at input line `line`. */
  useKnownLine(known: KnownLine, line: number): void {
    if ('file' in known) this.fileLine(known, line);
    else if ('creator' in known) this.knownCreator(known, line);
    else this.knownCall(known, line);
  }

  /** A function line served from the cache at input line `line` (column 1), or read at `column`. */
  private knownCall(call: KnownCall, line: number, column = 1): void {
    const record = this.current ?? this.recordFor({ line, column }, 'a function line');
    if (!record || this.discarding) return;
    this.flushPending(record, true);
    record.pending = call;
    record.pendingLine = line;
    record.pendingColumn = column;
    record.expectCreatedFile = false;
    record.last = 'call';
  }

  /** A blank line ends a goroutine's record (the chunk loop memoizes blank lines). */
  blankLine(): void {
    this.closeRecord(false);
    this.discarding = false;
    this.crashMessageOpen = false;
  }

  /** A line no token reads is the next line of a multi-line panic message (`panic(err)` with a newline in it), not junk. */
  inCrashMessage(): boolean {
    return this.crashMessageOpen && this.current === undefined;
  }

  /**
   * The next line of a multi-line panic message: the message keeps it, after a line end, as the
   * program's value had it (`panic: first line` / `second line(x)` / `\tthird: 12`), up to
   * CRASH_MESSAGE_CHARS.
   */
  crashMessageLine(text: string): void {
    const crash = this.crash;
    if (!crash || !this.inCrashMessage() || crash.message.length >= CRASH_MESSAGE_CHARS) return;
    crash.message = detach(`${crash.message}\n${text.replace(/ \[recovered\]$/, '')}`.slice(0, CRASH_MESSAGE_CHARS));
  }

  /**
   * A line could not be read (it has its own diagnostic). After a bad header, the goroutine's lines
   * belong to nothing and are dropped quietly up to the next header or blank line. A bad line inside
   * a record is passed over: a function line waiting for its file line keeps no file, without a
   * second diagnostic.
   */
  skippedLine(lineText: string): void {
    if (lineText.startsWith('goroutine ')) {
      this.closeRecord(false);
      this.discarding = true;
      return;
    }
    const record = this.current;
    if (!record) return;
    this.flushPending(record, false);
    record.expectCreatedFile = false;
    record.last = 'bad';
  }

  finish(lineCount: number, byteCount: number, cut: CutLine | undefined, lastLineCut: boolean): TracebackDump {
    const record = this.current;
    // The runtime's cut leaves exactly 64 MiB (writeGoroutineStacks stops at a full 64 MiB buffer):
    // a shorter file cut mid-line was cut after it was written (a download or copy that stopped),
    // which a new capture undoes. A few bytes of slack for a character the cut split.
    const runtimeCut = byteCount >= TRACEBACK_LIMIT_BYTES - 3;
    const hint = 'the runtime stops goroutine?debug=2 output at 64 MiB, so goroutines after this one are missing too; '
      + 'goroutine?debug=1 folds identical stacks and stays small';
    const cutHint = (midLine: boolean | undefined): string => (midLine && !runtimeCut
      ? `the file is ${formatCount(byteCount)} bytes, not the 64 MiB the runtime's own cut leaves: it was cut after it was written (a download or a copy that stopped); capture it again and make sure the whole response was saved`
      : hint);
    const severity = (midLine: boolean | undefined): 'error' | 'warning' => (midLine && !runtimeCut ? 'error' : 'warning');
    if (record) {
      const incomplete = record.pending ? 'its last function line has no file line'
        : record.expectCreatedFile ? "its 'created by' line has no file line"
        : record.last === 'header' ? 'it has a header and no frames'
        : record.last === 'elided' || record.last === 'originating' ? 'it ends before the frames that should follow its last line'
        : lastLineCut ? this.unendedRecordEnd(record)
        : undefined;
      const reason = cut ? `it ends in the middle of line ${cut.line}`
        : incomplete !== undefined && lastLineCut ? `it ends in the middle of line ${lineCount}`
        : incomplete ?? (byteCount === TRACEBACK_LIMIT_BYTES ? 'the dump is exactly 64 MiB, where the runtime stops writing' : undefined);
      // A 'created by' line the cut ran through names a function that may itself be cut.
      if (lastLineCut && record.last === 'created') record.createdBy = undefined;
      // Ended mid-line: `cut: true`, as every grammar marks an input cut short (a record that ends
      // at a line's end may be the runtime's 64 MiB stop, which no new capture undoes).
      const midLine = cut !== undefined || (incomplete !== undefined && lastLineCut) ? true : undefined;
      if (reason !== undefined) {
        this.truncated = true;
        this.at.report(record.position, severity(midLine),
          `goroutine ${record.id} is cut short: the dump ends inside its record (${reason}); its stack is incomplete`, cutHint(midLine), midLine);
      }
      this.closeRecord(reason !== undefined);
    } else if (cut) {
      this.truncated = true;
      this.at.report({ line: cut.line, column: 1 }, severity(true), 'the dump ends in the middle of this line (truncated?)', cutHint(true), true);
    }
    return {
      crash: this.crash, goroutineCount: this.goroutineCount, threadStacks: this.threadStacks, stacks: this.stacks, truncated: this.truncated, lineCount, byteCount,
    };
  }

  /**
   * Why a record whose last line is a file line without a line end (the runtime ends every line
   * with one) is cut, though that line reads: the line lacks the ` +0x…` offset the runtime prints
   * after the file line that ends a record (only an inlined call's has none, and its caller's
   * frame follows), so the cut ran through it (`server.go:1991` of `server.go:1991 +0x6d`); or it
   * has no `created by` line, where every other goroutine but goroutine 1 has one (the cut fell
   * after an offset, before the deeper frames and the creator). Undefined when it reads whole.
   */
  private unendedRecordEnd(record: OpenRecord): string | undefined {
    if (record.last !== 'file' || record.stackUnavailable) return undefined;
    if (record.fileWithoutOffset) return 'its last file line has no +0x offset';
    const othersCreated = this.stacks.some((s) => s.createdBy !== undefined) && this.stacks.every((s) => s.createdBy !== undefined || s.ids.includes(1));
    return record.createdBy === undefined && record.id !== 1 && !record.inAncestors && othersCreated ? "it has no 'created by' line" : undefined;
  }

  /**
   * The input's last line was cut mid-line and does not read as a line. A cut header still counts
   * its goroutine (truncated, with an empty state).
   */
  cutLastLine(cut: CutLine): void {
    const header = /^goroutine (\d+)(?: |$)/.exec(cut.text);
    if (header) {
      this.closeRecord(false);
      this.openRecord({ id: Number(header[1]), state: '', flags: [], waitMinutes: undefined, locked: false }, { line: cut.line, column: 1 }, undefined);
    }
  }

  /** The open record, or undefined after reporting a line outside any goroutine (once per run of such lines). */
  private recordFor(position: Position, what: string): OpenRecord | undefined {
    if (this.discarding || this.inCrashMessage()) return undefined;
    if (this.current) return this.current;
    this.at.report(position, 'error', `${what} outside a goroutine (no 'goroutine N [state]:' header above it)`,
      'every goroutine starts with its header line; is the start of the dump or a header line missing?');
    this.discarding = true;
    return undefined;
  }

  line(ctx: Children): void {
    let t: IToken | undefined;
    // A message line that reads as a frame (`second line(x)`) is the message's, not a goroutine's.
    if (this.inCrashMessage() && (t = (ctx.CallLine?.[0] ?? ctx.FileLine?.[0]) as IToken | undefined)) {
      this.crashMessageLine(t.image);
      return;
    }
    if ((t = ctx.FileLine?.[0] as IToken | undefined)) this.file(t);
    else if ((t = ctx.CallLine?.[0] as IToken | undefined)) this.call(t);
    else if ((t = ctx.HeaderLine?.[0] as IToken | undefined)) this.header(t, t.image);
    else if (ctx.headerFields) this.headerFine(ctx);
    else if ((t = ctx.CreatedBy?.[0] as IToken | undefined)) this.createdBy(t);
    else if ((t = ctx.Elided?.[0] as IToken | undefined)) this.elided(t);
    else if ((t = ctx.Originating?.[0] as IToken | undefined)) this.originating(t);
    else if ((t = ctx.StackUnavailable?.[0] as IToken | undefined)) this.unavailable(t);
    else if ((t = ctx.CrashLine?.[0] as IToken | undefined)) this.crashLine(t);
    else this.blankLine();
  }

  /** A header the coarse token did not match, read in fine tokens: its text is the line's. */
  private headerFine(ctx: Children): void {
    const first = token(node(ctx, 'headerFields').children, 'GoroutineKeyword');
    const end = token(ctx, 'Newline').startOffset;
    this.header(first, this.at.text.slice(first.startOffset, this.at.text.charCodeAt(end - 1) === 13 ? end - 1 : end));
  }

  private header(first: IToken, text: string): void {
    const position = this.at.pos(first);
    this.closeRecord(false);
    this.discarding = false;
    this.crashMessageOpen = false;
    const info = this.headerInfo(text);
    // `goroutine 0 [idle]:` is a thread's system (g0) stack, printed for every thread by a crash
    // under GOTRACEBACK=crash: not a goroutine, so neither counted nor grouped (like `runtime stack:`).
    if (info?.id === 0) {
      this.threadStacks++;
      this.discarding = true;
      return;
    }
    if (!info) {
      this.at.report(position, 'error', `cannot read this goroutine header: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)}`,
        "expected 'goroutine N [state]:'; the goroutine's lines up to the next blank line were skipped");
      this.discarding = true;
      return;
    }
    let labels: Labels | undefined;
    if (info.labels) {
      const parsed = parseLabels(info.labels.text);
      if (parsed.error) {
        this.at.report({ line: position.line, column: position.column + info.labels.offset + parsed.error.offset }, 'error',
          `${parsed.error.message}, in the goroutine's labels`, 'the labels after it were skipped');
      }
      labels = parsed.labels;
    }
    this.openRecord(info, position, labels);
  }

  /** parseHeaderText, cached by the text after the id: most headers repeat but for their id. */
  private headerInfo(text: string): HeaderInfo | undefined {
    const space = text.indexOf(' ', 10);
    const id = Number(text.slice(10, space));
    if (space <= 10 || !Number.isInteger(id)) return parseHeaderText(text);
    const cached = this.headerCache.get(text.slice(space));
    if (cached) return { id, state: cached.state, flags: [...cached.flags], waitMinutes: cached.waitMinutes, locked: cached.locked, labels: cached.labels };
    const own = detach(text);
    const info = parseHeaderText(own);
    if (info && this.headerCache.size < 10_000) {
      const { id: _id, ...fields } = info;
      this.headerCache.set(own.slice(space), fields);
    }
    return info;
  }

  headerFields(): void {
    throw new Error('internal: headerFields is read by header');
  }

  private openRecord(info: Omit<HeaderInfo, 'labels'>, position: Position, labels: Labels | undefined): void {
    this.goroutineCount++;
    this.current = {
      id: info.id, state: info.state, flags: info.flags, waitMinutes: info.waitMinutes, locked: info.locked, labels,
      frames: [], frameIds: [], pending: undefined, pendingLine: 0, pendingColumn: 0, createdBy: undefined, expectCreatedFile: false, elided: undefined,
      inAncestors: false, stackUnavailable: false, last: 'header', fileWithoutOffset: false, position,
    };
  }

  private call(tok: IToken): void {
    const position = this.at.pos(tok);
    const record = this.recordFor(position, 'a function line');
    if (!record) return;
    const image = tok.image;
    const paren = image.lastIndexOf('(');
    if (paren <= 0) {
      this.at.report(position, 'error', `expected a function name and its arguments 'f(…)', found ${JSON.stringify(image)}`);
      return;
    }
    const call: KnownCall = { function: detach(image.slice(0, paren)), inlined: image.endsWith('(...)') && paren === image.length - 5, lastLocation: undefined, lastFrame: undefined };
    // Memoized when the token is the whole line, so that the same text is never read differently.
    if (this.isWholeLine(tok, position) && this.callCache.size < MAX_CACHED_CALLS) this.callCache.set(detach(image), call);
    this.knownCall(call, position.line, position.column);
  }

  private file(tok: IToken): void {
    const position = this.at.pos(tok);
    let location = this.fileCache.get(tok.image);
    if (!location) {
      const own = detach(tok.image);
      location = parseFileText(own);
      if (!location) {
        this.at.report(position, 'error', 'cannot split this line into a file and a line number');
        return;
      }
      this.fileCache.set(own, location);
    }
    this.fileLine(location, position.line, position.column);
  }

  /** A file line (read, or served from the cache at input line `line`, column 1). */
  private fileLine(location: FileLocation, line: number, column = 1): void {
    const record = this.current ?? this.recordFor({ line, column }, 'a file line');
    if (!record || this.discarding) return;
    if (record.pending) {
      const call = record.pending;
      record.pending = undefined;
      if (!record.inAncestors) this.pushFrame(record, call, location);
    } else if (record.expectCreatedFile) {
      record.expectCreatedFile = false;
      if (!record.inAncestors && record.createdBy) {
        const creator = record.createdBy;
        // Not keyed by the creating goroutine: one `go` statement run by many goroutines is one creator.
        let byFunction = this.creatorCache.get(location);
        if (!byFunction) {
          byFunction = new Map();
          this.creatorCache.set(location, byFunction);
        }
        let interned = byFunction.get(creator.function);
        if (!interned) {
          const fn = detach(creator.function);
          interned = { function: fn, goroutine: creator.goroutine, file: location.file, line: location.line, offset: location.offset };
          byFunction.set(fn, interned);
        }
        record.createdBy = interned;
      }
    } else if (record.last === 'bad') {
      // The file line of a function line that could not be read: that line has its diagnostic.
    } else {
      this.at.report({ line, column }, 'error', "a file line with no function line above it",
        "each frame is a function line 'f(…)' and then its '\\tfile:line' line; is a line missing?");
      return;
    }
    record.last = 'file';
    record.fileWithoutOffset = location.offset === undefined;
  }

  private pushFrame(record: OpenRecord, call: KnownCall, location: FileLocation | undefined): void {
    let interned = location !== undefined && call.lastLocation === location ? call.lastFrame : undefined;
    if (!interned) {
      interned = this.internFrame(record, call, location);
      if (location !== undefined) {
        call.lastLocation = location;
        call.lastFrame = interned;
      }
    }
    record.frames.push(interned.frame);
    record.frameIds.push(interned.id);
  }

  private internFrame(record: OpenRecord, call: KnownCall, location: FileLocation | undefined): InternedFrame {
    const fileKey = location?.text ?? '';
    let byFunction = this.frameCache.get(fileKey);
    if (!byFunction) {
      byFunction = new Map();
      this.frameCache.set(fileKey, byFunction);
    }
    const key = call.inlined ? `${call.function}.` : call.function;
    let interned = byFunction.get(key);
    if (!interned) {
      const fn = detach(call.function);
      interned = {
        frame: {
          function: fn, file: location?.file, line: location?.line, offset: location?.offset,
          inlined: call.inlined, position: { line: record.pendingLine, column: record.pendingColumn },
        },
        id: this.frameCount++,
      };
      byFunction.set(call.inlined ? `${fn}.` : fn, interned);
    }
    return interned;
  }

  /** A function line whose file line never came: kept as a frame without a file. */
  private flushPending(record: OpenRecord, report: boolean): void {
    const call = record.pending;
    if (!call) return;
    record.pending = undefined;
    if (report) {
      this.at.report({ line: record.pendingLine, column: record.pendingColumn }, 'warning', `the function line of ${call.function} has no file line under it`,
        "the runtime prints '\\tfile:line +0x…' under every function line; was the dump edited?");
    }
    if (!record.inAncestors) this.pushFrame(record, call, undefined);
  }

  /** The token is its line's whole text (what the line caches are keyed by), up to the line end. */
  private isWholeLine(tok: IToken, position: Position): boolean {
    const text = this.at.text;
    const after = tok.startOffset + tok.image.length;
    return position.column === 1 && (text.charCodeAt(after) === 10 || (text.charCodeAt(after) === 13 && text.charCodeAt(after + 1) === 10));
  }

  private createdBy(tok: IToken): void {
    const position = this.at.pos(tok);
    const image = tok.image;
    const m = CREATED_BY.exec(image.trimEnd());
    const known: KnownCreator = { creator: detach(m?.[1] ?? image.slice('created by '.length)), goroutine: m?.[2] !== undefined ? Number(m[2]) : undefined };
    // Memoized when the token is the whole line (as function lines are).
    if (this.isWholeLine(tok, position) && this.createdCache.size < MAX_CACHED_CALLS) this.createdCache.set(detach(image), known);
    this.knownCreator(known, position.line, position.column);
  }

  /** A `created by` line (read, or served from the cache at input line `line`, column 1). */
  private knownCreator(known: KnownCreator, line: number, column = 1): void {
    const record = this.current ?? this.recordFor({ line, column }, "a 'created by' line");
    if (!record || this.discarding) return;
    this.flushPending(record, true);
    if (!record.inAncestors) {
      record.createdBy = { function: known.creator, goroutine: known.goroutine, file: undefined, line: undefined, offset: undefined };
    }
    record.expectCreatedFile = true;
    record.last = 'created';
  }

  private elided(tok: IToken): void {
    const record = this.recordFor(this.at.pos(tok), "an '...elided...' line");
    if (!record) return;
    this.flushPending(record, true);
    if (!record.inAncestors) {
      const n = /\d+/.exec(tok.image);
      record.elided = { frames: n ? Number(n[0]) : undefined, index: record.frames.length };
    }
    record.last = 'elided';
  }

  private originating(tok: IToken): void {
    const record = this.recordFor(this.at.pos(tok), "an '[originating from goroutine N]:' line");
    if (!record) return;
    this.flushPending(record, true);
    record.expectCreatedFile = false;
    record.inAncestors = true;
    record.last = 'originating';
  }

  private unavailable(tok: IToken): void {
    const record = this.recordFor(this.at.pos(tok), 'a stack-unavailable line');
    if (!record) return;
    record.stackUnavailable = true;
    record.last = 'file';
    record.fileWithoutOffset = false;
  }

  /**
   * A line of a crash's preamble or tail (tokens.ts): it ends the record above it. The first
   * `panic:`, `fatal error:` or `SIGQUIT:` line says what crashed; a `runtime stack:` section's
   * frames belong to no goroutine and are passed over up to the blank line under them.
   */
  private crashLine(tok: IToken): void {
    this.closeRecord(false);
    const image = tok.image;
    const line = this.at.pos(tok).line;
    switch (tok.tokenType.name) {
      case 'PanicLine': {
        const message = detach(image.replace(/^\t?panic: /, '').replace(/ \[recovered\]$/, ''));
        // Go prints nested panics first to last (runtime.printpanics): the last is what crashed.
        if (this.crash?.kind === 'panic') {
          (this.crash.earlier ??= []).push(this.crash.message);
          this.crash.message = message;
          this.crash.line = line;
        } else this.crash ??= { kind: 'panic', message, signal: undefined, line, registers: false };
        this.crashMessageOpen = true;
        break;
      }
      case 'FatalLine':
        if (!this.crash) {
          const message = detach(image.replace(/^fatal error: /, ''));
          this.crash = { kind: 'fatal error', message, signal: undefined, line, registers: false };
          if (OUT_OF_MEMORY_THROWS.has(message)) {
            this.crash.outOfMemory = { requestBytes: this.outOfMemoryLine?.requestBytes, heapSysBytes: this.outOfMemoryLine?.heapSysBytes };
          }
        }
        this.crashMessageOpen = true;
        break;
      case 'RuntimeMessage': {
        const oom = /^runtime: out of memory: cannot allocate (\d+)-byte block \((\d+) in use\)$/.exec(image);
        if (oom) this.outOfMemoryLine = { requestBytes: Number(oom[1]), heapSysBytes: Number(oom[2]) };
        break;
      }
      case 'SignalLine':
        this.crash ??= { kind: 'signal', message: detach(image), signal: detach(image.slice(0, image.indexOf(':'))), line, registers: false };
        break;
      case 'SignalInfo':
        if (this.crash && this.crash.signal === undefined) this.crash.signal = detach(image.slice('[signal '.length, -1));
        break;
      case 'RuntimeStack':
        this.discarding = true;
        break;
      case 'RegisterLine':
        if (this.crash) this.crash.registers = true;
        break;
      default: // PC=…, -----, exit status N, signal: …
    }
  }

  /** Folds the open record into its stack. */
  private closeRecord(truncated: boolean): void {
    const record = this.current;
    if (!record) return;
    this.current = undefined;
    this.flushPending(record, !truncated);
    let node = this.stackTrie;
    for (const id of record.frameIds) {
      let next = node.children.get(id);
      if (!next) {
        next = { children: new Map(), stacks: undefined, last: undefined };
        node.children.set(id, next);
      }
      node = next;
    }
    let stack = node.last !== undefined && sameAsPlain(node.last, record, truncated) ? node.last : undefined;
    if (!stack) stack = this.stackOf(node, record, truncated);
    stack.count++;
    stack.ids.push(record.id);
    if (record.waitMinutes !== undefined) {
      stack.waitMinutes = Math.max(stack.waitMinutes ?? 0, record.waitMinutes);
      // Made at the first goroutine that printed a wait, zeros for those folded before it.
      stack.minutes ??= new Array<number>(stack.ids.length - 1).fill(0);
    }
    stack.minutes?.push(record.waitMinutes ?? 0);
    if (record.locked) stack.lockedToThread++;
  }

  /** The stack of a record whose frames led to `node`, found by the rest of its key (or new). */
  private stackOf(node: StackTrieNode, record: OpenRecord, truncated: boolean): GoroutineStack {
    const created = record.createdBy;
    let creatorId = -1;
    if (created) {
      creatorId = this.creatorIds.get(created) ?? this.creatorIds.size;
      this.creatorIds.set(created, creatorId);
    }
    const key = `${record.state}\u0001${record.flags.length > 0 ? record.flags.join(',') : ''}\u0001${record.labels ? labelsKey(record.labels) : ''}`
      + `\u0001${creatorId}\u0001${record.elided ? `${record.elided.index}/${record.elided.frames ?? '+'}` : ''}`
      + `\u0001${record.stackUnavailable ? 'u' : ''}${truncated ? 't' : ''}`;
    node.stacks ??= new Map();
    let stack = node.stacks.get(key);
    if (!stack) {
      stack = {
        state: record.state, flags: record.flags, labels: record.labels, frames: record.frames, elided: record.elided,
        createdBy: created, stackUnavailable: record.stackUnavailable, count: 0, ids: [], waitMinutes: undefined, minutes: undefined,
        lockedToThread: 0, truncated, position: record.position,
      };
      node.stacks.set(key, stack);
      this.stacks.push(stack);
    }
    node.last = stack;
    return stack;
  }
}
