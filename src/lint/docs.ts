/**
 * The rule pages (docs/rules/<id>.md) at run time. They ship in the package (package.json
 * "files" has docs), so they are read relative to the package root (input/package.ts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
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

/**
 * A rule's page for a report read outside the heapdoc package (SARIF's rule help, shown in a code
 * scanning alert of the scanned repository): a relative link (`../lint.md`, `leak-suspected.md`)
 * would resolve against that repository, and heapdoc has no published docs site to point at. So
 * a link to another rule becomes `heapdoc explain ID`, a link to another page its name in the
 * package (`docs/lint.md in the heapdoc package`); absolute URLs stay.
 */
export function withoutRelativeLinks(page: string): string {
  return page.replace(/\[([^\]\n]*)\]\(([^)\s]+)\)/g, (link, text: string, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return link; // https:, mailto:
    if (target.startsWith('#')) return text;
    const rule = /^([a-z0-9-]+)\.md(?:#.*)?$/.exec(target)?.[1];
    if (rule !== undefined) return text === rule ? `\`heapdoc explain ${rule}\`` : `${text} (\`heapdoc explain ${rule}\`)`;
    // Relative to docs/rules/: `../lint.md#series` is docs/lint.md.
    const file = path.posix.normalize(path.posix.join('docs/rules', target.replace(/#.*$/, '')));
    return text === file || `docs/${text}` === file ? `${file} in the heapdoc package` : `${text} (${file} in the heapdoc package)`;
  });
}
