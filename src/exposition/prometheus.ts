/**
 * A Prometheus scrape → the MemStats of the process. Verified against client_golang's Go
 * collector (prometheus/go_collector.go goRuntimeMemStats and baseGoCollector; go_collector_latest.go
 * memStatsFromRM) and process collector:
 *  - every `go_memstats_*` gauge and counter is one MemStats field (table below);
 *  - `go_gc_duration_seconds` is debug.ReadGCStats: `_count` is NumGC, `_sum` PauseTotalNs;
 *  - clients that export runtime/metrics names (`go_memory_classes_*`, `go_gc_heap_*`,
 *    `go_gc_cycles_*`) fill the fields the `go_memstats_*` names do not give, the way
 *    memStatsFromRM derives them;
 *  - `go_info{version}` is runtime.Version(); `process_resident_memory_bytes` the RSS;
 *    `go_gc_gomemlimit_bytes`, `go_gc_gogc_percent`, `go_sched_gomaxprocs_threads` the settings.
 * Counters are printed as floats (`6.24812e+06`): integers are read from the decimal text, exactly.
 */
import { exactInteger } from '../grammar/common/decimal.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { MemStatLine, MemStatValue } from '../grammar/heap/index.js';
import type { Exposition, Labels, SampleColumns, Scrape } from '../grammar/prometheus/index.js';
import type { Position } from '../grammar/common/positions.js';
import { HistogramReader } from './histograms.js';
import type { ExposedProcess, ExposedSnapshot } from './model.js';

type Conversion = 'integer' | 'float' | 'seconds-to-ns';

/** client_golang's MemStats metrics (go_collector.go), by name: the field and how the value converts. */
const MEMSTATS_METRICS: Readonly<Record<string, readonly [string, Conversion]>> = {
  go_memstats_alloc_bytes: ['Alloc', 'integer'],
  go_memstats_alloc_bytes_total: ['TotalAlloc', 'integer'],
  go_memstats_sys_bytes: ['Sys', 'integer'],
  go_memstats_lookups_total: ['Lookups', 'integer'],
  go_memstats_mallocs_total: ['Mallocs', 'integer'],
  go_memstats_frees_total: ['Frees', 'integer'],
  go_memstats_heap_alloc_bytes: ['HeapAlloc', 'integer'],
  go_memstats_heap_sys_bytes: ['HeapSys', 'integer'],
  go_memstats_heap_idle_bytes: ['HeapIdle', 'integer'],
  go_memstats_heap_inuse_bytes: ['HeapInuse', 'integer'],
  go_memstats_heap_released_bytes: ['HeapReleased', 'integer'],
  go_memstats_heap_objects: ['HeapObjects', 'integer'],
  go_memstats_stack_inuse_bytes: ['StackInuse', 'integer'],
  go_memstats_stack_sys_bytes: ['StackSys', 'integer'],
  go_memstats_mspan_inuse_bytes: ['MSpanInuse', 'integer'],
  go_memstats_mspan_sys_bytes: ['MSpanSys', 'integer'],
  go_memstats_mcache_inuse_bytes: ['MCacheInuse', 'integer'],
  go_memstats_mcache_sys_bytes: ['MCacheSys', 'integer'],
  go_memstats_buck_hash_sys_bytes: ['BuckHashSys', 'integer'],
  go_memstats_gc_sys_bytes: ['GCSys', 'integer'],
  go_memstats_other_sys_bytes: ['OtherSys', 'integer'],
  go_memstats_next_gc_bytes: ['NextGC', 'integer'],
  go_memstats_last_gc_time_seconds: ['LastGC', 'seconds-to-ns'],
  /** Older clients only (removed when the collector moved to runtime/metrics). */
  go_memstats_gc_cpu_fraction: ['GCCPUFraction', 'float'],
  go_gc_duration_seconds_count: ['NumGC', 'integer'],
  go_gc_duration_seconds_sum: ['PauseTotalNs', 'seconds-to-ns'],
};

/** runtime/metrics names (client_golang's RuntimeMetricsToProm) that are a MemStats field as they are. */
const RUNTIME_METRICS: Readonly<Record<string, string>> = {
  go_gc_heap_allocs_bytes_total: 'TotalAlloc',
  go_memory_classes_total_bytes: 'Sys',
  go_gc_heap_objects_objects: 'HeapObjects',
  go_gc_heap_goal_bytes: 'NextGC',
  go_gc_cycles_total_gc_cycles_total: 'NumGC',
  go_gc_cycles_forced_gc_cycles_total: 'NumForcedGC',
};

/**
 * MemStats fields as sums of runtime/metrics memory classes, as client_golang's memStatsFromRM
 * computes them (go_collector_latest.go). Used only when every part is present.
 */
const DERIVED: readonly (readonly [string, readonly string[]])[] = [
  ['HeapAlloc', ['go_memory_classes_heap_objects_bytes']],
  ['Alloc', ['go_memory_classes_heap_objects_bytes']],
  ['HeapInuse', ['go_memory_classes_heap_objects_bytes', 'go_memory_classes_heap_unused_bytes']],
  ['HeapReleased', ['go_memory_classes_heap_released_bytes']],
  ['HeapIdle', ['go_memory_classes_heap_released_bytes', 'go_memory_classes_heap_free_bytes']],
  ['HeapSys', ['go_memory_classes_heap_objects_bytes', 'go_memory_classes_heap_unused_bytes', 'go_memory_classes_heap_released_bytes', 'go_memory_classes_heap_free_bytes']],
  ['StackInuse', ['go_memory_classes_heap_stacks_bytes']],
  ['StackSys', ['go_memory_classes_heap_stacks_bytes', 'go_memory_classes_os_stacks_bytes']],
  ['MSpanInuse', ['go_memory_classes_metadata_mspan_inuse_bytes']],
  ['MSpanSys', ['go_memory_classes_metadata_mspan_inuse_bytes', 'go_memory_classes_metadata_mspan_free_bytes']],
  ['MCacheInuse', ['go_memory_classes_metadata_mcache_inuse_bytes']],
  ['MCacheSys', ['go_memory_classes_metadata_mcache_inuse_bytes', 'go_memory_classes_metadata_mcache_free_bytes']],
  ['BuckHashSys', ['go_memory_classes_profiling_buckets_bytes']],
  ['GCSys', ['go_memory_classes_metadata_other_bytes']],
  ['OtherSys', ['go_memory_classes_other_bytes']],
  // MemStats counts tiny allocations in both Mallocs and Frees (memStatsFromRM does the same).
  ['Mallocs', ['go_gc_heap_allocs_objects_total', 'go_gc_heap_tiny_allocs_objects_total']],
  ['Frees', ['go_gc_heap_frees_objects_total', 'go_gc_heap_tiny_allocs_objects_total']],
];

/** Process facts: the metric, and which fact it is. */
const PROCESS_METRICS: Readonly<Record<string, keyof ExposedProcess>> = {
  process_resident_memory_bytes: 'rss',
  process_start_time_seconds: 'startTimeSeconds',
  go_goroutines: 'goroutines',
  go_sched_goroutines_goroutines: 'goroutines',
  go_threads: 'threads',
  go_gc_gomemlimit_bytes: 'gomemlimit',
  go_gc_gogc_percent: 'gogcPercent',
  go_sched_gomaxprocs_threads: 'gomaxprocs',
};

/** GOMEMLIMIT's default, math.MaxInt64 (no limit), as the float client_golang prints. */
const NO_MEMORY_LIMIT = 9.223372036854776e18;


export interface ExposedRead {
  snapshots: ExposedSnapshot[];
  diagnostics: Diagnostic[];
}

/** One snapshot per scrape of the exposition, in input order. */
export function snapshotsFromExposition(exposition: Exposition, source: string): ExposedRead {
  const diagnostics: Diagnostic[] = [];
  const many = exposition.scrapes.length > 1;
  const snapshots = exposition.scrapes.map((scrape, index) => snapshotOfScrape(scrape, source, many ? index + 1 : undefined, diagnostics));
  return { snapshots, diagnostics };
}

/**
 * The snapshot of one scrape of `source`: named `source#N{target}` when the input holds several
 * (`index`, from 1), else `source`; problems with its values go to `diagnostics`.
 */
export function snapshotOfScrape(scrape: Scrape, source: string, index: number | undefined, diagnostics: Diagnostic[]): ExposedSnapshot {
  const target = describeTarget(scrape.target);
  const name = index !== undefined ? `${source}#${index}${target ? `{${target}}` : ''}` : source;
  return snapshotFromScrape(scrape, name, source, diagnostics);
}

/** `job="api",instance="a:1"`: a scrape's target labels as a selector writes them ('' for none). */
export function describeTarget(target: Readonly<Record<string, string>>): string {
  return Object.entries(target).map(([k, v]) => `${k}="${v}"`).join(',');
}

/** Every metric the tables above read, each with its place in a scrape's `bySlot` (snapshotFromScrape). */
const TABLE_SLOTS = new Map([...new Set([...Object.keys(MEMSTATS_METRICS), ...Object.keys(RUNTIME_METRICS), ...DERIVED.flatMap(([, parts]) => parts), ...Object.keys(PROCESS_METRICS)])].map((metric, slot) => [metric, slot]));
/** snapshotFromScrape's `bySlot`, one for all scrapes (it is filled and read within one call, which calls nothing that reads a scrape). */
const BY_SLOT = new Int32Array(TABLE_SLOTS.size);
/**
 * The most a MemStats field (a uint64) reads as from a sample: client_golang prints values as
 * float64, and the uint64 maximum prints as 1.8446744073709552e+19, whose exact decimal is this.
 */
const MOST_PRINTED_UINT64 = 18446744073709552000n;

const slotOf = (metric: string): number => TABLE_SLOTS.get(metric) ?? -1;
/**
 * The tables above as snapshotFromScrape reads them, each metric with its slot: plain objects in
 * arrays read by index (no entries destructured per scrape, which V8 compiles as iterator protocol
 * in every loop: larger code, and its optimizing compile was one of the largest costs of a run).
 */
const MEMSTATS_TABLE = Object.entries(MEMSTATS_METRICS).map(([metric, [field, conversion]]) => ({ metric, field, conversion, slot: slotOf(metric) }));
const RUNTIME_TABLE = Object.entries(RUNTIME_METRICS).map(([metric, field]) => ({ metric, field, slot: slotOf(metric) }));
const DERIVED_TABLE = DERIVED.map(([field, parts]) => ({ field, slots: parts.map(slotOf) }));
const PROCESS_TABLE = Object.entries(PROCESS_METRICS).map(([metric, fact]) => ({ metric, fact, slot: slotOf(metric) }));

/**
 * exactInteger(text) of a value Prometheus' reader read as `number`, without the decimal
 * arithmetic when it cannot differ: a text of at most 15 characters has at most 15 significant
 * digits, and such a decimal whose double is a safe integer is that integer exactly (a fraction
 * would survive the rounding; an integer below 2^53 is held exactly). Zero is left to
 * exactInteger: `1e-400` underflows to 0 but is no integer.
 */
function integerOf(text: string, number: number): bigint | undefined {
  return text.length <= 15 && number !== 0 && Number.isSafeInteger(number) ? BigInt(number) : exactInteger(text);
}

/** The value of label `name` in `labels` (undefined when it is not there). */
function labelValue(labels: Labels, name: string): string | undefined {
  for (let i = 0; i < labels.length; i++) {
    const pair = labels[i] as Labels[number];
    if (pair[0] === name) return pair[1];
  }
  return undefined;
}

/** Whether every label of `labels` is one of the target's (none at all included). */
function onlyTargetLabels(labels: Labels, target: Readonly<Record<string, string>>): boolean {
  for (let i = 0; i < labels.length; i++) if (!((labels[i] as Labels[number])[0] in target)) return false;
  return true;
}

function snapshotFromScrape(scrape: Scrape, name: string, source: string, diagnostics: Diagnostic[]): ExposedSnapshot {
  const { columns } = scrape;
  const { names, numbers } = columns;
  /**
   * The samples without labels of their own (target labels aside) that the tables read, by the
   * metric's slot in TABLE_SLOTS (−1: none); a typed array, not a Map made and filled per scrape.
   */
  const bySlot = BY_SLOT.fill(-1);
  const quantiles: [number, number][] = [];
  let topQuantile: Position | undefined;
  const histograms = new HistogramReader();
  let goVersion: string | undefined;
  let capturedAtMs: number | undefined;
  for (let i = 0; i < columns.length; i++) {
    const timestamp = columns.timestamps[i] ?? NaN;
    if (!Number.isNaN(timestamp)) capturedAtMs = Math.max(capturedAtMs ?? -Infinity, timestamp);
    const labels = columns.labels[i] ?? [];
    const sampleName = names[i] ?? '';
    // `version` and `quantile` are never target labels (TARGET_LABELS): no need to set those aside.
    if (sampleName === 'go_info') {
      goVersion ??= labelValue(labels, 'version');
      continue;
    }
    const number = numbers[i] ?? NaN;
    if (sampleName === 'go_gc_duration_seconds') {
      const q = labelValue(labels, 'quantile');
      if (q !== undefined && Number.isFinite(number)) quantiles.push([Number(q), number]);
      if (q !== undefined && Number(q) === 1) topQuantile = columns.positionAt(i);
      continue;
    }
    // Histogram buckets: only those samples are built as objects for the reader (histograms.ts).
    if (sampleName.endsWith('_bucket') && histograms.take(columns.at(i), labels.filter(([label]) => !(label in scrape.target)))) continue;
    const slot = TABLE_SLOTS.get(sampleName);
    if (slot !== undefined && onlyTargetLabels(labels, scrape.target)) bySlot[slot] = i;
  }
  const { fields, lines } = memStatsOfSlots(bySlot, columns, source, diagnostics);
  const process = processOfSlots(bySlot, numbers);
  const sizes = histograms.sizes();
  return {
    source: name,
    kind: 'prometheus',
    ...(Object.keys(scrape.target).length > 0 ? { target: scrape.target } : {}),
    fields,
    lines,
    position: scrape.position,
    goVersion,
    process,
    capturedAtMs,
    ...gcPauses(quantiles, topQuantile, histograms),
    ...(sizes ? { sizeClasses: sizes } : {}),
  };
}

/**
 * The MemStats fields of the samples in `bySlot` (snapshotFromScrape), with where each was read;
 * a value that is no byte count or counter is a warning in `diagnostics`. A function of its own:
 * V8 optimizes each separately, and one function with all of snapshotFromScrape took ~50 ms to
 * compile, three times a run.
 */
function memStatsOfSlots(bySlot: Int32Array, columns: SampleColumns, source: string, diagnostics: Diagnostic[]): { fields: Map<string, MemStatValue>; lines: MemStatLine[] } {
  const fields = new Map<string, MemStatValue>();
  const lines: MemStatLine[] = [];
  const { numbers, texts } = columns;
  /** The sample in `slot` (TABLE_SLOTS), or −1. */
  const inSlot = (slot: number): number => bySlot[slot] ?? -1;
  const set = (field: string, value: MemStatValue, i: number): void => {
    if (fields.has(field)) return;
    fields.set(field, value);
    lines.push({ name: field, value, position: columns.positionAt(i) });
  };
  for (let t = 0; t < MEMSTATS_TABLE.length; t++) {
    const { metric, field, conversion, slot } = MEMSTATS_TABLE[t] as (typeof MEMSTATS_TABLE)[number];
    const i = inSlot(slot);
    if (i < 0) continue;
    const number = numbers[i] ?? NaN;
    if (conversion === 'float') {
      // GCCPUFraction: a fraction of CPU time.
      if (number >= 0 && number <= 1) set(field, number, i);
      else diagnostics.push({ source, ...columns.positionAt(i), severity: 'warning', message: `${metric} is ${texts[i] ?? ''}, not a fraction between 0 and 1`, hint: 'the field is left unknown' });
      continue;
    }
    const text = texts[i] ?? '';
    const exact = conversion === 'seconds-to-ns' ? exactInteger(text, 9) : integerOf(text, number);
    // LastGC and PauseTotalNs are float seconds: the nanoseconds past their printed digits are lost.
    const value = exact ?? (conversion === 'seconds-to-ns' && Number.isFinite(number) ? BigInt(Math.round(number * 1e9)) : undefined);
    // A MemStats field is a uint64: a negative value or one past its maximum cannot come from the runtime.
    if (value === undefined || value < 0n || value > MOST_PRINTED_UINT64) diagnostics.push({ source, ...columns.positionAt(i), severity: 'warning', message: `${metric} is ${text}, not a byte count or counter`, hint: 'the field is left unknown' });
    else set(field, value, i);
  }
  for (let t = 0; t < RUNTIME_TABLE.length; t++) {
    const { field, slot } = RUNTIME_TABLE[t] as (typeof RUNTIME_TABLE)[number];
    const i = inSlot(slot);
    const value = i < 0 ? undefined : integerOf(texts[i] ?? '', numbers[i] ?? NaN);
    if (value !== undefined && value >= 0n && value <= MOST_PRINTED_UINT64) set(field, value, i);
  }
  for (let t = 0; t < DERIVED_TABLE.length; t++) {
    const { field, slots } = DERIVED_TABLE[t] as (typeof DERIVED_TABLE)[number];
    if (fields.has(field)) continue;
    let sum: bigint | undefined = 0n;
    for (let k = 0; k < slots.length && sum !== undefined; k++) {
      const i = inSlot(slots[k] as number);
      const value = i < 0 ? undefined : integerOf(texts[i] ?? '', numbers[i] ?? NaN);
      sum = value === undefined || value < 0n ? undefined : sum + value;
    }
    if (sum !== undefined && sum <= MOST_PRINTED_UINT64) set(field, sum, inSlot(slots[0] as number));
  }
  return { fields, lines };
}

/** The process facts of the samples in `bySlot` (snapshotFromScrape). */
function processOfSlots(bySlot: Int32Array, numbers: readonly number[]): ExposedProcess {
  const process: ExposedProcess = {};
  for (let t = 0; t < PROCESS_TABLE.length; t++) {
    const { fact, slot } = PROCESS_TABLE[t] as (typeof PROCESS_TABLE)[number];
    const i = bySlot[slot] ?? -1;
    const number = i < 0 ? NaN : numbers[i] ?? NaN;
    if (i < 0 || process[fact] !== undefined || !Number.isFinite(number)) continue;
    if (fact === 'gomemlimit' && number >= NO_MEMORY_LIMIT) continue;
    (process as Record<string, number>)[fact] = number;
  }
  return process;
}

/** What the scrape says of GC pauses: go_gc_duration_seconds' quantiles, a pause histogram. */
function gcPauses(quantiles: [number, number][], position: Position | undefined, histograms: HistogramReader): Pick<ExposedSnapshot, 'gcPauses'> {
  const histogram = histograms.pauses();
  if (quantiles.length === 0 && !histogram) return {};
  return {
    gcPauses: {
      ...(quantiles.length > 0 ? { quantiles: { metric: 'go_gc_duration_seconds', quantiles: quantiles.sort((a, b) => a[0] - b[0]), position } } : {}),
      ...(histogram ? { histogram } : {}),
    },
  };
}
