/**
 * CST → model. Stateful across chunks: a record's labels and frame lines may arrive in the next
 * chunk, so the builder keeps the record being read. Frame lines are interned by their text.
 */
import type { IToken } from 'chevrotain';
import { optionalToken, token, type Children } from '../common/cst.js';
import { FrameInterner, type PprofFrame } from '../common/frames.js';
import { parseLabels } from '../common/labels.js';
import type { Position } from '../common/positions.js';
import { lineVisitor } from '../common/linevisitor.js';
import { detach } from '../common/strings.js';
import { formatCount } from '../../text/units.js';
import type { GoroutineProfile, GoroutineProfileHeader, GoroutineProfileRecord } from './model.js';
import { goroutineProfileParser } from './parser.js';

export class GoroutineProfileBuilder extends lineVisitor(goroutineProfileParser) {
  private profileHeader: GoroutineProfileHeader | undefined;
  private records: GoroutineProfileRecord[] = [];
  private recordTotal = 0;
  /** The record whose labels and frames are being read; undefined outside a record. */
  private current: GoroutineProfileRecord | undefined;
  /** True after a record line that could not be read: its frame lines are dropped without more diagnostics. */
  private discarding = false;
  /** Frames by the exact text of their line: the same frame line in many records is one object. */
  private readonly frames = new FrameInterner();
  /**
   * The records read, by their PCs and labels. The runtime prints each stack (with its labels)
   * once; a record repeating one (an edited file, or generated to hurt: a gigabyte of `1 @ 0x1`
   * held 48 bytes of model per byte read) is added to the first, so memory follows the distinct
   * stacks. Counted for one warning.
   */
  private byStack = new Map<string, GoroutineProfileRecord>();
  private currentLabels = '';
  private repeated: { count: number; first: Position | undefined } = { count: 0, first: undefined };

  /** The profiles before the current one, when the input holds several concatenated (`cat g*.txt`). */
  readonly earlier: GoroutineProfile[] = [];

  /** A frame line read before, by its exact text. */
  knownFrame(text: string, start: number, end: number): PprofFrame | undefined {
    return this.frames.known(text, start, end);
  }

  addFrame(frame: PprofFrame, position: Position): void {
    if (this.discarding) return;
    if (!this.current) {
      this.at.report(position, 'error', 'a frame line outside a record',
        'frame lines (#\\t0x…) follow their record line (N @ 0x…); is a line missing above?');
      this.discarding = true; // one diagnostic for a run of such lines
      return;
    }
    this.current.frames.push(frame);
  }

  /** Record lines that could not be read: their counts are missing from `recordTotal`. */
  skippedRecords = 0;

  /**
   * A line could not be read. After a record line, its labels and frames belong to nothing and are
   * dropped quietly; a bad labels or frame line (`#…`) leaves the record open; any other line ends it.
   */
  skippedLine(lineText: string): void {
    if (/^\s*\d/.test(lineText)) {
      this.closeRecord();
      this.discarding = true;
      this.skippedRecords++;
    } else if (!lineText.startsWith('#')) {
      this.closeRecord();
    }
  }

  /** The record being read is complete: a repeat of an earlier one's stack and labels is added to it. */
  private closeRecord(): void {
    const record = this.current;
    this.current = undefined;
    if (!record) return;
    const key = `${record.pcs.join(' ')}\u0000${this.currentLabels}`;
    const first = this.byStack.get(key);
    if (!first) {
      this.byStack.set(key, record);
      return;
    }
    first.count += record.count;
    if (this.records[this.records.length - 1] === record) this.records.pop();
    this.repeated.count++;
    this.repeated.first ??= record.position;
  }

  /** The profile read so far, its header's total checked against its records. */
  finish(lineCount: number): GoroutineProfile {
    this.closeRecord();
    const { count, first } = this.repeated;
    if (count > 0 && first) {
      this.at.report(first, 'warning', `${formatCount(count)} record${count === 1 ? ' repeats' : 's repeat'} the stack and labels of a record above: the runtime prints each once, so their goroutines were added to the first`,
        'was the file edited, or were dumps joined without their headers? Capture the profile again');
    }
    const { profileHeader: header, recordTotal } = this;
    // A record line that could not be read has its own diagnostic; the sum cannot be checked without it.
    if (header && header.total !== recordTotal && this.skippedRecords === 0) {
      const fewer = recordTotal < header.total;
      this.at.report(header.position, 'error',
        `the header says total ${header.total} but the records count ${recordTotal} ${header.name === 'threadcreate' ? 'threads' : 'goroutines'}`
          + (fewer ? ': records are missing (the dump was cut short or edited)' : ' (was the file edited or were two dumps joined?)'),
        fewer ? 'the runtime writes the sum of the record counts as the total; capture it again and make sure the whole response was saved'
          : 'the runtime writes the sum of the record counts as the total; capture the profile again');
    }
    return { kind: header?.name, header, records: this.records, recordTotal, lineCount };
  }

  private startNextProfile(line: number): void {
    this.earlier.push(this.finish(line - 1));
    this.profileHeader = undefined;
    this.records = [];
    this.byStack = new Map();
    this.repeated = { count: 0, first: undefined };
    this.recordTotal = 0;
    this.discarding = false;
    this.skippedRecords = 0;
  }

  line(ctx: Children): void {
    // A well-formed frame line is the `line` node's own FrameLine token (parser.ts).
    if (ctx.FrameLine !== undefined) return this.frame(ctx);
    const child = (ctx.record ?? ctx.frame ?? ctx.labels ?? ctx.header)?.[0];
    this.discarding &&= ctx.frame !== undefined || ctx.labels !== undefined;
    if (child && !('image' in child)) this.visit(child);
    else this.closeRecord(); // a blank line ends a record
  }

  header(ctx: Children): void {
    const nameToken = token(ctx, 'ProfileName');
    const position = this.at.pos(nameToken);
    this.closeRecord();
    // Another header: profiles concatenated. The one so far is complete; this line starts the next.
    if (this.profileHeader) this.startNextProfile(position.line);
    this.profileHeader = {
      name: detach(nameToken.image.slice(0, -' profile:'.length)),
      total: Number(token(ctx, 'Integer').image),
      position,
    };
  }

  record(ctx: Children): void {
    const countToken = token(ctx, 'Integer');
    const position = this.at.pos(countToken);
    if (!this.profileHeader && this.records.length === 0) {
      this.at.report(position, 'warning', "a record before any '… profile: total N' header (is the start of the dump missing?)");
    }
    const stack = optionalToken(ctx, 'StackPcs');
    const pcs = stack ? detach(stack.image).split(' ').filter((pc) => pc.startsWith('0x')) : (ctx.Hex ?? []).map((t) => detach((t as IToken).image));
    const record: GoroutineProfileRecord = { count: Number(countToken.image), pcs, labels: undefined, frames: [], position };
    this.closeRecord();
    this.currentLabels = '';
    this.records.push(record);
    this.recordTotal += record.count;
    this.current = record;
  }

  labels(ctx: Children): void {
    const marker = token(ctx, 'LabelsMarker');
    const set = token(ctx, 'LabelSet');
    if (this.discarding) return;
    const record = this.current;
    if (!record || record.frames.length > 0 || record.labels) {
      this.at.report(this.at.pos(marker), 'error', "a '# labels:' line that does not follow a record line",
        "the runtime prints '# labels: {…}' right after a record's 'N @ 0x…' line; is a line missing above?");
      return;
    }
    this.currentLabels = detach(set.image);
    const parsed = parseLabels(this.currentLabels);
    if (parsed.error) {
      const at = this.at.pos(set);
      this.at.report({ line: at.line, column: at.column + parsed.error.offset }, 'error', `${parsed.error.message}, in the labels`,
        'the labels after it were skipped; fix the line or capture the profile again');
    }
    record.labels = parsed.labels;
  }

  frame(ctx: Children): void {
    const position = this.at.pos(optionalToken(ctx, 'FrameLine') ?? token(ctx, 'FrameMarker'));
    const frame = this.frames.fromCst(ctx, this.at.text, position);
    if (!frame) {
      this.at.report(position, 'error', 'a frame line heapdoc cannot split into address, function and file:line');
      return;
    }
    this.addFrame(frame, position);
  }
}
