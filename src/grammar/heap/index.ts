/**
 * The public entry of the heap grammar: `HeapDumpReader` reads a dump chunk by chunk;
 * `parseHeapDump` and `readHeapDump` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { cutLineMessage, GrammarReader, unendedLineMessage, type LinesRead, type NothingHere } from '../common/grammarreader.js';
import { CACHED_LINE_START, type LineProblem } from '../common/linereader.js';
import { KNOWN_MEMSTATS, PAIRED_MEMSTATS, type HeapDump } from './model.js';
import { heapGrammar } from './parser.js';
import { HeapDumpBuilder } from './visitor.js';

export type { BucketCounts, Frame, FrameRows, HeapDump, HeapStack, MemStatLine, MemStatsBlock, MemStatValue, ProfileHeader, SampledSites, SizeBucket } from './model.js';
export { KNOWN_MEMSTATS, ListedStack, PAIRED_MEMSTATS, releaseHeapDumps, samplingPeriod } from './model.js';

export interface HeapParseResult {
  /** The dump; the first one when the input holds several. */
  dump: HeapDump;
  /**
   * Every dump in order, when the input holds several concatenated (`cat snap*.txt`): each
   * starts at its own 'heap profile:' header, and its positions are lines of the whole input.
   */
  dumps?: HeapDump[];
  diagnostics: Diagnostic[];
}

const HINTS = {
  fix: 'heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited',
  cut: 'the dump was cut short; capture it again and make sure the whole response was saved',
};

export class HeapDumpReader extends GrammarReader<HeapDumpBuilder, number, HeapParseResult, IToken> {
  constructor(source: string, chunkChars?: number) {
    const builder = new HeapDumpBuilder(source);
    // Frame lines already seen are served from the builder's cache: in real dumps most repeat
    // (the corpus's memrate dump: 1640 frame lines, 472 distinct).
    super(source, builder, builder.diagnosticLog, heapGrammar, {
      knownFirstChar: CACHED_LINE_START.frame, // frame lines, the only lines worth looking up in the frame cache
      // Bound methods, not arrows around them: a wrapper called once a frame line is compiled on its own.
      known: builder.frameTable.known.bind(builder.frameTable),
      useKnown: builder.useKnownFrame.bind(builder),
      blankLine: builder.blankLine.bind(builder),
      visitLine: builder.visitLine.bind(builder),
    }, chunkChars);
  }

  protected finish({ lineCount, lastLineWasCut, cutLineLength }: LinesRead): HeapParseResult {
    // Go ends every line of a dump with a line end. A last line without one that still reads (`#
    // HeapInuse = 512000` of 5120000, a PC cut to fewer digits) gave numbers no one could trust
    // without a word: it may be cut short, and says so.
    // A last line without a line end that did not read (`# Stack = 1245` of `1245184 / 1245184`,
    // a record's `@ 0x4` of its addresses): its own diagnostic says the cut, not the format.
    const onCutLine = lastLineWasCut && cutLineLength > 0 ? this.builder.diagnostics.filter((d) => d.line === lineCount && !d.cut) : [];
    for (const d of onCutLine) {
      d.severity = 'error';
      d.message = cutLineMessage(d.message);
      d.hint = HINTS.cut;
      d.cut = true;
    }
    const unended = lastLineWasCut && cutLineLength > 0 && !this.builder.diagnostics.some((d) => d.line === lineCount);
    const last = this.builder.finish(lineCount);
    if (unended) {
      this.builder.diagnosticLog.add({
        source: this.source, line: lineCount, column: cutLineLength + 1, severity: 'error',
        message: unendedLineMessage(dropMemStatAt(last, lineCount) ? 'its value is left out' : 'its value is used as it reads'),
        hint: HINTS.cut,
        cut: true,
      });
    }
    if (!lastLineWasCut) this.cutInMemStats(last, lineCount);
    if (lastLineWasCut && cutLineLength > 0) last.cutLine = lineCount;
    const dumps = [...this.builder.earlier, last];
    const dump = dumps[0] ?? last;
    const diagnostics = this.builder.diagnostics;
    return dumps.length > 1 ? { dump, dumps, diagnostics } : { dump, diagnostics };
  }

  /**
   * A dump cut at a line end inside its MemStats block, the input's last part: every Go version
   * ends the block with `# DebugGC` (then `# MaxRSS` where getrusage works, since go1.15), so a
   * block whose last line, the input's last, is another field was cut there (the hostile
   * trunc-mid-memstats.txt of audit 37 stops after `# Mallocs`: its Sys breakdown unread).
   * Only then: a block whose last read field is followed by any other line (a field line that
   * did not read, a blank line) did not end there, and that line's own diagnostic says what is wrong;
   * and only a block that is the runtime's fields in its order up to the cut (a hand-made snippet,
   * `# Alloc` then `# PauseNs`, ends where it was meant to; so may a go1.7 block, which has no
   * NumForcedGC: a cut after it goes unsaid, not a whole block called cut).
   */
  private cutInMemStats(last: HeapDump, lineCount: number): void {
    const lines = last.memStats?.lines ?? [];
    const line = lines.at(-1);
    const at = line?.position?.line;
    if (!line || at === undefined || at !== lineCount || BLOCK_ENDS.has(line.name) || lines.some((l, i) => l.name !== MEMSTATS_ORDER[i])) return;
    this.builder.diagnosticLog.add({
      source: this.source, line: at, column: 1, severity: 'error',
      message: `the dump ends inside the runtime.MemStats block (after ${line.name}): its fields from ${nextField(line.name)} on are missing`,
      hint: HINTS.cut,
      cut: true,
    });
  }

  protected override nothingHere({ dump }: HeapParseResult): NothingHere | undefined {
    return dump.header || dump.memStats ? undefined : {
      message: "no heap profile here: expected 'heap profile: …' or a '# runtime.MemStats' block",
      hint: 'fetch /debug/pprof/heap?debug=1 (the text form) and pass that file',
    };
  }

  protected badLine(problem: LineProblem): void {
    this.reportBadLine(problem, HINTS);
    this.builder.skippedLine(isRecordLine(problem.text) ? 'record' : endsRecord(problem.text) ? 'other' : 'frame');
  }
}

/**
 * Drops the MemStats field read on `line`, the input's last, which has no line end: its number
 * may be cut (`# HeapIdle = 18` of 18,874,368), and a value heapdoc says may be cut is not one to
 * compute with (audit 41: JSON exported HeapIdle = 18). True when there was one.
 */
function dropMemStatAt(dump: HeapDump, line: number): boolean {
  const block = dump.memStats;
  const cut = block?.lines.at(-1);
  if (!block || cut?.position.line !== line) return false;
  block.lines.pop();
  const paired = PAIRED_MEMSTATS[cut.name];
  for (const field of paired ?? [cut.name]) block.fields.delete(field);
  return true;
}

/** The fields a MemStats block ends with: `# DebugGC`, then `# MaxRSS` where the runtime reads it (model.ts KNOWN_MEMSTATS). */
const BLOCK_ENDS: ReadonlySet<string> = new Set(['DebugGC', 'MaxRSS']);

/** The fields in the order the runtime prints them. */
const MEMSTATS_ORDER: readonly string[] = [...KNOWN_MEMSTATS.keys()];

/** The field the runtime prints after `name`. */
function nextField(name: string): string {
  return MEMSTATS_ORDER[MEMSTATS_ORDER.indexOf(name) + 1] ?? 'DebugGC';
}

/** A record line starts with its in-use object count. */
function isRecordLine(line: string): boolean {
  return /^\s*-?\d/.test(line);
}

/**
 * A line that ends a record when it is damaged too: a MemStats line (`# ` then a space), a
 * header, a memory map. Any other bad line among a record's frames (`#garbage`, a frame cut
 * short, a 1 MiB line) is taken for one of them: the frames after it stay in the record, and it
 * is the one diagnostic (it ended the record, and the next frame was "outside a record").
 */
function endsRecord(line: string): boolean {
  return /^\s*(?:# |heap profile:|---)/.test(line);
}

export function parseHeapDump(text: string, source = '<input>'): HeapParseResult {
  return new HeapDumpReader(source).parse(text);
}

export function readHeapDump(chunks: AsyncIterable<string>, source: string): Promise<HeapParseResult> {
  return new HeapDumpReader(source).read(chunks);
}
