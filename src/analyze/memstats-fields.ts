/**
 * What each runtime.MemStats field means, for `heapdoc explain <Field>`: the runtime's own
 * documentation (pkg.go.dev/runtime#MemStats, src/runtime/mstats.go) in our words, how a
 * heap?debug=1 dump prints the field, and the identities of docs/reasoning.md §1 it takes part in.
 */

export interface MemStatsFieldDoc {
  name: string;
  /** How the `# runtime.MemStats` block prints it; undefined for fields the dump never prints. */
  printed: string | undefined;
  unit: 'bytes' | 'count' | 'nanoseconds' | 'unix nanoseconds' | 'fraction' | 'boolean' | 'array';
  /** One sentence. */
  summary: string;
  /** What to know when reading it. */
  details: string;
  /** Identities (reasoning.md §1) the field takes part in. */
  identities: readonly string[];
  /** The Go version that first printed it in the dump, when not go1. */
  since?: string;
  /** Printed in the block but not a field of runtime.MemStats (MaxRSS: from getrusage): documented elsewhere. */
  notAField?: { source: string; url: string };
}

const MEMSTATS_URL = 'https://pkg.go.dev/runtime#MemStats';

const FIELDS: readonly MemStatsFieldDoc[] = [
  {
    name: 'Alloc', printed: '# Alloc = N', unit: 'bytes',
    summary: 'Bytes of allocated heap objects: the same number as HeapAlloc.',
    details: 'Counts every object the allocator handed out and the GC has not yet freed: reachable objects plus unreachable ones the sweeper has not reached. It rises with allocation and drops when the GC sweeps.',
    identities: ['Alloc = HeapAlloc'],
  },
  {
    name: 'TotalAlloc', printed: '# TotalAlloc = N', unit: 'bytes',
    summary: 'Bytes allocated for heap objects since the process started, freed or not.',
    details: 'Cumulative: it never decreases within one process, which makes it the clock that orders several dumps of one process. Its growth between two dumps is the allocation rate, which drives how often the GC runs.',
    identities: ['TotalAlloc never decreases within one process'],
  },
  {
    name: 'Sys', printed: '# Sys = N', unit: 'bytes',
    summary: 'Bytes of memory the runtime obtained from the OS: the sum of all the *Sys fields.',
    details: 'Virtual address space reserved or mapped by the runtime, not resident memory: part of it may be released (HeapReleased) and not backed by RAM. Sys − HeapReleased is the runtime\'s own estimate of its physical memory, the number GOMEMLIMIT bounds.',
    identities: ['Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'retained = Sys − HeapReleased (what GOMEMLIMIT bounds)'],
  },
  {
    name: 'Lookups', printed: '# Lookups = N', unit: 'count',
    summary: 'Pointer lookups done by the runtime: always 0 in modern Go.',
    details: 'Kept for compatibility; it carries no information.',
    identities: [],
  },
  {
    name: 'Mallocs', printed: '# Mallocs = N', unit: 'count',
    summary: 'Heap objects allocated since the process started (cumulative).',
    details: 'Together with Frees it gives the number of live objects. Its growth between dumps is the object allocation rate.',
    identities: ['HeapObjects = Mallocs − Frees'],
  },
  {
    name: 'Frees', printed: '# Frees = N', unit: 'count', since: 'go1.1',
    summary: 'Heap objects freed since the process started (cumulative).',
    details: 'Mallocs − Frees is the number of live heap objects.',
    identities: ['HeapObjects = Mallocs − Frees'],
  },
  {
    name: 'HeapAlloc', printed: '# HeapAlloc = N', unit: 'bytes',
    summary: 'Bytes of allocated heap objects: the live heap.',
    details: 'Reachable objects plus unreachable ones not yet swept. This is what grows in a leak of reachable data; the GC aims to keep it under NextGC. heapdoc calls it "live".',
    identities: ['Alloc = HeapAlloc', 'HeapAlloc ≤ HeapInuse', 'live = HeapAlloc', 'fragmentation = HeapInuse − HeapAlloc'],
  },
  {
    name: 'HeapSys', printed: '# HeapSys = N', unit: 'bytes',
    summary: 'Bytes of heap memory obtained from the OS: in-use spans plus idle spans.',
    details: 'The runtime never unmaps heap memory, so HeapSys never shrinks: it is the heap\'s high-water mark. Idle spans whose pages were returned to the OS still count here (and in HeapReleased).',
    identities: ['HeapSys = HeapInuse + HeapIdle'],
  },
  {
    name: 'HeapIdle', printed: '# HeapIdle = N', unit: 'bytes',
    summary: 'Bytes in idle heap spans: spans with no objects in them.',
    details: 'Idle spans can go back to the OS (then they count in HeapReleased too) or be reused for new objects or stacks. HeapIdle − HeapReleased is memory the runtime keeps backed by RAM for reuse; freed stack spans also end up here.',
    identities: ['HeapSys = HeapInuse + HeapIdle', 'HeapReleased ≤ HeapIdle', 'idle = HeapIdle − HeapReleased'],
  },
  {
    name: 'HeapInuse', printed: '# HeapInuse = N', unit: 'bytes',
    summary: 'Bytes in in-use heap spans: spans holding at least one object.',
    details: 'A span holds objects of one size class only, so HeapInuse − HeapAlloc is space in in-use spans that holds no object: an upper bound on fragmentation, usually reused by later allocations of the same sizes.',
    identities: ['HeapSys = HeapInuse + HeapIdle', 'HeapAlloc ≤ HeapInuse', 'fragmentation = HeapInuse − HeapAlloc'],
  },
  {
    name: 'HeapReleased', printed: '# HeapReleased = N', unit: 'bytes', since: 'go1.1',
    summary: 'Bytes of idle heap spans whose physical memory was returned to the OS.',
    details: 'Still mapped but not backed: the scavenger (or debug.FreeOSMemory) gave the pages back. With MADV_FREE (Linux, Go 1.12–1.15 by default, or GODEBUG=madvdontneed=0) and on macOS the OS may keep counting them in RSS until it needs the memory.',
    identities: ['HeapReleased ≤ HeapIdle', 'idle = HeapIdle − HeapReleased', 'retained = Sys − HeapReleased'],
  },
  {
    name: 'HeapObjects', printed: '# HeapObjects = N', unit: 'count', since: 'go1.1',
    summary: 'Number of allocated heap objects.',
    details: 'Rises and falls with HeapAlloc. Growing across GC-separated dumps together with HeapAlloc is the sign of accumulation.',
    identities: ['HeapObjects = Mallocs − Frees'],
  },
  {
    name: 'StackInuse', printed: '# Stack = StackInuse / StackSys', unit: 'bytes',
    summary: 'Bytes in stack spans: memory for goroutine stacks.',
    details: 'There is no "StackIdle": stack spans no goroutine uses go back to the heap and count in HeapIdle. A large StackInuse means many goroutines or deep ones; at the 2 KiB minimum, StackInuse / 2048 bounds the count.',
    identities: ['StackInuse ≤ StackSys'],
  },
  {
    name: 'StackSys', printed: '# Stack = StackInuse / StackSys', unit: 'bytes',
    summary: 'Bytes of stack memory obtained from the OS: StackInuse plus stacks of OS threads.',
    details: 'heapdoc counts it as the "stacks" part of the breakdown.',
    identities: ['StackInuse ≤ StackSys', 'stacks = StackSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'MSpanInuse', printed: '# MSpan = MSpanInuse / MSpanSys', unit: 'bytes',
    summary: 'Bytes of allocated mspan structures (the runtime\'s span descriptors).',
    details: 'Grows with the number of spans, so with the heap\'s size.',
    identities: ['MSpanInuse ≤ MSpanSys'],
  },
  {
    name: 'MSpanSys', printed: '# MSpan = MSpanInuse / MSpanSys', unit: 'bytes',
    summary: 'Bytes obtained from the OS for mspan structures.',
    details: 'Part of the runtime metadata in the breakdown.',
    identities: ['runtime = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'MCacheInuse', printed: '# MCache = MCacheInuse / MCacheSys', unit: 'bytes',
    summary: 'Bytes of allocated mcache structures (one per P: the per-processor allocation caches).',
    details: 'Small and proportional to GOMAXPROCS.',
    identities: ['MCacheInuse ≤ MCacheSys'],
  },
  {
    name: 'MCacheSys', printed: '# MCache = MCacheInuse / MCacheSys', unit: 'bytes',
    summary: 'Bytes obtained from the OS for mcache structures.',
    details: 'Part of the runtime metadata in the breakdown.',
    identities: ['runtime = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'BuckHashSys', printed: '# BuckHashSys = N', unit: 'bytes',
    summary: 'Bytes of the profiling bucket hash table.',
    details: 'The memory and block profilers keep one bucket per distinct stack; many distinct allocation stacks (or MemProfileRate = 1) make it larger.',
    identities: ['runtime = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'GCSys', printed: '# GCSys = N', unit: 'bytes', since: 'go1.8',
    summary: 'Bytes of garbage collection metadata (heap bitmaps, mark state…).',
    details: 'Grows with the heap\'s size.',
    identities: ['runtime = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'OtherSys', printed: '# OtherSys = N', unit: 'bytes', since: 'go1.8',
    summary: 'Bytes of other runtime allocations that fit none of the other *Sys fields.',
    details: 'Miscellaneous off-heap runtime memory.',
    identities: ['runtime = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys'],
  },
  {
    name: 'NextGC', printed: '# NextGC = N', unit: 'bytes',
    summary: 'The heap goal: the GC aims to finish the next cycle before HeapAlloc reaches it.',
    details: 'Set at the end of each cycle from GOGC (by default twice the live heap after marking) and lowered by GOMEMLIMIT when memory is tight. About 2^63 (8.0 EiB) means GOGC=off with no GOMEMLIMIT: no heap size starts a GC, only forced ones run (heapdoc\'s gc-off).',
    identities: ['the GC aims to keep HeapAlloc ≤ NextGC'],
  },
  {
    name: 'LastGC', printed: '# LastGC = N', unit: 'unix nanoseconds', since: 'go1.9',
    summary: 'When the last GC cycle finished, in nanoseconds since 1970 (UNIX epoch).',
    details: 'Beyond 2^53, so heapdoc keeps it exact. Two dumps with the same LastGC were taken between the same two GCs: their heap profiles are the same.',
    identities: ['LastGC = PauseEnd[(NumGC+255)%256]'],
  },
  {
    name: 'PauseTotalNs', printed: undefined, unit: 'nanoseconds',
    summary: 'Total stop-the-world pause time of all GC cycles since the process started.',
    details: 'A MemStats field the heap dump does not print; the PauseNs ring has the recent pauses.',
    identities: [],
  },
  {
    name: 'PauseNs', printed: '# PauseNs = [n n n …] (256 entries)', unit: 'array',
    summary: 'A ring of the last 256 GC stop-the-world pause times, in nanoseconds.',
    details: 'The most recent is PauseNs[(NumGC+255)%256]; with fewer than 256 cycles only NumGC entries are real and the rest are 0. One cycle may pause several times; the entry is their sum.',
    identities: ['the most recent pause is PauseNs[(NumGC+255)%256]'],
  },
  {
    name: 'PauseEnd', printed: '# PauseEnd = [n n n …] (256 entries)', unit: 'array', since: 'go1.9',
    summary: 'A ring of the last 256 GC pause end times, in nanoseconds since 1970.',
    details: 'Indexed like PauseNs; the newest entry equals LastGC.',
    identities: ['LastGC = PauseEnd[(NumGC+255)%256]'],
  },
  {
    name: 'NumGC', printed: '# NumGC = N', unit: 'count',
    summary: 'Completed GC cycles since the process started.',
    details: 'The runtime publishes the heap profile at the end of a cycle. Until the first (NumGC = 0), a profile is what was allocated up to the process\'s first profile request, nothing freed, and stays so until a GC runs (profile-before-first-gc).',
    identities: ['NumForcedGC ≤ NumGC'],
  },
  {
    name: 'NumForcedGC', printed: '# NumForcedGC = N', unit: 'count', since: 'go1.9',
    summary: 'GC cycles the program forced with runtime.GC() (debug.FreeOSMemory included).',
    details: 'A high share of forced cycles means the program calls runtime.GC itself.',
    identities: ['NumForcedGC ≤ NumGC'],
  },
  {
    name: 'GCCPUFraction', printed: '# GCCPUFraction = F', unit: 'fraction', since: 'go1.9',
    summary: 'The share of available CPU time the GC used since the process started (0 to 1).',
    details: 'Averaged over the whole life of the process (available CPU = GOMAXPROCS × elapsed time), so a burst long ago still counts. Printed with %v: it can be 0, a decimal or exponent form (5.3e-05).',
    identities: [],
  },
  {
    name: 'EnableGC', printed: '# EnableGC = true|false', unit: 'boolean',
    summary: 'Whether the GC is enabled: always true (GOGC=off still reports true).',
    details: 'Printed in dumps up to go1.6 only.',
    identities: [],
  },
  {
    name: 'DebugGC', printed: '# DebugGC = false', unit: 'boolean',
    summary: 'Unused: always false.',
    details: 'Kept for compatibility; it carries no information.',
    identities: [],
  },
  {
    name: 'BySize', printed: undefined, unit: 'array',
    summary: 'Per-size-class allocation counts (Size, Mallocs, Frees) for small objects.',
    details: 'A MemStats field the heap dump does not print.',
    identities: [],
  },
  {
    name: 'MaxRSS', printed: '# MaxRSS = N', unit: 'bytes', since: 'go1.15',
    summary: 'The process\'s peak resident set size, from getrusage (Windows: PeakWorkingSetSize): printed in the block, but not a field of runtime.MemStats.',
    details: 'The same thing as VmHWM in /proc/PID/status: the highest RSS the OS ever counted for the process, including memory Go does not manage (cgo, mmap). Omitted where getrusage fails; not printed on plan9, js/wasm and wasip1.',
    identities: ['a past RSS peak: compare with Sys − HeapReleased'],
    notAField: { source: 'getrusage, printed by runtime/pprof', url: 'https://man7.org/linux/man-pages/man2/getrusage.2.html' },
  },
];

export const MEMSTATS_FIELDS: ReadonlyMap<string, MemStatsFieldDoc> = new Map(FIELDS.map((f) => [f.name, f]));

/** The field named `name`, matched without regard to case (`heapidle` → HeapIdle). */
export function findMemStatsField(name: string): MemStatsFieldDoc | undefined {
  return MEMSTATS_FIELDS.get(name) ?? FIELDS.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** The field's documentation as `heapdoc explain` prints it. */
export function formatMemStatsField(doc: MemStatsFieldDoc): string {
  const lines = [
    `${doc.name} (${doc.notAField ? `${doc.notAField.source}, not runtime.MemStats` : 'runtime.MemStats'}, ${doc.unit})`,
    '',
    doc.summary,
    '',
    doc.details,
    '',
    `In a heap?debug=1 dump: ${doc.printed ? `${doc.printed}${doc.since ? ` (printed since ${doc.since})` : ''}` : 'not printed'}`,
  ];
  if (doc.identities.length > 0) lines.push('', 'Identities:', ...doc.identities.map((i) => `  ${i}`));
  lines.push('', doc.notAField ? `Documentation: ${doc.notAField.url}` : `Go documentation: ${MEMSTATS_URL}`);
  return `${lines.join('\n')}\n`;
}
