/**
 * A /metrics page, a /debug/vars document or a GODEBUG=gctrace=1 log inside a stream of dumps
 * (`cat heap.txt metrics.txt | heapdoc`): the stream reader (documents.ts) cuts a stream only into
 * heap and goroutine dumps, and read as a dump's lines such a document gave one parse error a
 * line. It is found once a chunk, by a search for a mark each holds near its start (a page's
 * `# TYPE` line, the `"memstats": ` var, a GC line's `%: `), each starting with a character dumps
 * hardly hold (a heap dump's frame lines start with `#`: 20 MB searched for `# TYPE ` took 15 ms,
 * for `TYPE ` under 1 ms), and told by the registry's own detectors (exposed.ts): no work a line.
 */
import { countNewlines } from '../grammar/common/chunks.js';
import { headerAt, headerWordAt, type DocumentKind, type Header } from './contents.js';
import { HeapdocError } from './errors.js';
import { stripControl } from '../text/sanitize.js';
import { isExpvarHead, isGcTraceHead, isPrometheusHead } from './exposed.js';

/** The formats read alone, whose documents are found by a mark. */
export type AloneKind = 'prometheus' | 'expvar' | 'gctrace';

interface Mark {
  kind: AloneKind;
  /** What is searched: a part of the line that tells the document (see the module). */
  mark: string;
  what: string;
  file: string;
  /** Whether the line the mark is in starts such a document. */
  is(line: string): boolean;
  /** Where the document starts, before the line the mark is in (its `# HELP` line, its `{`); that line when not in the chunk. */
  startOf(chunk: string, line: number): number;
}

const MARKS: readonly Mark[] = [
  {
    kind: 'prometheus', mark: 'TYPE ', what: 'a /metrics page', file: 'metrics.txt', is: (line) => isPrometheusHead({ first: line, sample: [], lines: [line] }),
    startOf: (chunk, line) => {
      const before = chunk.lastIndexOf('\n', line - 2) + 1;
      return line > 0 && chunk.startsWith('# HELP ', before) ? before : line;
    },
  },
  {
    kind: 'expvar', mark: '"memstats": ', what: 'a /debug/vars document', file: 'vars.json', is: (line) => isExpvarHead({ first: '{', sample: [], lines: [line] }),
    startOf: (chunk, line) => (chunk[line] === '{' ? line : chunk.lastIndexOf('\n{', line) + 1 || line),
  },
  { kind: 'gctrace', mark: '%: ', what: 'a GODEBUG=gctrace=1 log', file: 'gctrace.log', is: (line) => isGcTraceHead({ first: line, sample: [], lines: [] }), startOf: (_chunk, line) => line },
];

/** How many characters of a line are read to tell what it starts (a compact /debug/vars document is one long line). */
export const FOREIGN_HEAD = 256;

/** A document of a format read alone, found in a chunk: what it is, and where it starts (a line start of the chunk). */
export interface ForeignStart {
  kind: AloneKind;
  what: string;
  file: string;
  at: number;
}

/**
 * The first document of a format read alone in one chunk of a stream (see the module), but of
 * `except`'s kind; `atLineStart`: the chunk starts a line.
 */
export function foreignIn(chunk: string, atLineStart: boolean, except?: AloneKind): ForeignStart | undefined {
  let first: ForeignStart | undefined;
  for (const m of MARKS) {
    if (m.kind === except) continue;
    const line = markLine(chunk, m, 0, atLineStart);
    if (line >= 0 && (first === undefined || line < first.at)) first = { kind: m.kind, what: m.what, file: m.file, at: m.startOf(chunk, line) };
  }
  return first;
}

/**
 * The start of the first line at or after `from` (past it when `after`: the line at `from` was
 * found already) that holds mark `m` and starts such a document (Mark.is); -1 for none.
 */
function markLine(chunk: string, m: Mark, from: number, atLineStart: boolean, after = false): number {
  const next = after ? chunk.indexOf('\n', from) : from;
  if (next < 0) return -1;
  for (let at = chunk.indexOf(m.mark, next); at >= 0; at = chunk.indexOf(m.mark, at + 1)) {
    const line = chunk.lastIndexOf('\n', at) + 1;
    if (!atLineStart && line === 0) continue; // the chunk's first line: its start is in the last chunk
    const end = chunk.indexOf('\n', line);
    if (m.is(chunk.slice(line, end < 0 ? line + FOREIGN_HEAD : Math.min(end, line + FOREIGN_HEAD)))) return line;
  }
  return -1;
}

const VARS_MARK = MARKS.find((m) => m.kind === 'expvar') as Mark;

/**
 * Where each /debug/vars document of a whole input starts (`curl …/debug/vars >> vars.log` three
 * times): 0 for the first, then the `{` each further one opens with, found by its `"memstats": `
 * line as foreignIn finds a second one (one search through the input).
 */
export function varsStarts(whole: string): number[] {
  const starts = [0];
  const opening = whole.search(/\S/); // the first document's `{`
  for (let line = markLine(whole, VARS_MARK, 0, true); line >= 0; line = markLine(whole, VARS_MARK, line, true, true)) {
    // The `{` line the document opens with (Mark.startOf's, without its fallback for a chunk: the input is whole; 0 for none above).
    const start = whole[line] === '{' ? line : whole.lastIndexOf('\n{', line) + 1;
    // Past the first document's own memstats, and past a second mark inside the document found last.
    if (start > opening && start > (starts.at(-1) ?? 0)) starts.push(start);
  }
  return starts;
}

/** `source:N`: the stream's line where `at` of `chunk` falls, `lineBefore` lines coming before the chunk (each refusal below names it so). */
function streamPlace(source: string, chunk: string, at: number, lineBefore: number): string {
  return `${source}:${lineBefore + 1 + countNewlines(chunk.slice(0, at))}`;
}

/**
 * The refusal of a /metrics page, /debug/vars or GC log found in a stream of dumps (foreignIn), at
 * the stream's line `lineBefore` + 1 + the chunk's line ends before the document's start.
 */
export function foreignAfterDumps(chunk: string, { what, file, at }: ForeignStart, lineBefore: number, source: string): HeapdocError {
  return new HeapdocError(
    `${streamPlace(source, chunk, at, lineBefore)}: ${what} follows the dumps here, and heapdoc cuts an input only into heap and goroutine dumps`,
    `pass it as a file of its own (heapdoc dumps.txt ${file}), not concatenated with the dumps`,
  );
}

/** An HTTP response's status line (`HTTP/1.1 200 OK`): what `curl -i` writes above the body, its headers after it. */
export const HTTP_STATUS_LINE = /^HTTP\/\d(?:\.\d)? \d{3}\b/;

/**
 * What `curl -i` output is, and what to do, as one refusal says it: `HTTP response headers above
 * the dump (the first line is "HTTP/1.1 200 OK": curl -i output)`; `where` names the line (`the
 * first line is`, for a file that starts so; `the line is`, for one inside a stream of dumps).
 */
export function curlIncludeWords(line: string, where: string): readonly [string, string] {
  return [
    `HTTP response headers above the dump (${where} ${JSON.stringify(line.slice(0, 60))}: curl -i output)`,
    "drop -i: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' > heap.txt saves the body alone",
  ];
}

/**
 * Where the first HTTP status line (HTTP_STATUS_LINE) of `chunk` starts, if one does; `atLineStart`:
 * the chunk starts a line; `ends`: the chunk ends the input, so that its last line is whole without
 * a line end (`… | heapdoc` of a stream whose last line is a status line alone). One search for
 * `HTTP/` a chunk: a dump's lines hardly start with it.
 */
export function httpStatusIn(chunk: string, atLineStart: boolean, ends = false): number | undefined {
  for (let at = chunk.indexOf('HTTP/'); at >= 0; at = chunk.indexOf('HTTP/', at + 1)) {
    if (at === 0 ? !atLineStart : chunk.charCodeAt(at - 1) !== 10) continue;
    // The whole line, up to its end: a chunk cut inside it is checked again joined with the next one's start (LineCuts).
    const end = chunk.indexOf('\n', at);
    if ((end >= 0 || ends) && HTTP_STATUS_LINE.test(chunk.slice(at, end >= 0 ? end : undefined))) return at;
  }
  return undefined;
}

/**
 * The refusal of `curl -i` output inside a stream of dumps (`cat heap.1.txt heap-curl-i.txt |
 * heapdoc`: its status line and headers, read as a dump's lines, gave a parse error each), at its
 * status line `at` (httpStatusIn): the stream's line `lineBefore` + 1 + the chunk's line ends before it.
 */
export function httpHeadersAfterDumps(chunk: string, at: number, lineBefore: number, source: string): HeapdocError {
  const end = chunk.indexOf('\n', at);
  const line = chunk.slice(at, end < 0 ? at + FOREIGN_HEAD : Math.min(end, at + FOREIGN_HEAD)).replace(/\r$/, '');
  const [what, hint] = curlIncludeWords(stripControl(line), 'the line is');
  return new HeapdocError(`${streamPlace(source, chunk, at, lineBefore)}: ${what}`, hint);
}

/**
 * Refuses `curl -i` output in a stream (httpHeadersAfterDumps) when its status line comes in `t`
 * before every one of `others` (where another document starts, undefined for none): after dumps
 * (documents.ts), after a /metrics page or /debug/vars (refusingOthers) or a GC log (gclog.ts), the
 * same one line, not a refusal of the dump its headers stand above. `ends`: `t` ends the input
 * (httpStatusIn), as at a stream's end a status line without a line end does (LineCuts.last).
 */
export function refuseHttpHeaders(t: string, atLineStart: boolean, lineBefore: number, source: string, others: readonly (number | undefined)[], ends = false): void {
  const http = httpStatusIn(t, atLineStart, ends);
  if (http !== undefined && others.every((at) => at === undefined || http < at)) throw httpHeadersAfterDumps(t, http, lineBefore, source);
}

/**
 * Where a stream's chunks cut its lines, for a check of each chunk's line starts (a document's
 * first line): the line the last chunk ended inside, when short, is checked again joined with the
 * next chunk's start.
 */
export class LineCuts {
  /** '' after a line end; the last chunk's last line when it ended inside a short one; else undefined. */
  private cut: string | undefined = '';

  /** Gives `check` the chunk (whether it starts a line), the cut line joined with its start first; `lineBefore`: the stream's lines before the chunk. */
  next(chunk: string, lineBefore: number, check: (text: string, atLineStart: boolean, lineBefore: number) => void): void {
    const cut = this.cut;
    if (cut) check(cut + chunk.slice(0, FOREIGN_HEAD), true, lineBefore);
    check(chunk, cut === '', lineBefore);
    const tail = chunk.lastIndexOf('\n') + 1;
    const last: string | undefined = tail > 0 ? chunk.slice(tail) : cut === undefined ? undefined : cut + chunk;
    this.cut = tail === chunk.length ? '' : last !== undefined && last.length < FOREIGN_HEAD ? last : undefined;
  }

  /** At the input's end: the short last line it ended inside, without a line end (checked by no chunk after it); undefined for none. */
  last(): string | undefined {
    return this.cut === '' ? undefined : this.cut;
  }
}

/** A dump's first line in a chunk: where it starts, and what it starts. */
export interface DumpStart {
  at: number;
  header: Header;
}

/** Whether the line at chunk[at] starts a dump (contents.ts headerAt, read no further than FOREIGN_HEAD). */
export function dumpAt(chunk: string, at: number): DumpStart | undefined {
  const end = chunk.indexOf('\n', at);
  const header = headerAt(chunk, at, Math.min(end < 0 ? chunk.length : end, at + FOREIGN_HEAD));
  return header && { at, header };
}

/**
 * The first line of `chunk` that starts a dump (a `heap profile:`, `goroutine profile:` or
 * `goroutine N [` line); `atLineStart`: the chunk starts a line. One search a chunk (headerWordAt):
 * a /metrics page, /debug/vars or a GC log hardly has a line that starts with either word.
 */
export function dumpIn(chunk: string, atLineStart: boolean): DumpStart | undefined {
  for (let at = headerWordAt(chunk, 0, atLineStart); at >= 0; at = headerWordAt(chunk, at + 1, false)) {
    const here = dumpAt(chunk, at);
    if (here) return here;
  }
  return undefined;
}

/** What a dump is, in a refusal. */
const DUMP_WHAT: Readonly<Record<DocumentKind, string>> = {
  heap: 'a heap dump',
  goroutine: 'a goroutine dump',
  goroutineleak: 'a goroutine leak profile',
  'goroutine-traceback': 'a goroutine traceback dump',
};

/** A document that is read alone (a /metrics page, /debug/vars, a GC log), as refusals name it: what it is, and a file name for it. */
export interface Alone {
  kind: AloneKind;
  what: string;
  /** How heapdoc reads one: `a /metrics page alone`. */
  reads: string;
  file: string;
}

export const METRICS_ALONE: Alone = { kind: 'prometheus', what: 'the /metrics page', reads: 'a /metrics page alone', file: 'metrics.txt' };
export const VARS_ALONE: Alone = { kind: 'expvar', what: 'the /debug/vars document', reads: 'a /debug/vars document alone', file: 'vars.json' };
export const GCLOG_ALONE: Alone = { kind: 'gctrace', what: 'the GC log', reads: "a GC log alone, or with the crash its program printed", file: 'gc.log' };

/**
 * The refusal of a dump inside `alone` (`cat metrics.txt heap.txt | heapdoc`: read as a /metrics
 * page, the dump was lost or read as the page's errors), at the dump's first line: the stream's
 * line `lineBefore` + 1 + the chunk's line ends before `at`. The reverse of foreignAfterDumps.
 */
export function dumpAfter(chunk: string, { at, header }: DumpStart, lineBefore: number, source: string, alone: Alone): HeapdocError {
  return documentAfter(chunk, { what: DUMP_WHAT[header.kind], file: 'dump.txt', at }, lineBefore, source, alone);
}

/**
 * The refusal of a document of another format inside `alone` (`cat gctrace.log metrics.txt`: read
 * as a GC log, the page was counted as the log's other lines), or of a second /debug/vars
 * document, at its first line, as dumpAfter's.
 */
export function documentAfter(chunk: string, { what, file, at }: Pick<ForeignStart, 'what' | 'file' | 'at'>, lineBefore: number, source: string, alone: Alone): HeapdocError {
  return new HeapdocError(
    `${streamPlace(source, chunk, at, lineBefore)}: ${what} follows ${alone.what} here, and heapdoc reads ${alone.reads}`,
    `pass each as a file of its own (heapdoc ${alone.file} ${file}), not concatenated`,
  );
}

/**
 * The chunks of a /metrics page or /debug/vars document (`alone`), as they come; a dump in them,
 * or a document of another format read alone (a GC log, a /metrics page, /debug/vars), is refused
 * in one line (dumpAfter, documentAfter), and so is `curl -i` output (refuseHttpHeaders). Its cost: dumpIn's one search, foreignIn's two and a
 * count of line ends a chunk.
 */
export async function* refusingOthers(text: AsyncIterable<string>, source: string, alone: Alone): AsyncGenerator<string> {
  const cuts = new LineCuts();
  const check = (t: string, atLineStart: boolean, lineBefore: number): void => {
    const found = dumpIn(t, atLineStart);
    const other = foreignIn(t, atLineStart, alone.kind);
    refuseHttpHeaders(t, atLineStart, lineBefore, source, [found?.at, other?.at]);
    if (other && (!found || other.at < found.at)) throw documentAfter(t, other, lineBefore, source, alone);
    if (found) throw dumpAfter(t, found, lineBefore, source, alone);
  };
  let lines = 0;
  for await (const chunk of text) {
    cuts.next(chunk, lines, check);
    lines += countNewlines(chunk);
    yield chunk;
  }
  const last = cuts.last();
  if (last !== undefined) refuseHttpHeaders(last, true, lines, source, [], true);
}
