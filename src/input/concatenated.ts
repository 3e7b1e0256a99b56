/**
 * Dumps concatenated into one input (`cat snap*.txt | heapdoc`, `curl … >> all.txt`): the heap
 * and goroutine?debug=1 grammars start a new dump at each further header ('heap profile:',
 * 'goroutine profile: total N'), and here each becomes a snapshot of its own, as if the dumps had
 * been given as separate files. Positions stay lines of the whole input, so a diagnostic still
 * points into the file the user has.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { HeapDump } from '../grammar/heap/index.js';
import type { StreamDocument } from './documents.js';
import type { GoroutineDump, InputContents } from './registry.js';
import { inputTitle } from '../text/sanitize.js';

/** One dump of an input, with the diagnostics on its lines. */
export interface DumpPart<T> {
  /** The input's name; `NAME:LINE` (where the dump starts) for one of several concatenated. */
  source: string;
  dump: T;
  diagnostics: Diagnostic[];
}

/** The heap dumps of an input: none, its one dump, or each of several concatenated. */
export function heapParts(input: InputContents, name: string): DumpPart<HeapDump>[] {
  if (input.documents) return documentParts(input.documents, input.diagnostics, name).flatMap(({ document, ...part }) => ('heap' in document ? [{ ...part, dump: document.heap }] : []));
  return input.heap ? split(input.heaps ?? [input.heap], heapStart, input.diagnostics, name) : [];
}

/**
 * The one heap?debug=1 dump of an input when it has no `# runtime.MemStats` block (cut before it,
 * or a proxy that strips `#` lines): sites without MemStats, a binary profile's half of its moment,
 * so `analyze` and `lint` pair it as one (exposition/snapshot.ts pairProfiles) with the /debug/vars
 * or /metrics of its moment. Undefined for a dump with MemStats, without sites, or several dumps.
 */
export function sitesOnlyHeap(input: InputContents, name: string): DumpPart<HeapDump> | undefined {
  const parts = heapParts(input, name);
  const [part] = parts;
  return parts.length === 1 && part && part.dump.memStats === undefined && part.dump.header !== undefined ? part : undefined;
}

/** The goroutine dumps of an input, likewise. */
export function goroutineParts(input: InputContents, name: string): DumpPart<GoroutineDump>[] {
  if (input.documents) return documentParts(input.documents, input.diagnostics, name).flatMap(({ document, ...part }) => ('goroutines' in document ? [{ ...part, dump: document.goroutines }] : []));
  return input.goroutines ? split(input.goroutineDumps ?? [input.goroutines], goroutineStart, input.diagnostics, name) : [];
}

/** The note for an input that holds several dumps; undefined when it holds one. */
export function concatenationNote(input: InputContents, name: string): string | undefined {
  if (input.documents) return documentsNote(input.documents, name);
  if (input.varsDocuments) {
    const starts = input.varsDocuments.map((d) => d.line);
    return `${inputTitle(name)} holds ${starts.length} appended /debug/vars documents (at lines ${shownLines(starts)}); each is read as a snapshot of its own, as if given as ${starts.length} files`;
  }
  const [what, starts] = input.heaps && input.heaps.length > 1 ? ['heap dumps', startLines(input.heaps, heapStart)]
    : input.goroutineDumps && input.goroutineDumps.length > 1 ? ['goroutine profiles', startLines(input.goroutineDumps, goroutineStart)]
    : [undefined, []];
  if (what === undefined) return undefined;
  return `${inputTitle(name)} holds ${starts.length} concatenated ${what} (at lines ${shownLines(starts)}); each is read as a snapshot of its own, as if given as ${starts.length} files`;
}

/** The lines documents start at, as a note says them: the first five and `…` past six. */
function shownLines(starts: readonly number[]): string {
  return starts.length > 6 ? `${starts.slice(0, 5).join(', ')}, …` : starts.join(', ');
}

/**
 * The note for a stream of dumps of several kinds (documents.ts): how many of each, where they
 * start. `cat snap*.txt` of go1.19/leak: `standard input holds 20 concatenated dumps of several
 * kinds (10 heap?debug=1, 5 goroutine?debug=1, 5 goroutine?debug=2; at lines 1, 1172, 1216, …)`.
 */
function documentsNote(documents: readonly StreamDocument[], name: string): string {
  const counts = new Map<string, number>();
  for (const d of documents) {
    const label = 'heap' in d ? 'heap?debug=1' : 'traceback' in d.goroutines ? 'goroutine?debug=2' : d.goroutines.profile.kind === 'goroutineleak' ? 'goroutineleak' : 'goroutine?debug=1';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const starts = documents.map((d) => d.line);
  const shown = shownLines(starts);
  const kinds = [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
  // Several goroutine?debug=2 dumps alone are one kind: said so (`cat g2.*.txt`).
  const what = counts.size > 1 ? `dumps of several kinds (${kinds}; ` : `${[...counts.keys()].join('')} dumps (`;
  return `${inputTitle(name)} holds ${starts.length} concatenated ${what}at lines ${shown}); each is read as an input of its own, as if given as ${starts.length} files`;
}

/** The documents of a stream (documents.ts), each named `NAME:LINE` with the diagnostics on its lines. */
function documentParts(documents: readonly StreamDocument[], diagnostics: Diagnostic[], name: string): { source: string; document: StreamDocument; diagnostics: Diagnostic[] }[] {
  return documents.map((document, i) => {
    const start = i === 0 ? 1 : document.line;
    const end = documents[i + 1]?.line ?? Infinity;
    return { source: `${name}:${start}`, document, diagnostics: diagnostics.filter((d) => d.line >= start && d.line < end) };
  });
}

const heapStart = (dump: HeapDump): number | undefined => dump.header?.position.line;
const goroutineStart = (dump: GoroutineDump): number | undefined => ('profile' in dump ? dump.profile.header?.position.line : undefined);

function startLines<T>(dumps: readonly T[], startOf: (dump: T) => number | undefined): number[] {
  return dumps.map((dump, i) => (i === 0 ? 1 : startOf(dump) ?? 1));
}

function split<T>(dumps: readonly T[], startOf: (dump: T) => number | undefined, diagnostics: Diagnostic[], name: string): DumpPart<T>[] {
  const [only] = dumps;
  if (dumps.length === 1 && only !== undefined) return [{ source: name, dump: only, diagnostics }];
  const starts = startLines(dumps, startOf);
  return dumps.map((dump, i) => {
    const start = starts[i] ?? 1;
    const end = starts[i + 1] ?? Infinity;
    return { source: `${name}:${start}`, dump, diagnostics: diagnostics.filter((d) => d.line >= start && d.line < end) };
  });
}
