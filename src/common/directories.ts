/**
 * Every directory heapdoc makes (`-o`'s, `watch --save`'s, the launcher's code cache) is made here.
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes `dir` and its missing parents, one level at a time: Node 20's `mkdir(…, { recursive:
 * true })` never returns when a level answers ENOENT though its parent exists (`/proc/nope`).
 * Throws the system's error for the first level that cannot be made; its `path` names that level.
 */
export function makeDirectory(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let level = resolve(dir); ; level = dirname(level)) {
    const stat = statIfAny(level);
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${level}'`), { code: 'ENOTDIR', path: level });
      break;
    }
    missing.push(level);
    if (dirname(level) === level) break; // a root that does not exist: mkdir says why
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, mode);
    } catch (error) {
      // Made meanwhile by another process: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statIfAny(level)?.isDirectory()) throw error;
    }
  }
}

/** The level's stat, or undefined when it does not exist (ENOENT); any other error is thrown. */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
