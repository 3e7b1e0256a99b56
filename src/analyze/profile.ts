/**
 * The sampled half of a heap dump: totals and allocation sites, unsampled as pprof does.
 * A site is the first frame outside package runtime (reasoning.md §4); records whose every frame
 * is in the runtime (runtime.malg: goroutine descriptors) keep their first frame past the
 * allocator's entry points (runtime.mallocgc, newobject…) as the site.
 */
import type { Position } from '../grammar/common/positions.js';
import type { BucketCounts, HeapStack, SampledSites } from '../grammar/heap/index.js';
import type { FrameRows } from '../grammar/heap/model.js';
import { samplingPeriod } from '../grammar/heap/model.js';
import { heapSampleScale, scaled } from './unsample.js';
import { isHttpClientFunction, isStandardLibrary } from './goroutines/frames.js';
import { baseName } from '../common/paths.js';
import { countOf, formatChange, formatCount } from '../text/units.js';

export interface Usage {
  inuseObjects: number;
  inuseBytes: number;
  allocObjects: number;
  allocBytes: number;
}

/**
 * A site with bytes in use or allocated: one whose records are all zeros (a bucket the profile keeps
 * after its objects were freed and counted out) is never listed. A delta profile's in-use may be
 * negative (freed in its window): listed too.
 */
export function hasBytes(site: Usage): boolean {
  return site.inuseBytes !== 0 || site.allocBytes > 0;
}

export interface AllocationSite extends Usage {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /** Every frame of the site's stacks is in the runtime (e.g. runtime.malg). */
  runtimeOnly: boolean;
  /**
   * Every stack of the site runs through the profiler (runtime/pprof, net/http/pprof): memory the
   * act of taking dumps allocates, labelled as such and never leak evidence.
   */
  profiler: boolean;
  /**
   * Every stack of the site calls it from `sync.(*Pool).Get`: a pool's New made these objects,
   * which the pool keeps for reuse between GCs (since Go 1.13 it drops one unused for two GCs).
   */
  poolNew: boolean;
  /**
   * Every stack of the site shows the runtime's map code under the site's frame (isMapFunction:
   * `runtime.hashGrow`, `runtime.mapassign_fast64`, Go 1.24+ `internal/runtime/maps.…`): a map's
   * bucket array and overflow buckets, made for a map assignment or `make` at the line. Go's own
   * writers hide those frames at a stack's top (a go1.19 heap?debug=1 dump prints only their PCs),
   * so a dump that does not name them never makes a site a map's. Absent: not a map's.
   */
  mapBuckets?: boolean;
  /**
   * A standard-library site every one of whose stacks with a caller in the program runs through
   * net/http's client between the site and that caller (isHttpClientFunction): allocated for a
   * request the caller made, whatever package allocated it (go1.19-audit29-blocked's
   * net/textproto.MIMEHeader.Set ← main.leakyGet under `client.Get`). Absent otherwise.
   */
  httpRequest?: boolean;
  /**
   * The stacks that allocate here, biggest in-use first; the first one is shown as "the" stack.
   * Made when first read (a big dump's sites have 78,000 stacks between them): a reader that
   * needs only how many there are, or the first, reads `stackCount` or `topStack`.
   */
  readonly stacks: readonly StackShare[];
  /** The first `n` of `stacks`, without building the rest (a site of the 100 MB bench dump has thousands): samelines.ts. */
  firstStacks?(n: number): readonly StackShare[];
  /** How many stacks allocate here (`stacks.length`, without making them). */
  readonly stackCount: number;
  /** The biggest stack (`stacks[0].stack`, without making the others). */
  readonly topStack: HeapStack | undefined;
  /**
   * A site in the standard library (`time.NewTimer`, `strings.(*Builder).grow`): the program's
   * first frame out from it in its biggest stack (`main.runTimers` main.go:102), where the fix
   * goes; undefined for the program's own sites and when no frame of the program is on the stack.
   * When it is the site's only caller, a CallerShare: what its stacks allocate there (a series
   * compares a caller's bytes across snapshots, series/index.ts callerTrends).
   */
  caller?: SiteCaller | CallerShare | undefined;
  /**
   * A standard-library site reached from two or more of the program's frames (`caller` is the
   * biggest stack's only): each with what its stacks allocate there, most in use first.
   */
  callers?: CallerShare[] | undefined;
}

/** The program's frame that called into a standard-library site. */
export interface SiteCaller {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /**
   * The function the frame's line called (the frame just inside it: `encoding/json.Marshal` for
   * `main.handle` main.go:38 whose stacks end in encoding/json.mapEncoder.encode), when every stack
   * of the share names the same one; what a fix names the line by (allocators.ts allocatorPlace).
   */
  callee?: string | undefined;
}

/** One of a standard-library site's callers in the program, with what its stacks allocate there. */
export interface CallerShare extends SiteCaller {
  inuseBytes: number;
  allocBytes: number;
}

/** A caller with what its stacks allocate there (AllocationSite.caller when it is the only one). */
export function isCallerShare(caller: SiteCaller | CallerShare): caller is CallerShare {
  return 'inuseBytes' in caller;
}

/**
 * The callers in the program of a standard-library site's stacks, keyed by function, then file,
 * then line (names are interned strings: a key string built per stack cost ~5 % of the whole run
 * on a dump of 78,000 stacks into the standard library). Each stack's caller is found while the
 * stacks are read in the dump's order (summarizeProfile), its frames just walked for its site:
 * walked later, in the order of the site's stacks by size, the same frames were a cache miss each
 * (~1 µs a stack on a dump whose frames never repeat).
 */
class CallerIndex {
  private readonly byFunction = new Map<string, Map<string | undefined, Map<number | undefined, CallerShare>>>();

  /** The share of the caller at frame `at` of `stack`, its sums zero until `callerShares` adds them. */
  shareOf(stack: HeapStack, at: number): CallerShare {
    const fn = stack.functionAt(at) as string;
    const file = stack.fileAt(at);
    const line = stack.lineAt(at);
    let files = this.byFunction.get(fn);
    if (!files) this.byFunction.set(fn, (files = new Map()));
    let lines = files.get(file);
    if (!lines) files.set(file, (lines = new Map()));
    const callee = stack.functionAt(at - 1);
    let share = lines.get(line);
    if (!share) lines.set(line, (share = { function: fn, file, line, callee, inuseBytes: 0, allocBytes: 0 }));
    // Two functions called at one line (`f(strings.Repeat(…), fmt.Sprint(…))`): neither names it.
    else if (share.callee !== callee) share.callee = undefined;
    return share;
  }
}

/**
 * The callers of a site's stacks (`ordinals`, its stacks sorted biggest first), biggest first:
 * each stack's bytes added to its caller's share in that order (floating-point sums print the
 * same digits only in the same order), the shares in the order first seen, as ties keep it after
 * the sort.
 */
function callerShares(columns: StackColumns, ordinals: readonly number[]): CallerShare[] {
  const shares: CallerShare[] = [];
  const listed = new Set<CallerShare>();
  const usage = columns.usage;
  for (const o of ordinals) {
    const share = columns.callers[o];
    if (share === undefined) continue;
    share.inuseBytes += usage[USAGE_COLUMNS * o + INUSE_BYTES] as number;
    share.allocBytes += usage[USAGE_COLUMNS * o + ALLOC_BYTES] as number;
    if (!listed.has(share)) {
      listed.add(share);
      shares.push(share);
    }
  }
  return shares.sort((a, b) => b.inuseBytes - a.inuseBytes || b.allocBytes - a.allocBytes);
}

/** One stack of a site and what it allocates there. */
export interface StackShare {
  stack: HeapStack;
  usage: Usage;
  /** The index of the site's frame in the stack (siteFrame), -1 for none. */
  siteIndex: number;
}

/** A stack's four usage numbers in StackColumns.usage, at USAGE_COLUMNS × its ordinal. */
const USAGE_COLUMNS = 4;
const INUSE_OBJECTS = 0;
const INUSE_BYTES = 1;
const ALLOC_OBJECTS = 2;
const ALLOC_BYTES = 3;

/**
 * What each stack of a profile allocates at its site, in columns by the stack's ordinal (its place
 * in the dump's stacks): its usage, its site frame's index, and a standard-library site's caller.
 * A StackShare object per stack (and a box for each of its numbers past a small integer) was
 * ~400,000 objects on a dump of 78,000 stacks, kept to the report's end and copied by every
 * collection; a site makes its StackShares when a reader first asks for them (the TUI, --escape).
 */
class StackColumns {
  readonly usage: Float64Array;
  readonly siteIndexes: Int32Array;
  /** A standard-library site's stack: its caller in the program (CallerIndex), if it has bytes and one. */
  readonly callers: (CallerShare | undefined)[];

  constructor(readonly stacks: readonly HeapStack[]) {
    this.usage = new Float64Array(USAGE_COLUMNS * stacks.length);
    this.siteIndexes = new Int32Array(stacks.length);
    this.callers = new Array<CallerShare | undefined>(stacks.length).fill(undefined);
  }

  share(o: number): StackShare {
    const u = USAGE_COLUMNS * o;
    const usage = this.usage;
    return {
      stack: this.stacks[o] as HeapStack,
      usage: { inuseObjects: usage[u + INUSE_OBJECTS] as number, inuseBytes: usage[u + INUSE_BYTES] as number, allocObjects: usage[u + ALLOC_OBJECTS] as number, allocBytes: usage[u + ALLOC_BYTES] as number },
      siteIndex: this.siteIndexes[o] as number,
    };
  }
}

/** A site of summarizeProfile: its stacks kept as ordinals of the profile's StackColumns until a reader asks for them. */
class ProfileSite implements AllocationSite {
  readonly function: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly runtimeOnly: boolean;
  inuseObjects = 0;
  inuseBytes = 0;
  allocObjects = 0;
  allocBytes = 0;
  profiler = true;
  poolNew = true;
  mapBuckets: boolean;
  /** A standard-library site: its stacks' callers in the program are named (isStandardLibrary, asked once). */
  readonly standard: boolean;
  declare caller?: SiteCaller | CallerShare | undefined;
  declare callers?: CallerShare[] | undefined;
  declare httpRequest?: boolean;
  /** Each stack with a caller so far ran through net/http's client to it (undefined: no such stack yet). */
  #viaClient: boolean | undefined;
  /** The site's stacks as ordinals of `#columns`, biggest in use first once sorted. */
  readonly #ordinals: number[] = [];
  readonly #columns: StackColumns;
  #stacks: StackShare[] | undefined;

  constructor(fn: string, file: string | undefined, line: number | undefined, runtimeOnly: boolean, columns: StackColumns) {
    this.function = fn;
    this.file = file;
    this.line = line;
    this.runtimeOnly = runtimeOnly;
    this.mapBuckets = !runtimeOnly;
    this.standard = isStandardLibrary(fn);
    this.#columns = columns;
  }

  get stacks(): readonly StackShare[] {
    return (this.#stacks ??= this.#ordinals.map((o) => this.#columns.share(o)));
  }

  firstStacks(n: number): readonly StackShare[] {
    return this.#stacks?.slice(0, n) ?? this.#ordinals.slice(0, n).map((o) => this.#columns.share(o));
  }

  get stackCount(): number {
    return this.#ordinals.length;
  }

  get topStack(): HeapStack | undefined {
    const top = this.#ordinals[0];
    return top === undefined ? undefined : this.#columns.stacks[top];
  }

  /** Adds stack `o` (its usage already in the columns) to the site. */
  add(o: number): void {
    const u = USAGE_COLUMNS * o;
    const usage = this.#columns.usage;
    this.inuseObjects += usage[u + INUSE_OBJECTS] as number;
    this.inuseBytes += usage[u + INUSE_BYTES] as number;
    this.allocObjects += usage[u + ALLOC_OBJECTS] as number;
    this.allocBytes += usage[u + ALLOC_BYTES] as number;
    this.#ordinals.push(o);
  }

  /** A stack whose frames' bits are `bits`, its site frame `index` and caller in the program `at`, is one more of the site's (httpRequest). */
  addCaller(bits: Uint16Array, index: number, at: number): void {
    if (this.#viaClient === false) return;
    let through = false;
    for (let i = index; i < at && !through; i++) through = ((bits[i] as number) & HTTP_CLIENT) !== 0;
    this.#viaClient = through;
  }

  /** Sorts the stacks biggest in use first (then allocated; ties keep the dump's order), and names a standard-library site's callers. */
  finish(facts: FrameFacts): void {
    const ordinals = this.#ordinals;
    const columns = this.#columns;
    const usage = columns.usage;
    ordinals.sort((a, b) => (usage[USAGE_COLUMNS * b + INUSE_BYTES] as number) - (usage[USAGE_COLUMNS * a + INUSE_BYTES] as number)
      || (usage[USAGE_COLUMNS * b + ALLOC_BYTES] as number) - (usage[USAGE_COLUMNS * a + ALLOC_BYTES] as number));
    // Only the standard library's sites, and from the biggest stack: the fix is in the code that called them.
    const top = ordinals[0];
    if (top === undefined || this.profiler || !this.standard) return;
    if (this.#viaClient === true) this.httpRequest = true;
    const caller = callerFrom(columns.stacks[top] as HeapStack, columns.siteIndexes[top] as number, facts);
    // Other call paths into the same site: naming only the biggest stack's caller hid the rest.
    const shares = ordinals.length > 1 ? callerShares(columns, ordinals) : undefined;
    if (shares && shares.length > 1) this.callers = shares;
    if (caller) {
      // The only caller, with its bytes (all the site's when it has one stack).
      const [share] = shares ?? [];
      const only = shares === undefined ? { ...caller, inuseBytes: this.inuseBytes, allocBytes: this.allocBytes }
        : shares.length === 1 && share && sameFrame(share, caller) ? share : undefined;
      this.caller = only ?? caller;
    }
  }
}

/**
 * How the sampled profile was written, as the analysis keeps it (from a text dump's header line
 * or a binary profile): what rules may ask of a profile's origin without reading the input.
 */
export interface ProfileFormat {
  /** `heap` (Go's runtime/pprof); `heap_v2`, `heapz_v2`, `heapprofile` (gperftools). */
  name: string;
  /** Profiling was off when it was written (`@ heap/0`: MemProfileRate = 0). */
  profilingOff: boolean;
  /** A binary (protobuf) profile: its values were unsampled by the runtime. */
  binary: boolean;
  /** A delta profile's window in ms (heap?seconds=N, ProfileHeader.deltaMs): its numbers are changes over it, not totals. */
  deltaMs?: number;
  /** Where the input says so (the header line). */
  position: Position;
}

/**
 * `a delta profile over 5.0 s (heap?seconds=5): in-use and allocated are changes in that window,
 * not totals`, for a delta profile (ProfileFormat.deltaMs); undefined for a whole one. net/http/pprof
 * serves heap?seconds=N as the profile at the end less the one at the start (serveDeltaProfile):
 * in-use is negative where more was freed than kept (audit 48's hostile heap-delta-5s.pb.gz).
 */
export function deltaProfileWords(format: ProfileFormat | undefined): string | undefined {
  const window = deltaWindow(format);
  return window && `a delta profile ${window}: in-use and allocated are changes in that window, not totals`;
}

/** `over 5.0 s (heap?seconds=5)`: a delta profile's window; undefined for a whole profile. */
export function deltaWindow(format: ProfileFormat | undefined): string | undefined {
  const ms = format?.deltaMs;
  if (ms === undefined) return undefined;
  const seconds = Math.round(ms / 1000);
  return `over ${ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`}${seconds >= 1 ? ` (heap?seconds=${seconds})` : ''}`;
}

/**
 * A delta profile's site whose sizes moved both ways in the window (a slice grown: its old backing
 * array freed, the new one kept): what was freed and what was kept, each a sum of its sizes'
 * in-use changes, so a net `±0` objects at +1.6 MiB reads as it happened (the hostile capture's
 * main.go:30: 2 objects of 344.0 KiB freed, 2 larger kept). Undefined when it moved one way only.
 * (A binary profile's values are the runtime's estimates already: read as they are.)
 */
export function deltaSiteSplit(site: AllocationSite): { freed: Usage; kept: Usage } | undefined {
  const freed = emptyUsage();
  const kept = emptyUsage();
  const counts = emptyUsage();
  for (const { stack } of site.stacks) {
    for (let i = 0; i < stack.bucketCount; i++) {
      stack.countsAt(i, counts);
      addUsage(counts.inuseBytes < 0 ? freed : kept, counts);
    }
  }
  return freed.inuseBytes < 0 && kept.inuseBytes > 0 ? { freed, kept } : undefined;
}

/** `in the window: freed −703.1 KiB in 2 objects, kept +2.3 MiB in 2`: deltaSiteSplit in words, for the reports. */
export function deltaSplitWords(site: AllocationSite): string | undefined {
  const split = deltaSiteSplit(site);
  if (!split) return undefined;
  const { freed, kept } = split;
  return `in the window: freed ${formatChange(freed.inuseBytes)} in ${countOf(-freed.inuseObjects, 'object')}, kept ${formatChange(kept.inuseBytes)} in ${formatCount(kept.inuseObjects)}`;
}

/**
 * Written by Go's runtime/pprof (`@ heap/N`, or a protobuf profile), or of unknown origin: not a
 * gperftools profile (`heapz_v2`, `heapprofile`), whose program has no GC (not-a-go-profile).
 */
export function writtenByGo(format: ProfileFormat | undefined): boolean {
  return format === undefined || format.name === 'heap';
}

export interface ProfileSummary extends Usage {
  /** How the profile was written; undefined when the snapshot has none (a MemStats-only source). */
  format: ProfileFormat | undefined;
  /** MemProfileRate: the average bytes between samples (header rate / 2 for Go); 0 when profiling was off. */
  samplingRate: number | undefined;
  /** True when every allocation was recorded (MemProfileRate = 1): the numbers are exact. */
  exact: boolean;
  sites: AllocationSite[];
  recordCount: number;
}

/**
 * A test of a function name, memoized: the analysis asks it of every frame of every stack (a
 * million in a big dump), of a few thousand names.
 */
function byFunctionName(test: (fn: string) => boolean): (fn: string) => boolean {
  const known = new Map<string, boolean>();
  return (fn) => {
    let result = known.get(fn);
    if (result === undefined) {
      result = test(fn);
      if (known.size < 1 << 16) known.set(fn, result);
    }
    return result;
  };
}

/** `runtime.` and, since go1.24/25, `internal/runtime/…` frames are the allocator's own. */
export const isRuntimeFunction = byFunctionName((fn) => packageOf(fn) === 'runtime' || fn.startsWith('internal/runtime/'));

/**
 * The import path of a Go function name: `net/http.(*conn).serve` → `net/http`,
 * `gopkg.in/yaml%2ev3.(*decoder).unmarshal` → `gopkg.in/yaml%2ev3` (as the symbol spells it: a dot
 * in the last segment escaped), `main.main` → `main`.
 */
export function packageOf(fn: string): string {
  const slash = fn.lastIndexOf('/');
  const dot = fn.indexOf('.', slash + 1);
  return dot < 0 ? fn : fn.slice(0, dot);
}

export function emptyUsage(): Usage {
  return { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };
}

/** Adds `u` into `into`. */
export function addUsage(into: Usage, u: Usage): void {
  into.inuseObjects += u.inuseObjects;
  into.inuseBytes += u.inuseBytes;
  into.allocObjects += u.allocObjects;
  into.allocBytes += u.allocBytes;
}

/** readStackUsage's bucket, read into and used at once. */
const BUCKET_SCRATCH: BucketCounts = { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };

/** Stack `o`'s usage, unsampled, into its row of `usage`. */
function readStackUsage(stack: HeapStack, period: number | undefined, usage: Float64Array, o: number): void {
  // Summed in locals: an object per bucket and `addUsage` (called with objects of many shapes,
  // so megamorphic) were a tenth of a 100 MB dump's analysis.
  let inuseObjects = 0;
  let inuseBytes = 0;
  let allocObjects = 0;
  let allocBytes = 0;
  // A scale, not scaleHeapSample's pair: two arrays per bucket, 150,000 stacks in a big dump.
  // Counts read into one scratch object: a text dump's buckets are columns, an object each
  // (`buckets`) was ~140,000 objects made and dropped on a big dump.
  const b = BUCKET_SCRATCH;
  for (let i = 0; i < stack.bucketCount; i++) {
    stack.countsAt(i, b);
    const inuse = heapSampleScale(b.inuseObjects, b.inuseBytes, period);
    const alloc = heapSampleScale(b.allocObjects, b.allocBytes, period);
    inuseObjects += scaled(b.inuseObjects, inuse);
    inuseBytes += scaled(b.inuseBytes, inuse);
    allocObjects += scaled(b.allocObjects, alloc);
    allocBytes += scaled(b.allocBytes, alloc);
  }
  const u = USAGE_COLUMNS * o;
  usage[u + INUSE_OBJECTS] = inuseObjects;
  usage[u + INUSE_BYTES] = inuseBytes;
  usage[u + ALLOC_OBJECTS] = allocObjects;
  usage[u + ALLOC_BYTES] = allocBytes;
}

/** Packages whose frames mark an allocation as the profiler's own (writing a dump allocates). */
const PROFILER_PACKAGES = new Set(['runtime/pprof', 'net/http/pprof']);

function isProfilerStack(bits: Uint16Array, depth: number): boolean {
  for (let i = 0; i < depth; i++) if (((bits[i] as number) & PROFILER) !== 0) return true;
  return false;
}

const isProfilerFunction = byFunctionName((fn) => PROFILER_PACKAGES.has(packageOf(fn)));

/** What the profiler's own sites and goroutines (writing a dump allocates, and runs) are called, in brackets after their function. */
export const PROFILER_HINT = "the profiler's own";

/** The phrase after a site a sync.Pool's New made its objects at. */
export const POOL_NEW_HINT = "a sync.Pool's New";

/**
 * A site as a headline names it: `main.glob..func1 (a sync.Pool's New)`, so a pool's buffers are not
 * read as the program's own code; `main.addSessions (a map's buckets)`, so a map's are not read as a
 * slice's or a cache's (MAP_BUCKETS_NOTE says why they stay).
 */
export function siteNamed(site: NamedHint): string {
  const hint = namedHint(site);
  return hint ? `${site.function} (${hint})` : site.function;
}

/** What a site's name says it is made by, when its function does not. */
type NamedHint = { readonly function: string; readonly poolNew?: boolean | undefined; readonly mapBuckets?: boolean | undefined };

/** The phrase siteNamed puts after a site's function: a pool's New, a map's buckets; undefined for the program's own. */
function namedHint(site: NamedHint): string | undefined {
  return site.poolNew ? POOL_NEW_HINT : site.mapBuckets === true ? MAP_BUCKETS_HINT : undefined;
}

/** What names a site in a list: its function, where it is, what made it, who called it. */
export interface NamedSite {
  readonly function: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly poolNew?: boolean | undefined;
  readonly mapBuckets?: boolean | undefined;
  readonly caller?: SiteCaller | undefined;
  readonly callers?: readonly CallerShare[] | undefined;
}

/** ` (+2 more callers)` after a site's caller when other frames of the program call it too, or ''. */
export function moreCallers(site: Pick<NamedSite, 'callers'>): string {
  const more = (site.callers?.length ?? 1) - 1;
  return more > 0 ? ` (+${more} more caller${more === 1 ? '' : 's'})` : '';
}

/** `main.go:102`: a file's base name and a line. */
export function fileLine(file: string | undefined, line: number | undefined): string {
  return `${file !== undefined ? baseName(file) : '?'}:${line ?? '?'}`;
}

/**
 * A site as a list of sites (`all`) names it: `siteNamed`, then its own `(sleep.go:87)` when
 * another site of the list has the same function (two rows of one name read the same otherwise),
 * or names it as its caller with a line (`main.produce (main.go:35)` beside `fmt.Sprintf ←
 * main.produce (main.go:35)`: the two are one line's), then, for a standard-library site, the
 * program's frame that called it: `time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102)`.
 */
export function siteLabel(site: NamedSite, all: readonly NamedSite[] = []): string {
  const twin = all.some((o) => o !== site && ((o.function === site.function && (o.file !== site.file || o.line !== site.line)) || (site.caller === undefined && o.caller?.function === site.function)));
  // One bracket for what made it and where: `main.newSessionState (a map's buckets, main.go:33)`.
  const said = [namedHint(site), twin ? fileLine(site.file, site.line) : undefined].filter((w) => w !== undefined);
  const caller = site.caller ? ` ← ${site.caller.function} (${fileLine(site.caller.file, site.caller.line)})${moreCallers(site)}` : '';
  return `${site.function}${said.length > 0 ? ` (${said.join(', ')})` : ''}${caller}`;
}

/** A site's or a frame's identity as a key: its function, file and line (across snapshots, or to sum by). */
export function siteKey(site: { readonly function: string; readonly file: string | undefined; readonly line: number | undefined }): string {
  return `${site.function}\t${site.file ?? ''}\t${site.line ?? ''}`;
}

/** The same frame of the program (names are interned, so === compares them). */
function sameFrame(a: SiteCaller, b: SiteCaller): boolean {
  return a.function === b.function && a.file === b.file && a.line === b.line;
}

/** The program's frame out from frame `index` of `stack` (the first not in the standard library), if any. */
function callerFrom(stack: HeapStack, index: number, facts: FrameFacts): SiteCaller | undefined {
  const at = callerIndex(facts.load(stack), stack.depth, index);
  return at < 0 ? undefined : { function: stack.functionAt(at) as string, file: stack.fileAt(at), line: stack.lineAt(at), callee: stack.functionAt(at - 1) };
}

/** The index of the program's first frame above `index` (the site's) of a stack whose frames' bits are `bits`, or -1. */
function callerIndex(bits: Uint16Array, depth: number, index: number): number {
  for (let i = index + 1; i < depth; i++) if (((bits[i] as number) & (NO_FUNCTION | STANDARD)) === 0) return i;
  return -1;
}

/**
 * runtime.malg: the goroutine descriptors, never freed (the runtime keeps every g for reuse), which
 * grow with the goroutines (the group is what to fix).
 */
export function isDescriptorSite(site: { readonly function: string }): boolean {
  return site.function === 'runtime.malg';
}

/**
 * What a site's objects are when its name does not say: the runtime's goroutine descriptors, a
 * sync.Pool's New, the profiler's own; one short phrase, said in brackets after the function.
 */
export function siteHint(site: AllocationSite): string | undefined {
  if (site.runtimeOnly && isDescriptorSite(site)) return 'goroutine descriptors';
  if (site.poolNew) return POOL_NEW_HINT;
  if (site.mapBuckets === true) return MAP_BUCKETS_HINT;
  if (site.profiler) return PROFILER_HINT;
  return undefined;
}

/** The phrase after a site whose stacks show the runtime's map code under its frame (AllocationSite.mapBuckets). */
export const MAP_BUCKETS_HINT = "a map's buckets";

/**
 * Said once under sites that are a map's buckets and hold memory: why it stays after the
 * program deleted entries (Go maps never shrink: runtime/map.go has no shrinking, go.dev/issue/20135;
 * Go 1.24's maps neither) and what gives it back.
 */
export const MAP_BUCKETS_NOTE = "A map's buckets: the runtime's map code allocated these for a map at the site's line, as the map grew: its bucket array (one object) and overflow buckets. Go maps never shrink: deleting entries leaves the bucket array at the size of the most entries the map ever held, until the map itself is dropped (https://go.dev/issue/20135). If the map once held many more entries than now, copy the live entries into a new map and drop the old one (or set it to nil, or make a new one) from time to time; or store pointers to large values, so that the buckets stay small.";

/** A map's buckets that hold 1 MiB or more: what MAP_BUCKETS_NOTE is said under (a small map's buckets are not worth the paragraph). */
export function heldMapBuckets(site: AllocationSite): boolean {
  return site.mapBuckets === true && site.inuseBytes >= 1 << 20;
}

/**
 * Said once under sites made by a pool's New, so they are not read as the program's own leak:
 * the pool keeps them between GCs (pkg.go.dev/sync#Pool: an item "may be removed automatically at
 * any time"; since Go 1.13 its victim cache drops an item unused for two GCs, src/sync/pool.go).
 */
export const POOL_NEW_NOTE = "A sync.Pool's New: sync.(*Pool).Get made these objects with the pool's New when the pool was empty. In use are those in the pool, which keeps them for reuse between GCs (since Go 1.13 it drops one unused for two GCs), and those taken with Get and not yet Put back: memory the pool holds, not a leak of the code that uses it unless it keeps growing across GC-separated dumps (https://pkg.go.dev/sync#Pool).";

/** Where a pool calls its New (src/sync/pool.go): the only caller of New outside the program's code. */
const POOL_GET = 'sync.(*Pool).Get';

/**
 * Frame `index` (the site) is called from `sync.(*Pool).Get`, directly or through the program's
 * helpers its New calls; the pool's own allocations (its frames are in package sync) are not New's.
 */
function isPoolNewStack(bits: Uint16Array, depth: number, index: number): boolean {
  if (index < 0 || ((bits[index] as number) & (NO_FUNCTION | SYNC_PACKAGE)) !== 0) return false;
  for (let i = index + 1; i < depth; i++) if (((bits[i] as number) & POOL_GET_BIT) !== 0) return true;
  return false;
}

/**
 * The runtime's map code, which allocates a map's buckets: go1.19–1.23 `runtime.makemap`,
 * `runtime.makeBucketArray`, `runtime.hashGrow`, `runtime.growWork_fast64`, `runtime.evacuate`,
 * `runtime.(*hmap).newoverflow`, `runtime.mapassign_faststr`…; Go 1.24+ `internal/runtime/maps.…`.
 */
export const isMapFunction = byFunctionName((fn) => /^runtime\.(?:\(\*hmap\)\.)?(?:makemap|makeBucketArray|hashGrow|growWork|evacuate|newoverflow|mapassign)/.test(fn) || fn.startsWith('internal/runtime/maps.'));

/** The frames before frame `index` (the site's), the runtime's work for its line, include its map code. */
function isMapStack(bits: Uint16Array, index: number): boolean {
  for (let i = 0; i < index; i++) if (((bits[i] as number) & MAP_CODE) !== 0) return true;
  return false;
}

/**
 * The allocator's own entry points: where every allocation passes, never what asked for it. Go
 * prints a stack whose every frame is in the runtime whole, and since go1.26 (its profiling skips
 * fewer frames) such a stack starts in `runtime.mallocgc`: a goroutine descriptor's reads
 * `mallocgc → newobject → malg → newproc1`, where go1.21 printed `malg → newproc1`.
 */
const ALLOCATOR_ENTRY = /^runtime\.(?:mallocgc\w*|newobject|newarray|makeslice\w*|growslice|makemap\w*|makechan|rawstring\w*|rawbyteslice|rawruneslice|mProf_Malloc|profilealloc)$/;

export const isAllocatorEntry = byFunctionName((fn) => ALLOCATOR_ENTRY.test(fn));

/** What the summary asks of a frame's function, as bits (FrameFacts). */
const NO_FUNCTION = 1;
const RUNTIME = 2;
const ALLOCATOR_ENTRY_BIT = 4;
const STANDARD = 8;
const PROFILER = 16;
const MAP_CODE = 32;
const POOL_GET_BIT = 64;
const SYNC_PACKAGE = 128;
/** net/http's client (isHttpClientFunction): a site under it was allocated for a request. */
const HTTP_CLIENT = 512;
/** Set on a row whose bits are worked out (a row's bits may all be clear). */
const KNOWN = 256;

function functionFacts(fn: string | undefined): number {
  if (fn === undefined) return NO_FUNCTION | RUNTIME;
  return (isRuntimeFunction(fn) ? RUNTIME : 0) | (isAllocatorEntry(fn) ? ALLOCATOR_ENTRY_BIT : 0) | (isStandardLibrary(fn) ? STANDARD : 0)
    | (isProfilerFunction(fn) ? PROFILER : 0) | (isMapFunction(fn) ? MAP_CODE : 0) | (fn === POOL_GET ? POOL_GET_BIT : 0) | (packageOf(fn) === 'sync' ? SYNC_PACKAGE : 0)
    | (isHttpClientFunction(fn) ? HTTP_CLIENT : 0);
}

/**
 * The bits of every frame the summary walks (its site, the runtime's work under it, its caller,
 * a pool's Get, the profiler): for a text dump's stacks, worked out once per row of the dump's
 * frame table (a distinct frame line: the realistic dump's million frames are 472 rows), where
 * each walk asked a map by function name again for each frame of each stack. A stack's frames
 * are read once (`load`) and the walks read the bits it gives: asked one frame at a time, each
 * walk had the whole look-up (the row, a new row's name tests) compiled into it.
 */
class FrameFacts {
  #rows: FrameRows | undefined;
  #bits: Uint16Array = new Uint16Array(256);
  /** The bits of the frames of the stack `load` read last, innermost first. */
  #frames: Uint16Array = new Uint16Array(64);

  /** The bits of each frame of `stack` (the first `stack.depth` entries; valid until the next call). */
  load(stack: HeapStack): Uint16Array {
    const depth = stack.depth;
    if (depth > this.#frames.length) this.#frames = new Uint16Array(Math.max(depth, 2 * this.#frames.length));
    const frames = this.#frames;
    const rows = stack.rows;
    if (rows === undefined || stack.rowAt === undefined) {
      for (let i = 0; i < depth; i++) frames[i] = functionFacts(stack.functionAt(i));
      return frames;
    }
    if (rows !== this.#rows) {
      this.#rows = rows;
      this.#bits.fill(0);
    }
    for (let i = 0; i < depth; i++) {
      const row = stack.rowAt(i);
      if (row >= this.#bits.length) this.#bits = grownRows(this.#bits, row + 1);
      const bits = this.#bits[row] as number;
      frames[i] = bits !== 0 ? bits : this.learn(rows, row);
    }
    return frames;
  }

  /** A row's bits, worked out the first time it is met. */
  private learn(rows: FrameRows, row: number): number {
    const bits = KNOWN | functionFacts(rows.functionOf(row));
    this.#bits[row] = bits;
    return bits;
  }
}

function grownRows(bits: Uint16Array, size: number): Uint16Array {
  const bigger: Uint16Array = new Uint16Array(Math.max(size, bits.length * 4));
  bigger.set(bits);
  return bigger;
}

/**
 * The index of the stack's site frame: its first frame outside the runtime; in a stack of runtime
 * frames only, its first past the allocator's entry points (runtime.malg, runtime.(*timers).addHeap),
 * else its first (-1: no frames).
 */
function siteFrame(bits: Uint16Array, depth: number): number {
  for (let i = 0; i < depth; i++) if (((bits[i] as number) & RUNTIME) === 0) return i;
  for (let i = 0; i < depth; i++) if (((bits[i] as number) & (NO_FUNCTION | ALLOCATOR_ENTRY_BIT)) !== ALLOCATOR_ENTRY_BIT) return i;
  return depth > 0 ? 0 : -1;
}

/** Whether frame `index` of the stack (its site frame) is outside the runtime. */
function isRuntimeSite(bits: Uint16Array, index: number): boolean {
  return index < 0 || ((bits[index] as number) & RUNTIME) !== 0;
}

/** Map keys' equality (SameValueZero) for a site's file or line. */
function sameKey<K>(a: K, b: K): boolean {
  return a === b || (a !== a && b !== b); // NaN
}

type SitesInFile = ProfileSite | Map<number | undefined, ProfileSite>;

/**
 * Allocation sites by function, then file, then line: names are interned strings, so no key is
 * built per stack. A level holds the site itself while its function (or its file) has one site,
 * and a map from the second on: a dump of 100,000 distinct sites held two maps per site.
 */
class SiteIndex {
  private readonly byFunction = new Map<string, ProfileSite | Map<string | undefined, SitesInFile>>();

  get(fn: string, file: string | undefined, line: number | undefined): ProfileSite | undefined {
    const inFunction = this.byFunction.get(fn);
    if (inFunction === undefined) return undefined;
    if (!(inFunction instanceof Map)) return sameKey(inFunction.file, file) && sameKey(inFunction.line, line) ? inFunction : undefined;
    const inFile = inFunction.get(file);
    if (inFile === undefined || inFile instanceof Map) return inFile?.get(line);
    return sameKey(inFile.line, line) ? inFile : undefined;
  }

  /** Adds a site `get` did not find. */
  add(site: ProfileSite): void {
    const { function: fn, file, line } = site;
    const inFunction = this.byFunction.get(fn);
    if (inFunction === undefined) {
      this.byFunction.set(fn, site);
      return;
    }
    let byFile: Map<string | undefined, SitesInFile>;
    if (inFunction instanceof Map) byFile = inFunction;
    else {
      byFile = new Map<string | undefined, SitesInFile>([[inFunction.file, inFunction]]);
      this.byFunction.set(fn, byFile);
    }
    const inFile = byFile.get(file);
    if (inFile === undefined) byFile.set(file, site);
    else if (inFile instanceof Map) inFile.set(line, site);
    else byFile.set(file, new Map([[inFile.line, inFile], [line, site]]));
  }
}

/** `sampled` undefined: a snapshot without a profile (a scrape, a vars file), summarized as empty. */
export function summarizeProfile(sampled: SampledSites | undefined): ProfileSummary {
  const period = samplingPeriod(sampled?.header);
  // A protobuf profile's values were unsampled by the runtime when it wrote them.
  const scalePeriod = sampled?.header?.encoding === 'protobuf' ? undefined : period;
  let inuseObjects = 0;
  let inuseBytes = 0;
  let allocObjects = 0;
  let allocBytes = 0;
  const sites = new SiteIndex();
  const inOrder: ProfileSite[] = [];
  const callerIndexes = new Map<ProfileSite, CallerIndex>();
  const stacks = sampled?.stacks ?? [];
  const columns = new StackColumns(stacks);
  const usage = columns.usage;
  const facts = new FrameFacts();
  for (let o = 0; o < stacks.length; o++) {
    const stack = stacks[o] as HeapStack;
    readStackUsage(stack, scalePeriod, usage, o);
    const u = USAGE_COLUMNS * o;
    inuseObjects += usage[u + INUSE_OBJECTS] as number;
    inuseBytes += usage[u + INUSE_BYTES] as number;
    allocObjects += usage[u + ALLOC_OBJECTS] as number;
    allocBytes += usage[u + ALLOC_BYTES] as number;
    // By index, not `stack.frames`: a text dump's frames are built on access (grammar/heap/frametable.ts).
    const depth = stack.depth;
    const bits = facts.load(stack);
    const index = siteFrame(bits, depth);
    const runtimeOnly = isRuntimeSite(bits, index);
    const file = index < 0 ? undefined : stack.fileAt(index);
    const line = index < 0 ? undefined : stack.lineAt(index);
    const fn = (index < 0 ? undefined : stack.functionAt(index)) ?? (stack.pcs[0] ? `0x${(BigInt(stack.pcs[0]) - 1n).toString(16)}` : '(no stack)');
    let site = sites.get(fn, file, line);
    if (!site) {
      site = new ProfileSite(fn, file, line, runtimeOnly, columns);
      sites.add(site);
      inOrder.push(site);
    }
    if (site.profiler && !isProfilerStack(bits, depth)) site.profiler = false;
    if (site.poolNew && !isPoolNewStack(bits, depth, index)) site.poolNew = false;
    if (site.mapBuckets && !isMapStack(bits, index)) site.mapBuckets = false;
    site.add(o);
    columns.siteIndexes[o] = index;
    // A stack of no bytes (a record of zeros) allocated nothing there: no caller to name.
    if (site.standard && ((usage[u + INUSE_BYTES] as number) !== 0 || (usage[u + ALLOC_BYTES] as number) !== 0)) {
      const at = callerIndex(bits, depth, index);
      if (at >= 0) {
        let callers = callerIndexes.get(site);
        if (!callers) callerIndexes.set(site, (callers = new CallerIndex()));
        columns.callers[o] = callers.shareOf(stack, at);
        site.addCaller(bits, index, at);
      }
    }
  }
  const sorted: AllocationSite[] = inOrder.sort((a, b) => b.inuseBytes - a.inuseBytes || b.allocBytes - a.allocBytes || a.function.localeCompare(b.function));
  for (const site of inOrder) site.finish(facts);
  const header = sampled?.header;
  return {
    inuseObjects, inuseBytes, allocObjects, allocBytes,
    format: header ? { name: header.format, profilingOff: header.rate === 0, binary: header.encoding === 'protobuf', ...(header.deltaMs !== undefined ? { deltaMs: header.deltaMs } : {}), position: header.position } : undefined,
    samplingRate: period,
    exact: period !== undefined && period <= 1,
    sites: sorted,
    recordCount: sampled?.recordCount ?? 0,
  };
}
