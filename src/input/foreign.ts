/**
 * A /metrics page, a /debug/vars document or a GODEBUG=gctrace=1 log inside a stream of dumps
 * (`cat heap.txt metrics.txt | heapdoc`): the stream reader (documents.ts) cuts a stream only into
 * heap and goroutine dumps, and read as a dump's lines such a document gave one parse error a
 * line. It is found once a chunk, by a search for a mark each holds near its start (a page's
 * `# TYPE` line, the `"memstats": ` var, a GC line's `%: `), each starting with a character dumps
 * hardly hold (a heap dump's frame lines start with `#`: 20 MB searched for `# TYPE ` took 15 ms,
 * for `TYPE ` under 1 ms), and told by the registry's own detectors (exposed.ts): no work a line.
 */
import { HeapdocError } from './errors.js';
import { isExpvarHead, isGcTraceHead, isPrometheusHead } from './exposed.js';

interface Mark {
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
    mark: 'TYPE ', what: 'a /metrics page', file: 'metrics.txt', is: (line) => isPrometheusHead({ first: line, sample: [], lines: [line] }),
    startOf: (chunk, line) => {
      const before = chunk.lastIndexOf('\n', line - 2) + 1;
      return line > 0 && chunk.startsWith('# HELP ', before) ? before : line;
    },
  },
  {
    mark: '"memstats": ', what: 'a /debug/vars document', file: 'vars.json', is: (line) => isExpvarHead({ first: '{', sample: [], lines: [line] }),
    startOf: (chunk, line) => (chunk[line] === '{' ? line : chunk.lastIndexOf('\n{', line) + 1 || line),
  },
  { mark: '%: ', what: 'a GODEBUG=gctrace=1 log', file: 'gctrace.log', is: (line) => isGcTraceHead({ first: line, sample: [], lines: [] }), startOf: (_chunk, line) => line },
];

/** How many characters of a line are read to tell what it starts (a compact /debug/vars document is one long line). */
export const FOREIGN_HEAD = 256;

/**
 * Checks one chunk of a stream for a document of another format (see the module); `atLineStart`:
 * the chunk starts a line. Throws the one line that says what to do, at the stream's line
 * `lineBefore` + 1 + the chunk's line ends before the document's start.
 */
export function refuseForeignDocument(chunk: string, atLineStart: boolean, lineBefore: number, source: string): void {
  for (const m of MARKS) {
    for (let at = chunk.indexOf(m.mark); at >= 0; at = chunk.indexOf(m.mark, at + 1)) {
      const line = chunk.lastIndexOf('\n', at) + 1;
      if (!atLineStart && line === 0) continue; // the chunk's first line: its start is in the last chunk
      const end = chunk.indexOf('\n', line);
      if (!m.is(chunk.slice(line, end < 0 ? line + FOREIGN_HEAD : Math.min(end, line + FOREIGN_HEAD)))) continue;
      const start = m.startOf(chunk, line);
      let lineNumber = lineBefore + 1;
      for (let nl = chunk.indexOf('\n'); nl >= 0 && nl < start; nl = chunk.indexOf('\n', nl + 1)) lineNumber++;
      throw new HeapdocError(
        `${source}:${lineNumber}: ${m.what} follows the dumps here, and heapdoc cuts an input only into heap and goroutine dumps`,
        `pass it as a file of its own (heapdoc dumps.txt ${m.file}), not concatenated with the dumps`,
      );
    }
  }
}
