/** Paths relative to a directory. */
import { isAbsolute, resolve, sep } from 'node:path';
import { largest } from './arrays.js';

/**
 * Whether `relative` (what path.relative gives) leads out of its directory: `..` or `../…`, or
 * another drive (an absolute path). Not a name that merely starts with two dots: `..data` (the
 * folder Kubernetes mounts a ConfigMap or Secret through) is inside.
 */
export function leavesDirectory(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${sep}`) || relative.startsWith('../') || isAbsolute(relative);
}

/**
 * A path's last segment, `/` or `\` separated (`runs/a/heap.1.txt` → `heap.1.txt`, `C:\dumps\t1.txt`
 * → `t1.txt`); the path itself when it ends with a separator. A file's name where its folder would
 * say nothing more (a stack frame's `main.go`, a scrape's name in a sentence).
 */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * Paths as a list names them: by their base names, or, where two different paths of the list end
 * with the same one, every one by as many of its last segments as tell those apart
 * (`sessions-run1/heap-gc1-t05.txt`, `sessions/heap-gc1-t01.txt`, where two folders' dumps all
 * read `heap-gc1-t01.txt …`); a path given twice is named alike both times.
 */
export function namesApart(paths: readonly string[]): string[] {
  const segments = paths.map((p) => p.split(/[\\/]/).filter((s) => s !== ''));
  const tail = (i: number, k: number): string => (segments[i] ?? []).slice(-k).join('/');
  const deepest = largest(segments.map((s) => s.length));
  // Two different paths that read alike over their last k segments (a map per k: a series may list thousands).
  const clash = (k: number): boolean => {
    const seen = new Map<string, string>();
    return paths.some((path, i) => {
      const was = seen.get(tail(i, k));
      seen.set(tail(i, k), path);
      return was !== undefined && was !== path;
    });
  };
  let k = 1;
  while (k < deepest && clash(k)) k++;
  return paths.map((path, i) => ((segments[i] ?? []).length === 0 ? path : tail(i, k)));
}

/** Where a file a dump names is looked for on this machine, in order: the path (against `cwd`), then its tails under `cwd`, longest first. */
export function localCandidates(file: string | undefined, cwd = process.cwd()): string[] {
  if (!file) return [];
  const out = [isAbsolute(file) ? file : resolve(cwd, file)];
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  for (let i = 1; i < parts.length; i++) out.push(resolve(cwd, ...parts.slice(i)));
  return out;
}
