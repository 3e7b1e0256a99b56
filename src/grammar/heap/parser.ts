/**
 * The heap profile grammar, one rule per kind of line that `runtime/pprof.writeHeapInternal`
 * prints (src/runtime/pprof/pprof.go). The grammar is line-based on purpose: a dump is read in
 * chunks of whole lines, and the visitor stitches frame lines to the record above them, so a
 * record may straddle two chunks.
 */
import type { IOrAlt } from 'chevrotain';
import { FrameLineParser } from '../common/frames.js';
import { lineGrammar } from '../common/linereader.js';
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
  record: 'a heap record',
  frame: 'a frame line',
  memStatsTitle: 'the \'# runtime.MemStats\' line',
  memStat: 'a MemStats line',
  memoryMap: 'the memory map',
  memStatValue: 'a MemStats value',
};

export class HeapProfileParser extends FrameLineParser {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS, 2);
    this.performSelfAnalysis();
  }

  /**
   * The alternatives of `line`, built once. An OR given a new array on every call (seven objects
   * and seven closures a line) was most of what parsing a dump allocated: Chevrotain's performance
   * guide, "Caching Arrays of Alternatives". The closures read the rules through `this` when called.
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.profileHeader) },
    { ALT: () => this.SUBRULE(this.record) },
    this.frameLineAlternative(frameTokens, Newline), // a well-formed frame line: most of a dump's lines
    { ALT: () => this.SUBRULE(this.frame) },
    { ALT: () => this.SUBRULE(this.memStatsTitle) },
    { ALT: () => this.SUBRULE(this.memStat) },
    { ALT: () => this.SUBRULE(this.memoryMap) },
    { ALT: () => this.CONSUME2(Newline) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** A record's (and the header's) counts, then a record's stack: built once like `line`'s alternatives. */
  private readonly countsAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME(RecordCounts) }, { ALT: () => this.SUBRULE(this.counts) }];
  private readonly stackAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(StackPcs) },
    {
      ALT: () => {
        this.CONSUME(At);
        this.MANY(() => this.CONSUME(Hex));
      },
    },
  ];

  /** `heap profile: 6: 2688 [9: 2928] @ heap/1048576` (the suffix is `heap/` + 2×MemProfileRate). */
  public profileHeader = this.RULE('profileHeader', () => {
    this.CONSUME(HeapProfileKeyword);
    this.OR(this.countsAlternatives);
    this.CONSUME(At);
    this.CONSUME(Identifier); // heap (Go); heap_v2 / heapz_v2 / heapprofile (gperftools)
    this.OPTION(() => {
      this.CONSUME(Slash);
      this.CONSUME(Integer);
    });
    this.CONSUME(Newline);
  });

  /** `inuse_objects: inuse_bytes [alloc_objects: alloc_bytes]`, token by token (the fallback of RecordCounts). */
  public counts = this.RULE('counts', () => {
    this.CONSUME1(Integer, { LABEL: 'inuseObjects' });
    this.CONSUME1(Colon);
    this.CONSUME2(Integer, { LABEL: 'inuseBytes' });
    this.CONSUME(LBracket);
    this.CONSUME3(Integer, { LABEL: 'allocObjects' });
    this.CONSUME2(Colon);
    this.CONSUME4(Integer, { LABEL: 'allocBytes' });
    this.CONSUME(RBracket);
  });

  /** `0: 0 [3: 240] @ 0x47553b 0x696fd8 0x479681` — the stack may be empty (old pprof files). */
  public record = this.RULE('record', () => {
    this.OR1(this.countsAlternatives);
    this.OR2(this.stackAlternatives);
    this.CONSUME(Newline);
  });

  /**
   * A frame line the coarse `FrameLine` token did not match (`line` takes that one), in the fine
   * tokens so that a malformed line is diagnosed at its exact column (common/frames.ts).
   */
  public frame = this.RULE('frame', () => this.frameLine(frameTokens, Newline));

  /** `--- Memory map: ---` and the lines after it (gperftools): kept opaque, as pprof does. */
  public memoryMap = this.RULE('memoryMap', () => {
    this.OR([{ ALT: () => this.CONSUME(MemoryMapMarker) }, { ALT: () => this.CONSUME(MemoryMapText) }]);
    this.CONSUME(Newline);
  });

  public memStatsTitle = this.RULE('memStatsTitle', () => {
    this.CONSUME(MemStatsTitle);
    this.CONSUME(Newline);
  });

  /** `# Name = value`; unknown names are kept (a newer Go may add lines). */
  public memStat = this.RULE('memStat', () => {
    this.CONSUME(MemStatMarker);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(Equals);
    this.SUBRULE(this.memStatValue);
    this.CONSUME(Newline);
  });

  public memStatValue = this.RULE('memStatValue', () => {
    this.OR([
      // `# Stack = 688128 / 688128` (inuse / sys) or a plain integer.
      {
        ALT: () => {
          this.CONSUME1(Integer, { LABEL: 'first' });
          this.OPTION(() => {
            this.CONSUME(Slash);
            this.CONSUME2(Integer, { LABEL: 'second' });
          });
        },
      },
      { ALT: () => this.CONSUME(Float) },
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'word' }) }, // false / true
      { ALT: () => this.CONSUME(IntegerList) }, // `[79439 0 0 …]`, the common list
      // The fallback of IntegerList, so that a malformed list is diagnosed at its bad element.
      {
        ALT: () => {
          this.CONSUME(LBracket);
          this.MANY(() => this.CONSUME3(Integer, { LABEL: 'element' }));
          this.CONSUME(RBracket);
        },
      },
    ]);
  });
}

/** The one parser instance: Chevrotain parsers are built once and reused for every input. */
export const heapParser = new HeapProfileParser();

/** The heap grammar as the shared chunk loop drives it. */
export const heapGrammar = lineGrammar(heapLexer, heapParser);
