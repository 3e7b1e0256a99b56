/**
 * Where the series findings' fixes start: the growing goroutine group or site the evidence points
 * at, named as the text report names it, with what that kind of site or group usually means.
 */
import { firstOf, formatBytes, formatChange, formatCount, formatPercent } from '../../text/units.js';
import { isBlockedState, stateWords, waitAdvice } from '../goroutines/waits.js';
import { isDescriptorSite, siteLabel } from '../profile.js';
import { MAX_SMALL_OBJECT } from '../residency.js';
import type { CallerTrend, GroupTrend, GrowingHolder, SeriesAnalysis, SiteTrend } from '../series/model.js';
import { SERIES_THRESHOLDS } from '../series/thresholds.js';
import { growsBuffer } from '../series/doubling.js';
import { HOLDER_MAX_OBJECTS } from '../series/holder.js';
import { DOCS } from '../thresholds.js';
import type { BusyFinalizer, Finding } from './rule.js';
import { baseName } from '../../common/paths.js';
import { capitalized } from '../../text/wrap.js';
import { stripControl } from '../../text/sanitize.js';

/** `main.go:196`, or '' without a file. */
function fileLine(file: string | undefined, line: number | undefined): string {
  return file === undefined ? '' : `${baseName(file)}:${line ?? '?'}`;
}

/** ` at main.go:196` of a group, when its dump printed the frame's line. */
export function groupWhere(g: Pick<GroupTrend, 'file' | 'line'>): string {
  const at = fileLine(g.file, g.line);
  return at ? ` at ${at}` : '';
}

/** What a debug=1 (or binary) goroutine dump cannot say, and where to read it. */
export const NO_WAIT_STATE = 'goroutine?debug=1 dumps print no wait state, so whether they wait to send, to receive, in a select or on a lock is not known from them (heapdoc does not guess it): goroutine?debug=2 dumps of the same moments print it, and who created them';

/**
 * `Start with main.worker at main.go:196 (+50 goroutines): …`: the largest growing group, with
 * what its wait state usually means; without a state (debug=1), that the dump does not say it.
 */
export function groupStart(top: GroupTrend): string {
  const head = `Start with ${top.function}${stateWords(top)}${groupWhere(top)} (+${formatCount(top.growth)} goroutines)`;
  const waits = waitAdvice(top);
  if (waits) return `${head}: ${waits}.`;
  if (top.state === undefined) return `${head}: ${NO_WAIT_STATE}. Give every goroutine a way to end.`;
  return `${head}: find why they never return, and give every goroutine a way to end.`;
}

/**
 * A group of goroutines and the site they hold: the site is allocated in the function the
 * goroutines are blocked in (its own frame, or the program's frame that called it), so each
 * goroutine keeps what it allocated while it waits — the captured go1.19-audit39-goroleak's 442
 * main.worker goroutines blocked in a chan send at main.go:18, each holding the 256 KiB buffer
 * main.worker allocated at main.go:15 (112.5 MiB in all). Of a series, growing groups and sites
 * (GroupTrend, SiteTrend); of one moment, a goroutine dump's group and a heap dump's site, each
 * with its one count (heldAtMoment).
 */
export interface HeldByGoroutines<G extends HoldingGroup = GroupTrend, S extends HeldSite = SiteTrend> {
  group: G;
  site: S;
}

/** What heldByGoroutinesWords reads of a group: its function, wait state and line, and how many goroutines it has at the last dump. */
export interface HoldingGroup {
  function: string;
  state?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
}

/** What heldByGoroutinesWords reads of a site: its function (or its caller in the program), line, and bytes and objects in use at the last heap profile. */
export interface HeldSite {
  function: string;
  file: string | undefined;
  line: number | undefined;
  caller?: { function: string } | undefined;
}

/** The first of `groups` (largest first) blocked in the function of one of `sites` (HeldByGoroutines); none otherwise. */
export function heldByGoroutines<G extends HoldingGroup, S extends HeldSite>(sites: readonly S[], groups: readonly G[]): HeldByGoroutines<G, S> | undefined {
  for (const group of groups) {
    const site = sites.find((x) => x.function === group.function || x.caller?.function === group.function);
    if (site) return { group, site };
  }
  return undefined;
}

/**
 * `the 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker
 * allocates at main.go:15 (objects of ~256.0 KiB, 112.5 MiB in use at the last heap profile)`:
 * `alive`, the group's goroutines at the last dump; `bytes` and `objects`, the site's in use at the
 * last heap profile. Said by the leak's fix (heldByGoroutinesStart), and by the verdict when it
 * cannot tell yet or of one moment (combine.ts withHeldByGoroutines).
 */
export function heldByGoroutinesWords({ group, site }: HeldByGoroutines<HoldingGroup, HeldSite>, alive: number, bytes: number, objects: number): string {
  const where = [group.state, fileLine(group.file, group.line)].filter((w) => w !== undefined && w !== '').join(', ');
  const blocked = group.state === undefined ? 'in' : 'blocked in';
  const who = `the ${formatCount(alive)} goroutines ${blocked} ${group.function}${where ? ` (${where})` : ''}`;
  if (isWaitRecord({ group, site }, bytes, objects)) {
    return `${who} each hold a sudog, the runtime's record of a goroutine blocked on a channel or a lock: the ${SUDOG_BYTES} B objects at ${fileLine(site.file, site.line)}, the line they wait at, match its size, allocated under that line by runtime frames the dump hides, not the program's data (${formatBytes(bytes)} in use at the last heap profile)`;
  }
  // The objects' size, not bytes per goroutine: a plain dump's profile is of an earlier GC than its goroutine count.
  const each = objects > 0 ? `objects of ~${formatBytes(bytes / objects)}, ` : '';
  return `${who} each hold what ${heldAllocates({ group, site })} (${each}${formatBytes(bytes)} in use at the last heap profile)`;
}

/** A runtime.sudog's size class on 64-bit Go (runtime/runtime2.go: 88 bytes, rounded up to the 96 B class). */
const SUDOG_BYTES = 96;

/**
 * Whether the site the goroutines hold is the runtime's sudogs of their own wait, not the program's
 * data: allocated in the group's function at the very line the goroutines are blocked at (a
 * channel operation or a lock, or not known of a debug=1 dump), in objects of a sudog's size. A
 * goroutine that blocks on a channel or a semaphore takes a sudog (runtime.acquireSudog ←
 * chanrecv), and when the runtime's cache has none it allocates one under that line, whose
 * runtime frames a debug=1 dump hides (the captured go1.19-audit46-goro100k: 100,000 goroutines
 * in `<-ch` at main.go:13, a site of 96 B objects at main.go:13, `@ 0x43b5d7 0x407c5b 0x407998
 * 0x67089b`: acquireSudog, chanrecv, chanrecv1, main.wait).
 */
function isWaitRecord({ group, site }: HeldByGoroutines<HoldingGroup, HeldSite>, bytes: number, objects: number): boolean {
  const sameLine = site.function === group.function && site.line !== undefined && site.line === group.line && site.file !== undefined && group.file !== undefined && baseName(site.file) === baseName(group.file);
  return sameLine && (group.state === undefined || isBlockedState(group.state)) && objects > 0 && Math.round(bytes / objects) === SUDOG_BYTES;
}

/** `main.worker allocates at main.go:15`: the function of the group that allocates the site, and the site's line. */
function heldAllocates({ group, site }: HeldByGoroutines<HoldingGroup, HeldSite>): string {
  return `${site.function === group.function ? site.function : site.caller?.function ?? site.function} allocates${site.file ? ` at ${fileLine(site.file, site.line)}` : ''}`;
}

/** What blocked goroutines hold of the heap, as the verdict and goroutine-long-wait's message say it: the group's function and heldByGoroutinesWords. */
export interface HeldWords {
  group: string;
  words: string;
  /** The site they hold: the TUI's view of that site says the words too. */
  site?: { function: string; file: string | undefined; line: number | undefined };
}

/** A site's function, file and line alone (HeldWords.site). */
export function siteOf(site: HeldSite): NonNullable<HeldWords['site']> {
  return { function: site.function, file: site.file, line: site.line };
}

/** `The 442 goroutines blocked in main.worker … each hold what …: until they end, that memory stays.` (HeldWords' sentence). */
export function heldSentence(held: HeldWords): string {
  return `${capitalized(held.words)}: until they end, that memory stays.`;
}

/** A group blocked (or of a debug=1 dump, whose state is not printed) and of the program's own: one that can hold what it allocated. */
export function canHold(g: { benign?: true | undefined; state?: string | undefined }): boolean {
  return g.benign !== true && (g.state === undefined || isBlockedState(g.state));
}

/**
 * Of a series: the first growing group (that grew, blocked) in whose function a growing site is
 * allocated (not the profiler's, nor goroutine descriptors), with its words
 * (heldByGoroutinesTrendWords); what analyze's verdict and analyze's and lint's
 * goroutine-long-wait say.
 */
export function seriesHeld(series: Pick<SeriesAnalysis, 'growingSites' | 'growingGroups'>): HeldWords | undefined {
  const held = heldByGoroutines(series.growingSites.filter((x) => !x.profiler && !isDescriptorSite(x)), series.growingGroups.filter((g) => g.growth > 0 && canHold(g)));
  return held ? { group: held.group.function, words: heldByGoroutinesTrendWords(held), site: siteOf(held.site) } : undefined;
}

/** heldByGoroutinesWords of growing groups and sites: the goroutines' count and the site's at the last dumps. */
export function heldByGoroutinesTrendWords(held: HeldByGoroutines): string {
  const { group, site } = held;
  return heldByGoroutinesWords(held, group.counts[group.counts.length - 1] ?? 0, site.inuseBytes[site.inuseBytes.length - 1] ?? 0, site.inuseObjects[site.inuseObjects.length - 1] ?? 0);
}

/**
 * `Start with main.worker [chan send] at main.go:18 (+319 goroutines): they hold what main.worker
 * allocates at main.go:15 and never end, so that memory stays. …` — leak-suspected's fix, whose
 * message says the goroutines' count and the site's at the last dumps (heldSentence of
 * heldByGoroutinesTrendWords, as goroutine-long-wait's message and the verdict say it).
 */
export function heldByGoroutinesStart(held: HeldByGoroutines): string {
  const { group, site } = held;
  const sudogs = isWaitRecord(held, site.inuseBytes.at(-1) ?? 0, site.inuseObjects.at(-1) ?? 0);
  const what = sudogs ? `the runtime's sudogs of their wait (${SUDOG_BYTES} B each, under ${fileLine(site.file, site.line)})` : `what ${heldAllocates(held)}`;
  return `Start with ${group.function}${stateWords(group)}${groupWhere(group)} (+${formatCount(group.growth)} goroutines): they hold ${what} and never end, so that memory stays. Unblock or cancel them — a context they watch, a channel someone drains or a buffered one, a timeout — and give every goroutine a way to end.`;
}

/** heldSentence of a series' groups and sites (heldByGoroutinesTrendWords): what leak-suspected's message ends with. */
export function heldTrendSentence(held: HeldByGoroutines): string {
  return heldSentence({ group: held.group.function, words: heldByGoroutinesTrendWords(held) });
}

/** Sites of the time package's timers and tickers (time.After → time.NewTimer, time.NewTicker, the runtime's timer heap). */
const TIMER_SITE = /^time\.(?:NewTimer|After|AfterFunc|NewTicker|Tick|startTimer|resetTimer|newTimer)$/;

/** Whether a site is the time package's timers' or tickers' (siteStart gives it the timers' advice). */
export function isTimerSite(site: Pick<SiteTrend, 'function'>): boolean {
  return TIMER_SITE.test(site.function);
}

/** The callers the timers' advice names before "and N more callers": a program with many would flood the report. */
export const TIMER_CALLERS_SHOWN = 3;

/** A frame of the program that made timers or tickers, with what they hold at the last snapshot. */
export interface TimerCaller {
  function: string;
  file: string | undefined;
  line: number | undefined;
  inuseBytes: number;
}

/**
 * The frames of the program that made the growing timer sites' timers (of `sites`), most bytes
 * first: a frame's in-use bytes at the last snapshot added up over the sites (time.NewTimer's two
 * lines, time.startTimer…); a site of one caller gives it all of its own.
 */
export function timerCallers(sites: readonly SiteTrend[]): TimerCaller[] {
  const byFrame = new Map<string, TimerCaller>();
  const add = (k: Omit<TimerCaller, 'inuseBytes'>, bytes: number): void => {
    const key = `${k.function}\u0000${k.file ?? ''}\u0000${k.line ?? ''}`;
    const known = byFrame.get(key);
    if (known) known.inuseBytes += bytes;
    else byFrame.set(key, { function: k.function, file: k.file, line: k.line, inuseBytes: bytes });
  };
  for (const site of sites) {
    if (!isTimerSite(site)) continue;
    if (site.callers) for (const k of site.callers) add(k, k.inuseBytes);
    else if (site.caller) add(site.caller, site.inuseBytes[site.inuseBytes.length - 1] ?? 0);
  }
  return [...byFrame.values()].sort((a, b) => b.inuseBytes - a.inuseBytes);
}

/** `main.runTimers (main.go:102)`. */
function callerNamed(k: Pick<TimerCaller, 'function' | 'file' | 'line'>): string {
  return `${k.function}${k.file ? ` (${fileLine(k.file, k.line)})` : ''}`;
}

/** Every caller, with its bytes: `main.handleSupport (main.go:96) 6.0 MiB, …` (the leak finding's evidence keeps them all). */
export function timerCallersWords(callers: readonly TimerCaller[]): string {
  return callers.map((k) => `${callerNamed(k)} ${formatBytes(k.inuseBytes)}`).join(', ');
}

/**
 * ` by main.runTimers (main.go:102) and main.pollStatus (main.go:109)`; past TIMER_CALLERS_SHOWN,
 * the first with their bytes, then how many more and what they hold between them.
 */
function timerMakers(callers: readonly TimerCaller[]): string {
  if (callers.length === 0) return '';
  if (callers.length <= TIMER_CALLERS_SHOWN) return ` by ${callers.map(callerNamed).join(' and ')}`;
  const rest = callers.slice(TIMER_CALLERS_SHOWN);
  const restBytes = rest.reduce((n, k) => n + k.inuseBytes, 0);
  const shown = callers.slice(0, TIMER_CALLERS_SHOWN).map((k) => `${callerNamed(k)} ${formatBytes(k.inuseBytes)}`);
  return ` by ${shown.join(', ')} and ${formatCount(rest.length)} more callers holding ${formatBytes(restBytes)} between them (in use at the last snapshot; --format json for all),`;
}

/**
 * `Start with time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102) (+15.5 MiB): …`: the
 * largest growing site named among `all`, with what such a site usually holds.
 */
export function siteStart(site: SiteTrend, all: readonly SiteTrend[], heapOnly = false): string {
  const head = `Start with ${siteLabel(site, all)} (+${formatBytes(site.growthBytes)})`;
  if (isTimerSite(site)) {
    // The callers of the growing timer sites, most bytes first: time.After's loop and an unstopped ticker's are two fixes.
    return `${head}: timers and tickers made${timerMakers(timerCallers([site, ...all.filter((x) => x !== site)]))} and never stopped. Before Go 1.23, a timer from time.After or time.NewTimer is not collected until it fires, and an unstopped time.Ticker never is (${DOCS.timeAfter}; ${DOCS.go123Timers}): call Stop on a Ticker when done with it, and in a loop reuse one time.NewTimer (Stop or Reset it) instead of a time.After per iteration.`;
  }
  // Every caller when there are several (the biggest stack's alone hid the others' share); in a
  // series, those whose bytes grew: the leak is theirs, not the caller's that holds the most.
  const grown = grownCallers(site);
  const callers = [...new Set((grown.length > 0 ? grown : site.callers ?? []).map((k) => k.function))];
  const one = callers[0] ?? site.caller?.function;
  const whose = callers.length > 1 ? `what ${callers.length === 2 ? callers.join(' and ') : firstOf(callers, 3)} allocate there` : one ? `what ${one} allocates there` : 'what it allocates';
  const growth = grown.length > 0 ? `its callers' in-use bytes from the first to the last GC-separated snapshot: ${callerGrowthWords(site.callers ?? [])}. What keeps ${whose}?` : `what keeps ${whose}?`;
  return `${head}: ${growth} ${keepersOf(site)}${largeObjectWords(site)}${heapOnly ? ` ${HEAP_ONLY}` : ''}`;
}

/**
 * `What keeps them may be the one object main.worker allocates at main.go:26: …`: the growing array
 * beside the growing sites (series/holder.ts), said after where to start. A map's buckets are named
 * so only when the stacks show the runtime's map code; otherwise both kinds that grow so are named.
 */
export function holderWords(h: GrowingHolder): string {
  const first = h.inuseBytes[0] ?? 0;
  const last = h.inuseBytes.at(-1) ?? 0;
  const high = Math.max(...h.inuseBytes);
  const at = h.file === undefined ? '' : ` at ${fileLine(h.file, h.line)}`;
  const array = h.arrayBytes ?? last;
  const objects = h.objects === 1 ? `one ${formatBytes(array)} object` : `${formatCount(h.objects)} objects, ${formatBytes(array)} in all`;
  // Smaller objects beside the array (a map's overflow buckets) are in the site's figures: said, so the two add up.
  const beside = h.arrayBytes === undefined ? '' : ` beside ${formatBytes(last - h.arrayBytes)} of smaller ones`;
  // A plain dump's profile is as of its last GC, not of the moment it was read (reasoning.md §4).
  const asOf = h.asOfLastGC ? ", figures as of each dump's last GC where it was read between GCs" : '';
  const trend = `${formatBytes(first)} → ${formatBytes(last)} across the series${high > last ? `, ${formatBytes(high)} at its highest` : ''}${asOf}`;
  const what = h.mapBuckets ? `the map assigned${at} in ${h.function} (${objects}${beside}: its buckets, ${trend})` : `what ${h.function} allocates${at} (${objects}${beside}, ${trend})`;
  const kind = h.mapBuckets ? 'the runtime reallocates a map\'s buckets at twice the size when it fills and frees the old ones after copying' : 'one array that the runtime reallocates larger as it fills and frees the old copy, as a map\'s buckets or an appended slice\'s backing array grow';
  return `What keeps them may be ${what}: ${kind}, so it rises by jumps and is not among the sites that grew at every step. A map never shrinks: delete what is done with, or bound it.`;
}

/** What siteStart says usually keeps a growing site's memory, when nothing says what does. */
const USUAL_KEEPERS = 'A map or slice that is never pruned, or a cache without a bound, are the usual causes.';

/**
 * A leak's site that freed this share of what it allocated, or more, is pruned in part, not
 * "never pruned" (the captured go1.19-audit45-halfprune: a cache whose prune deletes every other
 * key freed 39 % of what main.fill allocated).
 */
const PARTLY_FREED_SHARE = 0.2;

/**
 * What usually keeps a growing site's memory: the usual causes, or, for a site of one caller that
 * freed a good share of what it allocated (SiteTrend.allocBytes), that it is pruned in part.
 */
function keepersOf(site: SiteTrend): string {
  const freed = partlyFreed(site);
  return freed === undefined ? USUAL_KEEPERS : `${freed} ${PARTLY_FREED_CAUSES}`;
}

/** How the fix says a site freed part of what it made (partlyFreed): what withAppendsBeside looks for. */
const PARTLY_FREED_OPENING = 'Yet it freed part of what it made';

/** Why a site freed part of what it made, when nothing says it appends (keepersOf). */
const PARTLY_FREED_CAUSES = 'so either a cleanup removes some of its objects but not all (a prune that deletes only some entries, a bound checked too late), or only some of what it makes is kept (one object of several per request).';

/**
 * `Yet it freed part of what it made: 150.5 MiB allocated there …, 35.5 MiB still in use (76% freed),`
 * of a site of one caller that freed PARTLY_FREED_SHARE or more of what it allocated; undefined otherwise.
 */
function partlyFreed(site: SiteTrend): string | undefined {
  const allocated = site.allocBytes ?? 0;
  const inuse = site.inuseBytes.at(-1) ?? 0;
  const freed = allocated - inuse;
  // An array that grows by copying frees its outgrown copies (a buffer that doubles, a map's old
  // buckets: about as much as it holds, go1.19-audit42-bufleak, go1.19-audit44-intern): no prune.
  const copies = growsBuffer(site) || site.mapBuckets === true || site.oldCopyAt !== undefined || Math.round(site.inuseObjects.at(-1) ?? 0) <= HOLDER_MAX_OBJECTS;
  if (copies || site.callers !== undefined || allocated <= 0 || inuse <= 0 || freed / allocated < PARTLY_FREED_SHARE) return undefined;
  return `${PARTLY_FREED_OPENING}: ${formatBytes(allocated)} allocated there since the program started, ${formatBytes(inuse)} still in use (${formatPercent(freed, allocated, 0)} freed),`;
}

/**
 * The series' leak-suspected findings whose fix says a growing site freed part of what it made
 * (keepersOf) where `appends` says the site's line grows a slice by append (its stacks run through
 * runtime.growslice, or its source line calls append): append gives a full slice a new, larger
 * backing array and leaves the old one to the GC, so the freed part is those old arrays, not a
 * cleanup that removes some objects (the captured go1.19-audit46-appendmap: 50 logs that only grow,
 * 150.5 MiB allocated at main.go:24 for 35.5 MiB kept). Nor is a part of each kept (the sub-slice
 * hint): the slices are the kept data. Every other finding is left as it is.
 */
function withAppendGrowth<F extends Pick<Finding, 'ruleId' | 'scope' | 'fix'>>(findings: readonly F[], growing: readonly SiteTrend[], appends: (site: SiteTrend) => string | undefined): F[] {
  return findings.map((f) => {
    if (f.ruleId !== 'leak-suspected' || f.scope !== 'series') return f;
    let fix = f.fix;
    for (const site of growing) {
      const freed = partlyFreed(site);
      const said = freed === undefined ? -1 : fix.indexOf(`${freed} ${PARTLY_FREED_CAUSES}`);
      if (freed === undefined || said < 0) continue;
      const where = appends(site);
      if (where === undefined) continue;
      const words = `${freed} and ${where}: a slice that grows by append gets a new, larger backing array each time it is full and leaves the old one to the GC, so the freed part may be the old arrays append left behind, not a cleanup — what keeps the slices keeps all they hold.`;
      fix = `${fix.slice(0, said)}${words}${fix.slice(said + freed.length + 1 + PARTLY_FREED_CAUSES.length)}`.replace(largeObjectWords(site), '');
    }
    return fix === f.fix ? f : { ...f, fix };
  });
}

/** Reads line `line` of a Go source file a dump names (input/sourceline.ts sourceLines): undefined where it is not on this machine. */
export type SourceLine = (file: string | undefined, line: number | undefined) => string | undefined;

/**
 * The leak's fix where a growing site that freed part of what it made appends (withAppendGrowth),
 * one rule for `heapdoc analyze` and `heapdoc lint` (its series' leak-suspected: the same words on
 * go1.19-audit46-appendmap): its stacks in the latest profile run through runtime.growslice
 * (`growsSlice`: escape/sites.ts growsSlice, as an analysis or lint's summary says it), or its line in
 * the program's source, found beside the inputs (`line`), calls append. `findings`: an analysis's
 * findings or lint's messages, returned as they are when no fix says a site freed part of what it made.
 */
export function withAppendsBeside<F extends Pick<Finding, 'ruleId' | 'scope' | 'fix'>>(findings: readonly F[], growing: readonly SiteTrend[], growsSlice: (site: SiteTrend) => boolean, line: SourceLine): readonly F[] {
  if (growing.length === 0 || !findings.some((f) => f.ruleId === 'leak-suspected' && f.fix.includes(PARTLY_FREED_OPENING))) return findings;
  return withAppendGrowth(findings, growing, (site) => {
    if (growsSlice(site)) return 'its stacks run through runtime.growslice, where append grows a slice';
    const text = line(site.file, site.line)?.trim();
    return text !== undefined && /\bappend\(/.test(text) ? `its line appends (${baseName(site.file ?? '')}:${site.line ?? '?'}: ${stripControl(text)})` : undefined;
  });
}

/** siteStart's question of a site of the program's own (no caller), with the usual causes: what the compiler's flows can answer. */
function ownSiteQuestion(site: SiteTrend): string {
  return `what keeps what it allocates? ${keepersOf(site)}`;
}

/**
 * The series' leak-suspected findings whose fix starts with a growing site of the program's own
 * (siteStart) for which `kept` has the compiler's words on where its values go (with --escape:
 * keeper.ts keptByFix of the -m=2 flows): those words instead of the question and the usual
 * causes (go1.19-audit41-listener: `buf … captured by the func literal at main.go:25:32 …, which
 * is appended to listeners at main.go:25:20`). A site whose label is not its function alone (a
 * twin's, a map's buckets) is left as it is; so is every other finding.
 */
export function withCompilerKeepers(findings: readonly Finding[], growing: readonly SiteTrend[], kept: (site: SiteTrend) => string | undefined): Finding[] {
  return findings.map((f) => {
    if (f.ruleId !== 'leak-suspected' || f.scope !== 'series') return f;
    for (const site of growing) {
      if (site.caller !== undefined || site.callers !== undefined || growing.some((o) => o !== site && o.function === site.function)) continue;
      // Its line is said when another site names its function as its caller (profile.ts siteLabel).
      const question = ownSiteQuestion(site);
      const said = [site.function, `${site.function} (${fileLine(site.file, site.line)})`].map((label) => `Start with ${label} (+${formatBytes(site.growthBytes)}): ${question}`).find((s) => f.fix.includes(s)) ?? '';
      const at = said ? f.fix.indexOf(said) : -1;
      if (at < 0) continue;
      const words = kept(site);
      if (words === undefined) return f;
      const asked = at + said.length - question.length;
      return { ...f, fix: `${f.fix.slice(0, asked)}${words}${f.fix.slice(at + said.length)}` };
    }
    return f;
  });
}

/**
 * The context package's sites of a cancelable child: the context WithCancel, WithTimeout or
 * WithDeadline makes, and the parent's children map context.propagateCancel adds it to.
 */
const CANCEL_SITE = /^context\.(?:propagateCancel|WithCancel|WithCancelCause|WithDeadline|WithDeadlineCause|WithTimeout|WithTimeoutCause|newCancelCtx|withCancel)$/;

/** Whether a growing site is a cancelable context's (lostCancelStart gives it the lost-cancel advice). */
export function isCancelSite(site: Pick<SiteTrend, 'function'>): boolean {
  return CANCEL_SITE.test(site.function);
}

/**
 * `Start with context.WithCancel ← main.handle (main.go:21) (+6.0 MiB): …`: cancelable contexts
 * that pile up are children whose cancel func is never called (go vet's lostcancel check): each
 * stays in its parent's children map until the parent is cancelled, with what it references — the
 * other growing sites of `all`, named as what they may be (the captured go1.19-audit39-ctxleak's
 * 1 KiB value at main.go:18 was its largest site, and the advice was a map never pruned).
 */
export function lostCancelStart(site: SiteTrend, all: readonly SiteTrend[]): string {
  const others = all.filter((x) => !isCancelSite(x) && !isTimerSite(x)).map((x) => `${siteLabel(x, all)} ${formatChange(x.growthBytes)}`);
  const values = others.length > 0 ? ` The other growing sites may be what those contexts keep: ${firstOf(others, 3)}.` : '';
  return `Start with ${siteLabel(site, all)} (+${formatBytes(site.growthBytes)}): contexts made by context.WithCancel, WithTimeout or WithDeadline whose cancel func is never called, the lost-cancel pattern (go vet's lostcancel check finds it). Each such child stays in its parent's children map (context.propagateCancel) until the parent is cancelled, with everything it references (its values, and its own children): call the cancel func on every path, with defer cancel() right after the call that returned it.${values}`;
}

/**
 * A site whose objects are large (each past the runtime's largest small object, at the last
 * snapshot): what keeps a large buffer is often a small piece of it, which Go cannot free apart.
 */
function largeObjectWords(site: SiteTrend): string {
  const bytes = site.inuseBytes.at(-1) ?? 0;
  const objects = site.inuseObjects.at(-1) ?? 0;
  if (objects <= 0 || bytes / objects <= MAX_SMALL_OBJECT) return '';
  return ` Its objects are large (${formatBytes(bytes / objects)} each on average): if the program keeps only a part of each (a sub-slice or a substring), that part keeps the whole object alive, however small it is: keep a copy of the part instead (bytes.Clone, strings.Clone) and the object can be freed.`;
}

/**
 * A series' callers of a standard-library site whose in-use bytes grew between the first and the
 * last snapshot (series/index.ts callerTrends): by siteGrowthMinBytes or more, else by anything;
 * none when the callers were not compared.
 */
function grownCallers(site: SiteTrend): CallerTrend[] {
  const grew = (site.callers ?? []).filter((k) => (k.growthBytes ?? 0) > 0);
  const enough = grew.filter((k) => (k.growthBytes ?? 0) >= SERIES_THRESHOLDS.siteGrowthMinBytes);
  return enough.length > 0 ? enough : grew;
}

/** `main.remember (main.go:123) 1.5 MiB → 10.5 MiB (+9.0 MiB), main.loadCache (main.go:119) 27.6 MiB → 27.6 MiB (±0)`: three at most. */
function callerGrowthWords(callers: readonly CallerTrend[]): string {
  const words = callers.slice(0, 3).map((k) => {
    const growth = k.growthBytes ?? 0;
    return `${k.function}${k.file ? ` (${fileLine(k.file, k.line)})` : ''} ${formatBytes(k.inuseBytes - growth)} → ${formatBytes(k.inuseBytes)} (${formatChange(growth)})`;
  });
  return `${words.join(', ')}${callers.length > 3 ? `, and ${formatCount(callers.length - 3)} more` : ''}`;
}

/**
 * Said when only heap dumps were read: a heap profile records where objects were allocated, never
 * what keeps them, nor finalizers (SetFinalizer's records are the runtime's specials, off the
 * profiled heap), so the dump that can tell is asked for, not guessed at.
 */
export const HEAP_ONLY = `Heap dumps tell where the growing memory was allocated, not what keeps it: a goroutine dump of the same moment (/debug/pprof/goroutine?debug=2, read by heapdoc beside these) shows the goroutines that hold it, and whether the finalizer goroutine (runtime.runfinq) is stuck in one finalizer; objects with a finalizer are not freed before theirs has run, finalizers run one at a time, and one in a reference cycle never runs (${DOCS.setFinalizer}).`;

/** Why one finalizer that waits is every finalizer's problem (finalizerWords; finalizer-blocked). */
export const ONE_AT_A_TIME = 'finalizers run one at a time on that one goroutine, so a finalizer that blocks or sleeps holds up every other, and the objects waiting for theirs are never freed';

/** The finalizer goroutine held by one finalizer, said before the rest of the fix. */
export function finalizerWords(f: BusyFinalizer): string {
  const at = fileLine(f.file, f.line);
  return `The finalizer goroutine (runtime.runfinq) was running ${f.function}${at ? ` (${at})` : ''}${f.blockedIn ? `, in ${f.blockedIn},` : ''} at all ${formatCount(f.dumps)} goroutine dumps: ${ONE_AT_A_TIME} (${DOCS.setFinalizer}: a finalizer that must run long should start a goroutine).`;
}
