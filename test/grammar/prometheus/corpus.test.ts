/** The exposition grammar on every real /metrics capture of the corpus. */
import { describe, expect, it } from 'vitest';
import { parsePrometheus, PrometheusReader } from '../../../src/grammar/prometheus/index.js';
import { corpusFiles, readCorpus } from '../../helpers/fixtures.js';

const METRICS = corpusFiles((rel) => /\/metrics\.\d+\.txt$/.test(rel));

describe('real /metrics captures', () => {
  it('finds the ten captures', () => {
    expect(METRICS).toHaveLength(10);
  });

  it.each(METRICS)('%s parses with zero diagnostics, one scrape of 44 samples', (rel) => {
    const { exposition, diagnostics } = parsePrometheus(readCorpus(rel), rel);
    expect(diagnostics).toEqual([]);
    expect(exposition.format).toBe('0.0.4');
    expect(exposition.scrapes).toHaveLength(1);
    expect(exposition.scrapes[0]?.samples).toHaveLength(44);
    expect(exposition.families.size).toBe(36);
  });

  it('reads families, labels, summaries and exponent floats as written', () => {
    const { exposition } = parsePrometheus(readCorpus('go1.19/exposition/burst/metrics.1.txt'));
    expect(exposition.families.get('go_gc_duration_seconds')).toEqual({
      name: 'go_gc_duration_seconds', type: 'summary', help: 'A summary of the pause duration of garbage collection cycles.',
      unit: undefined, position: { line: 1, column: 8 },
    });
    const samples = exposition.scrapes[0]?.samples ?? [];
    expect(samples[1]).toEqual({
      name: 'go_gc_duration_seconds', labels: [['quantile', '0.25']], value: { number: 0.000116811, text: '0.000116811' },
      timestampMs: undefined, position: { line: 4, column: 1 },
    });
    const info = samples.find((s) => s.name === 'go_info');
    expect(info?.labels).toEqual([['version', 'go1.19.8']]);
    const alloc = samples.find((s) => s.name === 'go_memstats_alloc_bytes');
    expect(alloc?.value).toEqual({ number: 5479536, text: '5.479536e+06' });
    expect(alloc?.position).toEqual({ line: 18, column: 1 });
    const codes = samples.filter((s) => s.name === 'promhttp_metric_handler_requests_total').map((s) => s.labels[0]?.[1]);
    expect(codes).toEqual(['200', '500', '503']);
  });

  it('reads five concatenated scrapes of one process as five scrapes', () => {
    const text = [1, 2, 3, 4, 5].map((n) => readCorpus(`go1.19/exposition/leak/metrics.${n}.txt`)).join('');
    const { exposition, diagnostics } = parsePrometheus(text);
    expect(diagnostics).toEqual([]);
    expect(exposition.scrapes.map((s) => s.position.line)).toEqual([1, 117, 233, 349, 465]);
    expect(exposition.scrapes.map((s) => s.samples.length)).toEqual([44, 44, 44, 44, 44]);
  });

  it('gives the same model whatever the chunk size', () => {
    const text = readCorpus('go1.19/exposition/leak/metrics.3.txt');
    const whole = parsePrometheus(text).exposition;
    const reader = new PrometheusReader('<input>', {}, 256);
    for (let i = 0; i < text.length; i += 97) reader.push(text.slice(i, i + 97));
    const { exposition, diagnostics } = reader.end();
    expect(diagnostics).toEqual([]);
    expect(exposition.scrapes).toEqual(whole.scrapes);
  });

  it('keeps only what the filter asks for', () => {
    const { exposition } = parsePrometheus(readCorpus('go1.19/exposition/burst/metrics.1.txt'), 'm', { keep: (n) => n.startsWith('go_memstats_') });
    expect(exposition.scrapes[0]?.samples).toHaveLength(23);
    expect(exposition.skippedSamples).toBe(21);
  });
});
