/**
 * The rule pages (docs/rules/<id>.md) at run time. They ship in the package (package.json
 * "files" has docs), so they are read relative to the package root (input/package.ts).
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../input/package.js';

export function ruleDocPath(id: string): string {
  return packageFile('docs', 'rules', `${id}.md`);
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
