/** Paths relative to a directory. */
import { isAbsolute, sep } from 'node:path';

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
