/**
 * The compiler -m grammar on ≥ targetBytes built by repeating the largest real output of the
 * corpus: `go build -gcflags=all=-m std` of go1.26-devel (157,307 lines, 11.5 MB, decompressed
 * here). With `withAnalysis`, the escape analysis (linking, causes, counts) runs on every
 * diagnostic too, as `heapdoc escape` does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { EscapeAnalyzer } from '../src/analyze/escape/index.js';
import { GcflagsReader } from '../src/grammar/gcflags/index.js';
import { compare, repeatToSize, type BenchResult } from './harness.js';

const STD = fileURLToPath(new URL('../../test/fixtures/corpus/go1.26-devel/compiler/std.gcflags-all-m.txt.gz', import.meta.url));

export function benchGcflags(targetBytes: number, withAnalysis = false): BenchResult {
  const text = gunzipSync(readFileSync(STD)).toString('utf8');
  const headEnd = text.indexOf('\n') + 1; // the saved command line, once
  const chunks = repeatToSize(text.slice(0, headEnd), text.slice(headEnd), '', targetBytes);
  return compare(withAnalysis ? 'gcflags grammar + escape analysis' : 'gcflags (-m) grammar', chunks, (input) => {
    let messages = 0;
    const analyzer = withAnalysis ? new EscapeAnalyzer({ limit: 20 }) : undefined;
    const reader = new GcflagsReader('bench', {
      keep: false,
      onMessage: analyzer ? (d) => { messages++; analyzer.add(d); } : () => { messages++; },
    });
    for (const chunk of input) reader.push(chunk);
    const read = reader.end();
    const heap = analyzer ? analyzer.finish(read, 'bench') : undefined;
    return `${read.summary.lines.toLocaleString('en-US')} lines, ${messages.toLocaleString('en-US')} compiler messages, `
      + `${read.summary.unrecognized} unrecognized, ${read.diagnostics.length} problems`
      + (heap ? `, ${(heap.moved.total + heap.escapes.total).toLocaleString('en-US')} heap values` : '');
  });
}
