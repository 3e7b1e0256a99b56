/**
 * The OS threads (Ms) a goroutine dump shows held: a goroutine locked to its thread
 * (runtime.LockOSThread; debug=2 prints `locked to thread`) keeps a thread of its own for as long
 * as it stays locked, and a goroutine in a blocking syscall or cgo call keeps the thread it runs on
 * until the call returns (the runtime hands its P to another thread). Each thread has stacks of the
 * runtime's that StackInuse counts and no goroutine dump lists (go1.19 src/runtime): a 32 KiB signal
 * stack (os_linux.go mpreinit: `malg(32 * 1024)`) and, unless the binary uses cgo, an 8 KiB system
 * stack g0 (proc.go allocm: `malg(8192 * sys.StackGuardMultiplier)`; with cgo g0 runs on the
 * pthread's stack, which is outside Sys). The captured go1.19-audit48-threads: 300 goroutines
 * locked and blocked in syscall.Read, StackInuse 10.3 MiB, 300 × 32 KiB = 9.4 MiB of it the
 * threads' signal stacks.
 */
import type { GoroutineGroup, GoroutineSummary } from './model.js';
import { formatBytes, formatCount } from '../../text/units.js';

/** Each thread's signal stack, in StackInuse (runtime/os_linux.go mpreinit). */
export const SIGNAL_STACK_BYTES = 32 * 1024;

/** Each thread's system stack g0 when the binary does not use cgo, in StackInuse (runtime/proc.go allocm). */
export const G0_STACK_BYTES = 8 * 1024;

/**
 * The innermost frame of a goroutine in a syscall or a cgo call, for a dump that prints no state
 * (debug=1, a binary profile): `syscall.Syscall` (go1.19), `syscall.Syscall6`, `syscall.RawSyscall`,
 * x/sys/unix's, the runtime's own `internal/runtime/syscall.Syscall6` (go1.21+), `runtime.cgocall`.
 */
const SYSCALL_FRAME = /^(?:syscall|golang\.org\/x\/sys\/unix|internal\/runtime\/syscall|runtime\/internal\/syscall)\.(?:Raw)?Syscall(?:6|9|12|15)?(?:NoError)?$|^runtime\.cgocall$/;

/** The threads a dump shows held (threadsHeld). */
export interface ThreadsHeld {
  /** Goroutines `locked to thread` (debug=2 only). */
  locked: number;
  /** Goroutines in a syscall or cgo call: the header's `[syscall]`, or their innermost frame where no state is printed. */
  inSyscall: number;
  /** The threads they hold at least: one per goroutine locked or in a syscall (a goroutine both counts once). */
  threads: number;
}

/** How many of `g`'s goroutines are in a syscall or cgo call (ThreadsHeld.inSyscall). */
function inSyscall(g: GoroutineGroup): number {
  if (g.state !== undefined) return g.state === 'syscall' ? g.count : 0;
  const top = g.stack?.[0]?.function;
  return top !== undefined && SYSCALL_FRAME.test(top) ? g.count : 0;
}

/** The threads `dump`'s goroutines hold (ThreadsHeld); undefined when none is locked or in a syscall. */
export function threadsHeld(dump: GoroutineSummary): ThreadsHeld | undefined {
  let locked = 0;
  let syscalls = 0;
  let threads = 0;
  for (const g of dump.groups) {
    const l = g.lockedToThread ?? 0;
    const s = inSyscall(g);
    locked += l;
    syscalls += s;
    threads += Math.min(g.count, Math.max(l, s));
  }
  return threads > 0 ? { locked, inSyscall: syscalls, threads } : undefined;
}

/** The least StackInuse `threads` threads hold: their signal stacks (their g0 stacks too without cgo, which a dump cannot tell). */
export function threadStackBytes(threads: number): number {
  return threads * SIGNAL_STACK_BYTES;
}

/**
 * `300 locked to their OS thread (runtime.LockOSThread) and in a syscall` — what holds the threads:
 * locked, in a syscall, or both.
 */
export function threadsHeldWords(held: ThreadsHeld): string {
  const locked = `locked to their OS thread (runtime.LockOSThread)`;
  const syscall = 'in a syscall or cgo call';
  if (held.locked === held.threads && held.inSyscall === held.threads) return `${formatCount(held.threads)} ${locked} and ${syscall}`;
  if (held.inSyscall === 0) return `${formatCount(held.locked)} ${locked}`;
  if (held.locked === 0) return `${formatCount(held.inSyscall)} ${syscall}`;
  return `${formatCount(held.locked)} ${locked}, ${formatCount(held.inSyscall)} ${syscall}`;
}

/**
 * `at least 300 OS threads, each with a 32 KiB signal stack the runtime counts in StackInuse (9.4
 * MiB), and 8 KiB of system stack (g0) more unless the binary uses cgo, whose threads run on the
 * OS's stacks outside Sys`: what the threads cost in StackInuse.
 */
export function threadStacksWords(threads: number): string {
  return `at least ${formatCount(threads)} OS thread${threads === 1 ? '' : 's'}, each with a 32 KiB signal stack the runtime counts in StackInuse (${formatBytes(threadStackBytes(threads))}), and ${G0_STACK_BYTES / 1024} KiB of system stack (g0) more unless the binary uses cgo, whose threads run on the OS's stacks outside Sys`;
}
