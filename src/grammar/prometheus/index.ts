/**
 * The public entry of the exposition grammar: `PrometheusReader` reads an exposition chunk by
 * chunk; `parsePrometheus` and `readPrometheus` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { GrammarReader, type LinesRead, type NothingHere } from '../common/grammarreader.js';
import { CACHED_LINE_START, type LineProblem } from '../common/linereader.js';
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

const HINTS = {
  fix: 'heapdoc skipped this line and read the rest; save the whole /metrics response (curl -s URL > metrics.txt)',
  cut: 'the scrape was cut short; fetch it again and make sure the whole response was saved',
};

export class PrometheusReader extends GrammarReader<PrometheusBuilder, string, PrometheusParseResult, IToken> {
  constructor(source: string, options: PrometheusOptions = {}, chunkChars?: number) {
    const builder = new PrometheusBuilder(source, options);
    // HELP and TYPE lines repeat in every scrape: one seen before is served from the builder's cache
    // (the family it names, which says where a new scrape may start).
    super(source, builder, builder.diagnosticLog, prometheusGrammar, {
      knownFirstChar: CACHED_LINE_START.metadata,
      known: (text, start, end) => builder.knownLine(text, start, end),
      useKnown: (family, line) => builder.useKnownLine(family, line),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      unendedLastLine: (line, column) => builder.unendedLastLine({ line, column }, HINTS.cut),
    }, chunkChars);
  }

  protected finish({ lineCount }: LinesRead): PrometheusParseResult {
    return { exposition: this.builder.finish(lineCount), diagnostics: this.builder.diagnostics };
  }

  protected override nothingHere({ exposition }: PrometheusParseResult): NothingHere | undefined {
    return exposition.scrapeCount > 0 || exposition.families.size > 0 || exposition.skippedSamples > 0 ? undefined : {
      message: 'no metrics here: expected Prometheus text exposition lines (# HELP, # TYPE, name value)',
      hint: 'fetch the /metrics endpoint of a program that uses client_golang',
    };
  }

  protected badLine(problem: LineProblem): void {
    this.reportBadLine(problem, HINTS);
  }
}

export function parsePrometheus(text: string, source = '<input>', options: PrometheusOptions = {}): PrometheusParseResult {
  return new PrometheusReader(source, options).parse(text);
}

export function readPrometheus(chunks: AsyncIterable<string>, source: string, options: PrometheusOptions = {}): Promise<PrometheusParseResult> {
  return new PrometheusReader(source, options).read(chunks);
}
