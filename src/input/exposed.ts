/**
 * Detectors of the formats Go services expose (registry entries prometheus, expvar, gctrace):
 * which kind a text is, from its first lines, never its name.
 */
import { LOG_PREFIX_SOURCE } from '../grammar/gctrace/prefix.js';

/** The first lines of an input, as the registry's detectors see them (registry.ts DetectionHead). */
interface Head {
  first: string;
  sample: readonly string[];
  lines: readonly string[];
}

const METRIC_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})? +(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:Inf|inf|NaN|nan))(?: +-?\d+(?:\.\d+)?)?[ \t]*$/;
// After a log collector's prefix too (journald, kubectl --timestamps), as the grammar reads them.
const GC_LINE = new RegExp(String.raw`^(?:${LOG_PREFIX_SOURCE})?gc \d+ @\d+(?:\.\d+)?s \d+%: `);
const SCAVENGER_LINE = new RegExp(String.raw`^(?:${LOG_PREFIX_SOURCE})?(?:scvg-?\d*: |scav \d)`);

const METADATA = /^# (?:HELP|TYPE) [a-zA-Z_:]/;

/**
 * A metrics page starts with `# HELP`/`# TYPE`, or with samples (and comments) only. A page of
 * samples only must also say it is one somewhere in the head: a `# HELP`/`# TYPE` line, or a
 * sample heapdoc reads (isMemoryMetric). A program's own output of `name value` lines
 * (`requests 50 0`, `records 30`, saved beside the captures as stdout.txt) looks like samples
 * but is neither, and holds nothing to read.
 */
export function isPrometheusHead({ first, sample, lines }: Head): boolean {
  if (METADATA.test(first)) return true;
  if (!METRIC_SAMPLE.test(first) || !sample.every((l) => l.startsWith('#') || METRIC_SAMPLE.test(l))) return false;
  return lines.some((l) => (l.startsWith('#') ? METADATA.test(l) : METRIC_SAMPLE.test(l) && isMemoryMetric(l)));
}

/**
 * The vars of /debug/vars heapdoc reads (exposition/expvar.ts); the others (the program's own) are
 * only passed on, kept as plain values (grammar/json's plainMember).
 */
export const READ_VARS: ReadonlySet<string> = new Set(['memstats', 'cmdline']);

/** `"cmdline": [` or `"memstats": {`, anywhere in a line (a document saved compact has one line). */
const EXPVAR_KEY = /"(?:cmdline"\s*:\s*\[|memstats"\s*:\s*\{)/;

/**
 * expvar writes a JSON object, a key a line, sorted: the program's own variables sort around
 * `cmdline` and `memstats` (`"app_requests": 5` comes first), so any key line of the head may be
 * one of the two.
 */
export function isExpvarHead({ first, lines }: Head): boolean {
  return first.trimStart().startsWith('{') && (lines.some((l) => EXPVAR_KEY.test(l)) || isBareMemStats(first, lines[1]));
}

/**
 * `{"Alloc":63791192,"TotalAlloc":…`: a runtime.MemStats object without its /debug/vars wrapper
 * (`curl …/debug/vars | jq .memstats`, or a program's own json.Marshal of runtime.MemStats), read
 * as its memstats (exposition/expvar.ts): its first member is Alloc, MemStats' first field, on the
 * first line or (pretty-printed) the second. Not an Alloc deeper in another document (a capture
 * script's JSON that keeps a MemStats object under a key of its own).
 */
function isBareMemStats(first: string, second: string | undefined): boolean {
  return BARE_MEMSTATS_START.test(first) || (first.trim() === '{' && BARE_MEMSTATS_START.test(`{${second ?? ''}`));
}

const BARE_MEMSTATS_START = /^\s*\{\s*"Alloc"\s*:\s*\d/;

/** A GC log: a runtime line first, or a `gc N @…` line among the first lines (a program may log before its first GC). */
export function isGcTraceHead({ first, lines }: Head): boolean {
  return GC_LINE.test(first) || SCAVENGER_LINE.test(first) || lines.slice(0, 500).some((l) => GC_LINE.test(l));
}

/** A line the runtime writes under GODEBUG=gctrace=1 (a `gc N @…` or scavenger line, `GC forced`): in a crash's output, it is the GC log's. */
export function isGcRuntimeLine(line: string): boolean {
  return GC_LINE.test(line) || SCAVENGER_LINE.test(line) || line === 'GC forced' || line === 'GC forced\r';
}

/** What a Prometheus reader keeps of a page: the Go and process collectors' samples. */
export function isMemoryMetric(name: string): boolean {
  return name.startsWith('go_') || name.startsWith('process_');
}
