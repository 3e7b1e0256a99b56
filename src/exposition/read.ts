/**
 * Detection and reading of the formats Go services expose, for the input registry
 * (input/registry.ts): which kind a text is (from its first lines, never its name), and reading
 * it into exposed snapshots (MemStats), a GC log analysis, or a binary profile's heap model.
 * Grammars load on demand.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { HeapDump } from '../grammar/heap/index.js';
import type { GcTraceAnalysis } from './gctrace.js';
import type { ExposedSnapshot } from './model.js';

export type ExposedKind = 'prometheus' | 'expvar' | 'gctrace';

const METRIC_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})? +(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:Inf|inf|NaN|nan))(?: +-?\d+(?:\.\d+)?)?[ \t]*$/;
const GC_LINE = /^gc \d+ @\d+(?:\.\d+)?s \d+%: /;
const SCAVENGER_LINE = /^(?:scvg-?\d*: |scav \d)/;

/** The first lines of an input, as the registry's detectors see them (input/registry.ts DetectionHead). */
interface Head {
  first: string;
  sample: readonly string[];
  lines: readonly string[];
}

/** A metrics page starts with `# HELP`/`# TYPE`, or with samples (and comments) only. */
export function isPrometheusHead({ first, sample }: Head): boolean {
  if (/^# (?:HELP|TYPE) [a-zA-Z_:]/.test(first)) return true;
  return METRIC_SAMPLE.test(first) && sample.every((l) => l.startsWith('#') || METRIC_SAMPLE.test(l));
}

/** expvar writes a JSON object whose keys come sorted: `cmdline`, then `memstats`, then the program's. */
export function isExpvarHead({ first, sample }: Head): boolean {
  return first.startsWith('{') && /^\{\s*"(?:cmdline|memstats)"\s*:/.test(sample.slice(0, 3).join('\n'));
}

/** A GC log: a runtime line first, or a `gc N @…` line among the first lines (a program may log before its first GC). */
export function isGcTraceHead({ first, lines }: Head): boolean {
  return GC_LINE.test(first) || SCAVENGER_LINE.test(first) || lines.slice(0, 500).some((l) => GC_LINE.test(l));
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
