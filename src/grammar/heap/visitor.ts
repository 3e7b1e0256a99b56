/**
 * Parsed lines → model (the parser records each line's tokens: parser.ts). The builder is stateful across chunks: a record's frame lines may arrive in the
 * next chunk, so it keeps the record being read. Records with the same stack are folded into
 * one `HeapStack` (one bucket per allocation size), which keeps memory bounded by the number of
 * distinct stacks rather than by the size of the dump.
 */
import type { IToken } from 'chevrotain';
import { fineFrameLineText } from '../common/frames.js';
import { LineBuilder } from '../common/linevisitor.js';
import { tokenColumn, tokenLine, type Position } from '../common/positions.js';
import { detach } from '../common/strings.js';
import { FrameTable } from './frametable.js';
import { StackTable } from './stacktable.js';
import type { BucketCounts as Counts, HeapDump, MemStatLine, MemStatsBlock, ProfileHeader } from './model.js';
import { KNOWN_MEMSTATS, PAIRED_MEMSTATS, type MemStatKind } from './model.js';
import { memStatRangeProblem } from './memstat-range.js';
import { countOf, formatCount } from '../../text/units.js';
import { firstCountsToken, heapParser, type CountsTokens, type FineFrameLine, type HeaderLine, type MemStatTokens, type MemStatValueTokens, type RecordLine } from './parser.js';
import { frameTokens, MemoryMapMarker, MemoryMapText, MemStatsTitle } from './tokens.js';

/** The four integers of a RecordCounts token (`N: N [N: N]`, the lexer checked the shape). */
function parseCounts(image: string, into: Counts): Counts {
  const n = COUNTS_SCRATCH;
  // Four stores: `fill` is V8's C++ builtin, ~370 instructions a record (53 million on the realistic 100 MB dump).
  n[0] = 0;
  n[1] = 0;
  n[2] = 0;
  n[3] = 0;
  let k = -1;
  let negative = false;
  let inNumber = false;
  for (let i = 0; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (!inNumber) {
        inNumber = true;
        k++;
      }
      n[k] = (n[k] as number) * 10 + (c - 48);
    } else {
      if (inNumber && negative) n[k] = -(n[k] as number);
      if (inNumber) negative = false;
      inNumber = false;
      if (c === 45 /* - */) negative = true;
    }
  }
  into.inuseObjects = n[0] as number;
  into.inuseBytes = n[1] as number;
  into.allocObjects = n[2] as number;
  into.allocBytes = n[3] as number;
  return into;
}

/** parseCounts's digits, reused: a record's counts are read once and copied into the model. */
const COUNTS_SCRATCH = [0, 0, 0, 0];

type ParsedValue = MemStatLine['value'];

function kindOf(value: ParsedValue): MemStatKind | 'word' {
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'word';
  return Array.isArray(value) ? 'array' : 'pair';
}

/** `printed`: the value's text, for a decimal no double holds (`1e309` reads as Infinity). */
function describeValue(value: ParsedValue, printed: string | undefined): string {
  switch (kindOf(value)) {
    case 'integer': return `the integer ${String(value)}`;
    case 'float': return `the decimal ${Number.isFinite(value) || printed === undefined ? String(value) : printed}`;
    case 'boolean': return `the word ${String(value)}`;
    case 'word': return `the word '${String(value)}'`;
    case 'array': return 'a list';
    default: return 'a pair';
  }
}

/**
 * The integers of an IntegerList token (`[79439 0 0 …]`: the lexer matched `-?\d+` separated by
 * spaces). Most of a PauseNs or PauseEnd ring is zeros in a young process: those share one 0n.
 */
function listValues(image: string): bigint[] {
  const values: bigint[] = [];
  const end = image.length - 1; // the ']'
  let i = 1;
  while (i < end) {
    if (image.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    const start = i;
    while (i < end && image.charCodeAt(i) !== 32) i++;
    values.push(i - start === 1 && image.charCodeAt(start) === 48 ? 0n : BigInt(image.slice(start, i)));
  }
  return values;
}

/** The first token of a `# Name = value` line's value, for positions. */
function valueToken(value: MemStatValueTokens): IToken | undefined {
  return value.first ?? value.float ?? value.word ?? value.list ?? value.open;
}


export class HeapDumpBuilder extends LineBuilder {
  private header: ProfileHeader | undefined;
  /** Frames are interned: the same frame line in many stacks is one row of the table. */
  private readonly frames = new FrameTable();
  private stackTable = new StackTable(this.frames);
  private recordCount = 0;
  /**
   * The records' in-use objects and bytes so far, and whether a line could not be read (it may have been a record):
   * the header's in-use totals are the records' sums (runtime/pprof adds them up; the alloc
   * columns may differ: it adds 1 byte when alloc equals in-use, and old profiles differ more).
   */
  private inuseObjectsRead = 0;
  private inuseBytesRead = 0;
  private recordUnread = false;
  /** The header's counts were unreadable (its diagnostic is said): no totals to check. */
  private headerBad = false;
  private memStats: MemStatsBlock | undefined;
  /** The stack whose frame lines are being read (its id in the stack table); -1 outside a record. */
  private framesFor = -1;
  /** True after a record line that could not be read: its frame lines are dropped without more diagnostics. */
  private discardingFrames = false;
  /** False when the current record repeats a known stack: its frames are already known. */
  private collectFrames = false;
  /** In a second MemStats block of one dump: its lines are skipped, its title reported. */
  private inSecondBlock = false;
  /** Where a gperftools memory map starts, if the file has one. */
  private memoryMapPosition: Position | undefined;

  /** The dumps before the current one, when the input holds several concatenated (`cat snap*.txt`). */
  readonly earlier: HeapDump[] = [];

  /**
   * A line failed to parse (its diagnostic is said). A record's frame lines then belong to nothing
   * and are dropped quietly; a bad frame line leaves its record open, so that the frames after it
   * are read and not each reported "outside a record"; any other line ends the record.
   */
  skippedLine(what: 'record' | 'frame' | 'other'): void {
    // Any line not read may have been a record (a damaged one is taken for a frame when it is not
    // sure): the totals are checked only in a dump whose every line was read.
    this.recordUnread = true;
    if (what === 'frame') return;
    this.framesFor = -1;
    this.discardingFrames = what === 'record' || this.discardingFrames;
  }

  frameOutsideRecord(position: Position): void {
    if (this.discardingFrames) return;
    this.at.report(position, 'error', 'a frame line outside a record',
      'frame lines (#\\t0x…) follow their record line (N: N [N: N] @ 0x…); is a line missing above?');
  }

  /**
   * The frame table, whose `known` gives the frame a line of exactly this text produced before, if
   * any. A dump repeats the same frame lines across many stacks (the same callers): parsing is
   * deterministic, so an identical line is taken from there instead of being lexed and parsed
   * again. The reader hands the chunk loop the table's own method: every wrapper around a
   * look-up made a million times became hot on its own, and V8 compiled the look-up into each.
   */
  get frameTable(): FrameTable {
    return this.frames;
  }

  /** A frame line served by the frame table's `known` (a row of the table) at input line `line`: added to the record being read. */
  useKnownFrame(row: number, line: number): void {
    if (this.discardingFrames) return;
    if (this.framesFor < 0) return this.frameOutsideRecord({ line, column: 1 });
    if (this.collectFrames) this.stackTable.pushFrame(this.framesFor, row);
  }

  finish(lineCount: number): HeapDump {
    this.checkTotals();
    return {
      header: this.header, stacks: this.stackTable.stacks(), recordCount: this.recordCount, memStats: this.memStats,
      memoryMap: this.memoryMapPosition, lineCount,
    };
  }

  /**
   * Reads the line parsed at `index` (its first token, `main`; what its rule read in
   * heapParser.details) at input line `line`, the `index`-th line of `text` (see
   * LineConsumer.visitLine).
   */
  visitLine(main: IToken, line: number, index: number, text: string): void {
    this.at.enter(line, index, text);
    // A well-formed frame line is its FrameLine token alone (parser.ts): most of a dump's lines.
    if (main.tokenType === frameTokens.FrameLine) return this.frameLine(main);
    const detail = heapParser.details[index];
    this.discardingFrames &&= detail?.kind === 'frame';
    switch (detail?.kind) {
      case 'record': return this.record(detail);
      case 'frame': return this.fineFrameLine(detail);
      case 'memStat': return this.memStat(detail);
      case 'header': return this.profileHeader(detail);
      case undefined:
        if (main.tokenType === MemStatsTitle) return this.memStatsTitle(main);
        if (main.tokenType === MemoryMapMarker || main.tokenType === MemoryMapText) return this.memoryMap(main);
        return this.blankLine(); // its line end
    }
  }

  /** A blank line (the grammar's `line: Newline`) ends a record; the chunk loop memoizes them. */
  blankLine(): void {
    this.discardingFrames = false;
    this.framesFor = -1;
  }

  private profileHeader(line: HeaderLine): void {
    const position = this.at.pos(line.keyword);
    this.framesFor = -1;
    // Another header: the input is dumps concatenated (`cat snap*.txt`, `curl … >> all.txt`).
    // The dump so far is complete; this line starts the next one, read as if it were its own file.
    if (this.header) this.startNextDump(position.line);
    const counts = countsOf(line.counts);
    const bad = countsProblem(counts);
    if (bad) this.at.report(position, 'error', `a 'heap profile:' header whose totals ${bad}`, COUNTS_HINT);
    this.headerBad = bad !== undefined;
    const rateToken = line.rate;
    let rate = rateToken ? Number(rateToken.image) : undefined;
    if (rate !== undefined && rateToken && !(Number.isSafeInteger(rate) && rate >= 0)) {
      this.at.report(this.at.pos(rateToken), 'error', `a sampling rate of ${rateToken.image.length > 24 ? `${rateToken.image.slice(0, 12)}…` : rateToken.image}: the runtime prints MemProfileRate × 2, a whole number from 0`,
        'the rate is left unknown, so no site is estimated; re-capture the dump with ?debug=1');
      rate = undefined;
    }
    this.header = {
      ...(bad ? { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 } : counts),
      format: detach(line.format.image),
      rate,
      position,
    };
  }

  private startNextDump(line: number): void {
    this.earlier.push(this.finish(line - 1));
    this.header = undefined;
    this.stackTable = new StackTable(this.frames);
    this.recordCount = 0;
    this.inuseObjectsRead = 0;
    this.inuseBytesRead = 0;
    this.recordUnread = false;
    this.headerBad = false;
    this.memStats = undefined;
    this.inSecondBlock = false;
    this.discardingFrames = false;
    this.memoryMapPosition = undefined;
  }

  private record(line: RecordLine): void {
    // The position as two numbers: a Position object per stack was 40 bytes the collector copies.
    const first = firstCountsToken(line.counts);
    const lineNumber = tokenLine(first, this.at.firstLine);
    const column = tokenColumn(first);
    if (this.memStats) {
      this.at.report({ line: lineNumber, column }, 'error', 'a heap record after the runtime.MemStats block',
        'records come before \'# runtime.MemStats\'; if dumps were joined, this one lost its \'heap profile:\' line');
      this.skippedLine('record');
      return;
    }
    if (!this.header) {
      this.at.report({ line: lineNumber, column }, 'warning', "a heap record before any 'heap profile:' header (is the start of the dump missing?)");
    }
    const counts = countsOf(line.counts);
    const bad = countsProblem(counts);
    if (bad) {
      this.at.report({ line: lineNumber, column }, 'error', `a record whose counts ${bad}`, COUNTS_HINT);
      this.skippedLine('record');
      return;
    }
    // The stack as printed is its key: the runtime prints one stack the same way every time.
    // Read in the text the lexer read: the token's image is a slice of it, slower to read.
    const pcs = line.stack;
    const table = this.stackTable;
    let stack = 'image' in pcs ? table.keys.find(this.at.text, pcs.startOffset, pcs.startOffset + pcs.image.length)
      : table.keys.find(`@ ${pcs.pcs.map((t) => t.image).join(' ')}`);
    this.collectFrames = stack < 0;
    this.recordCount++;
    this.inuseObjectsRead += counts.inuseObjects;
    this.inuseBytesRead += counts.inuseBytes;
    // The runtime's bucket has one size, so in-use and allocated averages agree when both exist.
    const objectSize = counts.allocObjects > 0 ? counts.allocBytes / counts.allocObjects
      : counts.inuseObjects > 0 ? counts.inuseBytes / counts.inuseObjects : 0;
    const bucket = stack < 0 ? -1 : table.bucketOf(stack, objectSize);
    if (bucket >= 0) {
      table.addToBucket(bucket, counts);
    } else {
      const created = table.addBucket(counts, objectSize, lineNumber, column);
      if (stack < 0) stack = table.addStack(created);
      else table.addSize(stack, created);
    }
    this.framesFor = stack;
  }

  /** A well-formed frame line: its FrameLine token. */
  private frameLine(frame: IToken): void {
    this.frame(frame.image, frame);
  }

  /** A frame line read in the fine tokens: its text runs from its `#` to its line end. */
  private fineFrameLine(frame: FineFrameLine): void {
    this.frame(fineFrameLineText(frame.marker, frame.lineEnd, this.at.text), frame.marker);
  }

  /** A frame line, `text` (without its line end), whose first token is `first`. */
  private frame(text: string, first: IToken): void {
    if (this.framesFor < 0) {
      this.frameOutsideRecord(this.at.pos(first));
      return;
    }
    if (!this.collectFrames) return; // a known stack repeated for another allocation size
    // No Position object: the table keeps the line and the column as numbers (a million frame lines in a 100 MB dump).
    const line = tokenLine(first, this.at.firstLine);
    const column = tokenColumn(first);
    const row = this.frames.fromLine(text, line, column);
    if (row === undefined) {
      this.at.report({ line, column }, 'error', 'a frame line heapdoc cannot split into address, function and file:line');
      return;
    }
    this.stackTable.pushFrame(this.framesFor, row);
  }

  /**
   * A dump whose records do not add up to its header's in-use totals lost records (cut at a line
   * boundary, where nothing else shows it) or was edited. Not checked when a line could not be read
   * (its own diagnostic says so).
   */
  private checkTotals(): void {
    const header = this.header;
    if (!header?.position || this.headerBad || this.recordUnread) return;
    if (header.inuseObjects === this.inuseObjectsRead && header.inuseBytes === this.inuseBytesRead) return;
    const missing = header.inuseObjects > this.inuseObjectsRead || header.inuseBytes > this.inuseBytesRead;
    this.at.report(header.position, 'error',
      `the records add up to ${countOf(this.inuseObjectsRead, 'object')} and ${countOf(this.inuseBytesRead, 'byte')} in use, where this header says ${formatCount(header.inuseObjects)} and ${formatCount(header.inuseBytes)}: ${missing ? 'records are missing (the dump was cut short or edited)' : 'the dump was edited'}`,
      'Go writes every record of the profile and their sums in the header: re-capture the whole response (curl -s …/debug/pprof/heap?debug=1 > file)');
  }

  /** `--- Memory map: ---` (`first` is its marker) or a line after it (its text). */
  private memoryMap(first: IToken): void {
    this.framesFor = -1;
    if (first.tokenType === MemoryMapMarker) this.memoryMapPosition ??= this.at.pos(first);
  }

  private memStatsTitle(title: IToken): void {
    const position = this.at.pos(title);
    this.framesFor = -1;
    if (this.memStats) {
      this.at.report(position, 'error', `a second '# runtime.MemStats' block (the first starts on line ${this.memStats.position?.line ?? '?'}); its lines are not read`,
        'a dump starts with its \'heap profile:\' line; if dumps were joined, this one lost it');
      this.inSecondBlock = true;
      return;
    }
    this.memStats = { position, lines: [], fields: new Map() };
  }

  private memStat(line: MemStatTokens): void {
    const nameToken = line.name;
    const position = this.at.pos(nameToken);
    this.framesFor = -1;
    if (this.inSecondBlock) return; // reported once, at its title
    // A pasted block without its title (the seed article quotes it so) is still a MemStats block.
    this.memStats ??= { position: undefined, lines: [], fields: new Map() };
    const name = detach(nameToken.image);
    const value = memStatValue(line.value);
    const outOfRange = memStatRangeProblem(name, KNOWN_MEMSTATS.get(name), line.value, Array.isArray(value) ? value : undefined);
    if (outOfRange) return this.at.report(this.at.pos(outOfRange.token), 'error', outOfRange.message, outOfRange.hint);
    const { fields } = this.memStats;
    const paired = PAIRED_MEMSTATS[name];
    if (paired ? fields.has(paired[0]) || fields.has(paired[1]) : fields.has(name)) {
      this.at.report(position, 'warning', `MemStats line '${name}' appears twice; the first value is kept`);
      return;
    }
    // The value's position is needed only for a diagnostic: found then (a dump has ~30 such lines).
    const stored = this.checkKind(name, value, () => this.at.pos(valueToken(line.value)), line.value.float?.image);
    if (stored === undefined) return;
    this.memStats.lines.push({ name, value: stored, position });
    if (typeof stored === 'object' && !Array.isArray(stored)) {
      fields.set(paired?.[0] ?? name, stored.inuse);
      fields.set(paired?.[1] ?? name, stored.sys);
    } else {
      fields.set(name, stored);
    }
  }

  /** The value as its field's type, or undefined (with a diagnostic at `where()`) when it is not of that type. */
  private checkKind(name: string, value: ParsedValue, where: () => Position, printed: string | undefined): ParsedValue | undefined {
    const kind = KNOWN_MEMSTATS.get(name);
    const actual = kindOf(value);
    if (kind === undefined || kind === actual) {
      if (actual === 'array' && (name === 'PauseNs' || name === 'PauseEnd') && (value as bigint[]).length !== 256) {
        this.at.report(where(), 'warning',
          `${name} has ${(value as bigint[]).length} values; the runtime always prints its 256-entry ring buffer (truncated?)`);
      }
      return value;
    }
    if (kind === 'float' && actual === 'integer') return Number(value as bigint); // %v prints 0 as "0"
    const expected = { integer: 'an integer', pair: "'inuse / sys' (two integers)", array: "'[n n …]'", float: 'a number', boolean: 'true or false' }[kind];
    this.at.report(where(), 'error', `MemStats ${name} must be ${expected}, found ${describeValue(value, printed)}`,
      'the line was skipped; fix the value or re-capture the dump with ?debug=1');
    return undefined;
  }

}

/** countsOf's result, reused: every caller reads it at once and copies what it keeps (one object less per record). */
const COUNTS: Counts = { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };

const COUNTS_HINT = 'the runtime prints counts of objects and bytes, whole numbers from 0; the line was skipped — re-capture the dump with ?debug=1';

/** What is wrong with a record's or header's four counts (`are negative`, `are past 2^53`), or undefined. */
function countsProblem(c: Counts): string | undefined {
  // Comparisons only, no array: this runs for every record (a million in a big dump).
  if (c.inuseObjects >= 0 && c.inuseBytes >= 0 && c.allocObjects >= 0 && c.allocBytes >= 0
    && c.inuseObjects <= MAX_SAFE && c.inuseBytes <= MAX_SAFE && c.allocObjects <= MAX_SAFE && c.allocBytes <= MAX_SAFE) return undefined;
  if (c.inuseObjects < 0 || c.inuseBytes < 0 || c.allocObjects < 0 || c.allocBytes < 0) return 'are negative';
  return 'are past 2^53 (9,007,199,254,740,991), more than any heap holds';
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The counts of a header or record: one RecordCounts token, or four Integer tokens. */
function countsOf(counts: IToken | CountsTokens): Counts {
  const into = COUNTS;
  if ('image' in counts) return parseCounts(counts.image, into);
  into.inuseObjects = Number(counts.inuseObjects.image);
  into.inuseBytes = Number(counts.inuseBytes.image);
  into.allocObjects = Number(counts.allocObjects.image);
  into.allocBytes = Number(counts.allocBytes.image);
  return into;
}

/** A MemStats value as read: its tokens' integers, decimal, word or list. */
function memStatValue(value: MemStatValueTokens): ParsedValue {
  const { first, float, word, list } = value;
  if (first) {
    const second = value.second;
    return second ? { inuse: BigInt(first.image), sys: BigInt(second.image) } : BigInt(first.image);
  }
  if (float) return Number(float.image);
  if (word) {
    if (word.image === 'true') return true;
    if (word.image === 'false') return false;
    return word.image; // a word the runtime never prints as a value: rejected by checkKind
  }
  return list ? listValues(list.image) : (value.elements ?? []).map((t) => BigInt(t.image));
}
