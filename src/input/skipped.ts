/**
 * The files a directory walk or glob found that a command does not read, each with why: said on
 * stderr (cli/output.ts printSkipped) and listed in the reports (analyze's JSON `skipped`, lint's
 * JSON entries and SARIF notifications), so that a CI job reading only the report sees them too.
 */
import { statSync } from 'node:fs';
import { countOf } from '../text/units.js';

/** A file skipped, as the walk named it, and why (`an empty file`, `not a format heapdoc lint reads`). */
export interface SkippedFile {
  source: string;
  reason: string;
}

/**
 * Source code and documentation (main.go, go.mod, README.md, a capture script): a directory of
 * dumps often keeps them beside the dumps, and no dump is saved under such a name. Not .html,
 * .txt, .json or .log: a saved HTML error page, or text that is not a dump, must not pass unseen.
 */
export const SOURCE_OR_DOCS = /(?:\.(?:go|mod|sum|md|markdown|rst|adoc|sh|bash|zsh|ps1|py|rb|pl|js|mjs|cjs|ts|mts|cts|tsx|jsx|c|h|cc|cpp|hpp|s|proto|yaml|yml|toml|ini|cfg|mk)|(?:^|[/\\])(?:Makefile|Dockerfile|LICENSE|\.gitignore|\.gitattributes))$/;

/** The reason of a file skipped by its name as source code or documentation (stderr counts them in one line). */
export const SOURCE_OR_DOCS_REASON = 'source code or documentation';

/** Whether the file is empty now (a skipped one is said as empty rather than as "not a format"). */
function isEmptyFile(name: string): boolean {
  try {
    return statSync(name).size === 0;
  } catch {
    return false;
  }
}

/**
 * Why each file was skipped, in walk order. `command`: `heapdoc lint`; `own`: a reason of the
 * command's own for a file (lint: a config not in use), or undefined.
 */
export function skippedFiles(names: readonly string[], command: string, own: (name: string) => string | undefined = () => undefined): SkippedFile[] {
  return names.map((source) => ({
    source,
    reason: own(source) ?? (SOURCE_OR_DOCS.test(source) ? SOURCE_OR_DOCS_REASON : isEmptyFile(source) ? 'an empty file' : `not a format ${command} reads`),
  }));
}

/**
 * The text and Markdown reports' line for the files a walk skipped, each named on stderr:
 * `reports` are the formats that list each with why (`--format json`).
 */
export function skippedCountLine(skipped: number, reports: string): string {
  return `${countOf(skipped, 'file')} skipped (not read as dumps): stderr and ${reports} say which and why`;
}
