/**
 * What reading an input gives (InputContents), shared by the format registry (registry.ts) and the
 * reader that cuts a stream of several kinds into documents (documents.ts): in a module of its own
 * so that neither imports the other for it.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { GoroutineProfile } from '../grammar/goroutine/index.js';
import type { HeapDump, SampledSites } from '../grammar/heap/index.js';
import type { TracebackDump } from '../grammar/traceback/index.js';
import type { Exposition } from '../grammar/prometheus/index.js';
import type { JsonValue } from '../grammar/json/index.js';
import type { GcTraceLog } from '../grammar/gctrace/index.js';

/** What a format gives the analysis. */
export type Feed =
  | 'memstats' // a runtime.MemStats snapshot: the breakdown, the verdict, the series
  | 'sites' // allocation sites (stacks with bytes and objects)
  | 'goroutines' // goroutines to group
  | 'gc-events' // one line per garbage collection
  | 'compiler-messages'; // go build -gcflags=-m output (heapdoc escape, analyze --escape)

/** A goroutine dump as its grammar read it: a count profile (debug=1, goroutineleak) or tracebacks (debug=2). */
export type GoroutineDump = { profile: GoroutineProfile } | { traceback: TracebackDump };

/** What reading one input gives, whatever its format; a field is present when the format feeds it. */
export interface InputContents {
  /** A heap snapshot: the MemStats block and the allocation sites (the first, when the input holds several). */
  heap?: HeapDump;
  /** Every heap dump in order, when the input holds several concatenated (`cat snap*.txt`): see concatenated.ts. */
  heaps?: HeapDump[];
  /** A goroutine dump (the first, when the input holds several). */
  goroutines?: GoroutineDump;
  /** Every goroutine?debug=1 profile in order, when the input holds several concatenated: see concatenated.ts. */
  goroutineDumps?: GoroutineDump[];
  /**
   * Every document in order, when the input is a stream of dumps of several kinds (`cat snap*.txt`
   * of heap, allocs and goroutine dumps: documents.ts); `heaps` and `goroutineDumps` then hold its
   * heap and goroutine dumps (debug=2 too), and concatenated.ts cuts it by these.
   */
  documents?: StreamDocument[];
  /** A /metrics page (its scrapes; analyze/exposed.ts turns each into MemStats). */
  metrics?: Exposition;
  /** A /debug/vars document (analyze/exposed.ts reads its memstats). */
  vars?: JsonValue;
  /**
   * Every /debug/vars document in order, with the line it starts on, when the input holds several
   * appended (`curl …/debug/vars >> vars.log`): each a snapshot of its own (analyze/exposed.ts);
   * `vars` undefined for one that could not be read (cut short: its error says so). `vars` is then unset.
   */
  varsDocuments?: { line: number; vars: JsonValue | undefined }[];
  /** A binary heap profile: sites without MemStats (analysis pairs it with the MemStats of the same capture). */
  profile?: { sites: SampledSites; capturedAtMs: number | undefined };
  /** A GODEBUG=gctrace=1 log (analyze/exposed.ts judges it as a series). */
  gcLog?: GcTraceLog;
  /** The parser's problems, with line:column. */
  diagnostics: Diagnostic[];
}

/** The kinds a stream is cut into. */
export type DocumentKind = 'heap' | 'goroutine' | 'goroutineleak' | 'goroutine-traceback';

/** One document of a stream of several: the line it starts on, and its dump. */
export type StreamDocument = { line: number } & ({ heap: HeapDump } | { goroutines: GoroutineDump });

/** A goroutine's header line in a traceback dump or a crash's output; its one group, the goroutine's id. */
export const GOROUTINE_HEADER = /^goroutine (\d+) (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[/;
/** The first line of a crash's output (runtime/panic.go, signal_unix.go): its goroutine records follow. */
export const CRASH_PREAMBLE = /^(?:panic: |fatal error: |unexpected fault address |SIG[A-Z0-9]+: |runtime: |-----$)/;

/** What a line that starts a document is: its kind; for a debug=2 block, its goroutine id and whether it runs. */
export interface Header {
  kind: DocumentKind;
  id?: number | string;
  running?: boolean;
}

/** GOROUTINE_HEADER after its id, from where the id's digits end (sticky): the header's rest. */
const AFTER_ID = new RegExp(GOROUTINE_HEADER.source.slice(GOROUTINE_HEADER.source.indexOf('(\\d+)') + '(\\d+)'.length), 'y');
const PREFIX = 'goroutine ';

/**
 * The words a document's first line starts with (headerAt), each found as a line end and its first
 * letter (`\nh`, `\ng`): V8 searches a two-character pattern with memchr for its first character,
 * where a regular expression for both words (`/heap profile:|goroutine/`) tried each position of
 * the text (55 against 36 million instructions over 20 MB of a heap dump, a chunk at a time; the
 * words whole, `\nheap profile:` and `\ngoroutine`, are searched another way, and cost 59).
 */
const HEAP_WORD = 'heap profile:';
const GOROUTINE_WORD = 'goroutine';

/**
 * The last search for each word's line (headerWordAt): in `text`, the first such line at or after
 * `from` is at `at` (-1: none). A debug=2 dump has a header a goroutine, so a chunk is searched from
 * each one on: what the last search found past it (the next heap header, or none to the chunk's
 * end) is still the answer, and the chunk is not scanned again for the other word.
 */
interface WordSearch {
  text: string;
  from: number;
  at: number;
}
const heapSearch: WordSearch = { text: '', from: 0, at: -1 };
const goroutineSearch: WordSearch = { text: '', from: 0, at: -1 };

/**
 * The first line start at or after `pos` that begins with a header word (`heap profile:`,
 * `goroutine…`), or -1. `pos` itself counts as a line start when `atLineStart`.
 */
export function headerWordAt(t: string, pos: number, atLineStart: boolean): number {
  if (atLineStart && (t.startsWith(HEAP_WORD, pos) || t.startsWith(GOROUTINE_WORD, pos))) return pos;
  const heap = wordLineAt(t, pos, '\nh', HEAP_WORD, heapSearch);
  const goroutine = wordLineAt(t, pos, '\ng', GOROUTINE_WORD, goroutineSearch);
  return heap < 0 ? goroutine : goroutine < 0 ? heap : Math.min(heap, goroutine);
}

/**
 * The first line start after a line end at or after `pos - 1` whose text begins with `word`
 * (`mark`: a line end and the word's first letter), or -1; from `last` when it holds the answer.
 */
function wordLineAt(t: string, pos: number, mark: string, word: string, last: WordSearch): number {
  if (last.text === t && pos >= last.from && (last.at < 0 || last.at >= pos)) return last.at;
  let at = -1;
  for (let nl = t.indexOf(mark, pos > 0 ? pos - 1 : 0); nl >= 0; nl = t.indexOf(mark, nl + 1)) {
    // A word that only starts like a header's (`go…`, `h…` lines of another format): on past it.
    if (t.startsWith(word, nl + 1)) {
      at = nl + 1;
      break;
    }
  }
  last.text = t;
  last.from = pos;
  last.at = at;
  return at;
}

/**
 * The kind of document the line at t[start] starts, if it is a header of one (the line read no
 * further than `end`). A debug=2 dump has a header a goroutine (77,000 in a big one): the line is
 * not cut out of the chunk, the profiles' headers are tried only on lines that can be one, and a
 * block's id is read as a number (a set of small numbers is what the repeat check needs; an id
 * too long for one stays text).
 */
export function headerAt(t: string, start: number, end: number): Header | undefined {
  if (t.startsWith('heap profile:', start)) return { kind: 'heap' };
  if (t.startsWith('goroutineleak profile:', start)) return /^goroutineleak profile: total \d/.test(t.slice(start, end)) ? { kind: 'goroutineleak' } : undefined;
  if (!t.startsWith(PREFIX, start)) return undefined;
  if (t.startsWith('profile:', start + PREFIX.length)) return /^goroutine profile: total \d/.test(t.slice(start, end)) ? { kind: 'goroutine' } : undefined;
  let at = start + PREFIX.length;
  let id = 0;
  for (let c = t.charCodeAt(at); c >= 48 && c <= 57 && at < end; c = t.charCodeAt(++at)) id = id * 10 + (c - 48);
  const digits = at - start - PREFIX.length;
  if (digits === 0) return undefined;
  AFTER_ID.lastIndex = at;
  if (!AFTER_ID.test(t) || AFTER_ID.lastIndex > end) return undefined;
  // The state follows the header's `[`: `[running]`, or `[running, locked to thread]`.
  const state = AFTER_ID.lastIndex;
  const running = t.startsWith('running', state) && (t[state + 7] === ']' || t[state + 7] === ',');
  return { kind: 'goroutine-traceback', id: digits <= 15 ? id : t.slice(start + PREFIX.length, at), running };
}
