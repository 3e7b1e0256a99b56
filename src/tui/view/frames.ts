/**
 * Stack frames as the site and goroutine details draw them: the function (cut in the middle,
 * keeping its package) and where it is (a path the paths model shortened), one frame a line;
 * the frame the row is about marked `▶`, the runtime's frames dimmed. In frame mode one frame is
 * selected (`›`, inverse) and its code follows it: the source line with two lines either side
 * when the file is on this machine, and what the compiler said at that line.
 */
import type { AnalyzeReport } from '../../analyze/report.js';
import { frameDecisions, type FrameDecisions } from '../model/code.js';
import { isRuntimeFunction } from '../../analyze/goroutines/index.js';
import { formatBytes } from '../../text/units.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import { sourceExcerpt, type SourceFile, type SourceLookup } from '../model/source.js';
import { compilerLines } from './decisions.js';
import type { Target } from '../effects.js';
import { frame, minimalWindow, padEnd, padStart, seg, truncate, truncateFunction, truncateStart, width as cells, type Line } from './line.js';
import { highlight, note, type PaneBody } from './pane.js';

export interface FrameView {
  function: string;
  file?: string | undefined;
  line?: number | undefined;
  /** Shown after the function: `(inlined)`, `created by`. */
  note?: string;
}

/** The function column's width: what the longest name needs, leaving the location at least 24 cells. */
function functionWidth(frames: readonly FrameView[], paths: PathContext, width: number): number {
  const names = Math.max(12, ...frames.map((f) => cells(f.function) + (f.note ? cells(f.note) + 1 : 0)));
  const where = Math.max(0, ...frames.map((f) => cells(displayLocation(f, paths))));
  const room = width - 4 - 2;
  return Math.max(12, Math.min(names, room - Math.min(where, Math.max(24, room - names))));
}

/** The frames, and under the selected one (`selected`: its index among them) the lines of `block`. */
export function frameLines(frames: readonly FrameView[], isMarked: (f: FrameView, i: number) => boolean, paths: PathContext, width: number, selected?: number, block: readonly Line[] = []): Line[] {
  const fnWidth = functionWidth(frames, paths, width);
  return frames.flatMap((f, i) => {
    const marked = isMarked(f, i);
    const chosen = i === selected;
    const note = f.note ? ` ${f.note}` : '';
    const name = truncateFunction(f.function, Math.max(4, fnWidth - cells(note)));
    const row: Line = [
      seg(`${chosen ? '› ' : '  '}${marked ? '▶ ' : '  '}`, { color: 'yellow', bold: true }),
      seg(name, marked || chosen ? { bold: true } : isRuntimeFunction(f.function) ? { dim: true } : {}),
      seg(padEnd(note, fnWidth - cells(name)), { dim: true }),
      seg(`  ${truncateStart(displayLocation(f, paths), Math.max(0, width - 6 - fnWidth))}`, { dim: !chosen }),
    ];
    return chosen ? [highlight(row, true), ...block] : [row];
  });
}

const CODE_INDENT = 6;

/**
 * A selected frame's code: its source line with two lines either side (said in one quiet line
 * when the file is not on this machine), then — with compiler output — its decisions at the line.
 */
export function frameCodeLines(frame: FrameView, source: SourceFile | undefined, decisions: FrameDecisions | undefined, width: number): Line[] {
  const pad = ' '.repeat(CODE_INDENT);
  const lines: Line[] = [];
  const file = frame.file;
  const line = frame.line;
  if (file === undefined || line === undefined) lines.push(note(`${pad}(the dump names no file:line for this frame)`));
  else if (!source || source.state === 'loading') lines.push(note(truncate(`${pad}reading ${file}…`, width)));
  else if (source.state === 'missing') lines.push(note(`${pad}source not on this machine (${truncateStart(file, Math.max(8, width - CODE_INDENT - 30))})`));
  else if (source.state === 'too-large') lines.push(note(`${pad}source not shown: ${truncateStart(source.path, Math.max(8, width - CODE_INDENT - 40))} is ${formatBytes(source.bytes)}`));
  else {
    const excerpt = sourceExcerpt(source.lines, line);
    if (source.path !== file) lines.push(note(`${pad}${truncateStart(source.path, width - CODE_INDENT)}`));
    if (excerpt.beyond) {
      lines.push(note(truncate(`${pad}line ${line} is past the end of ${source.path}: not the file the program was built from?`, width)));
    }
    const numbers = Math.max(...excerpt.lines.map((l) => String(l.number).length), 1);
    for (const l of excerpt.lines) {
      const here = l.number === line;
      const head = `${pad.slice(2)}${here ? '▸ ' : '  '}${padStart(String(l.number), numbers)} │ `;
      lines.push([seg(head, { dim: !here, color: here ? 'yellow' : undefined, bold: here }), seg(truncate(l.text, width - cells(head)), here ? { bold: true } : {})]);
    }
  }
  if (decisions !== undefined && file !== undefined && line !== undefined) {
    if (decisions === 'not-covered') lines.push(note(`${pad}-gcflags=-m: the compiler output does not cover this file`));
    else if (decisions === 'ambiguous') lines.push(note(`${pad}-gcflags=-m: several files of the output end like this one`));
    else if (decisions.length === 0) lines.push(note(`${pad}-gcflags=-m: nothing at this line`));
    else lines.push(note(`${pad}-gcflags=-m at this line:`), ...compilerLines(decisions, width, { indent: CODE_INDENT + 2, reasons: false }));
  }
  return lines;
}

/** A detail with stacks, as its builder makes it: its lines, every frame shown, and where the selected frame and its code are. */
export interface FramedContent {
  lines: Line[];
  /** Every frame shown, in order: frame mode counts over them. */
  frames: FrameView[];
  /** The frame Enter selects first: the site's (or the group's) own, else the first. */
  first: number;
  /** The selected frame's row and the last line of its code. */
  selectedAt?: { start: number; end: number };
}

export function framedContent(): FramedContent {
  return { lines: [], frames: [], first: -1 };
}

/**
 * Adds a stack's frames to a detail: `selected` counts over the whole detail's frames; under it go
 * the lines `code` gives for it.
 */
export function addFrames(content: FramedContent, frames: readonly FrameView[], isMarked: (f: FrameView, i: number) => boolean, paths: PathContext, width: number,
  selected: number | undefined, code: (f: FrameView) => Line[]): void {
  const offset = content.frames.length;
  const local = selected !== undefined && selected >= offset && selected < offset + frames.length ? selected - offset : undefined;
  const chosen = local !== undefined ? frames[local] : undefined;
  const block = chosen ? code(chosen) : [];
  if (local !== undefined) content.selectedAt = { start: content.lines.length + local, end: content.lines.length + local + block.length };
  if (content.first < 0) {
    const own = frames.findIndex(isMarked);
    if (own >= 0) content.first = offset + own;
  }
  content.frames.push(...frames);
  content.lines.push(...frameLines(frames, isMarked, paths, width, local, block));
}

/** What `e` and `y` act on for a selected frame: its file:line, and the column of the compiler's first decision there. */
export function frameTarget(f: FrameView, decisions: FrameDecisions | undefined): Target {
  const where = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : f.function;
  const column = Array.isArray(decisions) ? decisions.find((d) => d.column !== undefined)?.column : undefined;
  return { text: where, file: f.file, line: f.line, ...(column !== undefined ? { column } : {}) };
}

/**
 * The body of a detail with frames: scrolled (its frames and the one Enter selects told to the
 * reducer), or in frame mode a list of its frames, the window keeping the selected one and its
 * code in view, `e` and `y` on it.
 */
export function framedBody(content: FramedContent, state: { scroll: number; frame?: number | undefined }, height: number,
  targetOf: (f: FrameView) => Target, detailTarget: Target | undefined): PaneBody {
  const page = Math.max(1, height);
  const { lines, frames } = content;
  if (state.frame !== undefined && frames.length > 0) {
    const cursor = Math.max(0, Math.min(state.frame, frames.length - 1));
    const at = content.selectedAt ?? { start: 0, end: 0 };
    const start = minimalWindow(at.start, at.end, lines.length, page);
    const selected = frames[cursor] as FrameView;
    return { lines: frame(lines.slice(start, start + page), height), list: { kind: 'cursor', count: frames.length, page: Math.max(1, Math.floor(page / 2)), cursor, target: targetOf(selected) } };
  }
  const scroll = Math.max(0, Math.min(state.scroll, lines.length - page));
  return {
    lines: frame(lines.slice(scroll, scroll + page), height),
    list: { kind: 'scroll', count: lines.length, page, target: detailTarget, ...(frames.length > 0 ? { frames: { count: frames.length, first: Math.max(0, content.first) } } : {}) },
  };
}

/** How a detail draws a selected frame's code: the files read (model/source.ts) and the compiler's decisions at its line. */
export interface CodeContext {
  sources: SourceLookup | undefined;
  /** Frame mode: the frame selected (over every stack shown), undefined while the detail scrolls. */
  frame: number | undefined;
}

/** A frame's code block: its source when the file can be read and, given the report (a site's or a goroutine group's stacks), what the compiler said at its line. */
export function codeOf(report: AnalyzeReport | undefined, sources: SourceLookup | undefined, width: number): (f: FrameView) => Line[] {
  return (f) => frameCodeLines(f, f.file !== undefined ? sources?.(f.file) : undefined, report ? frameDecisions(report, f.file, f.line, f.function) : undefined, width);
}
