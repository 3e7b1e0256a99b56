/**
 * The exposition grammars on ≥ targetBytes built from real captures: Prometheus scrapes of the
 * corpus one after another (each a scrape of its own, as `curl` in a loop would save them), and
 * a GC log of the corpus (the program's own lines mixed in from a real capture), and a real
 * /debug/vars with a program's map as big as the 64 MiB cap allows (one document: read in pieces).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PrometheusReader } from '../src/grammar/prometheus/index.js';
import { GcTraceReader } from '../src/grammar/gctrace/index.js';
import { parseJson } from '../src/grammar/json/index.js';
import { isMemoryMetric, READ_VARS } from '../src/input/exposed.js';
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

/** A real /debug/vars plus one program var, a map of int entries (what expvar.Publish of a big map writes), of ~min(targetBytes, 48 MB). */
export function benchVars(targetBytes: number): BenchResult {
  const base = readFileSync(fixture('scenarios/mixed/08-t4.vars.json'), 'utf8').trimEnd();
  const entries = Math.max(1, Math.floor((Math.min(targetBytes, 48e6) - base.length) / 22));
  const map = Array.from({ length: entries }, (_, i) => `"req-${String(i).padStart(7, '0')}": ${i}`).join(', ');
  const chunks = [`${base.slice(0, -1)},\n"requests": {${map}}}\n`];
  return compare('/debug/vars JSON grammar', chunks, (input) => {
    let pieces = 0;
    const { value, diagnostics } = parseJson(input.join(''), 'bench', { plainMember: (key) => !READ_VARS.has(key), onPiece: () => pieces++ });
    const members = value?.kind === 'object' ? value.entries.length : 0;
    return `${members} top-level vars, a map of ${entries.toLocaleString('en-US')} entries, ${pieces.toLocaleString('en-US')} pieces, ${diagnostics.length} diagnostics`;
  });
}
