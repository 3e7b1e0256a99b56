/** One clear line (and a hint) for each input kind a command cannot read. */
import type { Detection, InputKind } from './detect.js';
import { HeapdocError } from './errors.js';
import { curlIncludeWords, HTTP_STATUS_LINE } from './foreign.js';
import { formatOf } from './registry.js';
import { partsSaid, type BinaryPart, type MoreBinaryParts } from './binary.js';
import { countOf } from '../text/units.js';
import { textFormUrl } from './urls.js';
import { looksLikeRssFile, rssFileWords } from './rssfile.js';

/** An HTML document's first line: a doctype or an <html>, <head> or <body> tag. */
const HTML_START = /^<(?:!doctype\s+html|html|head|body)\b/i;

/** net/http's body for a path no handler registered, and what it means for a capture. */
const GO_NOT_FOUND_PAGE = '404 page not found';
const GO_NOT_FOUND_WHY = 'the page net/http serves for a path no handler registered';
const ENDPOINT_MISSING = 'the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"';

/**
 * An error response saved with its headers (curl -i): its status, and what to do. A 404 is the
 * endpoint missing, as the same body without -i says (net/http's page when the body is it); any
 * other status (a proxy's 502, the program's 500) says to check the URL and the proxy.
 */
function httpErrorWords(e: NonNullable<Detection['httpError']>): readonly [string, string] {
  const page = e.body === GO_NOT_FOUND_PAGE ? `: "${GO_NOT_FOUND_PAGE}", ${GO_NOT_FOUND_WHY}` : '';
  const what = `an HTTP error response, not a dump: the server answered "${e.status}"${e.contentType ? ` with ${e.contentType}` : ''} (curl -i output of an error page${page})`;
  if (e.status.startsWith('404')) return [what, ENDPOINT_MISSING];
  // An error page (a proxy's 502, the program's 500): nothing below the headers to save.
  return [what, "check the URL and any proxy in between: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' prints 'heap profile: …' when the program serves net/http/pprof"];
}

/**
 * The first line of `go tool pprof -top`, `-traces`, `-list`… (`File: prog`, `Type: inuse_space`) or of
 * `-raw` (`PeriodType: space bytes`): its text reports, which users save and hand over (audit 47 #15).
 */
const PPROF_TEXT = /^(File|Type|PeriodType|Build ID|Main binary): \S/;

/** What is not a format of the registry. */
const NOT_A_FORMAT: Partial<Record<InputKind, (d: Detection, name: string) => readonly [string, string]>> = {
  gzip: (_, name) => [
    'gzip data: a binary protobuf profile (what /debug/pprof/heap returns without ?debug=1), or a compressed file inside another',
    // A URL heapdoc fetched: the one to use instead, with ?debug=1 (the text dump, MemStats included).
    `to poll, add ?debug=1 to the URL ('${textFormUrl(name) ?? 'http://HOST:PORT/debug/pprof/heap?debug=1'}'); heapdoc analyze reads a saved .pb.gz`,
  ],
  binary: () => ['binary data, not a text dump', 'pass the text output of /debug/pprof/heap?debug=1'],
  utf16: () => ['UTF-16 text; heapdoc reads UTF-8', 'convert it to UTF-8: iconv -f UTF-16 -t UTF-8 FILE > FILE.txt (or save it again with PowerShell: Out-File -Encoding utf8)'],
  utf32: () => ['UTF-32 text; heapdoc reads UTF-8', 'convert it to UTF-8: iconv -f UTF-32 -t UTF-8 FILE > FILE.txt'],
  empty: () => ['the input is empty', 'did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof'],
  unknown: (d) => d.httpError ? httpErrorWords(d.httpError) : HTTP_STATUS_LINE.test(d.firstLine) ? curlIncludeWords(d.firstLine, 'the first line is') : d.tracebackStart ? [
    `a goroutine dump with other lines above it: the first line is ${JSON.stringify(d.firstLine.slice(0, 60))}, and the dump starts on line ${d.tracebackStart.line} (${JSON.stringify(d.tracebackStart.text)})`,
    `cut the lines above it: tail -n +${d.tracebackStart.line} FILE > dump.txt (a crash's output is read from its 'panic:', 'fatal error:' or 'SIG…:' line on)`,
  ] : d.firstLine === GO_NOT_FOUND_PAGE ? [
    // net/http's answer to a path no handler serves: the program does not register the endpoint.
    `not a Go heap dump (the first line is "${GO_NOT_FOUND_PAGE}": ${GO_NOT_FOUND_WHY})`,
    ENDPOINT_MISSING,
  ] : looksLikeRssFile(d.firstLine) ? [
    `${rssFileWords('heapdoc analyze')[0]}, not a dump (the first line is ${JSON.stringify(d.firstLine.slice(0, 60))})`,
    rssFileWords('heapdoc analyze')[1],
  ] : PPROF_TEXT.test(d.firstLine) ? [
    `go tool pprof's text output, not a dump heapdoc reads (the first line is ${JSON.stringify(d.firstLine.slice(0, 60))}): pprof printed it from a profile, without the runtime's MemStats`,
    'give heapdoc the profile pprof read (the .pb.gz from /debug/pprof/heap), or better the text dump from /debug/pprof/heap?debug=1, which carries the MemStats too',
  ] : HTML_START.test(d.firstLine) ? [
    `an HTML page, not a Go heap dump (the first line is ${JSON.stringify(d.firstLine.slice(0, 60))}): a proxy's or server's error page, or a page of another endpoint`,
    "check the URL and any proxy in between: /debug/pprof/heap?debug=1 answers with text that starts 'heap profile: …'",
  ] : [
    `not a Go heap dump (the first line is ${JSON.stringify(d.firstLine.slice(0, 60))})`,
    "expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, a /metrics page, /debug/vars JSON, a GODEBUG=gctrace=1 log, a .pb.gz heap profile, or go build -gcflags=-m output",
  ],
};

/**
 * A binary part skipped inside an input whose dumps around it were read (binaryPartWords), or the
 * parts past the first few as one (MoreBinaryParts): lint counts it as an input read in part.
 */
export class BinaryPartSkipped extends HeapdocError {
  constructor(name: string, readonly part: BinaryPart | MoreBinaryParts) {
    const [message, hint] = 'more' in part ? morePartsWords(name, part) : binaryPartWords(name, part);
    super(message, hint);
  }
}

/** The problems an input's binary parts are said as: the first few each on its own line, the rest as one (binary.ts partsSaid). */
export function binaryPartProblems(name: string, parts: readonly BinaryPart[]): BinaryPartSkipped[] {
  return partsSaid(parts).map((part) => new BinaryPartSkipped(name, part));
}

/** The binary parts past the first few, as one line: how many and their bytes (`… and 69,995 more binary parts (bytes 2,216–1,052,141), skipped`). */
function morePartsWords(name: string, more: MoreBinaryParts): [string, string] {
  return [
    `${name}: … and ${countOf(more.more, 'more binary part')} (bytes ${more.start.toLocaleString('en-US')}–${more.end.toLocaleString('en-US')}), skipped`,
    'binary data in many places: is the input a text dump? Capture the dumps again (?debug=1), one file each',
  ];
}

/**
 * A binary part skipped inside a text input (binary.ts): where (its line when known, its bytes),
 * what was read around it, and how to cut it out; the message and the hint.
 */
export function binaryPartWords(name: string, part: BinaryPart): [string, string] {
  const where = part.line !== undefined ? `line ${part.line}` : `byte ${part.start}`;
  const size = countOf(part.end - part.start, 'byte');
  const nul = `a NUL byte at byte ${part.nul.toLocaleString('en-US')}`;
  if (part.resumed) {
    const resumes = part.line !== undefined ? ` (line ${part.line + part.newlines})` : '';
    return [
      `${name}: ${where}: binary data (${nul}), ${size} up to the next dump${resumes}, skipped; the text before and after it was read`,
      `the input is damaged or another file was joined into it: cut the binary part out (head -c ${part.start} FILE > before.txt; tail -c +${part.end + 1} FILE > after.txt), or capture the dumps again`,
    ];
  }
  return [
    `${name}: ${where}: binary data (${nul}), ${size} to the end of the input, skipped; the text before it was read`,
    `the input is damaged or another file was joined to its end: keep the text before it (head -c ${part.start} FILE > dump.txt), or capture it again`,
  ];
}

/**
 * An empty GC log was not fetched from a URL: the program wrote it to its stderr, or did not (no
 * GC ran yet, or GODEBUG was not set). A URL's advice (curl -v, net/http/pprof) misled there.
 * A program that has run no GC prints nothing, which is said first: a dump of the same moment
 * shows it (NumGC 0), and analyze and lint take the log beside such a dump as consistent (EmptyGcLog).
 */
const emptyGcLog = (): readonly [string, string] => [
  'the input is empty',
  'a program that has run no GC yet prints nothing (a heap dump of the same moment says NumGC 0: give it with the log); else did the capture fail? GODEBUG=gctrace=1 makes the program print one line per GC to its stderr: GODEBUG=gctrace=1 ./prog 2> gctrace.log',
];

/**
 * The error of an empty GC log (wrongKind): consistent beside a dump whose NumGC is 0, as a program
 * that has run no GC has printed no GC line (the captured go1.19-audit46-pregc), so analyze and
 * lint say it as a note there, not as an input that failed (emptyGcLogNote).
 */
export class EmptyGcLog extends HeapdocError {}

/** The note that replaces an EmptyGcLog beside a dump of NumGC 0 (`dump`): `gctrace.log is empty: no GC has run yet (NumGC 0 in heap.txt)`. */
export function emptyGcLogNote(log: string, dump: string): string {
  return `${log} is empty: no GC has run yet (NumGC 0 in ${dump}), and a program prints a GC line only when a GC ends`;
}

/** A GC log by its name: `gctrace` in it, or a process's stderr saved as `.log` (`prog.log`, `leak.log`). */
function namesGcLog(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return /gctrace/i.test(base) || /\.log$/i.test(base);
}

/**
 * The error for an input of a kind the command cannot read. `commandReads` says what the
 * command wants (`heapdoc escape reads go build -gcflags=-m output`); it is added when the input
 * is a valid dump of another kind, where the mismatch is the whole story; `reader`: the command
 * the hint names for reading dumps (registry.ts describe).
 */
export function wrongKind(name: string, detection: Detection, commandReads: string, reader?: string): HeapdocError {
  const format = formatOf(detection.kind);
  const describe = detection.kind === 'empty' && namesGcLog(name) ? emptyGcLog : NOT_A_FORMAT[detection.kind];
  const [what, hint] = format ? format.describe(detection.firstLine, reader) : describe ? describe(detection, name) : [`a ${detection.kind} input`, ''];
  // A format no command reads (another legacy profile) needs no "but …": its hint lists what heapdoc reads.
  const message = format && format.feeds.length > 0 ? `${name}: ${what}, but ${commandReads}` : `${name}: ${what}`;
  return describe === emptyGcLog ? new EmptyGcLog(message, hint) : new HeapdocError(message, hint || undefined);
}
