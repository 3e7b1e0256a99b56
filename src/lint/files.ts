/**
 * The small files lint reads besides the dumps: its config and a baseline. They are read whole,
 * so only a regular file of a bounded size is read: `--baseline /dev/zero` grew to 8 GB, and a
 * FIFO named heapdoc.config.json blocked the run forever (a fuzzer found both).
 */
import { readFileSync, statSync } from 'node:fs';
import { formatBytes } from '../text/units.js';

/** Why a small file could not be read: an errno code (ENOENT, ELOOP, …) or a sentence. */
export class SmallFileProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SmallFileProblem';
  }
}

/** The text of `file` when it is a regular file of at most `maxBytes`; a SmallFileProblem otherwise. */
export function readSmallFile(file: string, maxBytes: number): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new SmallFileProblem('ENOTFILE', stat.isDirectory() ? 'a directory, not a file' : 'not a regular file (a device, a FIFO or a socket)');
    size = stat.size;
  } catch (error) {
    if (error instanceof SmallFileProblem) throw error;
    throw problemOf(error);
  }
  if (size > maxBytes) throw new SmallFileProblem('EFBIG', `${formatBytes(size)}, more than the ${formatBytes(maxBytes)} heapdoc reads of it`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw problemOf(error);
  }
}

function problemOf(error: unknown): SmallFileProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    ELOOP: 'a loop of symbolic links',
    EACCES: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return new SmallFileProblem(code, words[code] ?? `cannot read: ${code}`);
}
