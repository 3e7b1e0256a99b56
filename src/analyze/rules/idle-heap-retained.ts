import { atLeast } from '../../input/goversion.js';
import { rssShortfall, type Breakdown } from '../breakdown.js';
import { betweenForcedGCs, GC_OFF_GOAL, gcOff, GOGC_SET_ABOVE, impliedGogc, impliedGogcWords, letTheGcRun } from '../gcoff.js';
import { dominantAllocatorWords } from '../allocators.js';
import { goalRoomLine, scavengerWords } from '../scavenger.js';
import { largeLiveSentence, largeLiveSite } from '../residency.js';
import { DOCS, type Thresholds } from '../thresholds.js';
import { formatBytes, formatPercent } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import type { Rule, SnapshotFacts } from './rule.js';

export const idleHeapRetained: Rule = {
  meta: {
    id: 'idle-heap-retained',
    defaultSeverity: 'warning',
    description: 'Free heap spans the runtime keeps backed by physical memory (HeapIdle − HeapReleased) instead of returning them to the OS.',
    docsUrl: DOCS.gcGuide,
    readsRss: true,
    readsGoVersion: true,
    explains: ['idle'],
    // Spans idle at one dump and released by the next were no retention: a series is judged at its latest snapshot.
    latestInSeries: true,
    options: {
      idleRetainedMinBytes: { kind: 'bytes', description: 'HeapIdle − HeapReleased at least this (default 16MiB)' },
      idleRetainedMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    if (!b || b.idle < t.idleRetainedMinBytes || b.idle < t.idleRetainedMinShare * b.retained) return [];
    const resident = residency(b, facts, t);
    const evidence = { idleBytes: b.idle, retainedBytes: b.retained };
    // A heap within its goal grows back into these spans before the next GC, and the scavenger
    // keeps ~10% over the spans in use at the last GC (mgcscavenge.go: lastHeapInUse, scaled by the
    // goal's change, plus retainExtraPercent): about the goal plus the unused space in its spans.
    const goal = facts.stats?.int('NextGC');
    // GOGC=off (without a limit) reports a goal near 2^63: no GC is coming, and no room is kept for one.
    const nextGC = goal !== undefined && goal > 0 && goal < GC_OFF_GOAL ? goal : undefined;
    const heap = (facts.stats?.int('HeapSys') ?? 0) - (facts.stats?.int('HeapReleased') ?? 0);
    const line = nextGC === undefined ? undefined : goalRoomLine(nextGC, b.fragmentation, t.scavengerRetainOverGoal);
    if (nextGC !== undefined && line !== undefined && heap <= line) {
      // A goal far above GOGC=100's is said as the GOGC it implies, not explained at GOGC=100
      // (the captured go1.19-audit47-gogc400/gc1: 5.0 times the live heap, GOGC ≈ 400); not beside stacks larger than the heap,
      // whose share of the goal (between none and StackInuse) is most of it (go1.19-audit28-deepstack: 105.9 MiB beside 168.5 KiB live).
      const implied = impliedGogc(facts.stats, atLeast(facts.goVersion, 18) !== false);
      const rule = implied !== undefined && implied.gogc >= GOGC_SET_ABOVE && implied.stacks <= implied.live ? `${impliedGogcWords(implied)}.` : goalRule(facts);
      return [{
        severity: 'info',
        subject: 'room before the next GC',
        message: `${formatBytes(b.idle)} of idle heap is room the heap grows back into before the next GC (heap goal ${formatBytes(nextGC)}).`,
        why: `HeapIdle − HeapReleased = ${formatBytes(b.idle)}: free spans kept for reuse. The heap (HeapSys − HeapReleased = ${formatBytes(heap)}) is ${heap <= nextGC ? `within its goal (NextGC = ${formatBytes(nextGC)})` : `within the ~10% the scavenger keeps over its goal (NextGC = ${formatBytes(nextGC)}) and the ${formatBytes(b.fragmentation)} unused in its in-use spans`}: the GC lets the heap grow to the goal before it collects, and the background scavenger keeps ~10% over it, so it will not return these spans. ${rule}${resident} No spike beyond the goal is needed to explain them; they are not live data and not a leak.`,
        fix: 'Nothing to undo: debug.FreeOSMemory() would release pages the next cycle takes back. To hold less, lower the heap goal (a lower GOGC, or GOMEMLIMIT), which costs GC CPU.',
        position: facts.positionOf('HeapIdle'),
        evidence: { ...evidence, heapBytes: heap, nextGCBytes: nextGC },
      }];
    }
    // GOGC=off with forced GCs: the idle spans held the garbage the last forced GC freed, and the
    // heap refills them before the next (the captured go1.19-audit28-gogcoff/gc1: 40.7 MiB idle,
    // 41.3 MiB allocated per GC, each forced by a ?gc=1 dump), no spike to bound.
    const off = gcOff(facts.stats, facts.profile.sites);
    if (off && off.numGC > 0) {
      return [{
        message: `${formatBytes(b.idle)} of idle heap is retained by the runtime for reuse (${formatPercent(b.idle, b.retained)} of what Go holds).`,
        why: `HeapIdle − HeapReleased = ${formatBytes(b.idle)}: free spans kept so the heap can grow again without asking the OS.${resident} ${betweenForcedGCs(off)}: these spans held the garbage the last forced GC freed, and the heap fills them again before the next. This is not live data and not a leak.`,
        fix: `${capitalized(letTheGcRun(off))}: the idle heap is then the room the heap goal leaves, not all that is allocated between forced GCs. Bounding concurrency or debug.FreeOSMemory() will not lower it while the GC is off: the heap fills up again.`,
        position: facts.positionOf('HeapIdle'),
        evidence,
      }];
    }
    // A dump does not say which Go wrote it: without --go-version both behaviours are told, as such.
    const scavenger = scavengerWords(facts.goVersion);
    const spans = resident === '' ? 'free spans still backed by RAM, kept so the heap can grow again without asking the OS.'
      : `free spans kept so the heap can grow again without asking the OS.${resident}`;
    // The heap once grew beyond its goal: a spike, whose spans the scavenger returns over time — or
    // goroutine stacks, whose old copies and exited stacks are freed to the heap (stacks below).
    const stacks = stackSpans(facts, b.idle);
    const past = `The heap (HeapSys − HeapReleased = ${formatBytes(heap)}) is beyond its goal (NextGC = ${formatBytes(nextGC ?? 0)})`;
    // A goal far above twice the live heap is a GOGC set high (the captured go1.19-audit29-freeos
    // under SetGCPercent(400), whose fix was debug.FreeOSMemory()): the heap grows back into the
    // room the goal leaves before its next GC, so releasing it would be undone.
    const gogc = stacks ? undefined : impliedGogc(facts.stats, atLeast(facts.goVersion, 18) !== false);
    const high = gogc !== undefined && gogc.gogc >= GOGC_SET_ABOVE ? gogc : undefined;
    const room = high ? Math.min(b.idle, high.goal - high.live) : 0;
    const beyond = nextGC === undefined ? ''
      : stacks ? ` ${past}, yet ${stacks}: these are spans goroutine stacks left. ${stackCopies(facts, b.idle)}`
        : high ? ` ${impliedGogcWords(high)}. Up to ${formatBytes(room)} of these spans is room the heap grows back into before the next GC; ${room < b.idle ? `the other ${formatBytes(b.idle - room)} is beyond it (the heap, HeapSys − HeapReleased = ${formatBytes(heap)}, is past the goal and the ~10% the scavenger keeps over it): a past spike, whose spans go back over time.` : 'no spike beyond the goal is needed to explain them.'}`
          : ` ${past} and the ~10% the scavenger keeps over it: it once grew past the goal, a spike whose spans go back over time.`;
    // One site that allocated most of what was allocated is where the spike most likely came from (allocators.ts).
    const dominant = dominantAllocatorWords(facts.profile.sites, b.idle);
    return [{
      message: `${formatBytes(b.idle)} of idle heap is retained by the runtime for reuse (${formatPercent(b.idle, b.retained)} of what Go holds).`,
      why: `HeapIdle − HeapReleased = ${formatBytes(b.idle)}: ${spans}${beyond} ${scavenger} This is not live data and not a leak.`,
      fix: stacks
        ? 'If the memory should go back to the OS, call debug.FreeOSMemory(), or set GOMEMLIMIT so the scavenger works toward a limit. These spans are what goroutine stacks left (the old copies of stacks that grew, and the stacks of goroutines that exited): to hold less, lower the peak of the stacks — fewer goroutines at once, or shallower stacks (deep recursion and large frames make them grow).'
        : high ? `Not debug.FreeOSMemory() for the ${formatBytes(room)} the heap goal of GOGC ≈ ${high.gogc} fills again before the next GC: the pages would come back. To hold less, lower GOGC (debug.SetGCPercent or the GOGC variable), which costs GC CPU, or set GOMEMLIMIT${room < b.idle ? `; the ${formatBytes(b.idle - room)} beyond the goal goes back as the scavenger works, or at once with debug.FreeOSMemory() after the spike` : ''}.`
          : `If the memory should go back to the OS, call debug.FreeOSMemory() after the spike, or set GOMEMLIMIT so the scavenger works toward a limit; better, reduce the peak${dominant ? `: ${dominant}` : ' (bound concurrency, reuse buffers)'}.`,
      position: facts.positionOf('HeapIdle'),
      evidence,
    }];
  },
};

/**
 * How the runtime sets the heap goal, a sentence of the "room before the next GC" finding. Since
 * Go 1.18 the goal counts the goroutine stacks and the globals the GC scans, not the heap alone
 * (mgcpacer.go: heapMarked + (heapMarked + stacks + globals) × GOGC/100; go1.18 counts the stack
 * space goroutines have, go1.19 and later the stack bytes the last GC scanned, so StackInuse bounds
 * it). Before, it was the live heap plus GOGC% of it. "Twice the live heap" was said of every dump:
 * the captured go1.19-audit28-deepstack's ?gc=1 dump with a 128.3 MiB stack has a 105.9 MiB goal
 * beside 168.5 KiB live. The version is the dump's own (inferred from its toolchain paths, reported
 * by a scrape) or --go-version's; without one, both rules are told.
 */
function goalRule(facts: SnapshotFacts): string {
  const inuse = facts.stats?.int('StackInuse');
  const stacks = `the goroutine stacks${inuse === undefined ? '' : ` — at most StackInuse, ${formatBytes(inuse)} —`}`;
  const since = atLeast(facts.goVersion, 18);
  if (since === true) return `Since Go 1.18 the goal is the live heap after the last GC plus GOGC% of it, of ${stacks} and of the globals: with GOGC=100, twice the live heap plus the stacks and globals.`;
  if (since === false) return 'Before Go 1.18 the goal is the live heap after the last GC plus GOGC% of it: with GOGC=100, twice the live heap.';
  return `With GOGC=100 the goal is twice the live heap after the last GC, plus, since Go 1.18, ${stacks} and the globals (the dump does not say which Go wrote it: --go-version does).`;
}

/**
 * With an RSS well below what Go holds, how much of the idle heap is surely in RAM: the pages
 * missing may be large live objects never written (residency.ts) as well as idle spans. Empty
 * without an RSS, or with one near Go's estimate.
 */
function residency(b: Breakdown, facts: SnapshotFacts, t: Thresholds): string {
  const short = rssShortfall(b, facts.process.rss, t);
  if (short === undefined) return '';
  const large = largeLiveSite(facts.profile, t.rssShortfallMinBytes);
  if (large === undefined) {
    return b.idle > short
      ? ` The RSS given is ${formatBytes(short)} below what Go holds, so not all of them are in RAM: at least ${formatBytes(b.idle - short)} is (the rest may never have been touched, or was swapped out).`
      : ` The RSS given is ${formatBytes(short)} below what Go holds, so any of them may not be in RAM (never touched, or swapped out).`;
  }
  // The missing pages can be a large live allocation never written (a ballast) rather than these spans.
  const rest = short - large.bytes;
  return ` The RSS given is ${formatBytes(short)} below what Go holds: pages not in RAM, never written or swapped out. ${largeLiveSentence(large, short)}; then ${rest <= 0 ? 'these idle spans may all be in RAM' : `at least ${formatBytes(Math.max(0, b.idle - rest))} of these idle spans is in RAM`}.`;
}

/**
 * Why goroutine stacks, not objects, left the idle spans (reasoning.md §2.5): a stack that outgrows
 * itself is copied to one twice its size and the old one freed to the heap, and a goroutine that
 * exits frees a stack that grew. Said when objects cannot have: no GC has run (NumGC = 0), and only
 * a GC frees the spans of heap objects (the captured go1.19-audit28-deepstack before its first GC:
 * 64.0 MiB idle beside a 128 MiB stack, its copy before the last doubling, was "a spike"); or the
 * idle spans are more than twice every byte of objects the program ever allocated (TotalAlloc;
 * twice, for what size classes and pages round up), so objects never filled them (the captured
 * go1.19-jsondeep: 55.8 MiB idle after 8.2 MiB allocated, beside a 64 MiB stack deep in
 * encoding/json). Undefined otherwise: after GCs a dump cannot tell a stack's old copies from a spike.
 */
function stackSpans(facts: SnapshotFacts, idle: number): string | undefined {
  const stats = facts.stats;
  const inuse = stats?.int('StackInuse');
  if (inuse === undefined || inuse <= 0) return undefined;
  if (stats?.int('NumGC') === 0) return 'no GC has run (NumGC = 0), and only a GC frees the spans of heap objects';
  const allocated = stats?.int('TotalAlloc');
  if (allocated !== undefined && idle > 2 * allocated) return `the program allocated only ${formatBytes(allocated)} of objects since it started (TotalAlloc), too little to have filled ${formatBytes(idle)} of spans`;
  return undefined;
}

/**
 * `A goroutine stack that outgrows itself is copied …: the 128.3 MiB of stacks in use (StackInuse)
 * can have left up to as much behind.` — the last part only when the stacks in use are at least
 * the idle spans (a stack's old copies add up to less than it: 64 + 32 + … < 128 MiB).
 */
function stackCopies(facts: SnapshotFacts, idle: number): string {
  const inuse = facts.stats?.int('StackInuse') ?? 0;
  const left = inuse >= idle ? `: the ${formatBytes(inuse)} of stacks in use (StackInuse) can have left up to as much behind` : '';
  return `A goroutine stack that outgrows itself is copied to one twice its size and the old one freed to the heap (a stack that grew is freed when its goroutine exits, too)${left}.`;
}
