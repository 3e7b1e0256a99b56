/**
 * `heapdoc escape --format json` (docs/contract.md, "escape --format json"), written as a stream:
 * the compiler's messages go out while the input is read, and the summary follows them, so memory
 * does not grow with the input. The keys are the contract's; heapdoc adds `function`, `columnNote`, `inlinedFrom`, `cause`, `subject`,
 * `explanation` and `inputLine` to messages, the structured fields of reasons, and
 * `commands`, `filter`, `causes` and `problems` (problems with the input) at the top.
 *
 * The messages' key depends on the schema version: `messages` in 2; `diagnostics` in 1, the
 * published key, deprecated because everywhere else `diagnostics` are problems with the input
 * (docs/contract.md says when it goes). One array, never both: the output streams, and writing
 * the messages twice would mean holding them all until the end.
 */
import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import type { CompilerMessage, EscapeReason } from '../../grammar/gcflags/index.js';
import { ESCAPE_KINDS } from '../../grammar/gcflags/model.js';
import { escapeTerminalControls } from '../../text/json.js';
import type { DiagnosticInfo, EscapeAnalysis } from '../../analyze/escape/index.js';
import { columnNote } from '../../analyze/escape/names.js';

/** The schema versions (`heapdoc escape --schema`); 1 is the default until it goes (docs/contract.md). */
export type EscapeSchemaVersion = 1 | 2;

/** The key of the compiler's messages in a schema version. */
function messagesKey(version: EscapeSchemaVersion): 'diagnostics' | 'messages' {
  return version === 1 ? 'diagnostics' : 'messages';
}

/** A string's JSON bytes, kept while the same string comes again. */
interface CachedString {
  text: string | undefined;
  bytes: Uint8Array;
}

/** ASCII text as its bytes (Latin-1 is ASCII there). */
function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/** `,"KEY":` for every key of a message and of a reason, as bytes. */
const KEYS = ['source', 'file', 'line', 'column', 'package', 'message', 'subject', 'function', 'columnNote', 'inlinedFrom', 'cause', 'target', 'level',
  'detail', 'cost', 'inputLine', 'step', 'to', 'value', 'expression', 'note', 'reasonsOmitted'] as const;
const KEY = Object.fromEntries(KEYS.map((key) => [key, ascii(`,"${key}":`)])) as Record<(typeof KEYS)[number], Uint8Array>;
const REASONS_OPEN = ascii(',"reasons":[');
const EXPLANATION = ascii(',"explanation":true');
const REASON_OPEN = ascii('{"message":');
const COMMA = 44;
const NEWLINE = 10;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

/** Bytes of a chunk of the report (the stream hands out what it wrote, in chunks about this big). */
const CHUNK_BYTES = 1 << 16;

const QUOTE = 34;

/**
 * Buffer's own UTF-8 writer, which `Buffer.write` calls after sorting out its arguments (a
 * wrapper that costs as much again as the copy of a 40-character string).
 */
interface NodeBuffer extends Buffer {
  utf8Write(text: string, offset: number): number;
  latin1Write(text: string, offset: number): number;
}

/** Longer copies go through `Uint8Array.set` (see JsonBytes.raw). */
const RAW_LOOP_BYTES = 4;

/**
 * Strings at least this long with nothing to escape are encoded by Buffer.write (see
 * JsonBytes.string): a regular-expression test and a native call cost about what the loop
 * spends on ~30 characters.
 */
const NATIVE_STRING_CHARS = 40;

/**
 * Plain strings (CompilerMessage.plain) at least this long are copied by Buffer's Latin-1 writer
 * (their characters are their bytes): a native call costs about what ~12 characters copied by the
 * loop do, where escaping a character costs about five times a copied one (docs/performance.md,
 * the forty-third session).
 */
const NATIVE_PLAIN_CHARS = 12;

/**
 * What JSON.stringify escapes (quote, backslash, control characters) or cannot encode as is (lone
 * surrogates), and DEL and the C1 controls, which heapdoc's JSON escapes too (text/json.ts).
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

const BACKSLASH = 92;
const HEX = '0123456789abcdef';

/**
 * The report's text written as UTF-8 bytes, straight into chunks: each string of a message is
 * escaped and encoded as it is copied, instead of being built into a string per message, joined
 * per slice of input and encoded once more to be written (three copies of ~3× the input, and
 * their garbage). What goes in is exactly what JSON.stringify writes (strings: `"`, `\\`, the
 * control characters and lone surrogates escaped, the rest as is; numbers as `String(n)`, null
 * when not finite) with DEL and the C1 controls escaped too (escapeTerminalControls), encoded as UTF-8.
 */
class JsonBytes {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  /** Chunks filled and not yet taken. */
  private full: Buffer[] = [];
  private fullBytes = 0;

  /** Room for `n` more bytes in the current chunk (a new chunk when it has not). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.fullBytes += this.pos;
    }
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.pos = 0;
  }

  /** Bytes as they are (the report's own keys and punctuation, encoded once: see ascii). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    // A copy of a few bytes byte by byte; a longer one (a key, a kind's opening, a cached file or
    // package) with one `set`, which costs about as much as 5 bytes copied in the loop (counted in
    // instructions, docs/performance.md's forty-third session) whatever its length.
    if (n > RAW_LOOP_BYTES) {
      buf.set(bytes, pos);
      pos += n;
    } else {
      for (let i = 0; i < n; i++) buf[pos++] = bytes[i] as number;
    }
    this.pos = pos;
  }

  /** One byte (ASCII punctuation). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /**
   * A string as JSON, quoted, encoded once while `cache` holds it: the file and the package of
   * a message are most often the same string object as the message's before.
   */
  cachedString(text: string, cache: CachedString): void {
    if (text === cache.text) {
      this.raw(cache.bytes);
      return;
    }
    const start = this.string(text);
    cache.text = text;
    cache.bytes = new Uint8Array(this.buf.subarray(start, this.pos)); // a copy: the chunk is written over after a take
  }

  /** A string as JSON, quoted; returns where in the current chunk it starts. */
  string(text: string): number {
    const n = text.length;
    // At most 6 bytes a UTF-16 unit (`\u001f`, a lone surrogate escaped; UTF-8 takes 3 at most).
    this.room(6 * n + 2);
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    if (n >= NATIVE_STRING_CHARS) {
      // Node's UTF-8 encoder writes the same bytes at a fraction of the loop's cost per character
      // once the call's own cost is paid (see NATIVE_STRING_CHARS): the text itself when there is
      // nothing to escape, else JSON.stringify's escaped copy of it (quotes included), which is
      // by definition what this writer writes.
      if (NEEDS_ESCAPE.test(text)) {
        pos += (buf as NodeBuffer).utf8Write(escapeTerminalControls(JSON.stringify(text)), pos);
      } else {
        buf[pos++] = QUOTE;
        pos += (buf as NodeBuffer).utf8Write(text, pos);
        buf[pos++] = QUOTE;
      }
      this.pos = pos;
      return start;
    }
    buf[pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (c === QUOTE || c === BACKSLASH) buf[pos++] = BACKSLASH;
        buf[pos++] = c;
      } else if (c < 0x20) {
        pos = control(buf, pos, c);
      } else if (c <= 0x9f) {
        pos = unicodeEscape(buf, pos, c); // DEL and the C1 controls (TERMINAL_CONTROLS)
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const code = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (code >> 18);
          buf[pos++] = 0x80 | ((code >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((code >> 6) & 0x3f);
          buf[pos++] = 0x80 | (code & 0x3f);
          i++;
        } else {
          pos = unicodeEscape(buf, pos, c); // a lone surrogate, as JSON.stringify writes it
        }
      } else {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    buf[pos++] = QUOTE;
    this.pos = pos;
    return start;
  }

  /** A plain string (CompilerMessage.plain: printable ASCII, no `"` or `\`) as JSON, quoted: its characters as they are. */
  plainString(text: string): void {
    const n = text.length;
    this.room(n + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = QUOTE;
    if (n >= NATIVE_PLAIN_CHARS) pos += (buf as NodeBuffer).latin1Write(text, pos);
    else for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
    buf[pos++] = QUOTE;
    this.pos = pos;
  }

  /** ASCII JSON text as it is (its characters are its bytes: MessageWriter.writeAscii), by one native copy. */
  ascii(text: string): void {
    this.room(text.length);
    this.pos += (this.buf as NodeBuffer).latin1Write(text, this.pos);
  }

  /** A number as JSON.stringify writes it (null when not finite). */
  number(n: number): void {
    if (n >= 0 && n <= 0x7fffffff && Math.floor(n) === n) {
      // A small whole number (all the grammar gives): its digits, without a string made.
      this.room(10);
      const buf = this.buf;
      let v = n;
      let digits = 1;
      for (let rest = v; rest >= 10; rest = (rest / 10) | 0) digits++;
      let pos = this.pos + digits;
      this.pos = pos;
      do {
        buf[--pos] = 48 + (v % 10);
        v = (v / 10) | 0;
      } while (v > 0);
      return;
    }
    this.raw(ascii(Number.isFinite(n) ? String(n) : 'null'));
  }

  /** A string as it is (the already JSON text of a tail), UTF-8 encoded. */
  text(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.room(bytes.length);
    bytes.copy(this.buf, this.pos);
    this.pos += bytes.length;
  }

  get length(): number {
    return this.fullBytes + this.pos;
  }

  /**
   * The bytes written since the last call. When they fit in one chunk they are a view of it,
   * which the next write reuses: write them out (or copy them) before writing more.
   */
  take(): Buffer {
    const last = this.buf.subarray(0, this.pos);
    const out = this.full.length === 0 ? last : Buffer.concat([...this.full, last], this.fullBytes + this.pos);
    this.full = [];
    this.fullBytes = 0;
    this.pos = 0;
    return out;
  }
}

/** A control character as JSON.stringify escapes it. */
function control(buf: Buffer, pos: number, c: number): number {
  const short = c === 8 ? 98 : c === 9 ? 116 : c === 10 ? 110 : c === 12 ? 102 : c === 13 ? 114 : 0; // \b \t \n \f \r
  if (short === 0) return unicodeEscape(buf, pos, c);
  buf[pos] = BACKSLASH;
  buf[pos + 1] = short;
  return pos + 2;
}

/** `\uXXXX`, lower-case hex digits (as JSON.stringify writes them). */
function unicodeEscape(buf: Buffer, pos: number, c: number): number {
  buf[pos] = BACKSLASH;
  buf[pos + 1] = 117; // u
  buf[pos + 2] = HEX.charCodeAt((c >> 12) & 15);
  buf[pos + 3] = HEX.charCodeAt((c >> 8) & 15);
  buf[pos + 4] = HEX.charCodeAt((c >> 4) & 15);
  buf[pos + 5] = HEX.charCodeAt(c & 15);
  return pos + 6;
}

/** `{"kind":"…","file":` for each kind: the start of every message. */
const KIND_OPENINGS = new Map<string, Uint8Array>(ESCAPE_KINDS.map((kind) => [kind, ascii(`{"kind":${JSON.stringify(kind)},"file":`)]));

/** `,"KEY":"VALUE"` for the values of a key that has a handful (a cause, a step), encoded once each. */
function constantMember(key: string): (value: string) => Uint8Array {
  const members = new Map<string, Uint8Array>();
  return (value) => {
    let bytes = members.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(escapeTerminalControls(`,${JSON.stringify(key)}:${JSON.stringify(value)}`), 'utf8');
      members.set(value, bytes);
    }
    return bytes;
  };
}

const causeBytes = constantMember('cause');

const NO_BYTES = new Uint8Array(0);

/** `,"function":"F"` (nothing when there is none), as a hole is filled. */
function functionBytes(fn: string | undefined): Uint8Array {
  return fn === undefined ? NO_BYTES : Buffer.from(escapeTerminalControls(`,"function":${JSON.stringify(fn)}`), 'utf8');
}
const stepBytes = constantMember('step');

/**
 * One compiler message as its JSON object, written as bytes: the same as `JSON.stringify` of the
 * object with the contract's keys first (kind, file, line, column, package, message, …) and the
 * absent ones left out, without building the object (one per message, millions per input). The
 * file and package of the message before are encoded once.
 */
class MessageWriter {
  private readonly file: CachedString = { text: undefined, bytes: new Uint8Array(0) };
  private readonly package: CachedString = { text: undefined, bytes: new Uint8Array(0) };
  /** The file of the step before: an explanation's steps are mostly in one file. */
  private readonly reasonFile: CachedString = { text: undefined, bytes: new Uint8Array(0) };

  /** Where a provisional function goes (DiagnosticInfo.provisional): the stream leaves a hole there. */
  hole: ((id: number, guess: string | undefined, guessKept: boolean) => void) | undefined;

  /** The file, package and function before, as JSON text when plain (writeAscii). */
  private readonly fileText: CachedText = { text: undefined, json: undefined };
  private readonly packageText: CachedText = { text: undefined, json: undefined };
  private readonly functionText: CachedText = { text: undefined, json: undefined };

  constructor(private readonly out: JsonBytes) {}

  /**
   * A plain message (CompilerMessage.plain) whose every other string is plain too (96 % of the
   * messages of `-gcflags=all=-m std`), written as one string copied by one native call: the same
   * bytes `write` makes with a call per key and value (~20 a message, half of them native copies:
   * `Uint8Array.set`, `latin1Write`). −4 % instructions on 5 MB of `-m` std; the same pieces copied
   * by a JavaScript loop cost +10 %, joined from an array +RSS (docs/performance.md, the
   * forty-fifth session). False, with nothing written, for one it leaves to `write`: a string to
   * escape or encode, -m=2 steps, a hole, a column note.
   */
  writeAscii(d: CompilerMessage, info: DiagnosticInfo | undefined): boolean {
    if (d.reasons !== undefined || d.reasonsOmitted !== undefined || d.kindIndex === undefined) return false;
    if (info !== undefined && (info.provisional !== undefined || info.sharedWith !== undefined || info.closureAt !== undefined)) return false;
    const file = plainJson(d.file, this.fileText);
    if (file === undefined) return false;
    const pkg = d.package === undefined ? '' : plainJson(d.package, this.packageText);
    if (pkg === undefined) return false;
    const fn = info?.function ?? d.function;
    const fnJson = fn === undefined ? '' : fn === d.function ? `"${fn}"` : plainJson(fn, this.functionText);
    if (fnJson === undefined) return false;
    const inlinedFrom = info?.inlinedFrom;
    if (inlinedFrom !== undefined && !isPlainText(inlinedFrom)) return false;
    if (d.target !== undefined && !isPlainText(d.target)) return false;
    if (d.detail !== undefined && !isPlainText(d.detail)) return false;
    if ((d.level !== undefined && !Number.isFinite(d.level)) || (d.cost !== undefined && !Number.isFinite(d.cost))) return false;
    let s = `${KIND_OPENING_TEXT[d.kindIndex] as string}${file},"line":${d.line}`;
    if (d.column !== undefined) s += `,"column":${d.column}`;
    if (d.package !== undefined) s += `,"package":${pkg}`;
    s += `,"message":"${d.message}"`;
    if (d.explanation) s += ',"explanation":true';
    if (d.subject !== undefined) s += `,"subject":"${d.subject}"`;
    if (fn !== undefined) s += `,"function":${fnJson}`;
    if (inlinedFrom !== undefined) s += `,"inlinedFrom":"${inlinedFrom}"`;
    if (info?.cause !== undefined) s += `,"cause":"${info.cause}"`;
    if (d.target !== undefined) s += `,"target":"${d.target}"`;
    if (d.level !== undefined) s += `,"level":${d.level}`;
    if (d.detail !== undefined) s += `,"detail":"${d.detail}"`;
    if (d.cost !== undefined) s += `,"cost":${d.cost}`;
    s += `,"inputLine":${d.inputLine}}`;
    this.out.ascii(s);
    return true;
  }

  write(d: CompilerMessage, info?: DiagnosticInfo): void {
    if (d.plain === true && this.writeAscii(d, info)) return;
    const out = this.out;
    const opening = KIND_OPENINGS.get(d.kind);
    if (opening !== undefined) out.raw(opening);
    else {
      out.raw(ascii('{"kind":'));
      out.string(d.kind);
      out.raw(KEY.file);
    }
    out.cachedString(d.file, this.file);
    out.raw(KEY.line);
    out.number(d.line);
    if (d.column !== undefined) {
      out.raw(KEY.column);
      out.number(d.column);
    }
    if (d.package !== undefined) {
      out.raw(KEY.package);
      out.cachedString(d.package, this.package);
    }
    // A plain message (and every part cut from it) is copied as it is; the rest escaped as needed.
    const plain = d.plain === true;
    out.raw(KEY.message);
    if (plain) out.plainString(d.message);
    else out.string(d.message);
    const reasons = d.reasons;
    if (reasons && reasons.length > 0) {
      out.raw(REASONS_OPEN);
      for (let i = 0; i < reasons.length; i++) {
        if (i > 0) out.byte(COMMA);
        writeReason(out, reasons[i] as EscapeReason, this.reasonFile);
      }
      out.byte(CLOSE_BRACKET);
    }
    if (d.reasonsOmitted !== undefined) {
      out.raw(KEY.reasonsOmitted);
      out.number(d.reasonsOmitted);
    }
    if (d.explanation) out.raw(EXPLANATION);
    if (d.subject !== undefined) {
      out.raw(KEY.subject);
      if (plain) out.plainString(d.subject);
      else out.string(d.subject);
    }
    const fn = info?.function ?? d.function;
    if (info?.provisional !== undefined && this.hole !== undefined) this.hole(info.provisional, fn, info.matches);
    else if (fn !== undefined) {
      out.raw(KEY.function);
      if (plain && fn === d.function) out.plainString(fn);
      else out.string(fn);
    }
    const shared = info?.sharedWith;
    const closureAt = info?.closureAt;
    if (shared !== undefined || closureAt !== undefined) {
      // No column printed on a line of several closures: `function` encloses the ones it can be in;
      // or, at plain -m, a closure the output does not name holds it.
      out.raw(KEY.columnNote);
      out.string(columnNote({ function: fn, lineFunctions: shared?.length, closureAt }) as string);
    }
    if (info?.inlinedFrom !== undefined) {
      out.raw(KEY.inlinedFrom);
      out.string(info.inlinedFrom);
    }
    if (info?.cause !== undefined) out.raw(causeBytes(info.cause));
    if (d.target !== undefined) {
      out.raw(KEY.target);
      out.string(d.target);
    }
    if (d.level !== undefined) {
      out.raw(KEY.level);
      out.number(d.level);
    }
    if (d.detail !== undefined) {
      out.raw(KEY.detail);
      out.string(d.detail);
    }
    if (d.cost !== undefined) {
      out.raw(KEY.cost);
      out.number(d.cost);
    }
    out.raw(KEY.inputLine);
    out.number(d.inputLine);
    out.byte(CLOSE_BRACE);
  }
}

/**
 * `{"kind":"…","file":` for each kind as text, by index (CompilerMessage.kindIndex): the start of
 * a message written whole (MessageWriter.writeAscii).
 */
const KIND_OPENING_TEXT = ESCAPE_KINDS.map((kind) => `{"kind":${JSON.stringify(kind)},"file":`);

/** True when `text` is printable ASCII without `"` or `\`: JSON holds it as it is, one byte a character. */
function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === QUOTE || c === BACKSLASH) return false;
  }
  return true;
}

/** A string and its JSON text when it is plain (isPlainText), else undefined: kept while the same string comes again. */
interface CachedText {
  text: string | undefined;
  json: string | undefined;
}

/** `text`'s JSON text (quoted) if plain, else undefined; from `cache` when it is the string before. */
function plainJson(text: string, cache: CachedText): string | undefined {
  if (text === cache.text) return cache.json;
  cache.text = text;
  cache.json = isPlainText(text) ? `"${text}"` : undefined;
  return cache.json;
}

/** One step of an explanation as its JSON object (keys in the contract's order, absent ones left out). */
function writeReason(out: JsonBytes, r: EscapeReason, file: CachedString): void {
  out.raw(REASON_OPEN);
  out.string(r.message);
  if (r.file !== undefined) {
    out.raw(KEY.file);
    out.cachedString(r.file, file);
  }
  if (r.line !== undefined) {
    out.raw(KEY.line);
    out.number(r.line);
  }
  if (r.column !== undefined) {
    out.raw(KEY.column);
    out.number(r.column);
  }
  out.raw(stepBytes(r.step));
  if (r.to !== undefined) {
    out.raw(KEY.to);
    out.string(r.to);
  }
  if (r.value !== undefined) {
    out.raw(KEY.value);
    out.string(r.value);
  }
  if (r.expression !== undefined) {
    out.raw(KEY.expression);
    out.string(r.expression);
  }
  if (r.note !== undefined) {
    out.raw(KEY.note);
    out.string(r.note);
  }
  out.byte(CLOSE_BRACE);
}

function problemJson(p: Diagnostic): Record<string, unknown> {
  return { source: p.source, line: p.line, column: p.column, severity: p.severity, message: p.message, ...(p.hint ? { hint: p.hint } : {}), ...(p.cut ? { cut: true } : {}) };
}

/**
 * A message written with a provisional function (DiagnosticInfo.provisional), held whole until
 * the function is settled: its bytes before its `function` member (its separator included) and
 * after it; the guess, and whether the filter lets it through with it (DiagnosticInfo.matches).
 * Settled, `fn` and `keep` say what is written: the message with `fn`, or nothing.
 */
interface MessageHole {
  head: Uint8Array;
  tail: Uint8Array;
  guess: string | undefined;
  guessKept: boolean;
  /** No comma before it: the first message of the array. */
  first: boolean;
  settled: boolean;
  fn: string | undefined;
  keep: boolean;
}

/**
 * Bytes held back after a hole at most (~20,000 messages): past this every hole is filled with its
 * guess and the bytes go out, so that memory does not grow with the input (go/types' one batch
 * prints ~70 MB of explanations before its -m lines).
 */
const HOLD_BYTES = 4 << 20;

/**
 * Collects the JSON as UTF-8 bytes; the caller drains it (`takeBytes`) and writes it out between
 * input chunks, which keeps at most one chunk's worth of output in memory.
 */
export class EscapeJsonStream {
  private readonly out = new JsonBytes();
  private readonly writer = new MessageWriter(this.out);
  private count = 0;
  /**
   * From the first hole not settled on: the bytes written (copies) and the holes between them, in
   * order; empty when no hole waits. Holes waiting, by id.
   */
  private held: (Uint8Array | MessageHole)[] = [];
  private heldBytes = 0;
  private readonly holes = new Map<number, MessageHole>();
  /** Where the message being written starts in `out` (its separator), and the hole it left. */
  private messageStart = 0;
  private open: MessageHole | undefined;
  /**
   * The first message was left out (its filter said no once settled): the next one written out
   * loses its separator's comma.
   */
  private dropComma = false;

  constructor(source: string, version: EscapeSchemaVersion = 1) {
    this.out.raw(ascii('{"schemaVersion":'));
    this.out.number(version);
    this.out.raw(KEY.source);
    this.out.string(source);
    this.out.raw(ascii(`,"${messagesKey(version)}":[`));
    this.writer.hole = (id, guess, guessKept) => this.leaveHole(id, guess, guessKept);
  }

  /**
   * Writes a message. One with a provisional function (DiagnosticInfo.provisional) is held, and
   * the bytes after it, until the function is settled (`settle`); it is written even when the
   * filter rejects its guess (`info.matches` false), in case the settled function passes.
   */
  message(d: CompilerMessage, info?: DiagnosticInfo): void {
    this.messageStart = this.out.length;
    if (this.count++ > 0) this.out.byte(COMMA);
    this.out.byte(NEWLINE);
    this.writer.write(d, info);
    const hole = this.open;
    if (hole !== undefined) {
      this.open = undefined;
      hole.tail = new Uint8Array(this.out.take()); // a copy: take's view is written over
      this.heldBytes += hole.tail.length;
    }
    if (this.holes.size > 0 && this.heldBytes + this.out.length > HOLD_BYTES) this.settleAll();
  }

  /**
   * The function of a message written with a provisional one (DiagnosticInfo.provisional) is
   * settled (EscapeAnalysisOptions.onFunctionSettled): the message is written with it, or left
   * out when `matches` is false (the filter rejects it with that function). It and the bytes after
   * it are held until then, so that an explanation's `function` is its -m line's.
   */
  settle(id: number, fn: string | undefined, matches = true): void {
    const hole = this.holes.get(id);
    if (hole === undefined) return; // settled with its guess already (settleAll)
    this.holes.delete(id);
    hole.settled = true;
    hole.fn = fn;
    hole.keep = matches;
  }

  /** Settles every hole left with its guess (a package ended: nothing will settle them). */
  settleAll(): void {
    for (const hole of this.holes.values()) {
      hole.settled = true;
      hole.fn = hole.guess;
      hole.keep = hole.guessKept;
    }
    this.holes.clear();
  }

  private leaveHole(id: number, guess: string | undefined, guessKept: boolean): void {
    const written = this.out.take();
    // Copies: take's view is written over.
    const before = new Uint8Array(written.subarray(0, this.messageStart));
    const head = new Uint8Array(written.subarray(this.messageStart));
    const hole: MessageHole = { head, tail: NO_BYTES, guess, guessKept, first: this.count === 1, settled: false, fn: undefined, keep: false };
    this.held.push(before, hole);
    this.heldBytes += written.length;
    this.holes.set(id, hole);
    this.open = hole;
  }

  /** Closes the document with the summary (call once, after the input is read). */
  end(analysis: EscapeAnalysis): void {
    this.settleAll();
    const summary = {
      lines: analysis.input.lines,
      unrecognized: analysis.input.unrecognized,
      byKind: analysis.byKind,
      packages: analysis.input.packages,
      explanations: analysis.explanations,
    };
    const tail: Record<string, unknown> = { summary, causes: { heap: analysis.heapByCause, leaks: analysis.leaksByCause } };
    if (analysis.commands.length > 0) tail.commands = analysis.commands;
    if (analysis.filter !== undefined) tail.filter = analysis.filter;
    if (analysis.methodValues !== undefined) tail.methodValues = analysis.methodValues;
    tail.problems = analysis.diagnostics.map(problemJson);
    const body = escapeTerminalControls(JSON.stringify(tail));
    this.out.text(`${this.count > 0 ? '\n' : ''}],${body.slice(1)}\n`);
  }

  /**
   * The UTF-8 bytes written since the last call, to be written out (or copied) before the next
   * message: they may be a view of the chunk the next message is written into.
   */
  takeBytes(): Buffer {
    if (this.held.length === 0 && !this.dropComma) return this.out.take();
    const ready: Uint8Array[] = [];
    let n = 0;
    for (; n < this.held.length; n++) {
      const part = this.held[n] as Uint8Array | MessageHole;
      if (part instanceof Uint8Array) {
        this.ready(ready, part);
        this.heldBytes -= part.length;
        continue;
      }
      if (!part.settled) break;
      this.heldBytes -= part.head.length + part.tail.length;
      if (part.keep) {
        this.ready(ready, part.head);
        ready.push(functionBytes(part.fn), part.tail);
      } else if (part.first) {
        this.dropComma = true;
      }
    }
    this.held = n === this.held.length ? [] : this.held.slice(n);
    if (this.held.length === 0) {
      this.ready(ready, this.out.take());
      this.heldBytes = 0;
    }
    return Buffer.concat(ready);
  }

  /** Bytes to hand out, without the comma of the first message written out after a first one left out. */
  private ready(ready: Uint8Array[], bytes: Uint8Array): void {
    if (this.dropComma && bytes.length > 0) {
      this.dropComma = false;
      if (bytes[0] === COMMA) {
        ready.push(bytes.subarray(1));
        return;
      }
    }
    ready.push(bytes);
  }

  /** The text written since the last call. */
  take(): string {
    return this.takeBytes().toString('utf8');
  }

  /**
   * Bytes written and not yet taken, up to the first hole not settled (takeBytes hands out no
   * more); a settled message's function and a comma left out are not counted.
   */
  get pendingLength(): number {
    if (this.held.length === 0) return this.out.length;
    let ready = 0;
    for (const part of this.held) {
      if (part instanceof Uint8Array) ready += part.length;
      else if (!part.settled) return ready;
      else if (part.keep) ready += part.head.length + part.tail.length;
    }
    return ready + this.out.length;
  }
}
