/**
 * Stack frames as the site and goroutine details draw them: the function (cut in the middle,
 * keeping its package) and where it is (a path the paths model shortened), one frame a line;
 * the frame the row is about marked `▶`, the runtime's frames dimmed.
 */
import { isRuntimeFunction } from '../../analyze/goroutines/index.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import { padEnd, seg, truncateFunction, truncateStart, width as cells, type Line } from './line.js';

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

export function frameLines(frames: readonly FrameView[], isMarked: (f: FrameView, i: number) => boolean, paths: PathContext, width: number): Line[] {
  const fnWidth = functionWidth(frames, paths, width);
  return frames.map((f, i) => {
    const marked = isMarked(f, i);
    const note = f.note ? ` ${f.note}` : '';
    const name = truncateFunction(f.function, Math.max(4, fnWidth - cells(note)));
    return [
      seg(marked ? '  ▶ ' : '    ', { color: 'yellow', bold: true }),
      seg(name, marked ? { bold: true } : isRuntimeFunction(f.function) ? { dim: true } : {}),
      seg(padEnd(note, fnWidth - cells(name)), { dim: true }),
      seg(`  ${truncateStart(displayLocation(f, paths), Math.max(0, width - 6 - fnWidth))}`, { dim: true }),
    ];
  });
}
