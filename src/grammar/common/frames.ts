/**
 * Frame lines of the legacy pprof text profiles (`heap?debug=1`, `goroutine?debug=1`,
 * `goroutineleak?debug=1`, `threadcreate?debug=1`), as `runtime/pprof.printStackRecord` writes them
 * through text/tabwriter:
 *
 *   #	0x675bdb	main.waitForReply+0x3b			/build/run-go1.21/src/leak/main.go:68
 *   #	0x4b5159	internal/poll.(*FD).Accept+0x299	/build/go-1.21.13/src/internal/poll/fd_unix.go:611
 *   #	0x46d8c1                                                (a PC the runtime could not symbolize)
 *
 * The fields are separated by runs of tabs; a function name may hold spaces and brackets (generic
 * instantiations), a path spaces and colons (`C:/work/main.go:12`).
 *
 * Any grammar that reads these lines gets its own token types from `createFrameLineTokens`: one
 * coarse token for a whole well-formed line (most of what such a dump holds, so it must lex fast),
 * and fine tokens in a `frame` lexer mode as the fallback, so that a malformed frame line still gets
 * a diagnostic at the exact column. `scanFrameLine` finds the fields in the text of a line.
 */
import type { CstElement, IOrAlt, IToken, TokenType } from 'chevrotain';
import { createToken } from './chevrotain.js';
import { detach } from './strings.js';
import { LINE_END, startCharsExcept } from './chars.js';
import { CACHED_LINE_START } from './linereader.js';
import { LineParser } from './lineparser.js';
import type { Position } from './positions.js';

/** One frame line: `#\t0x47553a\ttime.Sleep+0x3a\t\t/…/time.go:306`. */
export interface PprofFrame {
  address: string;
  /** Undefined when the runtime could not symbolize the PC (the line is just `#\t0x…`). */
  function: string | undefined;
  offset: string | undefined;
  file: string | undefined;
  line: number | undefined;
  position: Position;
}

export interface FrameLineTokens {
  /** A whole well-formed frame line, up to (not including) its line end. */
  FrameLine: TokenType;
  /** `#` and tabs at the start of a frame line the coarse token did not match: enters the `frame` mode. */
  FrameMarker: TokenType;
  /** The line end in the `frame` mode (a `newline` by category): back to the default mode. */
  FrameNewline: TokenType;
  FrameSeparator: TokenType;
  FrameHex: TokenType;
  FrameSymbol: TokenType;
  FrameFileLine: TokenType;
  /** Anything else on a frame line; no rule consumes it, so it always becomes a diagnostic. */
  FrameText: TokenType;
  /** The tokens of the `frame` lexer mode. */
  modeTokens: TokenType[];
}

/** The lexer mode the fine frame tokens live in. */
export const FRAME_MODE = 'frame';

/**
 * Frame-line token types for one grammar. `newline` is that grammar's line-end token: the frame
 * mode's line end is in its category, so a rule that ends with `CONSUME(newline)` accepts both.
 */
export function createFrameLineTokens(newline: TokenType): FrameLineTokens {
  const notTab = startCharsExcept('\t\r\n');
  const FrameLine = createToken({
    name: 'FrameLine',
    label: 'a frame line (#\\t0x…\\tfunc+0x…\\tfile:line)',
    pattern: /#\t+0x[0-9a-fA-F]+(?:\t+[^\t\r\n]+\+0x[0-9a-fA-F]+\t+[^\t\r\n]*:\d+)?\t*(?=\r?\n)/,
    start_chars_hint: ['#'],
    line_breaks: false,
  });
  const FrameMarker = createToken({ name: 'FrameMarker', label: "'#' and a tab", pattern: /#\t+/, start_chars_hint: ['#'], line_breaks: false, push_mode: FRAME_MODE });
  const FrameNewline = createToken({
    name: 'FrameNewline',
    label: 'the end of the line',
    pattern: /\r?\n/,
    line_breaks: true,
    start_chars_hint: LINE_END,
    pop_mode: true,
    categories: [newline],
  });
  const FrameSeparator = createToken({ name: 'FrameSeparator', label: 'a tab', pattern: /\t+/, start_chars_hint: ['\t'], line_breaks: false });
  const FrameHex = createToken({ name: 'FrameHex', label: 'a hex address (0x…)', pattern: /0x[0-9a-fA-F]+(?=[\t\r\n])/, start_chars_hint: ['0'], line_breaks: false });
  const FrameSymbol = createToken({
    name: 'FrameSymbol',
    label: 'a function and offset (func+0x…)',
    pattern: /[^\t\r\n]+\+0x[0-9a-fA-F]+(?=[\t\r\n])/,
    start_chars_hint: notTab,
    line_breaks: false,
  });
  const FrameFileLine = createToken({
    name: 'FrameFileLine',
    label: 'a file:line',
    pattern: /[^\t\r\n]*:\d+(?=[\t\r\n])/,
    start_chars_hint: notTab,
    line_breaks: false,
  });
  const FrameText = createToken({ name: 'FrameText', label: 'frame text', pattern: /[^\t\r\n]+/, start_chars_hint: notTab, line_breaks: false });
  return {
    FrameLine, FrameMarker, FrameNewline, FrameSeparator, FrameHex, FrameSymbol, FrameFileLine, FrameText,
    modeTokens: [FrameNewline, FrameSeparator, FrameHex, FrameSymbol, FrameFileLine, FrameText],
  };
}

/**
 * Where the fields of a frame line lie in its text (`scanFrameLine` fills it): the address
 * `[addressStart, addressEnd)`, the function `[functionStart, offsetStart - 1)` and its offset
 * `[offsetStart, offsetEnd)` (functionStart -1: no symbol), the file `[fileStart, fileEnd)` and
 * its line number (fileStart -1: no file).
 */
export interface FrameFields {
  addressStart: number;
  addressEnd: number;
  functionStart: number;
  offsetStart: number;
  offsetEnd: number;
  fileStart: number;
  fileEnd: number;
  line: number;
}

export function frameFields(): FrameFields {
  return { addressStart: 0, addressEnd: 0, functionStart: -1, offsetStart: 0, offsetEnd: 0, fileStart: -1, fileEnd: 0, line: 0 };
}

/**
 * Finds the fields of a frame line's text (`#` up to the line end, without it) into `out`; false
 * when the text is not a frame line (a line that `FrameLine` or the fine frame tokens accepted
 * always splits). Scanned by hand into offsets, not split('\t') and regexes: in a dump whose
 * frames are all distinct this runs once per frame line (1.4 million in 100 MB).
 */
export function scanFrameLine(text: string, out: FrameFields): boolean {
  const end = text.length;
  const i = scanFrameAddress(text, out);
  if (i < 0) return false;
  if (i === end) return true;
  const symbolEnd = fieldEnd(text, i);
  const plus = text.lastIndexOf('+0x', symbolEnd - 1);
  if (plus <= i) return false;
  const fileStart = skipTabs(text, symbolEnd);
  let fileEnd = 0;
  let line = 0;
  if (fileStart !== end) {
    const fileLineEnd = fieldEnd(text, fileStart);
    if (skipTabs(text, fileLineEnd) !== end) return false; // a fourth field
    const colon = text.lastIndexOf(':', fileLineEnd - 1);
    if (colon < fileStart || colon + 1 === fileLineEnd) return false;
    for (let k = colon + 1; k < fileLineEnd; k++) {
      const digit = text.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return false;
      line = line * 10 + digit;
    }
    fileEnd = colon;
    out.fileStart = fileStart;
  }
  out.functionStart = i;
  out.offsetStart = plus + 1;
  out.offsetEnd = symbolEnd;
  out.fileEnd = fileEnd;
  out.line = line;
  return true;
}

/**
 * The first part of scanFrameLine: finds the address into `out` (its other fields unset) and
 * returns where the fields after it start (the text's length if there are none); -1 when the text
 * is not a frame line. What follows depends on that rest of the text alone.
 */
export function scanFrameAddress(text: string, out: FrameFields): number {
  if (text.charCodeAt(0) !== 35 /* # */) return -1;
  const i = skipTabs(text, 1);
  // The fields: up to three, separated by runs of tabs.
  const addressEnd = fieldEnd(text, i);
  if (!isHexLiteral(text, i, addressEnd)) return -1;
  out.addressStart = i;
  out.addressEnd = addressEnd;
  out.functionStart = -1;
  out.fileStart = -1;
  return skipTabs(text, addressEnd);
}

function skipTabs(text: string, i: number): number {
  // Bounded: a charCodeAt past the end (a line with no field after its address) deoptimized this
  // function ("out of bounds") and V8 compiled it again.
  while (i < text.length && text.charCodeAt(i) === 9) i++;
  return i;
}

/** Where the field starting at `i` ends: at the next tab or the end of the text. */
function fieldEnd(text: string, i: number): number {
  const tab = text.indexOf('\t', i);
  return tab < 0 ? text.length : tab;
}

function isHexLiteral(s: string, start: number, end: number): boolean {
  if (end - start < 3 || s.charCodeAt(start) !== 48 /* 0 */ || s.charCodeAt(start + 1) !== 120 /* x */) return false;
  for (let k = start + 2; k < end; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/**
 * Frame lines, shared by every grammar that reads them. A grammar's `line` rule takes a well-formed
 * frame line itself, the coarse `FrameLine` token and the line end (`frameLineAlternative`: no rule
 * call and CST node for most of a dump's lines), and its `frame` rule is the fallback in the fine
 * tokens (`#`, PC, `func+0x…`, `file:line`, separated by tabs), so that a malformed line is
 * diagnosed at its exact column: `public frame = this.RULE('frame', () => this.frameLine(frameTokens, Newline))`.
 */
export abstract class FrameLineParser extends LineParser {
  /** `line`'s alternative for a well-formed frame line (it uses CONSUME1 of the line end in `line`). */
  protected frameLineAlternative(t: FrameLineTokens, newline: TokenType): IOrAlt<unknown> {
    return {
      ALT: () => {
        this.CONSUME(t.FrameLine);
        this.CONSUME1(newline);
      },
    };
  }

  /** The `frame` rule: a frame line `FrameLine` did not match, in the fine tokens, and its line end. */
  protected frameLine(t: FrameLineTokens, newline: TokenType): void {
    fineFrameLine(this, t);
    this.CONSUME(newline);
  }
}

/**
 * What the fine frame-line rule calls on its parser: Chevrotain's DSL methods, which its types
 * declare protected (they are public at run time).
 */
interface FrameRuleDsl {
  CONSUME(tokenType: TokenType): IToken;
  CONSUME1(tokenType: TokenType): IToken;
  CONSUME2(tokenType: TokenType): IToken;
  CONSUME3(tokenType: TokenType): IToken;
  OPTION1(action: () => unknown): unknown;
  OPTION2(action: () => unknown): unknown;
  OPTION3(action: () => unknown): unknown;
  OPTION4(action: () => unknown): unknown;
  OPTION5(action: () => unknown): unknown;
}

/**
 * A frame line in the fine tokens (`#`, PC, `func+0x…`, `file:line`, separated by tabs), without
 * its line end, in the rule of any parser, CST or embedded actions (the heap grammar builds no
 * CST); its first token, the `#` marker.
 */
export function fineFrameLine(parser: object, t: FrameLineTokens): IToken {
  const p = parser as FrameRuleDsl;
  const marker = p.CONSUME(t.FrameMarker);
  p.CONSUME(t.FrameHex);
  p.OPTION1(() => p.CONSUME1(t.FrameSeparator));
  p.OPTION2(() => {
    p.CONSUME(t.FrameSymbol);
    p.OPTION3(() => p.CONSUME2(t.FrameSeparator));
    p.OPTION4(() => {
      p.CONSUME(t.FrameFileLine);
      p.OPTION5(() => p.CONSUME3(t.FrameSeparator));
    });
  });
  return marker;
}

/** Distinct frame lines kept for reuse: enough for any real binary, bounded for a hostile input. */
const MAX_CACHED_FRAMES = 1 << 17;

interface CachedLine<V> {
  text: string;
  value: V;
  /** The cached line that followed this one the last time it was found: most likely the next again. */
  next: CachedLine<V> | undefined;
}

/**
 * Bits of the PC filter: a PC that was never cached is turned away by one bit test. It starts
 * small and grows as frames are cached (at least 32 bits a PC: one in ~30 uncached PCs gets past
 * it), up to the most: a small dump, or each of lint's thousands, should not zero a filter it
 * never fills; a dump whose frames are all distinct asks it once per frame line (the most, 512 KiB,
 * holds the 131,072 cached PCs at 32 bits each: at 8 bits, one uncached line in eight went on to
 * the map).
 */
const FIRST_FILTER_BITS = 1 << 13;
const MAX_FILTER_BITS = 1 << 22;
/** Bits of filter per cached PC, at least (see above). */
const FILTER_BITS_PER_PC = 32;

/**
 * New lines offered to a cache (set calls) between two judgements of whether caching pays (see
 * FrameLineCache.judge).
 */
const TRIAL_LINES = 1 << 12;
/** Caching pays when the lines found in the cache are at least this share of the new lines offered. */
const PAYING_SHARE = 1 / 4;
/** A cache closed to new lines opens again for one trial every this many judgements (a dump whose frames repeat later on). */
const RETRIAL_EVERY = 32;
/**
 * A closed cache whose lines were found fewer than this many times in the last TRIAL_LINES new
 * lines is quiet: it is asked for one line in LOOKUP_SAMPLE only (see get). In a dump whose frames
 * never repeat, looking up every line (its PC parsed, the filter tested) found nothing and cost
 * ~5 % of the instructions of the whole analysis.
 */
const QUIET_FOUND = TRIAL_LINES / 64;
const LOOKUP_SAMPLE = 8;

/**
 * Values by the exact text of a frame line, keyed by the frame's PC as a number, which costs no
 * string to look up, with each line's text kept for an exact comparison (inlined frames share a
 * PC: a PC may have several lines). A bit per hashed PC turns away most lines whose PC was never
 * cached before the map is asked (in a dump whose frames are all distinct, every line).
 *
 * Caching a line costs more than reading it once: a copy of its text, an entry, a map slot, the
 * GC's work on them while they live, and a second look-up of the lines after it in its chunk
 * (FrameTable.fromLine). In a dump whose frames never repeat no line is found again, so the cache
 * judges itself after every TRIAL_LINES new lines and closes to new lines while it does not pay
 * (see judge), and, closed and hardly found, makes few look-ups (QUIET_FOUND). What it returns is
 * the same either way: a line not cached, or not looked up, is read by the grammar.
 */
export class FrameLineCache<V> {
  private readonly byPc = new Map<number, CachedLine<V> | CachedLine<V>[]>();
  private filterBits = FIRST_FILTER_BITS;
  private seen = new Uint32Array(FIRST_FILTER_BITS >>> 5);
  private cached = 0;
  /** Lines found (get) and new lines offered (set) since the cache began, and `found` at the last judgement. */
  private found = 0;
  private offered = 0;
  private foundWhenJudged = 0;
  /** Closed to new lines (see judge), and for how many judgements. */
  private closed = false;
  private closedFor = 0;
  /** Closed and its lines hardly found (QUIET_FOUND): most look-ups are skipped; `skipped` counts them off. */
  private quiet = false;
  private skipped = 0;
  /** The line found last. Stacks share call chains, so lines tend to follow the same line again. */
  private last: CachedLine<V> | undefined;

  /** How many lines are cached: a reader that asked for a line and saw no line added since need not ask again. */
  get size(): number {
    return this.cached;
  }

  /** The value cached for a line of exactly the text `text[start, end)`. */
  get(text: string, start = 0, end = text.length): V | undefined {
    // A quiet cache answers "not cached" without looking: the grammar reads the line, which gives
    // the same value (see the class). One line in LOOKUP_SAMPLE is looked up, to see whether the
    // lines it holds come back.
    if (this.quiet && ++this.skipped % LOOKUP_SAMPLE !== 0) {
      this.last = undefined;
      return undefined;
    }
    // The line that followed the last one found, tried first with one compare (a guess: a miss
    // costs a length compare, a hit spares the PC's parse and the map).
    const guess = this.last?.next;
    if (guess !== undefined && sameText(guess.text, text, start, end)) {
      this.last = guess;
      this.found++;
      return guess.value;
    }
    const found = this.find(text, start, end);
    if (found === undefined) {
      this.last = undefined;
      return undefined;
    }
    if (this.last !== undefined) this.last.next = found;
    this.last = found;
    this.found++;
    return found.value;
  }

  private find(text: string, start: number, end: number): CachedLine<V> | undefined {
    const pc = pcValue(text, start, end);
    if (pc < 0) return undefined;
    if (!this.mayHold(pc)) return undefined;
    const entry = this.byPc.get(pc);
    if (entry === undefined) return undefined;
    if (!Array.isArray(entry)) return sameText(entry.text, text, start, end) ? entry : undefined;
    for (const e of entry) if (sameText(e.text, text, start, end)) return e;
    return undefined;
  }

  /** Caches `value` for the frame line `line` (the whole line, without its line end), while there is room. */
  set(line: string, value: V): void {
    if (this.cached >= MAX_CACHED_FRAMES) return;
    if (++this.offered % TRIAL_LINES === 0) this.judge();
    if (this.closed) return;
    const pc = pcValue(line, 0, line.length);
    if (pc < 0) return;
    const entry: CachedLine<V> = { text: detach(line), value, next: undefined };
    const before = this.mayHold(pc) ? this.byPc.get(pc) : undefined;
    this.byPc.set(pc, before === undefined ? entry : Array.isArray(before) ? [...before, entry] : [before, entry]);
    this.mark(pc);
    this.cached++;
    if (this.cached * FILTER_BITS_PER_PC > this.filterBits && this.filterBits < MAX_FILTER_BITS) this.growFilter();
  }

  /**
   * Whether caching paid in the last TRIAL_LINES new lines: the lines found meanwhile were at least
   * PAYING_SHARE of them. An open cache that did not pay closes to new lines; a closed one opens
   * when the lines it holds are found that often, or for a trial every RETRIAL_EVERY judgements.
   * A closed cache whose lines were hardly found is quiet until the next judgement (QUIET_FOUND).
   * On a 100 MB dump of distinct frames (bench/inputs.ts's worst case) it closes at the first
   * judgement and holds 32,767 lines at the end (the first 4,095 and eight trials) instead of
   * 131,072: −13 % CPU, median of seven runs alternated with the cache that never closed.
   */
  private judge(): void {
    // A quiet cache looked up one line in LOOKUP_SAMPLE: what it found stands for that many.
    const found = (this.found - this.foundWhenJudged) * (this.quiet ? LOOKUP_SAMPLE : 1);
    const paid = found >= TRIAL_LINES * PAYING_SHARE;
    this.foundWhenJudged = this.found;
    if (!this.closed) {
      this.closed = !paid;
      this.closedFor = 0;
    } else {
      this.closedFor++;
      this.closed = !paid && this.closedFor % RETRIAL_EVERY !== 0;
    }
    this.quiet = this.closed && found < QUIET_FOUND;
  }

  /** False when no line with this PC is cached (the filter's bit is clear); true when one may be. */
  private mayHold(pc: number): boolean {
    const bit = filterBit(pc, this.filterBits);
    return ((this.seen[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }

  private mark(pc: number): void {
    const bit = filterBit(pc, this.filterBits);
    this.seen[bit >>> 5] = (this.seen[bit >>> 5] as number) | (1 << (bit & 31));
  }

  /** Four times the bits, every cached PC marked again (amortized: a PC is marked ~1.3 times). */
  private growFilter(): void {
    this.filterBits = Math.min(this.filterBits * 4, MAX_FILTER_BITS);
    this.seen = new Uint32Array(this.filterBits >>> 5);
    for (const pc of this.byPc.keys()) this.mark(pc);
  }
}

function filterBit(pc: number, bits: number): number {
  // PCs are 2^31 at most in practice but may be up to 2^52: fold the high bits in.
  return (pc ^ Math.floor(pc / bits)) & (bits - 1);
}

/**
 * The text of a parsed `frame` node's line: `ctx` its children, `text` the text the lexer read
 * (for the fine-token form, whose line is cut out of it). Undefined if the node has no line.
 */
export function frameLineText(ctx: Record<string, CstElement[] | undefined>, text: string): string | undefined {
  const coarse = ctx.FrameLine?.[0] as IToken | undefined;
  if (coarse) return coarse.image;
  // The fine-token form: the line runs from the '#' to the grammar's line end (named Newline).
  const first = ctx.FrameMarker?.[0] as IToken | undefined;
  const newline = ctx.Newline?.[0] as IToken | undefined;
  return first && newline ? fineFrameLineText(first, newline, text) : undefined;
}

/** The text of a frame line read in the fine tokens: from its `#` marker up to its line end (`\n` or `\r\n`), in `text`, the text lexed. */
export function fineFrameLineText(marker: IToken, lineEnd: IToken, text: string): string {
  const end = lineEnd.startOffset;
  return text.slice(marker.startOffset, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
}

/**
 * Frames by the exact text of their line, so that the same frame line in many records is one
 * object and, through the chunk loop's cache (linereader.ts), is not lexed again. Function and
 * file names are interned: in a dump whose PCs never repeat (every frame distinct), the names
 * still do.
 */
export class FrameInterner {
  private readonly lines = new FrameLineCache<PprofFrame>();
  private readonly names = new Map<string, string>();
  private readonly fields = frameFields();

  /** The frame a line of exactly the text `text[start, end)` produced before. */
  known(text: string, start = 0, end = text.length): PprofFrame | undefined {
    return this.lines.get(text, start, end);
  }

  /**
   * The frame of a parsed `frame` node: `ctx` its children, `text` the text the lexer read (for
   * the fine-token form, whose line is cut out of it). Undefined if the line does not split.
   */
  fromCst(ctx: Record<string, CstElement[] | undefined>, text: string, position: Position): PprofFrame | undefined {
    const line = frameLineText(ctx, text);
    if (line === undefined) return undefined;
    const known = this.known(line);
    if (known) return known;
    const f = this.fields;
    if (!scanFrameLine(line, f)) return undefined;
    const symbol = f.functionStart >= 0;
    const file = f.fileStart >= 0;
    // Spelled out, not `{ ...fields, … }`: the spread gave frames a hidden class each (431,000
    // maps, a third of the heap, in a 20 MB dump whose frames are all distinct).
    const frame: PprofFrame = {
      address: detach(line.slice(f.addressStart, f.addressEnd)),
      function: symbol ? this.intern(line.slice(f.functionStart, f.offsetStart - 1)) : undefined,
      offset: symbol ? detach(line.slice(f.offsetStart, f.offsetEnd)) : undefined,
      file: file ? this.intern(line.slice(f.fileStart, f.fileEnd)) : undefined,
      line: file ? f.line : undefined,
      position,
    };
    this.lines.set(line, frame);
    return frame;
  }

  /** One string object for each distinct name, detached from the chunk it was cut from. */
  private intern(name: string): string {
    let own = this.names.get(name);
    if (own === undefined) {
      own = detach(name);
      this.names.set(own, own);
    }
    return own;
  }
}

function sameText(cached: string, text: string, start: number, end: number): boolean {
  // A slice and `===` (one memory compare) measured 3–5× faster than `startsWith(cached, start)`.
  return cached.length === end - start && text.slice(start, end) === cached;
}

/**
 * The PC of a frame line `#\t0x47553a\t…` in `text[start, end)`, as a number; -1 if the line does
 * not start so or the PC has more than 13 hex digits (beyond what a double holds exactly).
 */
function pcValue(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) !== CACHED_LINE_START.frame) return -1;
  let i = start + 1;
  while (i < end && text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 48 /* 0 */ || text.charCodeAt(i + 1) !== 120 /* x */) return -1;
  i += 2;
  let value = 0;
  const digitsStart = i;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (digit < 0) break;
    value = value * 16 + digit;
  }
  return i === digitsStart || i - digitsStart > 13 ? -1 : value;
}
