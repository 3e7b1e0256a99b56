/**
 * Every number a verdict or finding depends on, in one place, with why it is what it is.
 * Lint configurations (heapdoc.config.json) override these per rule.
 */
const MiB = 1024 * 1024;

export const THRESHOLDS = {
  /**
   * Live heap at or below this share of what Go holds (Sys − HeapReleased) means the memory is
   * not held by reachable objects: three quarters or more is idle heap, stacks or runtime
   * metadata. A quarter, not a half: single dumps of leaking programs (the corpus leak program,
   * the heap-leak scenario) hold 25–47% live, beside the idle heap their own garbage leaves, and
   * must not be called "not a leak".
   */
  notLeakLiveShareOfRetained: 0.25,
  /**
   * Live heap at or below this share of HeapSys, the heap's high-water mark, means the heap
   * was once at least four times larger than what is live now: a past peak. With live at most
   * peakNotLeakLiveShareOfRetained of what Go holds, the held memory is the peak's: not a leak.
   */
  peakLiveShareOfHeapSys: 0.25,
  /**
   * After a past peak, live at or below this share of what Go holds (Sys − HeapReleased) means
   * most of the held memory is not live: not a leak of reachable data (the seed routines' dumps
   * after FreeOSMemory hold 15–46% live). Above it, live is most of what Go holds and the peak is
   * only context: a go1.19 process that leaked a 35 MiB map after a 163 MiB burst held 62–68% live.
   */
  peakNotLeakLiveShareOfRetained: 0.5,

  /** Idle heap (HeapIdle − HeapReleased) worth a finding: both absolute and relative, so small programs stay quiet. */
  idleRetainedMinBytes: 16 * MiB,
  idleRetainedMinShare: 0.25,
  /**
   * The background scavenger keeps the retained heap (HeapSys − HeapReleased) up to this share
   * above the heap goal (src/runtime/mgcscavenge.go, retainExtraPercent = 10, since Go 1.13).
   * Idle spans of a heap within its goal plus this are the room it grows back into before the
   * next GC, not a past peak's (the captured go1.19 LRU and ballast: HeapSys under NextGC).
   */
  scavengerRetainOverGoal: 0.1,

  /** Peak retention: HeapSys at least this many times HeapInuse, and by at least idleRetainedMinBytes. */
  peakRetentionRatio: 4,

  /** Released memory worth mentioning: the OS may still count it (MADV_FREE, macOS). */
  releasedMinBytes: 16 * MiB,

  /** RSS above Go's own estimate (Sys − HeapReleased) by this much is memory Go does not manage. */
  rssGapMinBytes: 32 * MiB,
  rssGapMinShare: 0.25,
  /**
   * RSS below this share of what Go holds is implausible enough to say so: only pages never
   * touched (large fresh allocations, reserved GC metadata) can be missing from RSS; the captured
   * scenarios go as low as 0.11 only right after untouched allocations. A bare --rss number this
   * small is most likely the kB that /proc/PID/status prints.
   */
  rssImplausibleShareOfRetained: 0.25,
  /**
   * RSS below Go's estimate by at least this much (and this share of it): pages Go counts that are
   * not resident (never touched since mapped, or swapped out), so not all idle heap is in RAM.
   * A few MiB less is usual (reserved metadata nobody touched yet).
   */
  rssShortfallMinBytes: 8 * MiB,
  rssShortfallMinShare: 0.1,

  /**
   * HeapInuse − HeapAlloc: an upper bound on fragmentation, usually reusable. Worth a look when
   * it is a quarter of the in-use spans and large in absolute terms.
   */
  fragmentationMinBytes: 16 * MiB,
  fragmentationMinShare: 0.25,

  /** Goroutine stacks worth a finding: a quarter of what Go holds, and at least 16 MiB (8,000 minimal 2 KiB stacks). */
  stackMinBytes: 16 * MiB,
  stackMinShare: 0.25,

  /**
   * The profiling buckets (BuckHashSys) worth a finding: every process has the ~1.4 MiB table, so
   * at least 4 MiB (some 2.6 MiB of buckets: thousands of recorded stacks) and a tenth of what Go holds.
   */
  bucketsMinBytes: 4 * MiB,
  bucketsMinShare: 0.1,

  /**
   * GCCPUFraction (since process start) above 5%: the GC guide's default (GOGC=100) costs a few
   * percent in steady state; more means allocation rate or a small GOGC/GOMEMLIMIT is costing CPU.
   */
  gcCpuFraction: 0.05,
  /**
   * GC cycles the runtime started itself (NumGC − NumForcedGC) before GCCPUFraction says anything:
   * right after start-up the fraction is a few cycles over a fraction of a second (6.4% after one
   * forced GC at 0.7 s), not GC pressure. A forced cycle (runtime.GC, ?gc=1) is the program's, not
   * the allocation rate's.
   */
  gcCpuMinCycles: 4,

  /**
   * A memory limit nobody mentioned (memlimit.ts): the heap goal (NextGC) within this share of
   * HeapAlloc — GOGC=100 sets it at twice the live heap, so only the last tenth of a cycle
   * comes this close by chance —
   */
  limitGoalNearLiveShare: 0.1,
  /**
   * — and at most this share of the live heap allocated per GC cycle (TotalAlloc over the cycles
   * the runtime started): GOGC=100 allows about the live heap (at least 4 MiB) between two GCs;
   * a quarter or less, averaged over the whole run, means the goal has been held at the live
   * heap (the captured memlimit scenario: 0.12–0.13; GOGC=100 scenarios: 0.5 and up). With GC
   * CPU above gcCpuFraction, all three together are the marks of GOMEMLIMIT (or a GOGC ≤ 25).
   */
  limitAllocPerCycleShareOfLive: 0.25,

  /** A stop-the-world pause above 10 ms: modern Go pauses are typically well under 1 ms. */
  gcPauseNs: 10_000_000,

  /**
   * Goroutines of the program's own code blocked this many minutes or more on a channel, select
   * or lock (the runtime prints `, N minutes` from 1 minute on): nothing a request does waits
   * that long, so they wait for what will never come (reasoning.md §6).
   */
  goroutineLongWaitMinutes: 1,
  /** …and at least this many in one group: a few idle workers of a pool wait that long too. */
  goroutineLongWaitMinCount: 100,
  /**
   * A goroutine dump alone whose largest group of the program's own, blocked, holds at least this
   * share of its goroutines (and goroutineLongWaitMinCount of them) gets that group's advice as a
   * hint (waits.ts oneGroupHint): one dump shows no growth, so no more than a hint.
   */
  goroutineOneGroupShare: 0.5,
  /**
   * One moment (a heap dump and the goroutine dump of the same moment): a site allocated in the
   * function a group of goroutineLongWaitMinCount or more is blocked in, holding at least this share
   * of the profile's in-use bytes: the verdict says the goroutines hold it (combine.ts oneMomentHeld).
   */
  heldMinShare: 0.1,

  /** runtime.malg (goroutine descriptors, never freed) holding at least this much is worth explaining. */
  goroutineDescriptorsMinBytes: 1 * MiB,

  /**
   * Go holding at least this share of GOMEMLIMIT: the GC now collects more often to stay under
   * it (gc-guide "Memory limit"); above the live heap alone, the limit cannot be met.
   */
  memoryLimitShare: 0.9,
  /**
   * The limit binds (memlimit.ts limitFit): the heap goal (NextGC) at this share or more of the
   * heap the limit leaves (GOMEMLIMIT less what Go holds beside the heap). go1.19
   * memoryLimitHeapGoal takes 5% more off for headroom, and what Go holds beside the heap moves a
   * little between the last GC and the reading: GOGC's goal below this is the lower one.
   */
  limitGoalCapShare: 0.9,

  /** Identities of reasoning.md §1 may differ by at most this many bytes (one page) before a dump is called inconsistent. */
  identityToleranceBytes: 8192,
} as const;

export type Thresholds = { -readonly [K in keyof typeof THRESHOLDS]: number };

export const DOCS = {
  memStats: 'https://pkg.go.dev/runtime#MemStats',
  gcGuide: 'https://go.dev/doc/gc-guide',
  gcGuideMemoryLimit: 'https://go.dev/doc/gc-guide#Memory_limit',
  freeOSMemory: 'https://pkg.go.dev/runtime/debug#FreeOSMemory',
  setMemoryLimit: 'https://pkg.go.dev/runtime/debug#SetMemoryLimit',
  go112Runtime: 'https://go.dev/doc/go1.12#runtime',
  go113Runtime: 'https://go.dev/doc/go1.13#runtime',
  go116Runtime: 'https://go.dev/doc/go1.16#runtime',
  go119Runtime: 'https://go.dev/doc/go1.19#runtime',
  memProfileRate: 'https://pkg.go.dev/runtime#MemProfileRate',
  pprofHeap: 'https://pkg.go.dev/runtime/pprof#Profile',
  expvar: 'https://pkg.go.dev/expvar',
  gctrace: 'https://pkg.go.dev/runtime#hdr-Environment_Variables',
  prometheusText: 'https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format',
  goroutineLeakDetection: 'https://go.dev/design/74609-goroutine-leak-detection-gc',
  issue33376: 'https://github.com/golang/go/issues/33376',
  issue39779: 'https://github.com/golang/go/issues/39779',
  issue46908: 'https://github.com/golang/go/issues/46908',
  timeAfter: 'https://pkg.go.dev/time#After',
  go123Timers: 'https://go.dev/doc/go1.23#timer-changes',
  setFinalizer: 'https://pkg.go.dev/runtime#SetFinalizer',
} as const;
