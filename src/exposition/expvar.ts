/**
 * expvar's /debug/vars → the MemStats of the process. Package expvar publishes `cmdline`
 * (os.Args) and `memstats` (runtime.ReadMemStats marshalled by encoding/json: every exported
 * field of runtime.MemStats under its Go name, PauseNs and PauseEnd as 256-entry arrays, BySize
 * as 61 {Size, Mallocs, Frees} objects) beside any var the program publishes itself.
 * Integers are read from their JSON text, exactly (LastGC and PauseEnd are past 2^53).
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { MemStatLine, MemStatValue } from '../grammar/heap/index.js';
import { fractionRangeProblem, integerRangeProblem } from '../grammar/heap/memstat-range.js';
import type { JsonValue } from '../grammar/json/index.js';
import { plainJson, setEntry } from '../grammar/json/plain.js';
import { READ_VARS } from '../input/exposed.js';
import type { SizeClassRow } from '../input/snapshot.js';
import type { ExposedSnapshot } from './model.js';

/** runtime.MemStats as encoding/json writes it: each field's JSON type. */
const MEMSTATS_JSON: Readonly<Record<string, 'integer' | 'float' | 'boolean' | 'ring'>> = {
  Alloc: 'integer', TotalAlloc: 'integer', Sys: 'integer', Lookups: 'integer', Mallocs: 'integer', Frees: 'integer',
  HeapAlloc: 'integer', HeapSys: 'integer', HeapIdle: 'integer', HeapInuse: 'integer', HeapReleased: 'integer',
  HeapObjects: 'integer', StackInuse: 'integer', StackSys: 'integer', MSpanInuse: 'integer', MSpanSys: 'integer',
  MCacheInuse: 'integer', MCacheSys: 'integer', BuckHashSys: 'integer', GCSys: 'integer', OtherSys: 'integer',
  NextGC: 'integer', LastGC: 'integer', PauseTotalNs: 'integer', PauseNs: 'ring', PauseEnd: 'ring', NumGC: 'integer',
  NumForcedGC: 'integer', GCCPUFraction: 'float', EnableGC: 'boolean', DebugGC: 'boolean',
};

export interface ExpvarSnapshot extends ExposedSnapshot {
  kind: 'expvar';
}

export interface ExpvarRead {
  snapshot: ExpvarSnapshot | undefined;
  diagnostics: Diagnostic[];
}

const INTEGER = /^-?\d+$/;
/** A size or a count: no sign. */
const COUNT = /^\d+$/;

/** Reads a parsed /debug/vars document; a document without `memstats` is an error (and no snapshot). */
export function snapshotFromVars(document: JsonValue, source: string): ExpvarRead {
  const diagnostics: Diagnostic[] = [];
  const problem = (value: JsonValue, severity: Diagnostic['severity'], message: string, hint: string): void => {
    diagnostics.push({ source, ...value.position, severity, message, hint });
  };
  if (document.kind !== 'object') {
    problem(document, 'error', `expected the /debug/vars object, found a JSON ${document.kind}`, 'fetch /debug/vars of a program that imports expvar');
    return { snapshot: undefined, diagnostics };
  }
  const vars = new Map(document.entries);
  // A runtime.MemStats object without its /debug/vars wrapper (`jq .memstats`): the same fields, read as its memstats, and said so.
  const bare = !vars.has('memstats') && vars.get('HeapAlloc')?.kind === 'number' && vars.get('Sys')?.kind === 'number';
  if (bare) problem(document, 'info', 'a bare runtime.MemStats object, read as the memstats of a /debug/vars document', 'the whole /debug/vars response also gives the command line (cmdline) and the program\'s own vars');
  const memstats = bare ? document : vars.get('memstats');
  if (memstats?.kind !== 'object') {
    problem(memstats ?? document, 'error', "no 'memstats' object in these vars", 'the program must import expvar (which publishes memstats), and the file must be its /debug/vars');
    return { snapshot: undefined, diagnostics };
  }
  const fields = new Map<string, MemStatValue>();
  const lines: MemStatLine[] = [];
  let bySize: SizeClassRow[] | undefined;
  // The runtime writes every field in its type: another value (1.5, 1e400, "", a float in PauseNs)
  // is not its output, an error as a value out of range is (docs/limits.md).
  const wrong = (name: string, value: JsonValue, expected: string): void =>
    problem(value, 'error', `memstats.${name} should be ${expected}, found a JSON ${value.kind}${value.kind === 'number' ? ` (${value.text.length > 24 ? `${value.text.slice(0, 12)}…` : value.text})` : ''}`, 'the field is left unknown: the runtime never writes such a value; fetch /debug/vars again');
  // A value its field cannot hold (a negative size, GCCPUFraction 3) cannot come from the runtime:
  // an error, as in a dump (docs/limits.md), and the field is not used.
  const outOfRange = (value: JsonValue, message: string | undefined): boolean => {
    if (message !== undefined) problem(value, 'error', message, 'the field was not used: the runtime never writes such a value; fetch /debug/vars again');
    return message !== undefined;
  };
  for (const [name, value] of memstats.entries) {
    const kind = MEMSTATS_JSON[name];
    if (name === 'BySize') {
      bySize = readBySize(value);
      if (!bySize && value.kind === 'array') problem(value, 'warning', 'memstats.BySize should hold {Size, Mallocs, Frees} objects of whole numbers 0 or more; an entry does not', 'the size classes are left unknown');
      else if (!bySize) wrong(name, value, 'an array of {Size, Mallocs, Frees}');
      continue;
    }
    let read: MemStatValue | undefined;
    if (kind === 'integer' || (kind === undefined && value.kind === 'number' && INTEGER.test(value.text))) {
      read = value.kind === 'number' && INTEGER.test(value.text) ? BigInt(value.text) : undefined;
      if (read === undefined) wrong(name, value, 'a whole number');
      else if (kind !== undefined && value.kind === 'number' && outOfRange(value, integerRangeProblem(value.text, name, 'integer'))) continue;
    } else if (kind === 'float') {
      read = value.kind === 'number' ? Number(value.text) : undefined;
      if (read === undefined) wrong(name, value, 'a number');
      else if (value.kind === 'number' && outOfRange(value, fractionRangeProblem(value.text, name))) continue;
    } else if (kind === 'boolean') {
      read = value.kind === 'boolean' ? value.value : undefined;
      if (read === undefined) wrong(name, value, 'true or false');
    } else if (kind === 'ring') {
      const items = value.kind === 'array' ? value.items : [];
      read = value.kind === 'array' && items.every((i) => i.kind === 'number' && INTEGER.test(i.text))
        ? items.map((i) => BigInt(i.kind === 'number' ? i.text : '0')) : undefined;
      if (read === undefined) wrong(name, value, 'an array of whole numbers');
      else if (ringProblem(items, name, outOfRange)) continue;
      else if (read.length !== 256) problem(value, 'warning', `memstats.${name} has ${read.length} values; the runtime's ring always has 256 (truncated?)`, 'the values given are used');
    }
    if (read === undefined) continue;
    fields.set(name, read);
    lines.push({ name, value: read, position: value.position });
  }
  const cmdline = vars.get('cmdline');
  const args = cmdline?.kind === 'array' && cmdline.items.every((i) => i.kind === 'string')
    ? cmdline.items.map((i) => (i.kind === 'string' ? i.value : '')) : undefined;
  const extras: Record<string, unknown> = {};
  for (const [k, v] of document.entries) if (!READ_VARS.has(k)) setEntry(extras, k, plainJson(v));
  return {
    snapshot: {
      source,
      kind: 'expvar',
      fields,
      lines,
      position: memstats.position,
      goVersion: undefined,
      process: args ? { cmdline: args } : {},
      capturedAtMs: undefined,
      extras,
      ...(bySize ? { sizeClasses: { source: 'BySize', rows: bySize } } : {}),
    },
    diagnostics,
  };
}

/** Reports the first element of a ring (PauseNs, PauseEnd) its field cannot hold; true if one was. */
function ringProblem(items: readonly JsonValue[], name: string, report: (value: JsonValue, message: string | undefined) => boolean): boolean {
  for (const item of items) {
    if (item.kind === 'number' && report(item, integerRangeProblem(item.text, name, 'integer'))) return true;
  }
  return false;
}

/** MemStats.BySize: 61 size classes (objects up to BySize[60].Size; larger ones are not counted here). */
function readBySize(value: JsonValue): SizeClassRow[] | undefined {
  if (value.kind !== 'array') return undefined;
  const out: SizeClassRow[] = [];
  for (const item of value.items) {
    if (item.kind !== 'object') return undefined;
    const entry = new Map(item.entries);
    const size = entry.get('Size');
    const mallocs = entry.get('Mallocs');
    const frees = entry.get('Frees');
    if (size?.kind !== 'number' || mallocs?.kind !== 'number' || frees?.kind !== 'number') return undefined;
    if (![size, mallocs, frees].every((n) => n.kind === 'number' && COUNT.test(n.text))) return undefined;
    out.push({ size: Number(size.text), mallocs: Number(mallocs.text), frees: Number(frees.text) });
  }
  return out;
}

/** The program's name for a report: the base name of cmdline[0] and its arguments. */
export function describeCmdline(cmdline: readonly string[] | undefined): string | undefined {
  if (!cmdline || cmdline.length === 0) return undefined;
  const [program = '', ...args] = cmdline;
  return [program.split('/').pop() ?? program, ...args].join(' ');
}
