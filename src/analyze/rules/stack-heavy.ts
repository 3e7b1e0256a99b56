import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import { deepStackBytes, deepStacksOf, isTraceback, LARGE_FRAMES_STACK_BYTES, largeFramesWords, recursionOf, recursionWords, G0_STACK_BYTES, SIGNAL_STACK_BYTES, threadsHeld, threadsHeldWords, threadStackBytes, threadStacksWords, type GoroutineSummary, type ThreadsHeld } from '../goroutines/index.js';
import { descriptorSite, dumpWords } from './goroutine-descriptors.js';
import type { Finding, Rule, RuleResult } from './rule.js';
import type { Breakdown } from '../breakdown.js';
import type { Position } from '../../grammar/common/positions.js';
import { capitalized } from '../../text/wrap.js';
import { dominantBucket } from '../breakdown.js';
import { noGcYet } from '../verdict.js';

/** The minimum goroutine stack (runtime/stack.go _StackMin). */
const MIN_STACK = 2048;
/**
 * An average stack per reported goroutine above this is more than the corpus's deepest crowd (1,000
 * goroutines, 400 frames of 200 bytes: 128 KiB): the starting-size stacks of goroutines that exited
 * (a /metrics scrape of the seed burst: 19.9 MiB for 7 goroutines), or a few very deep ones.
 */
const EXITED_AVERAGE = 256 * 1024;

/**
 * What happens to a goroutine's stack (go1.19 src/runtime: gfput, stackfree, copystack): said by
 * every stack-heavy finding. Only a stack still at its starting size stays with the exited
 * goroutine's descriptor; a grown one is freed at exit.
 */
const STACK_LIFE = 'A stack that outgrows itself is copied to one twice its size, and the old one is freed. A goroutine that exits keeps its stack only at the starting size (with its descriptor, for reuse, until a GC frees it); a stack that grew is freed at exit (at the end of the cycle when a GC is running), and freed stack spans go back to the heap as idle memory.';

/**
 * Stacks that are the largest part of the memory, as the verdict's "Most of the memory is goroutine stacks" says, are worth
 * the finding from this share of stackMinBytes (4 MiB by default, 2,000 minimal stacks): the headline needs a finding that
 * explains it (the captured go1.19-audit40-connleak: 11.9 MiB of stacks, 42.1% of what Go holds, 5,748 goroutines blocked in
 * one select, had none).
 */
const DOMINANT_SHARE_OF_MIN = 0.25;

/** The advice for stacks that are deep, not many: bounding concurrency would not lower them. */
const MAKE_SHALLOW = 'make the recursion iterative (a loop over a slice used as a stack) or bound its depth, and give each frame less (large local arrays and structs take stack at every level)';

/** The fix of a finding that may be many goroutines: it starts so, and a goroutine dump of the same moment replaces it (withGoroutineDump). */
const TAKE_A_PROFILE = 'Take a goroutine profile';

/** How many goroutines the process ever made: runtime.malg's objects (the runtime never frees a descriptor); undefined where the profile does not show them. */
function descriptorCount(sites: Parameters<typeof descriptorSite>[0]): number | undefined {
  const site = descriptorSite(sites);
  const count = site ? Math.max(site.inuseObjects, site.allocObjects) : 0;
  return count > 0 ? Math.round(count) : undefined;
}

export const stackHeavy: Rule = {
  meta: {
    id: 'stack-heavy',
    defaultSeverity: 'warning',
    description: 'Goroutine stacks (StackSys) are a large part of the memory: many goroutines, or deep ones.',
    docsUrl: DOCS.memStats,
    explains: ['stacks'],
    options: {
      stackMinBytes: { kind: 'bytes', description: 'StackSys at least this (default 16MiB)' },
      stackMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const inuse = facts.stats?.int('StackInuse') ?? b?.stacks;
    if (!b || inuse === undefined) return [];
    // Stacks the verdict calls most of the memory ("Most of the memory is goroutine stacks") need less: the finding explains that headline.
    const least = DOMINANT_SHARE_OF_MIN * t.stackMinBytes;
    const floor = dominantBucket(b) === 'stacks' ? least : t.stackMinBytes;
    if (b.stacks < least || b.stacks < t.stackMinShare * b.retained) return [];
    // Below the floor, a large share only asks whose they are: a goroutine dump of the moment keeps it for large frames (withGoroutineDump).
    const noGc = facts.stats?.int('NumGC') === 0;
    if (b.stacks < floor) return [shareOnly(b, inuse, facts.positionOf('StackSys'), noGc)];
    const versusLive = versusHeap(b, noGc);
    const room = Math.round(inuse / MIN_STACK);
    // Every goroutine the process made has a descriptor the runtime never frees: fewer than the
    // stacks could be shared among at DEEP_STACK_BYTES each means some stacks are deep.
    const descriptors = descriptorCount(facts.profile.sites);
    const deep = deepStackBytes(inuse, undefined, descriptors);
    // A /metrics page says how many goroutines exist now (go_goroutines): far fewer than the
    // stacks could hold means the stacks are of goroutines that exited, or a few deep ones.
    const now = facts.process.goroutines;
    const average = now !== undefined ? inuse / Math.max(now, 1) : undefined;
    const exited = deep === undefined && average !== undefined && average > EXITED_AVERAGE;
    const counted = deep !== undefined
      ? `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(room)} goroutines at the 2 KiB minimum, but the heap profile counts about ${formatCount(descriptors ?? 0)} goroutine descriptors (runtime.malg), one for every goroutine the process made: ${formatBytes(deep)} of stack each even if all were alive, so these stacks are few and deep (recursion, large frames), not many.`
      : now === undefined
        ? `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(room)} goroutines at the 2 KiB minimum (fewer if they are deep).`
        : `StackInuse = ${formatBytes(inuse)} is enough for about ${formatCount(room)} goroutines at the 2 KiB minimum, and the process reports ${formatCount(now)} (go_goroutines), ${formatBytes(average ?? 0)} each: ${exited ? 'more than most goroutines hold, so these are most likely the starting-size stacks of goroutines that have exited, or a few deep ones' : 'deep stacks, or stacks of goroutines that have exited'}.`;
    return [{
      message: `Goroutine stacks take ${formatBytes(b.stacks)} (${formatPercent(b.stacks, b.retained)} of what Go holds), ${versusLive}.`,
      why: `${counted} ${STACK_LIFE}`,
      fix: deep !== undefined
        ? `Bounding concurrency would not lower these: take a goroutine dump (goroutine?debug=2) to see which goroutine is deep and in what — usually recursion: ${MAKE_SHALLOW}.`
        : exited
          ? 'If a burst of goroutines came and went, this is a peak, not a leak: the next GC frees their stacks, and the scavenger (or debug.FreeOSMemory) returns them to the OS; bound concurrency (a worker pool or a semaphore) to lower the peak. If a goroutine dump (goroutine?debug=2) shows a few goroutines deep in recursion instead, make the recursion iterative.'
          : `${TAKE_A_PROFILE} (/debug/pprof/goroutine?debug=1) to see how many goroutines exist and where they wait. If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it.`,
      position: facts.positionOf('StackSys'),
      evidence: { stackSysBytes: b.stacks, stackInuseBytes: inuse, retainedBytes: b.retained, ...(descriptors !== undefined ? { descriptors } : {}) },
    }];
  },
};

/**
 * The stacks beside the heap: `more than the live heap's 2.7 MiB`; before any GC (`noGc`: NumGC 0)
 * nothing was marked, so HeapAlloc is all the process allocated, as the verdict says it
 * (verdict.ts noGcYet): the go1.19 seed's routine1.after-wait, "more than the live heap's 2.7 MiB".
 */
function versusHeap(b: Breakdown, noGc: boolean): string {
  if (noGc) return `${b.stacks > b.live ? 'more than' : 'beside'} ${noGcYet(b.live)}`;
  return b.stacks > b.live ? `more than the live heap's ${formatBytes(b.live)}` : `beside a live heap of ${formatBytes(b.live)}`;
}

/**
 * Stacks of stackMinShare of what Go holds or more below stackMinBytes (from DOMINANT_SHARE_OF_MIN of it): a heap dump
 * counts no goroutines (the runtime's NumGoroutine is in neither its MemStats nor /debug/vars' memstats), so it cannot tell
 * many goroutines from few with large frames; the finding (info) says so, and withGoroutineDump keeps it only where the
 * goroutine dump of the moment shows large frames or deep stacks (a warning then). The captured go1.19-audit44-bigframes'
 * gc1/heap-t56.txt: 5.7 MiB, 30.0% of the 19.0 MiB Go holds, 44 goroutines of ~128 KiB (a 64 KiB local array each).
 */
function shareOnly(b: Breakdown, inuse: number, position: Position | undefined, noGc: boolean): RuleResult {
  const versusLive = versusHeap(b, noGc);
  return {
    message: `Goroutine stacks take ${formatBytes(b.stacks)} (${formatPercent(b.stacks, b.retained)} of what Go holds), ${versusLive}.`,
    why: `${roomWords(inuse)}: a heap dump does not count the goroutines, so it cannot tell many goroutines from few with large frames (local arrays or structs) or recursion. ${STACK_LIFE}`,
    fix: `${TAKE_A_PROFILE} of the same moment (/debug/pprof/goroutine?debug=1, given with this dump): 64 KiB or more of stack per goroutine with no recursion is large frames — keep a large array or struct on the heap rather than as a local of a long-lived function; many goroutines of a few KiB are their number's cost.`,
    severity: 'info',
    position,
    evidence: { stackSysBytes: b.stacks, stackInuseBytes: inuse, retainedBytes: b.retained, shareOnly: 1 },
  };
}

/**
 * A stack-heavy finding beside the goroutine dump of the same moment, which counts the goroutines
 * alive and shows their stacks: many goroutines (what they wait on, bound concurrency), or few
 * and deep — 4 goroutines holding 128.3 MiB, one of them in `main.deep` 97 frames deep, is one
 * recursion, which bounding concurrency cannot help (the captured go1.19-audit28-deepstack).
 * Deep by the series' rule (goroutines/stacks.ts deepStacksOf): RECURSING_DEEP_STACK_BYTES or more
 * per goroutine alive where the dump shows a recursion (the captured go1.19-audit42-deeprec at t64:
 * 40 goroutines, 918.4 KiB each, main.walk calling itself), DEEP_STACK_BYTES or more where the
 * descriptors rule out many goroutines; a few goroutines alive beside many
 * descriptors may be exited goroutines' starting-size stacks (the seed burst right after it ended:
 * 4 alive, 19.9 MiB, 10,000 descriptors), told as before.
 */
export function withGoroutineDump(f: Finding, dump: GoroutineSummary, sameStacksAs?: string): Finding | undefined {
  const inuse = typeof f.evidence?.['stackInuseBytes'] === 'number' ? f.evidence['stackInuseBytes'] : undefined;
  const descriptors = typeof f.evidence?.['descriptors'] === 'number' ? f.evidence['descriptors'] : undefined;
  if (inuse === undefined) return f;
  // Stacks below stackMinBytes (shareOnly) are a finding only where the dump shows whose they are, deep stacks or large frames: a warning then.
  const belowFloor = f.evidence?.['shareOnly'] !== undefined;
  const told = (fix: string): Finding => (belowFloor ? { ...f, why: `${roomWords(inuse)}. ${STACK_LIFE}`, fix, severity: 'warning', evidence: withoutShareOnly(f.evidence ?? {}) } : { ...f, fix });
  const alive = dump.total;
  const average = inuse / Math.max(alive, 1);
  const recursion = recursionOf(dump);
  // A dump of another moment whose heap dump had this StackInuse to the byte (combine.ts stacksDump) says whose these stacks are as well.
  const same = `The goroutine dump ${dumpWords(dump.source, sameStacksAs)} counts ${formatCount(alive)} goroutine${alive === 1 ? '' : 's'} alive`;
  const library = recursion ? undefined : recursionOf(dump, true);
  const deepByDescriptors = deepStackBytes(inuse, undefined, descriptors) !== undefined;
  // The series' rule (deepStacksOf): RECURSING_DEEP_STACK_BYTES each beside a recursion, DEEP_STACK_BYTES each otherwise.
  const deep = deepStacksOf(inuse, alive, undefined, recursion ?? library) !== undefined && (recursion !== undefined || library !== undefined || deepByDescriptors);
  if (deep) {
    const what = recursion ? `${recursionWords(recursion)}: ${MAKE_SHALLOW}.`
      : library ? `${recursionWords(library)}: the standard library walking a deeply nested value, which it follows one call deeper per level; bound how deeply what it is given nests.`
        : `The Goroutines section shows how deep each group's stack is; the deepest is usually a recursion: ${MAKE_SHALLOW}.`;
    return told(`${same}, ${formatBytes(average)} of stack each on average: deep stacks, not many goroutines, so bounding concurrency would not lower them. ${what}`);
  }
  if (recursion && !belowFloor) {
    const where = recursion.goroutines === alive ? '' : ` in ${formatCount(recursion.goroutines)} of them`;
    return { ...f, fix: `${same}, ${formatBytes(average)} of stack each on average, and ${recursionWords(recursion)}${where}: each such stack is deep. ${capitalized(MAKE_SHALLOW)}; if the goroutines are finished work, bound concurrency (a worker pool or a semaphore) to lower the peak.` };
  }
  // Threads held by goroutines locked to them or in syscalls: each thread's signal stack is in StackInuse, and no goroutine lists it (goroutines/threads.ts).
  const threads = threadsHeld(dump);
  const threadBytes = threads ? threadStackBytes(threads.threads) : 0;
  if (threads && threadBytes >= THREADS_EXPLAIN_SHARE * inuse) return threadsFinding(f, same, threads, inuse, alive);
  // Large frames, no recursion: more goroutines would not be the cause, each one's frames are (goroutines/stacks.ts largeFramesWords).
  const frames = library ? undefined : largeFramesWords(inuse, alive, dump.groups, undefined);
  if (frames) return told(`${same}: ${frames}. Bounding concurrency lowers them only by the goroutines it removes; give each goroutine less stack — keep a large array or struct on the heap (make it once per goroutine, or take it from a sync.Pool) rather than as a local of a long-lived function.`);
  // Neither the goroutines counted, their frames, their threads nor the starting-size stacks exited goroutines may keep (one per
  // descriptor beyond those alive) add up to these stacks: said, not left silent or put down to the goroutines (audit 48).
  const exitedRoom = Math.max((descriptors ?? 0) - alive, 0) * MIN_STACK;
  if (threadBytes + exitedRoom + alive * LARGE_FRAMES_STACK_BYTES < EXPLAINED_SHARE * inuse) return unexplained(f, same, inuse, alive, threads, !isTraceback(dump));
  if (belowFloor) return undefined;
  // Not "take a goroutine profile" (or dump) when one of the same moment was given.
  if (!f.fix.startsWith(TAKE_A_PROFILE) && !deepByDescriptors) return f;
  // Most of them in one group of the program's: named, with what their smallest stacks hold (the captured go1.19-audit40-connleak: 5,748 of 5,752).
  const top = dump.groups.filter((g) => !g.benign).reduce<(typeof dump.groups)[number] | undefined>((a, g) => (g.count > (a?.count ?? 0) ? g : a), undefined);
  const most = top && top.count >= 0.5 * alive
    ? `, ${formatCount(top.count)} of them ${top.function}${top.state ? ` [${top.state}]` : ''}${top.createdBy ? ` ← created by ${top.createdBy}` : ''} (${formatBytes(top.count * MIN_STACK)} of stack at the 2 KiB minimum)`
    : '';
  return { ...f, fix: `${same}${most}: see what they wait on (the Goroutines section groups them by stack and wait state). If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it${most ? '; if they wait for what never comes, they leak — each keeps its stack until it ends' : ''}.` };
}

/**
 * Threads' signal stacks at least this share of StackInuse explain the stacks (withGoroutineDump): the captured
 * go1.19-audit48-threads, 300 goroutines locked to their threads in syscall.Read, 9.4 MiB of its 10.3 MiB.
 */
const THREADS_EXPLAIN_SHARE = 0.5;

/**
 * Where the dump shows no recursion or large frames, the goroutines alive at up to LARGE_FRAMES_STACK_BYTES each (below
 * it, a stack grown by ordinary frames, which shrinks only at a GC: the go1.19-pprof burst's 10,005 goroutines, 32 KiB
 * each after a recursion 20 deep), the threads' signal stacks and the starting-size stacks of the exited goroutines the
 * descriptors count must make up this share of StackInuse, or the dump does not explain the stacks (the captured
 * go1.19-fixthreads48-idlethreads: 4 goroutines beside 9.8 MiB, the signal stacks of 306 threads made for a burst of
 * blocking reads that ended).
 */
const EXPLAINED_SHARE = 0.5;

/** The advice for threads held by locked goroutines (`locked`) and by syscalls (`inSyscall`). */
function threadsFix(threads: ThreadsHeld): string {
  const lock = threads.locked > 0 ? 'A goroutine locked to its thread keeps it until it unlocks or ends: call runtime.LockOSThread only where the thread itself matters (thread-local state of a C library, a namespace or credentials set per thread) and runtime.UnlockOSThread when done, or give that work to a few locked goroutines rather than locking one per task.' : '';
  const syscall = threads.inSyscall > 0 ? 'A goroutine blocked in a syscall holds its thread until the call returns: bound how many block at once (a worker pool or a semaphore), or read through os.File or net.Conn, whose reads of pipes and sockets wait in the netpoller without a thread of their own.' : '';
  return [lock, syscall, THREADCREATE].filter((x) => x !== '').join(' ');
}

/** How to count the threads themselves: the threadcreate profile's header. */
const THREADCREATE = "/debug/pprof/threadcreate?debug=1's first line (threadcreate profile: total N) counts the threads the process made.";

/**
 * The stacks explained by threads (withGoroutineDump): the goroutines locked to their threads or in syscalls hold at least
 * as many threads, each with a signal stack in StackInuse; the goroutines' own stacks are the rest. The severity stays the
 * finding's: the threads are what the program asked for, whose cost the finding names.
 */
function threadsFinding(f: Finding, same: string, threads: ThreadsHeld, inuse: number, alive: number): Finding {
  const rest = Math.max(inuse - threadStackBytes(threads.threads), 0);
  return {
    ...f,
    message: `${f.message.replace(/^Goroutine stacks/, 'Stacks').replace(/\.$/, '')}: most of it the signal stacks of OS threads, not goroutines.`,
    why: `${same}, ${threadsHeldWords(threads)}: each holds a thread of its own, so ${threadStacksWords(threads.threads)}. The ${formatCount(alive)} goroutines' own stacks are the rest, about ${formatBytes(rest)} (${formatBytes(rest / Math.max(alive, 1))} each): StackInuse = ${formatBytes(inuse)} is the threads' cost, not the goroutines'.`,
    fix: threadsFix(threads),
    evidence: { ...withoutShareOnly(f.evidence ?? {}), goroutines: alive, threads: threads.threads, threadStackBytes: threadStackBytes(threads.threads) },
  };
}

/**
 * Stacks below stackMinBytes that the goroutines a dump counts do not explain (withGoroutineDump): more per goroutine than
 * ordinary frames hold, with no recursion, large frames or threads to show for it — said rather than dropped (audit 48:
 * the finding went silent beside the dump). What else StackInuse holds is named.
 */
function unexplained(f: Finding, same: string, inuse: number, alive: number, threads: ThreadsHeld | undefined, cut: boolean): Finding {
  const threadBytes = threads ? threadStackBytes(threads.threads) : 0;
  const held = threads ? ` (${threadsHeldWords(threads)}, holding as many threads, whose signal stacks take ${formatBytes(threadBytes)})` : '';
  const each = `${formatBytes((inuse - threadBytes) / Math.max(alive, 1))} of stack each on average${threads ? ' beyond those' : ''}`;
  // debug=1 prints 32 calls of a stack: a recursion deeper than that may not show (the captured go1.19-audit42-deeprec's goroutine1-t64.txt).
  const deeper = cut ? 'Their stacks may be deeper than the 32 calls a debug=1 dump prints of each (a recursion). ' : '';
  return {
    ...f,
    why: `${same}${held}, ${each} — more than goroutines of ordinary frames hold (2–8 KiB), and the dump shows no recursion or large frames: these goroutines do not explain StackInuse = ${formatBytes(inuse)}. ${deeper}StackInuse also holds what no goroutine dump lists: each OS thread's 32 KiB signal stack (and ${G0_STACK_BYTES / 1024} KiB of system stack without cgo), threads made earlier and idle now included, and the starting-size stacks of goroutines that exited, kept with their descriptors until a GC. ${STACK_LIFE}`,
    fix: `${cut ? 'Take goroutine?debug=2 of the same moment: it prints up to 100 calls of each stack, enough to show a recursion. ' : ''}Count the threads: ${THREADCREATE} ${formatBytes(inuse)} would be the signal stacks of about ${formatCount(Math.round(inuse / SIGNAL_STACK_BYTES))} threads. Threads far more than the goroutines alive were made by a past burst of blocking syscalls, cgo calls or locked goroutines (runtime.LockOSThread), and the runtime keeps every thread it made; bound such bursts (a worker pool or a semaphore in front of the blocking call). A heap dump read right after a GC (?gc=1) shows whether they were exited goroutines' stacks instead: the GC frees those.`,
    evidence: { ...withoutShareOnly(f.evidence ?? {}), goroutines: alive },
  };
}

/** `StackInuse = 5.7 MiB is about 2,896 goroutines at the 2 KiB a stack starts at, or fewer with larger stacks`. */
function roomWords(inuse: number): string {
  return `StackInuse = ${formatBytes(inuse)} is about ${formatCount(Math.round(inuse / MIN_STACK))} goroutines at the 2 KiB a stack starts at, or fewer with larger stacks`;
}

/** The evidence without shareOnly's mark. */
function withoutShareOnly(evidence: Record<string, number | string>): Record<string, number | string> {
  const { shareOnly: _, ...rest } = evidence;
  return rest;
}
