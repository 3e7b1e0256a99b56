/** A scrape → MemStats: every field client_golang exports, exactly; what it does not export stays unknown. */
import { describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../src/grammar/prometheus/index.js';
import { snapshotsFromExposition } from '../../src/exposition/prometheus.js';
import { isMemoryMetric } from '../../src/input/exposed.js';
import { unknownFields } from '../../src/exposition/model.js';
import { readCorpus } from '../helpers/fixtures.js';

function read(text: string, source = 'metrics.txt') {
  const { exposition } = parsePrometheus(text, source, { keep: isMemoryMetric });
  return snapshotsFromExposition(exposition, source);
}

describe('client_golang 1.14 on Go 1.19 (the corpus)', () => {
  const { snapshots, diagnostics } = read(readCorpus('go1.19/exposition/burst/metrics.1.txt'));
  const snapshot = snapshots[0];

  it('maps every go_memstats_* metric to its MemStats field, exactly', () => {
    expect(diagnostics).toEqual([]);
    expect(Object.fromEntries(snapshot?.fields ?? [])).toEqual({
      Alloc: 5479536n, TotalAlloc: 6248120n, Sys: 40219912n, Lookups: 0n, Mallocs: 32861n, Frees: 10775n,
      HeapAlloc: 5479536n, HeapSys: 8519680n, HeapIdle: 1941504n, HeapInuse: 6578176n, HeapReleased: 1376256n,
      HeapObjects: 22086n, StackInuse: 20840448n, StackSys: 20840448n, MSpanInuse: 205632n, MSpanSys: 211536n,
      MCacheInuse: 2400n, MCacheSys: 15600n, BuckHashSys: 1445366n, GCSys: 8593728n, OtherSys: 593554n,
      NextGC: 12760304n, LastGC: 1796187843240142000n, NumGC: 2n, PauseTotalNs: 357691n,
    });
  });

  it('leaves what the metrics cannot give unknown, not 0', () => {
    expect(unknownFields(snapshot ?? { fields: new Map() })).toEqual(['PauseNs', 'PauseEnd', 'NumForcedGC', 'GCCPUFraction', 'EnableGC', 'DebugGC']);
  });

  it('reads the Go version, RSS, goroutines, threads and the GC pause summary', () => {
    expect(snapshot?.goVersion).toBe('go1.19.8');
    expect(snapshot?.process).toEqual({ rss: 37769216, startTimeSeconds: 1796187842.28, goroutines: 7, threads: 7 });
    expect(snapshot?.gcPauses).toEqual({ quantiles: { metric: 'go_gc_duration_seconds', quantiles: [[0, 0.000116811], [0.25, 0.000116811], [0.5, 0.00024088], [0.75, 0.00024088], [1, 0.00024088]], position: { line: 7, column: 1 } } });
    expect(snapshot?.sizeClasses).toBeUndefined(); // client_golang's default registry has no by-size histograms
  });

  it('points each field at its sample line', () => {
    expect(snapshot?.lines.find((l) => l.name === 'HeapAlloc')?.position).toEqual({ line: 33, column: 1 });
    expect(snapshot?.lines.find((l) => l.name === 'NumGC')?.position).toEqual({ line: 9, column: 1 });
  });

  it('reads five scrapes of the leak as five snapshots with rising TotalAlloc', () => {
    const text = [1, 2, 3, 4, 5].map((n) => readCorpus(`go1.19/exposition/leak/metrics.${n}.txt`)).join('');
    const { snapshots: all } = read(text, 'leak.txt');
    expect(all.map((s) => s.source)).toEqual(['leak.txt#1', 'leak.txt#2', 'leak.txt#3', 'leak.txt#4', 'leak.txt#5']);
    expect(all.map((s) => s.fields.get('HeapAlloc'))).toEqual([6328256n, 14708040n, 23041192n, 31382288n, 39981368n]);
  });
});

describe('other clients', () => {
  it('current clients no longer export go_memstats_lookups_total: Lookups is unknown, not 0', () => {
    // The go_memstats_* names of client_golang's current go_collector.go (goRuntimeMemStats), plus
    // its default runtime/metrics gauges (go_gc_gogc_percent, go_gc_gomemlimit_bytes, go_sched_gomaxprocs_threads).
    const names = ['alloc_bytes', 'alloc_bytes_total', 'sys_bytes', 'mallocs_total', 'frees_total', 'heap_alloc_bytes', 'heap_sys_bytes', 'heap_idle_bytes',
      'heap_inuse_bytes', 'heap_released_bytes', 'heap_objects', 'stack_inuse_bytes', 'stack_sys_bytes', 'mspan_inuse_bytes', 'mspan_sys_bytes',
      'mcache_inuse_bytes', 'mcache_sys_bytes', 'buck_hash_sys_bytes', 'gc_sys_bytes', 'other_sys_bytes', 'next_gc_bytes', 'last_gc_time_seconds'];
    const text = [
      ...names.map((n, i) => `go_memstats_${n} ${n === 'last_gc_time_seconds' ? '1.7961905630912423e+09' : `${(i + 1) * 4096}`}`),
      'go_gc_duration_seconds_sum 0.0123', 'go_gc_duration_seconds_count 7',
      'go_gc_gogc_percent 100', 'go_gc_gomemlimit_bytes 5.24288e+08', 'go_sched_gomaxprocs_threads 4', '',
    ].join('\n');
    const s = read(text).snapshots[0];
    expect(unknownFields(s ?? { fields: new Map() })).toEqual(['Lookups', 'PauseNs', 'PauseEnd', 'NumForcedGC', 'GCCPUFraction', 'EnableGC', 'DebugGC']);
    expect([s?.fields.get('HeapAlloc'), s?.fields.get('NumGC'), s?.fields.get('PauseTotalNs'), s?.fields.get('LastGC')]).toEqual([6n * 4096n, 7n, 12300000n, 1796190563091242300n]);
    expect(s?.process).toEqual({ gogcPercent: 100, gomemlimit: 524288000, gomaxprocs: 4 });
  });

  it('reads gc_cpu_fraction of older clients as GCCPUFraction', () => {
    const { snapshots } = read('# TYPE go_memstats_gc_cpu_fraction gauge\ngo_memstats_gc_cpu_fraction 2.924731798616038e-06\n');
    expect(snapshots[0]?.fields.get('GCCPUFraction')).toBe(2.924731798616038e-06);
  });

  it('derives MemStats from runtime/metrics names as memStatsFromRM does, and reads the GC settings', () => {
    const text = [
      'go_memory_classes_heap_objects_bytes 4.0e+06',
      'go_memory_classes_heap_unused_bytes 1e+06',
      'go_memory_classes_heap_released_bytes 2e+06',
      'go_memory_classes_heap_free_bytes 3e+06',
      'go_memory_classes_heap_stacks_bytes 524288',
      'go_memory_classes_os_stacks_bytes 0',
      'go_memory_classes_total_bytes 1.2e+07',
      'go_gc_heap_allocs_bytes_total 9e+07',
      'go_gc_heap_allocs_objects_total 1000',
      'go_gc_heap_tiny_allocs_objects_total 10',
      'go_gc_heap_frees_objects_total 400',
      'go_gc_cycles_total_gc_cycles_total 12',
      'go_gc_cycles_forced_gc_cycles_total 1',
      'go_gc_gomemlimit_bytes 1.048576e+08',
      'go_gc_gogc_percent 100',
      'go_sched_gomaxprocs_threads 2',
      'go_sched_goroutines_goroutines 9',
      '',
    ].join('\n');
    const s = read(text).snapshots[0];
    expect(Object.fromEntries(s?.fields ?? [])).toEqual({
      TotalAlloc: 90000000n, Sys: 12000000n, NumGC: 12n, NumForcedGC: 1n,
      HeapAlloc: 4000000n, Alloc: 4000000n, HeapInuse: 5000000n, HeapReleased: 2000000n, HeapIdle: 5000000n, HeapSys: 10000000n,
      StackInuse: 524288n, StackSys: 524288n, Mallocs: 1010n, Frees: 410n,
    });
    expect(s?.process).toEqual({ goroutines: 9, gomemlimit: 104857600, gogcPercent: 100, gomaxprocs: 2 });
  });

  it('takes no memory limit from the default math.MaxInt64', () => {
    expect(read('go_gc_gomemlimit_bytes 9.223372036854776e+18\n').snapshots[0]?.process).toEqual({});
  });

  it('warns about a value that cannot be a byte count, and leaves the field unknown', () => {
    const { snapshots, diagnostics } = read('go_memstats_heap_alloc_bytes NaN\n', 'm.txt');
    expect(snapshots[0]?.fields.has('HeapAlloc')).toBe(false);
    expect(diagnostics.map((d) => `${d.source}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      'm.txt:1:1 warning go_memstats_heap_alloc_bytes is NaN, not a byte count or counter',
    ]);
  });

  it('warns about a value past the uint64 maximum, a negative one, and a GC CPU fraction out of [0, 1]', () => {
    const text = [
      'go_memstats_heap_alloc_bytes 1e30',
      'go_memstats_heap_sys_bytes -4096',
      'go_memstats_gc_cpu_fraction 3.5',
      'go_memstats_sys_bytes 1.8446744073709552e+19',
      'go_memory_classes_heap_stacks_bytes -1',
      '',
    ].join('\n');
    const { snapshots, diagnostics } = read(text, 'm.txt');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '1:1 warning go_memstats_heap_alloc_bytes is 1e30, not a byte count or counter',
      '2:1 warning go_memstats_heap_sys_bytes is -4096, not a byte count or counter',
      '3:1 warning go_memstats_gc_cpu_fraction is 3.5, not a fraction between 0 and 1',
    ]);
    // The uint64 maximum as a float64 prints is a value a field can hold; a negative runtime/metrics class is not used.
    expect(Object.fromEntries(snapshots[0]?.fields ?? [])).toEqual({ Sys: 18446744073709552000n });
  });

  it('names the scrapes of a federation dump by their target', () => {
    const { snapshots } = read('go_goroutines{job="api",instance="a:1"} 7\ngo_goroutines{job="db",instance="b:1"} 3\n', 'fed.txt');
    expect(snapshots.map((s) => [s.source, s.process.goroutines])).toEqual([['fed.txt#1{job="api",instance="a:1"}', 7], ['fed.txt#2{job="db",instance="b:1"}', 3]]);
  });
});

describe('integers from the value text, exactly, whatever the form', () => {
  it('short texts, exponents, past 2^53, and a value that underflows to 0 but is no integer', () => {
    const { snapshots, diagnostics } = read([
      'go_memstats_alloc_bytes 4.245528e+06',
      'go_memstats_sys_bytes 1.8446744073709552e+19',
      'go_memstats_mallocs_total 9007199254740993',
      'go_memstats_frees_total 12',
      'go_memstats_heap_objects 1e-400',
      'go_memstats_lookups_total 2.5',
      '',
    ].join('\n'));
    expect(Object.fromEntries(snapshots[0]?.fields ?? [])).toEqual({ Alloc: 4245528n, Sys: 18446744073709552000n, Mallocs: 9007199254740993n, Frees: 12n });
    expect(diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      '6 go_memstats_lookups_total is 2.5, not a byte count or counter',
      '5 go_memstats_heap_objects is 1e-400, not a byte count or counter',
    ]);
  });
});
