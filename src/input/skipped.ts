/**
 * The files a directory walk or glob found that a command does not read, each with why: said on
 * stderr (cli/output.ts printSkipped) and listed in the reports (analyze's JSON `skipped`, lint's
 * JSON entries and SARIF notifications), so that a CI job reading only the report sees them too.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { countOf } from '../text/units.js';
import { HeapdocError } from './errors.js';
import { detectKind, DETECTION_BYTES } from './detect.js';
import { formatOf } from './registry.js';
import { looksLikeRssFile, rssFileWords } from './rssfile.js';

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
 * What heapdoc knows a file to be when it is a format of the registry the command does not read
 * (compiler -m output found by `heapdoc analyze DIR`), as the command names it given alone
 * (registry.ts describe: what it is, and what reads it); undefined otherwise. Its head is read
 * again, as detection read it (the walk keeps no head of a file it skips).
 */
function knownFormat(name: string, reader: string | undefined): readonly [what: string, hint: string] | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(name, 'r');
    const head = Buffer.allocUnsafe(DETECTION_BYTES);
    const read = head.subarray(0, readSync(fd, head, 0, DETECTION_BYTES, 0));
    const detection = detectKind(read);
    // An RSS file beside the dumps (a capture script's rss.txt) is read by --rss, not as an input.
    if (detection.kind === 'unknown' && looksLikeRssFile(read.toString('utf8'))) return rssFileWords(reader ?? 'heapdoc analyze');
    return formatOf(detection.kind)?.describe(detection.firstLine, reader);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The reason of a file skipped that is not a format `command` reads. */
export function notAFormat(command: string): string {
  return `not a format ${command} reads`;
}

/** The reason of a file of a format heapdoc knows that the command does not read: `what — hint` (splitKnownFormat reads it back). */
const KNOWN_FORMAT_SEPARATOR = ' — ';

/** What and hint of a reason made for a known format, or undefined for another reason. */
export function splitKnownFormat(reason: string): readonly [what: string, hint: string] | undefined {
  const at = reason.indexOf(KNOWN_FORMAT_SEPARATOR);
  return at < 0 ? undefined : [reason.slice(0, at), reason.slice(at + KNOWN_FORMAT_SEPARATOR.length)];
}

/**
 * Why each file was skipped, in walk order. `command`: `heapdoc lint`; `own`: a reason of the
 * command's own for a file (lint: a config not in use), or undefined. A file of a format heapdoc
 * knows that the command does not read is named as such (`compiler -m output (go build
 * -gcflags=-m) — use heapdoc escape FILE, …`), as when it is given alone; `reader`: the command
 * its hint names for reading dumps (`heapdoc tui` in a tui run), `heapdoc analyze` when absent.
 */
export function skippedFiles(names: readonly string[], command: string, own: (name: string) => string | undefined = () => undefined, reader?: string): SkippedFile[] {
  return names.map((source) => {
    const reason = own(source) ?? (SOURCE_OR_DOCS.test(source) ? SOURCE_OR_DOCS_REASON : isEmptyFile(source) ? 'an empty file' : undefined);
    if (reason !== undefined) return { source, reason };
    const known = knownFormat(source, reader);
    return { source, reason: known ? `${known[0]}${KNOWN_FORMAT_SEPARATOR}${known[1]}` : notAFormat(command) };
  });
}

/** Whether a command-line argument names a directory (one that gave no dump is said: noDumpHere). */
export function isDirectory(spec: string): boolean {
  try {
    return statSync(spec).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A directory of the command line in which no file was a dump (`files`: how many it holds, each
 * skipped), as `command` (`heapdoc lint`, `heapdoc analyze`) says it: `DIR: no dump here (it holds
 * no file)`, and how to fix the capture step that left it so.
 */
export function noDumpHere(directory: string, files: number, command: string): HeapdocError {
  const why = files === 0 ? 'it holds no file' : files === 1 ? `its 1 file is not a format ${command} reads` : `its ${files} files are not a format ${command} reads`;
  return new HeapdocError(`${directory}: no dump here (${why})`,
    'check the capture step that saved these files (curl -f fails on an HTTP error instead of saving the error page), or leave this input out');
}

/**
 * The text and Markdown reports' line for the files a walk skipped, each named on stderr:
 * `reports` are the formats that list each with why (`--format json`).
 */
export function skippedCountLine(skipped: number, reports: string): string {
  return `${countOf(skipped, 'file')} skipped (not read as dumps): stderr and ${reports} say which and why`;
}
