/**
 * Detection and reading of the formats Go services expose, for the input pipeline: which kind
 * a text is (from its first lines, never its name), and reading it into exposed snapshots
 * (MemStats), a GC log analysis, or a binary profile's heap model. Grammars load on demand.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { HeapDump } from '../grammar/heap/index.js';
import type { GcTraceAnalysis } from './gctrace.js';
import type { ExposedSnapshot } from './model.js';

export type ExposedKind = 'prometheus' | 'expvar' | 'gctrace';

const METRIC_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})? +(?:[-+]?(?:\d|\.\d|Inf|inf|NaN|nan))/;
const GC_LINE = /^gc \d+ @\d+(?:\.\d+)?s \d+%: /;
const SCAVENGER_LINE = /^(?:scvg-?\d*: |scav \d)/;

/**
 * The kind of a text by its first lines (`lines`: the non-empty lines of the detected head):
 * a metrics page starts with `# HELP`/`# TYPE` or samples; expvar is a JSON object whose first
 * keys are `cmdline` or `memstats`; a GC log has a `gc N @…` line among its first lines (a
 * program may log a few lines of its own first).
 */
export function detectExposed(lines: readonly string[]): ExposedKind | undefined {
  const first = (lines[0] ?? '').trim();
  if (/^# (?:HELP|TYPE) [a-zA-Z_:]/.test(first)) return 'prometheus';
  if (first.startsWith('{')) {
    const head = lines.slice(0, 3).join('\n');
    if (/^\{\s*"(?:cmdline|memstats)"\s*:/.test(head)) return 'expvar';
  }
  if (GC_LINE.test(first) || SCAVENGER_LINE.test(first) || lines.slice(0, 200).some((l) => GC_LINE.test(l))) return 'gctrace';
  if (METRIC_SAMPLE.test(first) && lines.slice(0, 20).every((l) => l.startsWith('#') || METRIC_SAMPLE.test(l))) return 'prometheus';
  return undefined;
}

export interface ExposedInput {
  snapshots: ExposedSnapshot[];
  gcTrace: GcTraceAnalysis | undefined;
  diagnostics: Diagnostic[];
}

/** Reads a text of an exposed kind. */
export async function readExposed(kind: ExposedKind, text: AsyncIterable<string>, source: string): Promise<ExposedInput> {
  switch (kind) {
    case 'prometheus': {
      const [{ readPrometheus }, { isMemoryMetric, snapshotsFromExposition }] = await Promise.all([import('../grammar/prometheus/index.js'), import('./prometheus.js')]);
      const { exposition, diagnostics } = await readPrometheus(text, source, { keep: isMemoryMetric });
      const read = snapshotsFromExposition(exposition, source);
      return { snapshots: read.snapshots, gcTrace: undefined, diagnostics: [...diagnostics, ...read.diagnostics] };
    }
    case 'expvar': {
      const [{ parseJson }, { snapshotFromVars }] = await Promise.all([import('../grammar/json/index.js'), import('./expvar.js')]);
      let whole = '';
      for await (const chunk of text) whole += chunk;
      const { value, diagnostics } = parseJson(whole, source);
      if (!value) return { snapshots: [], gcTrace: undefined, diagnostics };
      const read = snapshotFromVars(value, source);
      return { snapshots: read.snapshot ? [read.snapshot] : [], gcTrace: undefined, diagnostics: read.diagnostics };
    }
    case 'gctrace': {
      const [{ readGcTrace }, { analyzeGcTrace }] = await Promise.all([import('../grammar/gctrace/index.js'), import('./gctrace.js')]);
      const { log, diagnostics } = await readGcTrace(text, source);
      return { snapshots: [], gcTrace: log.cycles.length > 0 ? analyzeGcTrace(log, source) : undefined, diagnostics };
    }
  }
}

export interface BinaryProfileInput {
  dump: HeapDump | undefined;
  capturedAtMs: number | undefined;
  diagnostics: Diagnostic[];
}

/** Reads a binary (protobuf) profile; its bytes are the gunzipped stream. */
export async function readBinaryProfile(bytes: AsyncIterable<Uint8Array>, source: string): Promise<BinaryProfileInput> {
  const { readPprof } = await import('./pprof.js');
  const parts: Uint8Array[] = [];
  for await (const part of bytes) parts.push(part);
  const { dump, capturedAtMs, diagnostics } = readPprof(Buffer.concat(parts), source);
  return { dump, capturedAtMs, diagnostics };
}
