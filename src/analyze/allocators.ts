/**
 * The sites that allocated most since the process started, as a heap profile counts them (its
 * alloc_space column: `allocated` in the report), named in a rule's fix when the dump has them.
 * A fix that says "find them in the allocs profile" or "bound concurrency, reuse buffers" while the
 * dump beside it names the culprit sends the reader elsewhere: the captured
 * go1.19-audit30-syncpool (main.handle main.go:22 allocated 4.6 GiB of garbage, and the program
 * already used a sync.Pool, emptied by the GC every few ms) and go1.19-audit30-readall (one
 * io.ReadAll of a 200 MB body ← main.importReport main.go:29, 99% of what was allocated).
 * The profiler's own allocations (taking the dump) are left out, as allocation.ts leaves them out.
 */
import { formatBytes, formatPercent } from '../text/units.js';
import { capitalized } from '../text/wrap.js';
import { fileLine, isCallerShare, siteKey, siteNamed, type AllocationSite, type CallerShare } from './profile.js';

/**
 * What a fix reads of a site: its name, where it is, who called it, what it allocated — one dump's
 * (profile.ts AllocationSite) or a series' (series/model.ts SeriesSite, whose allocated bytes lint's
 * summaries keep for the profiler's sites only: a site without them is not named).
 */
export type AllocatorSite = Pick<AllocationSite, 'function' | 'file' | 'line'> & Partial<Pick<AllocationSite, 'allocBytes' | 'poolNew' | 'profiler' | 'caller' | 'runtimeOnly' | 'mapBuckets'>> & { readonly callers?: readonly CallerShare[] | undefined };

/**
 * A place that allocated, with what it allocated and its share of what the profile counts
 * allocated (the profiler's own left out): a site, or a line of the program whose calls into the
 * standard library allocated there (programLines).
 */
export interface Allocator {
  /** The site; for a line of the program reached only through its calls, that frame (function, file, line). */
  site: AllocatorSite;
  bytes: number;
  share: number;
  /**
   * A line of the program counted by its calls into the standard library only: the function it
   * called there when its stacks name one (profile.ts SiteCaller.callee), else null.
   */
  calls?: string | null;
  /** The function of the site that allocated most of it (a line's calls: the library's site, `bytes.growSlice` under `io.Copy`). */
  mostly?: string;
}

/** A standard-library site's callers in the program with their bytes (its `callers`, or its only caller's share); none when it has no caller with bytes. */
function callerBytes(site: AllocatorSite): readonly CallerShare[] {
  if (site.callers) return site.callers;
  return site.caller && isCallerShare(site.caller) ? [site.caller] : [];
}

/**
 * What each place allocated, by the program's own lines (the first frame of the program's code,
 * profile.ts's caller): a standard-library site's bytes counted at the line of the program that
 * called into it, so that one call whose bytes spread over many of the library's sites is one
 * place (the captured go1.19-audit41-churn's json.Marshal at main.go:38: 5.0 GiB over eleven
 * encoding/json, reflect and internal/reflectlite sites, none above 1.6 GiB); the program's own
 * sites at theirs, with what their line's calls allocated (one line, one place); what no frame of
 * the program called (a server's bufio buffers, goroutine descriptors) at its site.
 */
function programLines(sites: readonly AllocatorSite[]): Omit<Allocator, 'share'>[] {
  const places = new Map<string, Omit<Allocator, 'share'> & { most: number }>();
  const add = (site: AllocatorSite, bytes: number, from: string, calls?: string | null): void => {
    const key = siteKey(site);
    const known = places.get(key);
    if (!known) places.set(key, { site, bytes, mostly: from, most: bytes, ...(calls !== undefined ? { calls } : {}) });
    else {
      known.bytes += bytes;
      if (bytes > known.most) {
        known.most = bytes;
        known.mostly = from;
      }
      // A site of its own at the line names it; two functions called there name none.
      if (calls === undefined) {
        known.site = site;
        delete known.calls;
      } else if (known.calls !== undefined && known.calls !== calls) known.calls = null;
    }
  };
  for (const site of sites) {
    const bytes = site.allocBytes ?? 0;
    if (site.profiler || bytes <= 0) continue;
    let rest = bytes;
    for (const k of callerBytes(site)) {
      if (k.allocBytes <= 0) continue;
      add({ function: k.function, file: k.file, line: k.line }, k.allocBytes, site.function, k.callee ?? null);
      rest -= k.allocBytes;
    }
    // What its stacks with no caller in the program allocated (a byte's float rounding is none).
    if (rest >= 1) add(rest < bytes ? { ...site, caller: undefined, callers: undefined } : site, rest, site.function);
  }
  return [...places.values()].map(({ most: _most, ...place }) => place);
}

/** The most sites a fix names. */
const NAMED = 3;
/** A site with less than this share of what was allocated is not named beside a bigger one. */
const NAMED_SHARE = 0.1;
/** One site with at least this share of what was allocated is where a peak came from (dominantAllocator). */
export const DOMINANT_SHARE = 0.5;

/**
 * The places that allocated most (programLines), biggest first, each with its share: up to three,
 * those below a tenth of the whole left out after the first. Empty when the input has no
 * allocation figures (a /debug/vars document, a scrape, a dump written with profiling off): then a
 * fix says where to find them.
 */
export function topAllocators(sites: readonly AllocatorSite[] | undefined): Allocator[] {
  const program = programLines(sites ?? []);
  const total = program.reduce((sum, s) => sum + s.bytes, 0);
  if (total <= 0) return [];
  const ranked = [...program].sort((a, b) => b.bytes - a.bytes);
  return ranked.slice(0, NAMED).map((a) => ({ ...a, share: a.bytes / total }))
    .filter((a, i) => i === 0 || a.share >= NAMED_SHARE);
}

/**
 * The one site that allocated at least half of what was allocated (DOMINANT_SHARE) and at least
 * `atLeast` bytes (what it is to explain: a peak of 44.5 MiB is not a site's 1.0 MiB, however much
 * of a small profile that is), if any; never one of the runtime's own (runtime.malg: goroutine
 * descriptors, whose peak the generic words about goroutines and stacks fit).
 */
export function dominantAllocator(sites: readonly AllocatorSite[] | undefined, atLeast = 0): Allocator | undefined {
  const [top] = topAllocators(sites);
  return top && top.share >= DOMINANT_SHARE && top.bytes >= atLeast && top.site.runtimeOnly !== true ? top : undefined;
}

/**
 * Where the fix goes: a program site at its own line (`main.handle (main.go:22)`), a line of the
 * program by what it called there (`encoding/json.Marshal at main.go:38 (main.handle)`), a
 * standard-library site whose callers' bytes are not known (`io.ReadAll ← main.importReport (main.go:29)`),
 * a pool's New said so (`main.glob..func1 (a sync.Pool's New, main.go:12)`).
 */
export function allocatorPlace(a: Pick<Allocator, 'site' | 'calls'>): string {
  const site = a.site;
  if (a.calls !== undefined) return a.calls === null ? `${site.function} (${fileLine(site.file, site.line)})` : `${a.calls} at ${fileLine(site.file, site.line)} (${site.function})`;
  if (site.caller) return `${site.function} ← ${site.caller.function} (${fileLine(site.caller.file, site.caller.line)})`;
  const named = siteNamed(site);
  return named === site.function ? `${named} (${fileLine(site.file, site.line)})` : `${named.slice(0, -1)}, ${fileLine(site.file, site.line)})`;
}

/** The generic words, when the input names no site. */
export const ALLOCATE_LESS = 'Allocate less on hot paths (find them in the allocs profile: heapdoc allocs.txt --sort alloc-space), reuse buffers (sync.Pool)';

/**
 * "Allocate less where the program allocates most: …", naming the top sites from the dump's
 * allocated column, or ALLOCATE_LESS when it has none. No trailing period. `leftOut`: places not
 * to name (their shares stay of the whole), as a site that allocated once what it still holds.
 */
export function allocateLessWords(sites: readonly AllocatorSite[] | undefined, leftOut?: (a: Allocator) => boolean): string {
  const top = topAllocators(sites).filter((a) => !leftOut?.(a));
  if (top.length === 0) return ALLOCATE_LESS;
  const named = top.map((a, i) => `${allocatorPlace(a)}, ${formatBytes(a.bytes)}${i === 0 ? ` since the process started (${share(a)} of what the dump counts allocated, the profiler's own left out)` : ` (${share(a)})`}`);
  const last = named.pop();
  return `Allocate less where the dump says the program allocates most: ${named.length > 0 ? `${named.join(', ')} and ${last}` : last}`;
}

/** `75.9%`. */
function share(a: Allocator): string {
  return formatPercent(a.share, 1);
}

/**
 * When a top site is a sync.Pool's New: the pool is emptied by every GC (since Go 1.13 its victim
 * cache keeps an item for one more GC), so GCs this frequent defeat it and New keeps allocating.
 * What to do first: the biggest other allocator's garbage, or rarer GCs (`rarer`: how, for the
 * case at hand). Undefined when no top site is a pool's New.
 */
export function poolDefeatedWords(sites: readonly AllocatorSite[] | undefined, rarer: string): string | undefined {
  const top = topAllocators(sites);
  const pool = top.find((a) => a.site.poolNew);
  if (!pool) return undefined;
  const other = top.find((a) => !a.site.poolNew);
  const fn = `${pool.site.function} (${fileLine(pool.site.file, pool.site.line)})`;
  return `The program already reuses buffers with a sync.Pool, whose New is ${fn}: every GC empties the pool (its victim cache keeps an item for one more GC only), so GCs this frequent defeat it and New keeps allocating (${formatBytes(pool.bytes)}). ${other ? `First reduce the garbage ${allocatorPlace(other)} makes, or ${rarer}` : capitalized(rarer)} so that GCs are rarer.`;
}

/** Sites that read a whole input into memory: io.ReadAll, a bytes.Buffer growing to hold it, os.ReadFile. */
const READ_WHOLE: ReadonlySet<string> = new Set([
  'io.ReadAll', 'io/ioutil.ReadAll', 'io/ioutil.ReadFile', 'os.ReadFile',
  'bytes.growSlice', 'bytes.makeSlice', 'bytes.(*Buffer).grow', 'bytes.(*Buffer).ReadFrom',
]);

/**
 * The peak's likely source when one site allocated at least half of what was allocated, and at
 * least half of `peakBytes` (the memory the peak left), with its fix: `io.ReadAll at main.go:29
 * (main.importReport) allocated 1.1 GiB, 99.8% of …: stream …`. Undefined when no site
 * dominates (the generic words stay). `counted`: whose figures they are (a series': `the latest dump`).
 */
export function dominantAllocatorWords(sites: readonly AllocatorSite[] | undefined, peakBytes: number, counted = 'the dump'): string | undefined {
  const top = dominantAllocator(sites, peakBytes / 2);
  if (!top) return undefined;
  const fix = READ_WHOLE.has(top.calls ?? top.site.function) || (top.mostly !== undefined && READ_WHOLE.has(top.mostly))
    ? 'stream it instead of reading it whole (io.Copy to where it goes, a json.Decoder on the reader)'
    : 'bound that allocation (its size, or how many are made at once)';
  return `${allocatorPlace(top)} allocated ${formatBytes(top.bytes)}, ${share(top)} of what ${counted} counts allocated since the process started (the profiler's own left out): ${fix}`;
}
