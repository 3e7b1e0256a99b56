/**
 * The exposition grammars on ≥ targetBytes built from real captures: Prometheus scrapes of the
 * corpus one after another (each a scrape of its own, as `curl` in a loop would save them), and
 * a GC log of the corpus (the program's own lines mixed in from a real capture).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PrometheusReader } from '../src/grammar/prometheus/index.js';
import { GcTraceReader } from '../src/grammar/gctrace/index.js';
import { isMemoryMetric } from '../src/input/exposed.js';
import { compare, repeatToSize, type BenchResult } from './harness.js';

const fixture = (rel: string): string => fileURLToPath(new URL(`../../test/fixtures/${rel}`, import.meta.url));

export function benchPrometheus(targetBytes: number): BenchResult {
  const scrape = readFileSync(fixture('corpus/go1.19/exposition/leak/metrics.3.txt'), 'utf8');
  const chunks = repeatToSize('', scrape, '', targetBytes);
  return compare('Prometheus text grammar', chunks, (input) => {
    const reader = new PrometheusReader('bench', { keep: isMemoryMetric });
    for (const chunk of input) reader.push(chunk);
    const { exposition, diagnostics } = reader.end();
    const samples = exposition.scrapes.reduce((n, s) => n + s.columns.length, 0);
    return `${exposition.scrapes.length.toLocaleString('en-US')} scrapes, ${samples.toLocaleString('en-US')} samples kept, ${exposition.skippedSamples.toLocaleString('en-US')} skipped, ${diagnostics.length} diagnostics`;
  });
}

export function benchGcTrace(targetBytes: number): BenchResult {
  const gc = readFileSync(fixture('corpus/go1.19/exposition/leak/gctrace-gogc25.log'), 'utf8');
  const mixed = readFileSync(fixture('captured/go1.19-scavtrace/gctrace.log'), 'utf8');
  const chunks = repeatToSize('', gc + mixed, '', targetBytes);
  return compare('gctrace grammar', chunks, (input) => {
    const reader = new GcTraceReader('bench');
    for (const chunk of input) reader.push(chunk);
    const { log, diagnostics } = reader.end();
    return `${log.cycles.length.toLocaleString('en-US')} GC lines, ${log.scavenger.length.toLocaleString('en-US')} scavenger lines, ${log.otherLines.toLocaleString('en-US')} other lines, ${diagnostics.length} diagnostics`;
  });
}
