/**
 * The line of a Go source file that a dump names (a site's `main.go:24`), read on this machine
 * where the file is: its path, or its tail under the working directory or under a folder given
 * (a capture folder keeps main.go beside plain/ and gc1/, whose dumps name the path it was built
 * at). Only what a sentence reads of the program's own code: a missing or large file is no line.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { localCandidates } from '../common/paths.js';

/** Larger files are not read: a generated file of megabytes is no program's own line (the TUI's source view, tui/model/source.ts, too). */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** A source file's lines, or null when it is not on this machine; one read per path. */
function linesOf(path: string, cache: Map<string, readonly string[] | null>): readonly string[] | null {
  const known = cache.get(path);
  if (known !== undefined) return known;
  let lines: readonly string[] | null = null;
  try {
    const stat = statSync(path);
    if (stat.isFile() && stat.size <= MAX_SOURCE_BYTES) lines = readFileSync(path, 'utf8').split(/\r?\n/);
  } catch {
    lines = null;
  }
  cache.set(path, lines);
  return lines;
}

/** Where a named file is looked for: the working directory, then each given input's folder and the one above it (a capture's plain/ or gc1/). */
export function sourceRoots(inputs: readonly string[], cwd = process.cwd()): string[] {
  const roots = [cwd];
  for (const input of inputs) {
    if (input === '-' || /^https?:\/\//.test(input)) continue;
    let dir: string;
    try {
      dir = statSync(input).isDirectory() ? input : dirname(input);
    } catch {
      continue;
    }
    for (const d of [dir, dirname(dir)]) if (!roots.includes(d)) roots.push(d);
  }
  return roots;
}

/** Reads lines of files dumps name: `line(file, n)` is the text of line n (1-based), undefined when the file is not found or is shorter. */
export function sourceLines(roots: readonly string[]): (file: string | undefined, line: number | undefined) => string | undefined {
  const cache = new Map<string, readonly string[] | null>();
  return (file, line) => {
    if (file === undefined || line === undefined || line < 1) return undefined;
    for (const root of roots) {
      for (const path of localCandidates(file, root)) {
        const lines = linesOf(path, cache);
        if (lines) return lines[line - 1];
      }
    }
    return undefined;
  };
}
