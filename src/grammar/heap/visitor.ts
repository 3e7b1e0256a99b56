/**
 * CST → model. The visitor is stateful across chunks: a record's frame lines may arrive in the
 * next chunk, so it keeps the record being read. Records with the same stack are folded into
 * one `HeapStack` (one bucket per allocation size), which keeps memory bounded by the number of
 * distinct stacks rather than by the size of the dump.
 */
import type { IToken } from 'chevrotain';
import { node, optionalToken, token, type Children } from '../common/cst.js';
import type { Position } from '../common/positions.js';
import { lineVisitor } from '../common/linevisitor.js';
import { detach } from '../common/strings.js';
import { FrameTable } from './frametable.js';
import { StackKeys, type KeyedPcs } from './stackkeys.js';
import type { Frame, FrameRows, HeapDump, HeapStack, MemStatLine, MemStatsBlock, ProfileHeader, SizeBucket } from './model.js';
import { KNOWN_MEMSTATS, PAIRED_MEMSTATS, type MemStatKind } from './model.js';
import { memStatRangeProblem } from './memstat-range.js';
import { heapParser } from './parser.js';

interface Counts {
  inuseObjects: number;
  inuseBytes: number;
  allocObjects: number;
  allocBytes: number;
}

/**
 * A stack of the model: its PCs are numbers in a shared column (stackkeys.ts), its frames a run of
 * ids in the frame table (frametable.ts).
 */
class Stack implements HeapStack, KeyedPcs {
  /** Never empty: a stack is made for its first record's bucket (`[first]`, not `[]` then push: a first push reserves 17 slots). */
  buckets: SizeBucket[];
  readonly pcStart: number;
  readonly pcCount: number;
  readonly printed: string | undefined;
  /** By object size, once a stack has many sizes (a linear search is faster below that). */
  bySize: Map<number, SizeBucket> | undefined;
  /** Its first frame's place in the table's stack frames. */
  private readonly first: number;
  depth = 0;

  constructor(private readonly keys: StackKeys<Stack>, readonly position: Position, private readonly table: FrameTable, bucket: SizeBucket) {
    this.first = table.stackFramesEnd;
    this.buckets = [bucket];
    const pcs = keys.pending();
    this.pcStart = pcs.pcStart;
    this.pcCount = pcs.pcCount;
    this.printed = pcs.printed;
  }

  get pcs(): string[] {
    return this.keys.pcsOf(this);
  }

  get frames(): Frame[] {
    const frames: Frame[] = [];
    for (let i = 0; i < this.depth; i++) frames.push(this.table.frame(this.table.stackFrame(this.first + i)));
    return frames;
  }

  /** Adds a frame (a row of the table) to this stack, the one being read. */
  push(row: number): void {
    this.table.pushStackFrame(row);
    this.depth++;
  }

  functionAt(i: number): string | undefined {
    return i < this.depth ? this.table.functionOf(this.table.stackFrame(this.first + i)) : undefined;
  }

  fileAt(i: number): string | undefined {
    return i < this.depth ? this.table.fileOf(this.table.stackFrame(this.first + i)) : undefined;
  }

  lineAt(i: number): number | undefined {
    return i < this.depth ? this.table.lineOf(this.table.stackFrame(this.first + i)) : undefined;
  }

  frameAt(i: number): Frame | undefined {
    return i >= 0 && i < this.depth ? this.table.frame(this.table.stackFrame(this.first + i)) : undefined;
  }

  rowAt(i: number): number {
    return this.table.stackFrame(this.first + i);
  }

  get rows(): FrameRows {
    return this.table;
  }
}

/** Sizes per stack above which buckets are found through a map. */
const LINEAR_BUCKETS = 8;

/** The four integers of a RecordCounts token (`N: N [N: N]`, the lexer checked the shape). */
function parseCounts(image: string, into: Counts): Counts {
  const n = COUNTS_SCRATCH;
  n.fill(0);
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

function describeValue(value: ParsedValue): string {
  switch (kindOf(value)) {
    case 'integer': return `the integer ${String(value)}`;
    case 'float': return `the decimal ${String(value)}`;
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
function valueToken(ctx: Children): IToken | undefined {
  const value = node(ctx, 'memStatValue').children;
  // The leftmost token, found by a loop: a PauseNs line has 256 (a sort of them cost ~0.1 ms a dump).
  let first: IToken | undefined;
  for (const elements of Object.values(value)) {
    for (const e of elements ?? []) {
      if ('image' in e && (!first || e.startOffset < first.startOffset)) first = e;
    }
  }
  return first;
}

/** The bucket of this object size, if the stack has one: one stack can have hundreds of sizes (a buffer pool). */
function bucketOf(stack: Stack, objectSize: number): SizeBucket | undefined {
  if (stack.bySize) return stack.bySize.get(objectSize);
  const buckets = stack.buckets;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as SizeBucket;
    if (b.objectSize === objectSize) return b;
  }
  return undefined;
}

export class HeapDumpBuilder extends lineVisitor(heapParser) {
  private header: ProfileHeader | undefined;
  private stackKeys = new StackKeys<Stack>();
  private stacks: Stack[] = [];
  private recordCount = 0;
  private memStats: MemStatsBlock | undefined;
  /** The stack whose frame lines are being read; undefined outside a record. */
  private framesFor: Stack | undefined;
  /** True after a record line that could not be read: its frame lines are dropped without more diagnostics. */
  private discardingFrames = false;
  /** False when the current record repeats a known stack: its frames are already known. */
  private collectFrames = false;
  /** Frames are interned: the same frame line in many stacks is one row of the table. */
  private readonly frames = new FrameTable();
  /** In a second MemStats block of one dump: its lines are skipped, its title reported. */
  private inSecondBlock = false;
  /** Where a gperftools memory map starts, if the file has one. */
  private memoryMapPosition: Position | undefined;

  /** The dumps before the current one, when the input holds several concatenated (`cat snap*.txt`). */
  readonly earlier: HeapDump[] = [];

  /** A line failed to parse: if it was a record, its frame lines belong to nothing and are dropped quietly. */
  skippedLine(wasRecord: boolean): void {
    this.framesFor = undefined;
    this.discardingFrames = wasRecord || this.discardingFrames;
  }

  frameOutsideRecord(position: Position): void {
    if (this.discardingFrames) return;
    this.at.report(position, 'error', 'a frame line outside a record',
      'frame lines (#\\t0x…) follow their record line (N: N [N: N] @ 0x…); is a line missing above?');
  }

  /**
   * The frame a line of exactly this text produced before, if any. A dump repeats the same frame
   * lines across many stacks (the same callers): parsing is deterministic, so an identical line
   * is taken from here instead of being lexed and parsed again.
   */
  knownFrame(text: string, start: number, end: number): number | undefined {
    return this.frames.known(text, start, end);
  }

  /** Adds a frame line served by `knownFrame` (a row of the frame table) to the record being read; false if there is none. */
  addKnownFrame(row: number): boolean {
    if (this.discardingFrames) return true;
    if (!this.framesFor) return false;
    if (this.collectFrames) this.framesFor.push(row);
    return true;
  }

  finish(lineCount: number): HeapDump {
    return {
      header: this.header, stacks: this.stacks, recordCount: this.recordCount, memStats: this.memStats,
      memoryMap: this.memoryMapPosition, lineCount,
    };
  }

  line(ctx: Children): void {
    // A well-formed frame line is the `line` node's own FrameLine token (parser.ts).
    if (ctx.FrameLine !== undefined) return this.frame(ctx);
    this.discardingFrames &&= ctx.frame !== undefined;
    const child = (ctx.record ?? ctx.frame ?? ctx.memStat ?? ctx.profileHeader ?? ctx.memStatsTitle ?? ctx.memoryMap)?.[0];
    if (child && !('image' in child)) this.visit(child);
    else this.blankLine();
  }

  /** A blank line (the grammar's `line: Newline`) ends a record; the chunk loop memoizes them. */
  blankLine(): void {
    this.discardingFrames = false;
    this.framesFor = undefined;
  }

  profileHeader(ctx: Children): void {
    const keyword = token(ctx, 'HeapProfileKeyword');
    const position = this.at.pos(keyword);
    this.framesFor = undefined;
    // Another header: the input is dumps concatenated (`cat snap*.txt`, `curl … >> all.txt`).
    // The dump so far is complete; this line starts the next one, read as if it were its own file.
    if (this.header) this.startNextDump(position.line);
    const counts = this.countsOf(ctx);
    const rateToken = optionalToken(ctx, 'Integer');
    this.header = {
      ...counts,
      format: detach(token(ctx, 'Identifier').image),
      rate: rateToken ? Number(rateToken.image) : undefined,
      position,
    };
  }

  private startNextDump(line: number): void {
    this.earlier.push(this.finish(line - 1));
    this.header = undefined;
    this.stackKeys = new StackKeys<Stack>();
    this.stacks = [];
    this.recordCount = 0;
    this.memStats = undefined;
    this.inSecondBlock = false;
    this.discardingFrames = false;
    this.memoryMapPosition = undefined;
  }

  /** The counts of a header or record: one RecordCounts token, or the fine-grained `counts` rule. */
  private countsOf(ctx: Children): Counts {
    const coarse = optionalToken(ctx, 'RecordCounts');
    if (!coarse) return this.counts(node(ctx, 'counts').children);
    return parseCounts(coarse.image, { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 });
  }

  counts(ctx: Children): Counts {
    return {
      inuseObjects: Number(token(ctx, 'inuseObjects').image),
      inuseBytes: Number(token(ctx, 'inuseBytes').image),
      allocObjects: Number(token(ctx, 'allocObjects').image),
      allocBytes: Number(token(ctx, 'allocBytes').image),
    };
  }

  record(ctx: Children): void {
    const first = optionalToken(ctx, 'RecordCounts') ?? (node(ctx, 'counts').children.inuseObjects?.[0] as IToken | undefined);
    const position = this.at.pos(first);
    if (this.memStats) {
      this.at.report(position, 'error', 'a heap record after the runtime.MemStats block',
        'records come before \'# runtime.MemStats\'; if dumps were joined, this one lost its \'heap profile:\' line');
      this.skippedLine(true);
      return;
    }
    if (!this.header) {
      this.at.report(position, 'warning', "a heap record before any 'heap profile:' header (is the start of the dump missing?)");
    }
    const counts = this.countsOf(ctx);
    const stackToken = optionalToken(ctx, 'StackPcs');
    // The stack as printed is its key: the runtime prints one stack the same way every time.
    const key = stackToken ? stackToken.image : `@ ${(ctx.Hex ?? []).map((t) => (t as IToken).image).join(' ')}`;
    let stack = this.stackKeys.find(key);
    this.collectFrames = stack === undefined;
    this.recordCount++;
    // The runtime's bucket has one size, so in-use and allocated averages agree when both exist.
    const objectSize = counts.allocObjects > 0 ? counts.allocBytes / counts.allocObjects
      : counts.inuseObjects > 0 ? counts.inuseBytes / counts.inuseObjects : 0;
    const bucket = stack && bucketOf(stack, objectSize);
    if (bucket) {
      bucket.inuseObjects += counts.inuseObjects;
      bucket.inuseBytes += counts.inuseBytes;
      bucket.allocObjects += counts.allocObjects;
      bucket.allocBytes += counts.allocBytes;
      bucket.records++;
    } else {
      // Spelled out, not `{ ...counts, … }`: the spread gave buckets a hidden class each (tens of
      // thousands of maps in a big dump's heap snapshot), slow to build and to collect.
      const created: SizeBucket = {
        inuseObjects: counts.inuseObjects, inuseBytes: counts.inuseBytes, allocObjects: counts.allocObjects,
        allocBytes: counts.allocBytes, objectSize, records: 1, position,
      };
      if (!stack) {
        stack = new Stack(this.stackKeys, position, this.frames, created);
        this.stackKeys.add(stack);
        this.stacks.push(stack);
      } else {
        stack.buckets.push(created);
        if (stack.bySize) stack.bySize.set(objectSize, created);
        else if (stack.buckets.length > LINEAR_BUCKETS) stack.bySize = new Map(stack.buckets.map((b) => [b.objectSize, b]));
      }
    }
    this.framesFor = stack;
  }

  frame(ctx: Children): void {
    const position = this.at.pos(optionalToken(ctx, 'FrameLine') ?? token(ctx, 'FrameMarker'));
    if (!this.framesFor) {
      this.frameOutsideRecord(position);
      return;
    }
    if (!this.collectFrames) return; // a known stack repeated for another allocation size
    const row = this.frames.fromCst(ctx, this.at.text, position);
    if (row === undefined) {
      this.at.report(position, 'error', 'a frame line heapdoc cannot split into address, function and file:line');
      return;
    }
    this.framesFor.push(row);
  }

  memoryMap(ctx: Children): void {
    this.framesFor = undefined;
    const marker = optionalToken(ctx, 'MemoryMapMarker');
    if (marker) this.memoryMapPosition ??= this.at.pos(marker);
  }

  memStatsTitle(ctx: Children): void {
    const position = this.at.pos(token(ctx, 'MemStatsTitle'));
    this.framesFor = undefined;
    if (this.memStats) {
      this.at.report(position, 'error', `a second '# runtime.MemStats' block (the first starts on line ${this.memStats.position?.line ?? '?'}); its lines are not read`,
        'a dump starts with its \'heap profile:\' line; if dumps were joined, this one lost it');
      this.inSecondBlock = true;
      return;
    }
    this.memStats = { position, lines: [], fields: new Map() };
  }

  memStat(ctx: Children): void {
    const nameToken = token(ctx, 'name');
    const position = this.at.pos(nameToken);
    this.framesFor = undefined;
    if (this.inSecondBlock) return; // reported once, at its title
    // A pasted block without its title (the seed article quotes it so) is still a MemStats block.
    this.memStats ??= { position: undefined, lines: [], fields: new Map() };
    const name = detach(nameToken.image);
    const valueChildren = node(ctx, 'memStatValue').children;
    const value = this.memStatValue(valueChildren);
    const outOfRange = memStatRangeProblem(name, KNOWN_MEMSTATS.get(name), valueChildren, Array.isArray(value) ? value : undefined);
    if (outOfRange) return this.at.report(this.at.pos(outOfRange.token), 'error', outOfRange.message, outOfRange.hint);
    const { fields } = this.memStats;
    const paired = PAIRED_MEMSTATS[name];
    if (paired ? fields.has(paired[0]) || fields.has(paired[1]) : fields.has(name)) {
      this.at.report(position, 'warning', `MemStats line '${name}' appears twice; the first value is kept`);
      return;
    }
    // The value's position is needed only for a diagnostic: found then (a dump has ~30 such lines).
    const stored = this.checkKind(name, value, () => this.at.pos(valueToken(ctx)));
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
  private checkKind(name: string, value: ParsedValue, where: () => Position): ParsedValue | undefined {
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
    this.at.report(where(), 'error', `MemStats ${name} must be ${expected}, found ${describeValue(value)}`,
      'the line was skipped; fix the value or re-capture the dump with ?debug=1');
    return undefined;
  }

  memStatValue(ctx: Children): ParsedValue {
    const first = optionalToken(ctx, 'first');
    if (first) {
      const second = optionalToken(ctx, 'second');
      return second ? { inuse: BigInt(first.image), sys: BigInt(second.image) } : BigInt(first.image);
    }
    const float = optionalToken(ctx, 'Float');
    if (float) return Number(float.image);
    const word = optionalToken(ctx, 'word');
    if (word) {
      if (word.image === 'true') return true;
      if (word.image === 'false') return false;
      return word.image; // a word the runtime never prints as a value: rejected by checkKind
    }
    const list = optionalToken(ctx, 'IntegerList');
    return list ? listValues(list.image) : (ctx.element ?? []).map((t) => BigInt((t as IToken).image));
  }
}
