/**
 * The source lines the site and goroutine details show under a selected frame: the file the dump
 * names, found on this machine as `e` finds it (effects.ts localCandidates: the path, or its
 * longest tail under the current directory), read once, lazily and without blocking the UI, and
 * kept per file. A file past MAX_SOURCE_BYTES is not read (a generated file of megabytes would
 * hold the UI up for nothing).
 */
import { fsExtraModule } from '../../common/builtins.js';
import { localCandidates } from '../effects.js';
import { MAX_SOURCE_BYTES } from '../../input/sourceline.js';

/** Larger files are not read: said instead. */
export { MAX_SOURCE_BYTES };

/** What is known of a file named by a frame: still being read, its lines, or why there are none. */
export type SourceFile =
  | { state: 'loading' }
  | { state: 'ok'; path: string; lines: readonly string[] }
  | { state: 'missing' }
  | { state: 'too-large'; path: string; bytes: number };

/** The view's side of the cache: what it knows of a file now (asking starts the read). */
export type SourceLookup = (file: string) => SourceFile;

/** Reads the first candidate that is a file (async: stats and the read never block the UI). */
export async function readSource(file: string, cwd = process.cwd(), maxBytes = MAX_SOURCE_BYTES): Promise<SourceFile> {
  const fs = await fsExtraModule();
  for (const path of localCandidates(file, cwd)) {
    let size: number;
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile()) continue;
      size = stat.size;
    } catch {
      continue;
    }
    if (size > maxBytes) return { state: 'too-large', path, bytes: size };
    try {
      const text = await fs.readFile(path, 'utf8');
      return { state: 'ok', path, lines: text.split(/\r?\n/) };
    } catch {
      return { state: 'missing' };
    }
  }
  return { state: 'missing' };
}

/**
 * A cache of files read for the UI: `get` answers from the cache, or starts the read and answers
 * `loading`; `onLoad` is called when a read ends, so the app draws again.
 */
export function sourceCache(onLoad: () => void, cwd = process.cwd(), maxBytes = MAX_SOURCE_BYTES): SourceLookup {
  const files = new Map<string, SourceFile>();
  return (file) => {
    const known = files.get(file);
    if (known) return known;
    const loading: SourceFile = { state: 'loading' };
    files.set(file, loading);
    void readSource(file, cwd, maxBytes).then((read) => {
      files.set(file, read);
      onLoad();
    });
    return loading;
  };
}

/** A lookup of files already read (tests, and where nothing may be read): the rest are missing. */
export function fixedSources(files: Readonly<Record<string, SourceFile>>): SourceLookup {
  return (file) => files[file] ?? { state: 'missing' };
}

export interface SourceExcerpt {
  /** The numbered lines, `line` among them, tabs as 4 spaces and their common indentation taken off. */
  lines: { number: number; text: string }[];
  /** The line is past the file's end (the file is not the one the program was built from). */
  beyond: boolean;
}

/** `line` and `context` lines either side, as far as the file has them. */
export function sourceExcerpt(lines: readonly string[], line: number, context = 2): SourceExcerpt {
  // A file ending in a newline splits into a last empty string, which is no line.
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (line < 1 || line > count) return { lines: [], beyond: true };
  const from = Math.max(1, line - context);
  const to = Math.min(count, line + context);
  const picked: { number: number; text: string }[] = [];
  for (let n = from; n <= to; n++) picked.push({ number: n, text: (lines[n - 1] ?? '').replace(/\t/g, '    ').trimEnd() });
  const indents = picked.filter((l) => l.text !== '').map((l) => /^ */.exec(l.text)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return { lines: picked.map((l) => ({ number: l.number, text: l.text.slice(common) })), beyond: false };
}
