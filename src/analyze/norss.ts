/**
 * What heapdoc cannot see without the process's RSS: memory outside the Go heap (cgo, syscall.Mmap,
 * mmap-ed files) is in no MemStats field, so a dump or a series that says little is held asks for
 * RSS (--rss) before anything is said of the process's memory.
 */
import { baseName } from '../common/paths.js';
import { formatBytes } from '../text/units.js';
import type { AllocationSite } from './profile.js';

/** The sites a dump's or a series' profile sampled, as far as these words read them. */
type Sampled = { readonly sites: readonly Pick<AllocationSite, 'function' | 'caller'>[] };

/**
 * The words asking for RSS, for what Go holds `held` (of the latest snapshot, for a series). One
 * dump: a single dump's "Most of the memory is runtime metadata" is of what Go holds (the captured
 * go1.19-audit39-offheap's ?gc=1 dump: 15.2 MiB held, 10.4 MiB of it metadata, while RSS was 800 MB
 * of syscall.Mmap). A series (`series`): churn's "the Go heap's cost is GC work" is of the Go heap
 * only, and RSS per snapshot (--rss FILE) would show memory outside it growing (the captured
 * go1.19-audit45-mmapgrow/gc1: RSS 27.1 → 124.1 MiB by syscall.Mmap beside 15.0 MiB Go held, was
 * "the cost is GC work, not memory").
 */
export function noRssWords(held: number, profile?: Sampled, series = false): string {
  const mapper = mmapCaller(profile);
  const maps = mapper ? `. This program calls syscall.Mmap (${mapper}, under ${MMAP_SITE} in the profile): what it maps is outside the Go heap, counted in RSS only. If` : '; if';
  const what = series ? 'The snapshots count' : 'A heap dump counts';
  const give = series ? ' or grew across them, give it with --rss FILE (a VmRSS line per snapshot)' : ', give it with --rss';
  return `${what} only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field${maps} the process's RSS (VmRSS in /proc/PID/status) is well above the ${formatBytes(held)} Go holds${give} to see how much is outside the Go heap.`;
}

/** The frame syscall.Mmap (and x/sys/unix.Mmap) allocates its bookkeeping in: a sampled site there names who maps memory. */
const MMAP_SITE = 'syscall.(*mmapper).Mmap';
const MMAP_FUNCTIONS = new Set([MMAP_SITE, 'syscall.Mmap', 'golang.org/x/sys/unix.(*mmapper).Mmap', 'golang.org/x/sys/unix.Mmap']);

/**
 * `main.grow main.go:19`: the program's frame that calls syscall.Mmap, when the profile sampled
 * the mapper's bookkeeping (a few hundred bytes a call, so a sample only now and then: the
 * go1.19-audit45-mmapgrow-pipe dump names `syscall.(*mmapper).Mmap ← main.grow main.go:19`).
 */
export function mmapCaller(profile: Sampled | undefined): string | undefined {
  const caller = profile?.sites.find((s) => MMAP_FUNCTIONS.has(s.function) && s.caller)?.caller;
  if (!caller) return undefined;
  const file = caller.file === undefined ? undefined : baseName(caller.file);
  return file ? `${caller.function} ${file}:${caller.line ?? '?'}` : caller.function;
}
