/**
 * The heap profile grammar, one rule per kind of line that `runtime/pprof.writeHeapInternal`
 * prints (src/runtime/pprof/pprof.go). The grammar is line-based on purpose: a dump is read in
 * chunks of whole lines, and the visitor stitches frame lines to the record above them, so a
 * record may straddle two chunks.
 *
 * No CST: the parser is an EmbeddedActionsParser whose `line` records, per line, its first token
 * (`mains`: the FrameLine of a well-formed frame line, the title, the line end of a blank line)
 * and what a rule of its own read (`details`: records, the header, MemStats lines, frame lines in
 * the fine tokens), which the visitor reads by the line's index (common/lineparser.ts
 * RecordingLineParser, as the gcflags and prometheus grammars). In a dump whose frames are all
 * distinct, a CST node, its children object and two one-token arrays per frame line were a third
 * of what reading it allocated.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import { fineFrameLine } from '../common/frames.js';
import { RecordingLineParser } from '../common/lineparser.js';
import { recordingLineGrammar } from '../common/linereader.js';
import { heapLexer } from './lexer.js';
import {
  allTokens,
  frameTokens,
  At,
  Colon,
  Equals,
  Float,
  HeapProfileKeyword,
  Hex,
  Identifier,
  Integer,
  IntegerList,
  LBracket,
  MemStatMarker,
  MemStatsTitle,
  MemoryMapMarker,
  MemoryMapText,
  Newline,
  RBracket,
  RecordCounts,
  StackPcs,
  Slash,
} from './tokens.js';

/** How diagnostics name each rule ("expected an integer in a heap record"). */
const RULE_DESCRIPTIONS: Record<string, string> = {
  line: 'a heap dump line',
  profileHeader: 'the \'heap profile:\' header',
  counts: 'the counts \'N: N [N: N]\'',
  heapRecord: 'a heap record',
  frame: 'a frame line',
  memStatsTitle: 'the \'# runtime.MemStats\' line',
  memStat: 'a MemStats line',
  memoryMap: 'the memory map',
  memStatValue: 'a MemStats value',
};

/** A record's or the header's counts read token by token (a line the RecordCounts token does not match). */
export interface CountsTokens {
  readonly inuseObjects: IToken;
  readonly inuseBytes: IToken;
  readonly allocObjects: IToken;
  readonly allocBytes: IToken;
}

/** A stack read token by token: `@`, then its PCs (a list the StackPcs token does not match). */
export interface PcTokens {
  readonly at: IToken;
  readonly pcs: IToken[];
}

/** `0: 0 [3: 240] @ 0x47553b 0x696fd8`: its counts (RecordCounts, or token by token) and its stack (StackPcs, or token by token). */
export interface RecordLine {
  readonly kind: 'record';
  readonly counts: IToken | CountsTokens;
  readonly stack: IToken | PcTokens;
}

/** `heap profile: 6: 2688 [9: 2928] @ heap/1048576`. */
export interface HeaderLine {
  readonly kind: 'header';
  readonly keyword: IToken;
  readonly counts: IToken | CountsTokens;
  /** `heap` (Go); `heap_v2`, `heapz_v2`, `heapprofile` (gperftools). */
  readonly format: IToken;
  readonly rate: IToken | undefined;
}

/** A frame line the coarse FrameLine token did not match, read in the fine tokens: where its text starts and ends. */
export interface FineFrameLine {
  readonly kind: 'frame';
  readonly marker: IToken;
  readonly lineEnd: IToken;
}

/**
 * A MemStats value's tokens: one integer (`first`), an `inuse / sys` pair (`first`, `second`),
 * a decimal, a word (true, false), a list in one token, or a list token by token (`open`, its
 * `elements`). Every field is set (undefined when absent): one shape for every value.
 */
export interface MemStatValueTokens {
  readonly first: IToken | undefined;
  readonly second: IToken | undefined;
  readonly float: IToken | undefined;
  readonly word: IToken | undefined;
  readonly list: IToken | undefined;
  readonly open: IToken | undefined;
  readonly elements: IToken[] | undefined;
}

/** `# Name = value`. */
export interface MemStatTokens {
  readonly kind: 'memStat';
  readonly name: IToken;
  readonly value: MemStatValueTokens;
}

/** What the parser records of a line read by a rule of its own (HeapProfileParser.details). */
export type HeapLineDetail = RecordLine | HeaderLine | FineFrameLine | MemStatTokens;

const NO_VALUE: MemStatValueTokens = {
  first: undefined, second: undefined, float: undefined, word: undefined, list: undefined, open: undefined, elements: undefined,
};

export class HeapProfileParser extends RecordingLineParser<HeapLineDetail | undefined> {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS, 2);
    this.performSelfAnalysis();
  }

  /**
   * The alternatives of `line`, built once. An OR given a new array on every call (seven objects
   * and seven closures a line) was most of what parsing a dump allocated: Chevrotain's performance
   * guide, "Caching Arrays of Alternatives". The closures read the rules through `this` when called.
   * A well-formed frame line, most of a dump's lines, is its one FrameLine token, taken here
   * without a rule of its own.
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { const header = this.SUBRULE(this.profileHeader); this.record(header.keyword, header); } },
    {
      ALT: () => {
        const record = this.SUBRULE(this.heapRecord);
        // While Chevrotain records the grammar, a rule returns no value to look into.
        if (!this.RECORDING_PHASE) this.record(firstCountsToken(record.counts), record);
      },
    },
    { ALT: () => { this.record(this.CONSUME(frameTokens.FrameLine), undefined); this.CONSUME1(Newline); } },
    { ALT: () => { const frame = this.SUBRULE(this.frame); this.record(frame.marker, frame); } },
    { ALT: () => this.record(this.SUBRULE(this.memStatsTitle), undefined) },
    { ALT: () => { const stat = this.SUBRULE(this.memStat); this.record(stat.name, stat); } },
    { ALT: () => this.record(this.SUBRULE(this.memoryMap), undefined) },
    { ALT: () => this.record(this.CONSUME2(Newline), undefined) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** A record's (and the header's) counts, then a record's stack: built once like `line`'s alternatives. */
  private readonly countsAlternatives: IOrAlt<IToken | CountsTokens>[] = [
    { ALT: () => this.CONSUME(RecordCounts) },
    { ALT: () => this.SUBRULE(this.counts) },
  ];
  private readonly stackAlternatives: IOrAlt<IToken | PcTokens>[] = [
    { ALT: () => this.CONSUME(StackPcs) },
    {
      ALT: () => {
        const at = this.CONSUME(At);
        const pcs: IToken[] = [];
        this.MANY(() => {
          pcs.push(this.CONSUME(Hex));
        });
        return { at, pcs };
      },
    },
  ];

  /** `heap profile: 6: 2688 [9: 2928] @ heap/1048576` (the suffix is `heap/` + 2×MemProfileRate). */
  public profileHeader = this.RULE('profileHeader', (): HeaderLine => {
    const keyword = this.CONSUME(HeapProfileKeyword);
    const counts = this.OR(this.countsAlternatives);
    this.CONSUME(At);
    const format = this.CONSUME(Identifier); // heap (Go); heap_v2 / heapz_v2 / heapprofile (gperftools)
    const rate = this.OPTION(() => {
      this.CONSUME(Slash);
      return this.CONSUME(Integer);
    });
    this.CONSUME(Newline);
    return { kind: 'header', keyword, counts, format, rate };
  });

  /** `inuse_objects: inuse_bytes [alloc_objects: alloc_bytes]`, token by token (the fallback of RecordCounts). */
  public counts = this.RULE('counts', (): CountsTokens => {
    const inuseObjects = this.CONSUME1(Integer);
    this.CONSUME1(Colon);
    const inuseBytes = this.CONSUME2(Integer);
    this.CONSUME(LBracket);
    const allocObjects = this.CONSUME3(Integer);
    this.CONSUME2(Colon);
    const allocBytes = this.CONSUME4(Integer);
    this.CONSUME(RBracket);
    return { inuseObjects, inuseBytes, allocObjects, allocBytes };
  });

  /**
   * `0: 0 [3: 240] @ 0x47553b 0x696fd8 0x479681` — the stack may be empty (old pprof files).
   * (Not `record`: that is how every RecordingLineParser records a line, and Chevrotain finds a
   * rule by its name among the parser's properties.)
   */
  public heapRecord = this.RULE('heapRecord', (): RecordLine => {
    const counts = this.OR1(this.countsAlternatives);
    const stack = this.OR2(this.stackAlternatives);
    this.CONSUME(Newline);
    return { kind: 'record', counts, stack };
  });

  /**
   * A frame line the coarse `FrameLine` token did not match (`line` takes that one), in the fine
   * tokens so that a malformed line is diagnosed at its exact column (common/frames.ts).
   */
  public frame = this.RULE('frame', (): FineFrameLine => {
    const marker = fineFrameLine(this, frameTokens);
    const lineEnd = this.CONSUME(Newline);
    return { kind: 'frame', marker, lineEnd };
  });

  /** `--- Memory map: ---` and the lines after it (gperftools): kept opaque, as pprof does. The marker or the text. */
  public memoryMap = this.RULE('memoryMap', (): IToken => {
    const first = this.OR([{ ALT: () => this.CONSUME(MemoryMapMarker) }, { ALT: () => this.CONSUME(MemoryMapText) }]);
    this.CONSUME(Newline);
    return first;
  });

  public memStatsTitle = this.RULE('memStatsTitle', (): IToken => {
    const title = this.CONSUME(MemStatsTitle);
    this.CONSUME(Newline);
    return title;
  });

  /** `# Name = value`; unknown names are kept (a newer Go may add lines). */
  public memStat = this.RULE('memStat', (): MemStatTokens => {
    this.CONSUME(MemStatMarker);
    const name = this.CONSUME(Identifier);
    this.CONSUME(Equals);
    const value = this.SUBRULE(this.memStatValue);
    this.CONSUME(Newline);
    return { kind: 'memStat', name, value };
  });

  public memStatValue = this.RULE('memStatValue', (): MemStatValueTokens => this.OR([
    // `# Stack = 688128 / 688128` (inuse / sys) or a plain integer.
    {
      ALT: () => {
        const first = this.CONSUME1(Integer);
        const second = this.OPTION(() => {
          this.CONSUME(Slash);
          return this.CONSUME2(Integer);
        });
        return { ...NO_VALUE, first, second };
      },
    },
    { ALT: () => ({ ...NO_VALUE, float: this.CONSUME(Float) }) },
    { ALT: () => ({ ...NO_VALUE, word: this.CONSUME(Identifier) }) }, // false / true
    { ALT: () => ({ ...NO_VALUE, list: this.CONSUME(IntegerList) }) }, // `[79439 0 0 …]`, the common list
    // The fallback of IntegerList, so that a malformed list is diagnosed at its bad element.
    {
      ALT: () => {
        const open = this.CONSUME(LBracket);
        const elements: IToken[] = [];
        this.MANY(() => {
          elements.push(this.CONSUME3(Integer));
        });
        this.CONSUME(RBracket);
        return { ...NO_VALUE, open, elements };
      },
    },
  ]));
}

/** The first token of a line's counts: where a record's position is. */
export function firstCountsToken(counts: IToken | CountsTokens): IToken {
  return 'image' in counts ? counts : counts.inuseObjects;
}

/** The one parser instance: Chevrotain parsers are built once and reused for every input. */
export const heapParser = new HeapProfileParser();

/**
 * The heap grammar as the shared chunk loop drives it: a line is its main token
 * (HeapProfileParser.mains); what its rule read is `heapParser.details[index]`, valid until the next parse.
 */
export const heapGrammar = recordingLineGrammar(heapLexer, heapParser);
