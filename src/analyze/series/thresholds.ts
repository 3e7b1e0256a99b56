/** What counts as growth across a series, and how far "flat" may wander (docs/reasoning.md §3). */
const MiB = 1024 * 1024;

export const SERIES_THRESHOLDS = {
  /** A site whose in-use bytes rose by at least this much, never falling, is growing. */
  siteGrowthMinBytes: 1 * MiB,
  /**
   * The live heap's first step must rise by more than this to count as a rise, where half the series' average step is more
   * (verdict.ts liveStepSlack): a first dump taken as the process starts is read before its server, its pools and the
   * profiler's own buffers (which the first dump request allocates) are made. The captured go1.19-audit43-watchpeak, live
   * 164.2 KiB at start → 1.6 → 1.6 → 1.5 → 182.0 MiB mid-burst, counted +1.4 MiB as a second rise: "Leak suspected".
   */
  warmUpStepBytes: 2 * MiB,
  /** Live heap rising by at least this share of its first value across the series is growth. */
  liveGrowthMinShare: 0.1,
  /** Live heap moving less than this share is flat. */
  flatShare: 0.1,
  /**
   * A rise under liveGrowthMinShare is evidence only read exactly (every dump right after a forced
   * GC, slowrise.ts) and at each step of this many GC-separated snapshots at least: a heap that only
   * moves rises at each of n − 1 steps once in n! series (4: once in 24).
   */
  slowRiseMinPoints: 4,
  /** …and is suspected at high confidence from this many (6: once in 720). */
  slowRiseHighPoints: 6,
  /** The profile's sites that rose must hold at least this share of such a rise of HeapAlloc. */
  slowRiseSiteShare: 0.5,
  /** Churn: at least this many times the live heap allocated per interval. */
  churnAllocPerLive: 10,
  /**
   * Churn needs allocation spread over the steps between snapshots: a step that allocated more than
   * this share of what the series allocated, and burstStepRatio times what any other step did or
   * more, is a burst (burst.ts), and the series' mean per step is that step's, not a rate.
   */
  burstStepShare: 0.5,
  burstStepRatio: 10,
  /** A goroutine group growing by at least this many goroutines is growing. */
  groupGrowthMin: 10,
  /**
   * Points needed before growth (or its absence) means anything: with two, one GC cycle's noise
   * is indistinguishable from a trend (reasoning.md §3: "across ≥3 GC-separated snapshots").
   */
  minPoints: 3,
  /**
   * GC epoch readings needed before the heap goal says the live heap's trend (goaltrend.ts): a goal is set by one GC from what it
   * marked, work in flight included, so three readings a GC or two apart read a burst as growth (the captured
   * go1.19-audit-live/burst-stacks, 10,000 goroutines of 8 KiB in flight every 0.7 s: NextGC ÷ 2 84.4 → 86.9 → 108.4 MiB at gc 19,
   * 20 and 22, was "Leak suspected" by it where it is "Stable").
   */
  goalTrendMinPoints: 4,
  /** StackInuse rising by at least this much (and this share of its first value) is growing stacks: ~500 minimal 2 KiB stacks. */
  stackGrowthMinBytes: 1 * MiB,
  stackGrowthMinShare: 0.25,
  /**
   * Stacks that creep short of that (verdict.ts stacksCreep) are a goroutine leak's sign only when
   * they rose by at least this share of what the live heap rose: each leaked goroutine keeps a 2–8
   * KiB stack and a few objects, so its stacks rise about as much as the heap does, or more. Beside
   * a heap that grew far more (the captured go1.19-audit39-ttlcache's plain dumps: StackInuse
   * 320 → 384 KiB, 5 goroutines, while HeapAlloc rose 37.6 → 193.0 MiB), the heap is the story.
   */
  stackCreepPerLiveRise: 0.1,
  /** Peak retention: the live heap fell to this share of its peak or below. */
  peakFallShare: 0.5,
  /**
   * Growing sites whose rise the profile's total and the live heap did not follow by this share
   * (other sites fell by as much) are a shift between sites, not growth (series/index.ts siteShift).
   */
  shiftOffsetShare: 0.5,
  /**
   * A dump read right after a GC has a heap goal (NextGC) of about (1 + GOGC/100) times its
   * HeapAlloc, the live heap just marked (twice it at the default GOGC=100; more with the goroutine
   * stacks, globals and the 4 MiB minimum goal), which the heap then grows into until the next GC
   * starts: a HeapAlloc above NextGC / this is past what a just-finished cycle leaves (forced.ts
   * goalReading). go1.19 ?gc=1 dumps read 1.78–2.4 at GOGC=100 with or without
   * GOMEMLIMIT; the captured go1.19-audit29-subslice's plain dumps after an earlier ?gc=1, 1.25–1.54.
   */
  justCollectedGoalRatio: 1.7,
  /**
   * A heap goal held by a memory limit (heldgoal.ts): every snapshot's NextGC within this share of
   * the highest (the captured GOGC=off GOMEMLIMIT=64MiB run: 51.3–51.7 MiB, 0.8%; a limit's goal
   * moves with what Go holds beside the heap)…
   */
  limitGoalHeldShare: 0.05,
  /** …the bytes allocated per GC read between two snapshots with at least this many GCs the runtime started (a few GCs' average says little: the first and last are partial)… */
  limitRoomMinCycles: 4,
  /** …the goal less them (the heap each GC left live) no more than this share above the later snapshot's HeapAlloc (never below what the last GC marked)… */
  limitLiveSlack: 0.1,
  /** …and that heap moved, from the first such step to the last, by at least this share of the goal. */
  limitRoomMoveShare: 0.25,
  /**
   * A rate per GC cycle (TotalAlloc's rise over ΔNumGC between two snapshots) is given over at least this many GC cycles, or
   * when every snapshot was read right after a forced GC (its TotalAlloc is at a cycle's end). Else the snapshots fall anywhere
   * in their first and last cycles, so the span holds between ΔNumGC − 1 and ΔNumGC + 1 cycles' allocations: over 4, the
   * figure is within a quarter of the rate; over 1 (the captured go1.19-audit38-gcmanual's t04–t06: 44.0 MiB allocated in 6 s
   * over 1 GC, the program allocating 22.6 MiB between its runtime.GC() calls) it may be twice it. Fewer: the bytes and the
   * cycles are said as they are (`44.0 MiB over 1 GC cycle`).
   */
  rateMinCycles: 4,
  /**
   * How far the goal's ratio to the live heap must move between two readings right after a forced GC
   * (forced.ts goalRatioChanges), or two runs of readings between GCs under a goal that held (heldgoal.ts
   * goalMovesBetweenGCs), to be a change of GOGC (or a limit) rather than jitter: go1.19 ?gc=1 dumps at
   * GOGC=100 read 1.78–2.4 (justCollectedGoalRatio's note), a factor 1.35.
   */
  goalRatioStep: 1.6,
} as const;
