/**
 * The rule pages (docs/rules/<id>.md) at run time. They ship in the package (package.json
 * "files" has docs), so they are read relative to the package root, found by walking up from
 * this module to heapdoc's package.json: the same code works from src/ (tests) and dist/src/.
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

export function ruleDocPath(id: string): string {
  return path.join(packageRoot(), 'docs', 'rules', `${id}.md`);
}

/** The page of a rule, or undefined when it is missing (a rule id must not name a path: ids are checked by the caller). */
export function ruleDoc(id: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return readFileSync(ruleDocPath(id), 'utf8');
  } catch {
    return undefined;
  }
}
