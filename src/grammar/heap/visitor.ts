/**
 * CST → model. The visitor is stateful across chunks: a record's frame lines may arrive in the
 * next chunk, so it keeps the record being read. Records with the same stack are folded into
 * one `HeapStack` (one bucket per allocation size), which keeps memory bounded by the number of
 * distinct stacks rather than by the size of the dump.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { tokenPosition, type Position } from '../common/positions.js';
import type { Frame, HeapDump, HeapStack, MemStatLine, MemStatsBlock, MemStatValue, ProfileHeader } from './model.js';
import { KNOWN_MEMSTATS, PAIRED_MEMSTATS, type MemStatKind } from './model.js';
import { heapParser } from './parser.js';

type Children = Record<string, CstElement[] | undefined>;

function token(children: Children, name: string, index = 0): IToken {
  const element = children[name]?.[index];
  if (!element || !('image' in element)) throw new Error(`internal: CST has no token ${name}[${index}]`);
  return element;
}

function optionalToken(children: Children, name: string): IToken | undefined {
  const element = children[name]?.[0];
  return element && 'image' in element ? element : undefined;
}

function node(children: Children, name: string): CstNode {
  const element = children[name]?.[0];
  if (!element || 'image' in element) throw new Error(`internal: CST has no node ${name}`);
  return element;
}

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

/** The first token of a `# Name = value` line's value, for positions. */
function valueToken(ctx: Children): IToken | undefined {
  const value = node(ctx, 'memStatValue').children;
  const tokens = Object.values(value).flat().filter((e): e is IToken => e !== undefined && 'image' in e);
  return tokens.sort((a, b) => a.startOffset - b.startOffset)[0];
}

const BaseVisitor = heapParser.getBaseCstVisitorConstructor<void, void>();

export class HeapDumpBuilder extends BaseVisitor {
  private header: ProfileHeader | undefined;
  private readonly stacksByKey = new Map<string, HeapStack>();
  private readonly stacks: HeapStack[] = [];
  private recordCount = 0;
  private memStats: MemStatsBlock | undefined;
  /** The stack whose frame lines are being read; undefined outside a record. */
  private framesFor: HeapStack | undefined;
  /** False when the current record repeats a known stack: its frames are already known. */
  private collectFrames = false;
  /** Frames are interned: the same frame line in many stacks is one object. */
  private readonly frameCache = new Map<string, Frame>();
  /** Where a gperftools memory map starts, if the file has one. */
  private memoryMapPosition: Position | undefined;
  /** Set while visiting a chunk: the input line the chunk starts on. */
  private firstLine = 1;

  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly source: string) {
    super();
    this.validateVisitor();
  }

  /** Visits one parsed chunk (rule `lines`) or one line (rule `line`). */
  visitChunk(cst: CstNode, firstLine: number): void {
    this.firstLine = firstLine;
    this.visit(cst);
  }

  finish(lineCount: number): HeapDump {
    return {
      header: this.header, stacks: this.stacks, recordCount: this.recordCount, memStats: this.memStats,
      memoryMap: this.memoryMapPosition, lineCount,
    };
  }

  private pos(tok: IToken | undefined, fallback: Position = { line: this.firstLine, column: 1 }): Position {
    return tokenPosition(tok, this.firstLine, fallback);
  }

  private report(position: Position, severity: Diagnostic['severity'], message: string, hint?: string): void {
    this.diagnostics.push({ source: this.source, ...position, severity, message, ...(hint ? { hint } : {}) });
  }

  lines(ctx: Children): void {
    for (const line of ctx.line ?? []) this.visit(line as CstNode);
  }

  line(ctx: Children): void {
    if (ctx.Newline) {
      this.framesFor = undefined; // a blank line ends a record
      return;
    }
    const child = Object.values(ctx)[0]?.[0];
    if (child && !('image' in child)) this.visit(child);
  }

  profileHeader(ctx: Children): void {
    const keyword = token(ctx, 'HeapProfileKeyword');
    const position = this.pos(keyword);
    this.framesFor = undefined;
    if (this.header) {
      this.report(position, 'error', `a second 'heap profile:' header (the first is on line ${this.header.position.line})`,
        'one input holds one dump: split the file and pass each part as its own INPUT');
      return;
    }
    const counts = this.counts(node(ctx, 'counts').children);
    const rateToken = optionalToken(ctx, 'Integer');
    this.header = {
      ...counts,
      format: token(ctx, 'Identifier').image,
      rate: rateToken ? Number(rateToken.image) : undefined,
      position,
    };
  }

  counts(ctx: Children): { inuseObjects: number; inuseBytes: number; allocObjects: number; allocBytes: number } {
    return {
      inuseObjects: Number(token(ctx, 'inuseObjects').image),
      inuseBytes: Number(token(ctx, 'inuseBytes').image),
      allocObjects: Number(token(ctx, 'allocObjects').image),
      allocBytes: Number(token(ctx, 'allocBytes').image),
    };
  }

  record(ctx: Children): void {
    const countsNode = node(ctx, 'counts');
    const first = countsNode.children.inuseObjects?.[0] as IToken | undefined;
    const position = this.pos(first);
    if (this.memStats) {
      this.report(position, 'error', 'a heap record after the runtime.MemStats block',
        'records come before \'# runtime.MemStats\'; were two dumps concatenated? Split them');
      this.framesFor = undefined;
      return;
    }
    if (!this.header) {
      this.report(position, 'warning', "a heap record before any 'heap profile:' header (is the start of the dump missing?)");
    }
    const counts = this.counts(countsNode.children);
    const pcs = (ctx.Hex ?? []).map((t) => (t as IToken).image);
    const key = pcs.join(' ');
    let stack = this.stacksByKey.get(key);
    this.collectFrames = stack === undefined;
    if (!stack) {
      stack = { pcs, frames: [], buckets: [], position };
      this.stacksByKey.set(key, stack);
      this.stacks.push(stack);
    }
    this.framesFor = stack;
    this.recordCount++;

    // The runtime's bucket has one size, so in-use and allocated averages agree when both exist.
    const objectSize = counts.allocObjects > 0 ? counts.allocBytes / counts.allocObjects
      : counts.inuseObjects > 0 ? counts.inuseBytes / counts.inuseObjects : 0;
    const bucket = stack.buckets.find((b) => b.objectSize === objectSize);
    if (bucket) {
      bucket.inuseObjects += counts.inuseObjects;
      bucket.inuseBytes += counts.inuseBytes;
      bucket.allocObjects += counts.allocObjects;
      bucket.allocBytes += counts.allocBytes;
      bucket.records++;
    } else {
      stack.buckets.push({ ...counts, objectSize, records: 1, position });
    }
  }

  frame(ctx: Children): void {
    const marker = token(ctx, 'FrameMarker');
    const position = this.pos(marker);
    if (!this.framesFor) {
      this.report(position, 'error', 'a frame line outside a record',
        'frame lines (#\\t0x…) follow their record line (N: N [N: N] @ 0x…); is a line missing above?');
      return;
    }
    if (!this.collectFrames) return; // a known stack repeated for another allocation size
    const address = token(ctx, 'FrameHex').image;
    const symbol = optionalToken(ctx, 'FrameSymbol')?.image;
    const fileLine = optionalToken(ctx, 'FrameFileLine')?.image;
    const key = `${address}\t${symbol ?? ''}\t${fileLine ?? ''}`;
    let frame = this.frameCache.get(key);
    if (!frame) {
      const plus = symbol ? symbol.lastIndexOf('+0x') : -1;
      const colon = fileLine ? fileLine.lastIndexOf(':') : -1;
      frame = {
        address,
        function: symbol !== undefined ? symbol.slice(0, plus) : undefined,
        offset: symbol !== undefined ? symbol.slice(plus + 1) : undefined,
        file: fileLine !== undefined ? fileLine.slice(0, colon) : undefined,
        line: fileLine !== undefined ? Number(fileLine.slice(colon + 1)) : undefined,
        position,
      };
      this.frameCache.set(key, frame);
    }
    this.framesFor.frames.push(frame);
  }

  memoryMap(ctx: Children): void {
    this.framesFor = undefined;
    const marker = optionalToken(ctx, 'MemoryMapMarker');
    if (marker) this.memoryMapPosition ??= this.pos(marker);
  }

  memStatsTitle(ctx: Children): void {
    const position = this.pos(token(ctx, 'MemStatsTitle'));
    this.framesFor = undefined;
    if (this.memStats) {
      this.report(position, 'error', `a second '# runtime.MemStats' block (the first starts on line ${this.memStats.position?.line ?? '?'})`,
        'one input holds one dump: split the file and pass each part as its own INPUT');
      return;
    }
    this.memStats = { position, lines: [], fields: new Map() };
  }

  memStat(ctx: Children): void {
    const nameToken = token(ctx, 'name');
    const position = this.pos(nameToken);
    this.framesFor = undefined;
    // A pasted block without its title (the seed article quotes it so) is still a MemStats block.
    this.memStats ??= { position: undefined, lines: [], fields: new Map() };
    const name = nameToken.image;
    const value = this.memStatValue(node(ctx, 'memStatValue').children);
    const names = PAIRED_MEMSTATS[name] ?? [name];
    if (names.some((n) => this.memStats?.fields.has(n))) {
      this.report(position, 'warning', `MemStats line '${name}' appears twice; the first value is kept`);
      return;
    }
    const stored = this.checkKind(name, value, this.pos(valueToken(ctx)));
    if (stored === undefined) return;
    this.memStats.lines.push({ name, value: stored, position });
    if (typeof stored === 'object' && !Array.isArray(stored)) {
      this.memStats.fields.set(names[0] ?? name, stored.inuse);
      this.memStats.fields.set(names[1] ?? name, stored.sys);
    } else {
      this.memStats.fields.set(name, stored);
    }
  }

  /** The value as its field's type, or undefined (with a diagnostic) when it is not of that type. */
  private checkKind(name: string, value: ParsedValue, position: Position): ParsedValue | undefined {
    const kind = KNOWN_MEMSTATS.get(name);
    const actual = kindOf(value);
    if (kind === undefined || kind === actual) {
      if (actual === 'array' && (name === 'PauseNs' || name === 'PauseEnd') && (value as bigint[]).length !== 256) {
        this.report(position, 'warning',
          `${name} has ${(value as bigint[]).length} values; the runtime always prints its 256-entry ring buffer (truncated?)`);
      }
      return value;
    }
    if (kind === 'float' && actual === 'integer') return Number(value as bigint); // %v prints 0 as "0"
    const expected = { integer: 'an integer', pair: "'inuse / sys' (two integers)", array: "'[n n …]'", float: 'a number', boolean: 'true or false' }[kind];
    this.report(position, 'error', `MemStats ${name} must be ${expected}, found ${describeValue(value)}`,
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
    return (ctx.element ?? []).map((t) => BigInt((t as IToken).image));
  }
}
