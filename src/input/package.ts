/**
 * heapdoc's own files at run time (rule pages, the bundled samples, the version): they ship in
 * the package, so they are found relative to the package root, by walking up from this module to
 * heapdoc's package.json. The same code works from src/ (tests), dist/src/ and a global install.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'heapdoc') return (root = dir);
      } catch {
        // not ours: keep walking
      }
    }
    if (path.dirname(dir) === dir) throw new Error('heapdoc: cannot find the package root (package.json) above the installed code');
  }
}

/** A file shipped in the package, by its path from the package root. */
export function packageFile(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
