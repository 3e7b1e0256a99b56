/**
 * Dumps concatenated into one input (`cat snap*.txt | heapdoc`, `curl … >> all.txt`): the heap
 * grammar starts a new dump at each 'heap profile:' header, and here each becomes a snapshot of
 * its own, as if the dumps had been given as separate files. Positions stay lines of the whole
 * input, so a diagnostic still points into the file the user has.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { HeapDump } from '../grammar/heap/index.js';
import type { InputContents } from './registry.js';

/** One heap dump of an input, with the diagnostics on its lines. */
export interface HeapPart {
  /** The input's name; `NAME:LINE` (where the dump starts) for one of several concatenated. */
  source: string;
  dump: HeapDump;
  diagnostics: Diagnostic[];
}

/** The heap dumps of an input: none, its one dump, or each of several concatenated. */
export function heapParts(input: InputContents, name: string): HeapPart[] {
  const { heap, heaps } = input;
  if (!heap) return [];
  if (!heaps || heaps.length < 2) return [{ source: name, dump: heap, diagnostics: input.diagnostics }];
  const starts = heaps.map((dump, i) => (i === 0 ? 1 : dump.header?.position.line ?? 1));
  return heaps.map((dump, i) => {
    const start = starts[i] ?? 1;
    const end = starts[i + 1] ?? Infinity;
    return { source: `${name}:${start}`, dump, diagnostics: input.diagnostics.filter((d) => d.line >= start && d.line < end) };
  });
}

/** The note for an input that holds several dumps; undefined when it holds one. */
export function concatenationNote(input: InputContents, name: string): string | undefined {
  const { heaps } = input;
  if (!heaps || heaps.length < 2) return undefined;
  const lines = heaps.map((dump, i) => (i === 0 ? 1 : dump.header?.position.line ?? 1));
  const shown = lines.length > 6 ? `${lines.slice(0, 5).join(', ')}, …` : lines.join(', ');
  return `${name === '-' ? 'standard input' : name} holds ${heaps.length} concatenated heap dumps (at lines ${shown}); each is read as a snapshot of its own, as if given as ${heaps.length} files`;
}
