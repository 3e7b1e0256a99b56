/**
 * The public entry of the exposition grammar: `PrometheusReader` reads an exposition chunk by
 * chunk; `parsePrometheus` and `readPrometheus` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { CACHED_LINE_START, ChunkedLineReader, type LineProblem } from '../common/linereader.js';
import type { Exposition } from './model.js';
import { prometheusGrammar } from './parser.js';
import { PrometheusBuilder, type PrometheusOptions } from './visitor.js';

export type { Exposition, Labels, MetricFamily, MetricType, Sample, SampleColumns, SampleValue, Scrape } from './model.js';
export { TARGET_LABELS } from './model.js';
export type { PrometheusOptions } from './visitor.js';

export interface PrometheusParseResult {
  exposition: Exposition;
  diagnostics: Diagnostic[];
}

const FIX_HINT = 'heapdoc skipped this line and read the rest; save the whole /metrics response (curl -s URL > metrics.txt)';

export class PrometheusReader {
  private readonly builder: PrometheusBuilder;
  private readonly reader: ChunkedLineReader<true>;

  constructor(private readonly source: string, options: PrometheusOptions = {}, chunkChars?: number) {
    const builder = new PrometheusBuilder(source, options);
    this.builder = builder;
    // HELP and TYPE lines repeat in every scrape: one seen before is served from the builder's cache.
    this.reader = new ChunkedLineReader<true>(prometheusGrammar, {
      knownFirstChar: CACHED_LINE_START.metadata,
      known: (text, start, end) => builder.knownLine(text, start, end),
      useKnown: (_known, line) => builder.useKnownLine(line),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      badLine: (problem) => this.badLine(problem),
    }, chunkChars);
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): PrometheusParseResult {
    this.reader.end();
    const exposition = this.builder.finish(this.reader.lineCount);
    const diagnostics = this.builder.diagnostics;
    if (exposition.scrapes.length === 0 && exposition.families.size === 0 && exposition.skippedSamples === 0 && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: 'no metrics here: expected Prometheus text exposition lines (# HELP, # TYPE, name value)',
        hint: 'fetch the /metrics endpoint of a program that uses client_golang',
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { exposition, diagnostics };
  }

  private badLine(problem: LineProblem): void {
    this.builder.diagnostics.push({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message: problem.cut ? `the input ends in the middle of this line (truncated?): ${problem.message}` : problem.message,
      hint: problem.cut ? 'the scrape was cut short; fetch it again and make sure the whole response was saved' : FIX_HINT,
    });
  }
}

export function parsePrometheus(text: string, source = '<input>', options: PrometheusOptions = {}): PrometheusParseResult {
  const reader = new PrometheusReader(source, options);
  reader.push(text);
  return reader.end();
}

export async function readPrometheus(chunks: AsyncIterable<string>, source: string, options: PrometheusOptions = {}): Promise<PrometheusParseResult> {
  const reader = new PrometheusReader(source, options);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}
