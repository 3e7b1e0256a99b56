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
