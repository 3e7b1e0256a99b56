/**
 * The plain-text report: what a Go performance engineer would say, readable at 80 columns.
 * Sizes in MiB with exact bytes where they matter; text from the dump is sanitized.
 */
import { groupName, namedSplit } from '../analyze/series/groupwords.js';
import { sameMoment, sameTime, shortPath } from '../common/stems.js';
import { BUCKETS, runtimePartsMissing, type Bucket } from '../analyze/breakdown.js';
import { formatGoVersion } from '../input/goversion.js';
import { skippedCountLine } from '../input/skipped.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { GoroutineSummary } from '../analyze/goroutines/index.js';
import type { Finding } from '../analyze/rules/index.js';
import type { Colors } from '../text/color.js';
import { inputTitle, stripControl } from '../text/sanitize.js';
import { countOf, formatBytes, formatChange, formatCount, formatDuration, formatPercent, formatShare } from '../text/units.js';
import { capitalized, hang, wrap } from '../text/wrap.js';
import { latestSitesNote, type AnalyzeReport } from '../analyze/report.js';
import { hiddenFindingsLine, latestShown, type LatestShown } from './latest.js';
import { siteOrderSentence, type SortKey } from '../analyze/sort.js';
import { bucketLabel, heldSinceLastGc, profileLag } from '../analyze/verdict.js';
import { deltaProfileWords, deltaSplitWords, hasBytes, heldMapBuckets, MAP_BUCKETS_HINT, MAP_BUCKETS_NOTE, POOL_NEW_HINT, POOL_NEW_NOTE, siteHint, writtenByGo, type AllocationSite } from '../analyze/profile.js';
import type { SiteEscape } from '../analyze/escape/sites.js';
import { sameLinesSentences } from '../analyze/samelines.js';
import { tinyBlockPlaces, tinyBlocksNote } from '../analyze/tinyblocks.js';
import { comparisonSaid, moreMessagesSentence } from '../analyze/escape/site-report.js';
import { joinedColumnNote } from '../analyze/escape/names.js';
import { sentenceRepeatsMessage } from '../analyze/escape/cause.js';
import { allocationRate, betweenGCsNote, rssOriginNote, sameProfileNote, samplingRateChangeNote, profileCaughtUpNote, describeGroup, goroutineSection, goroutineSummaryFacts, goroutineSummaryLine, notInSeries, sameEpochRuns, sameProgramUncheckedNote, seriesRows, growingAndHeld, growingAndHeldGroups, heldGroupsTitle, heldSitesTitle, siteTrendsWhere, trend, threadsLine } from './goroutines.js';
import { unknownFields } from '../exposition/model.js';
import { longestPause } from '../analyze/pauses.js';
import { classBytes, topSizeClasses } from '../analyze/sizeclasses.js';
import type { SizeClassTrend } from '../analyze/series/model.js';
import { goalRatioChangesWords } from '../analyze/series/forced.js';
import { gcTraceFacts, gcTraceMarkLines, gcTraceTitle, gcTraceVerdictText, liveAfterGc, peakVersusLive } from './gctrace.js';
import { forcedTimerLine } from './forcedgcs.js';
import { callerLines } from './callers.js';
import { findingsBySource, folderContents, folderTitle, separateGroups, separateGroupsTitle, separateInputTitle } from './separately.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import { recurringPeakLine } from '../analyze/series/recurring.js';
import { growingSiteNotes } from '../analyze/series/basis.js';

export interface TextOptions {
  width: number;
  colors: Colors;
  /** How many allocation sites to list per snapshot. */
  topSites: number;
  /** The compiler's diagnostics per site, with --escape. */
  escape?: Map<AllocationSite, SiteEscape>;
  /** Set by reportText from the report: the sites' order, when --sort gave one. */
  siteOrder?: SortKey;
}

/** Compiler messages listed under a site; the TUI's site view and --format json have them all. */
const SITE_MESSAGES = 4;

/**
 * The compiler messages a report lists under a site (the inliner's notes left out), each as
 * `message (cause)` with its sentence, and the line for the rest (undefined when none is left).
 */
export function siteCompilerMessages(joined: SiteEscape): { shown: { message: string; sentence: string | undefined; columnNote: string | undefined }[]; more: string | undefined } {
  const listed = joined.diagnostics.filter((x) => x.kind !== 'inlining-call' && x.kind !== 'can-inline');
  const shown = listed.slice(0, SITE_MESSAGES).map((d) => ({
    message: `${d.message}${d.cause && d.cause !== 'unknown' ? ` (${d.cause})` : ''}`,
    sentence: d.sentence !== undefined && sentenceRepeatsMessage(d.sentence, d.subject ?? d.message, d.kind) ? undefined : d.sentence,
    // No column printed on a line of several closures: which of them it can be in.
    columnNote: joinedColumnNote(d),
  }));
  const more = Math.max(0, listed.length - SITE_MESSAGES) + joined.omitted;
  return { shown, more: more > 0 ? moreMessagesSentence(more, joined.omitted) : undefined };
}

/** What the compiler said about a site's line (escape analysis), under the site. */
function escapeLines(joined: SiteEscape | undefined, o: TextOptions): string[] {
  if (!joined) return [];
  const c = o.colors;
  const out: string[] = [];
  const { shown, more } = siteCompilerMessages(joined);
  for (const d of shown) {
    out.push(c.cyan(hang(' '.repeat(35) + 'compiler: ', stripControl(d.message), o.width)));
    if (d.sentence) out.push(c.dim(hang(' '.repeat(45), stripControl(d.sentence), o.width)));
    if (d.columnNote) out.push(c.dim(hang(' '.repeat(45), stripControl(d.columnNote), o.width)));
  }
  if (more) out.push(c.dim(hang(' '.repeat(35), more, o.width)));
  if (joined.closure) out.push(c.yellow(hang(' '.repeat(45), stripControl(joined.closure.sentence), o.width)));
  if (joined.linePcs) out.push(c.yellow(hang(' '.repeat(35), stripControl(joined.linePcs.sentence), o.width)));
  if (comparisonSaid(joined.comparison)) {
    const tone = joined.comparison.status === 'disagrees' ? c.yellow : c.dim;
    out.push(tone(hang(' '.repeat(35), stripControl(joined.comparison.explanation), o.width)));
  }
  return out;
}

const BAR_WIDTH = 24;

export function bucketColor(c: Colors, bucket: Bucket): (s: string) => string {
  switch (bucket) {
    case 'live': return c.red;
    case 'fragmentation': return c.magenta;
    case 'idle': return c.yellow;
    case 'released': return c.green;
    case 'stacks': return c.cyan;
    default: return c.blue;
  }
}

function severityTag(c: Colors, f: Finding): string {
  if (f.severity === 'error') return c.red(c.bold('error'));
  if (f.severity === 'warning') return c.yellow(c.bold('warning'));
  return c.cyan('info');
}

function breakdownLines(s: SnapshotAnalysis, o: TextOptions): string[] {
  const b = s.breakdown;
  if (!b) return [];
  const c = o.colors;
  const lines = [c.bold(`Where the memory is — Sys ${formatBytes(b.sys)} (${formatCount(b.sys)} bytes) mapped from the OS`)];
  for (const bucket of BUCKETS) {
    const value = b[bucket];
    // At most the whole bar: in a dump that breaks the identities a bucket can exceed Sys.
    const cells = b.sys > 0 ? Math.min(BAR_WIDTH, Math.round((value / b.sys) * BAR_WIDTH)) : 0;
    const bar = bucketColor(c, bucket)('█'.repeat(cells));
    lines.push(`  ${bucketLabel(bucket, s.verdict).padEnd(14)}${formatBytes(value).padStart(11)}${` ${formatShare(value, b.sys).padStart(7)}`}  ${bar}`.trimEnd());
  }
  lines.push(wrap(`Go holds ${formatBytes(b.retained)} (Sys − HeapReleased: its own estimate of physical memory, what GOMEMLIMIT bounds).`, o.width, 2, 2));
  const derived = runtimeDerivedLine(s);
  if (derived) lines.push(wrap(derived, o.width, 2, 2));
  return lines;
}

/** GC cycles, the last pause (unless `pauses` is false: the TUI shows them with their source), GC CPU, the next goal, live objects: what the MemStats say of the GC. */
export function gcFacts(s: SnapshotAnalysis, pauses = true): string[] {
  const st = s.stats;
  if (!st) return [];
  const parts: string[] = [];
  const numGC = st.int('NumGC');
  if (numGC !== undefined) parts.push(`${countOf(numGC, 'GC cycle')}${st.has('NumForcedGC') ? ` (${formatCount(st.int('NumForcedGC') ?? 0)} forced)` : ''}`);
  const last = pauses ? st.recentRing('PauseNs')[0] : undefined;
  if (last) parts.push(`last pause ${formatDuration(Number(last.value))}`);
  // A scrape has no ring: go_gc_duration_seconds' top quantile is the longest recent pause, a histogram bounds the longest since the start.
  const longest = last || !pauses ? undefined : longestPause(st, s.gcPauses, () => undefined);
  if (longest?.atMostNs !== undefined) parts.push(`longest pause since start ${formatDuration(longest.ns)}–${formatDuration(longest.atMostNs)} (${longest.source})`);
  else if (longest) parts.push(`longest ${longest.span === 'recent' ? 'recent pause' : 'pause since start'} ${formatDuration(longest.ns)}`);
  const fraction = st.float('GCCPUFraction');
  if (fraction !== undefined) parts.push(`GC CPU ${formatPercent(fraction, 1, 2)}`);
  const nextGC = st.int('NextGC');
  if (nextGC !== undefined) parts.push(`next GC at ${formatBytes(nextGC)}`);
  const objects = st.int('HeapObjects');
  if (objects !== undefined) parts.push(notYetFreed(s) ? `${countOf(objects, 'object')} allocated and not yet freed (Mallocs − Frees)` : `${formatCount(objects)} live objects`);
  return parts;
}

/**
 * The MemStats' object counts (HeapObjects, BySize: Mallocs − Frees) are not live objects: read
 * between GCs they count the garbage not yet swept too (verdict.ts heldSinceLastGc), and before the
 * first GC (NumGC 0) nothing was marked: every object allocated and not yet freed, garbage or not
 * (the captured go1.19-audit44-sawtooth's plain heap-t06 said "1,390 live objects"). Live only right after a GC.
 */
function notYetFreed(s: SnapshotAnalysis): boolean {
  return heldSinceLastGc(s.verdict) || s.stats?.int('NumGC') === 0;
}

/**
 * What the size-class line is called (text, Markdown, the TUI's Overview): `Live by size` right
 * after a GC; `Not yet freed` for a dump read between GCs or before the first GC, whose Mallocs −
 * Frees per class count garbage not yet swept too (notYetFreed). Short enough for the TUI's label column.
 */
export function sizeClassLabel(s: SnapshotAnalysis): string {
  return notYetFreed(s) ? 'Not yet freed' : 'Live by size';
}

function gcLine(s: SnapshotAnalysis, o: TextOptions): string[] {
  const parts = gcFacts(s);
  const sizes = sizeClassFacts(s);
  return [...(parts.length ? [hang('GC: ', parts.join(' · '), o.width)] : []), ...(sizes ? [hang(`${sizeClassLabel(s)}: `, sizes, o.width)] : [])];
}

/** How many size classes the reports name (JSON has them all). */
const TOP_SIZE_CLASSES = 3;

/** The size classes as the reports name them: the top ones, what lies beyond the table, where the numbers come from. */
export interface SizeClassParts {
  /** `416 B × 10,032 = 3.98 MiB (55%)`; a histogram's `385–416 B × 12 ≤ 4.9 KiB`. */
  classes: string[];
  /** `above 18.0 KiB: 1.2 MiB (17%)` (BySize), `3 objects above 32,768 B` (a histogram). */
  beyond: string | undefined;
  /** `MemStats.BySize, Mallocs − Frees per class`, or the histogram's name. */
  source: string;
}

/**
 * The size classes holding the most live bytes (`n` of them), as sizeClassFacts joins them.
 * Shares are of HeapAlloc. A histogram's rows are size ranges and their bytes upper bounds.
 */
export function sizeClassParts(s: SnapshotAnalysis, n = TOP_SIZE_CLASSES): SizeClassParts | undefined {
  const t = s.sizeClasses;
  if (!t) return undefined;
  const share = (bytes: number): string => (t.heapAlloc ? ` (${formatShare(bytes, t.heapAlloc, 0)})` : '');
  const classes = topSizeClasses(t, n).map((c) => {
    const bytes = classBytes(c);
    return t.exact
      ? `${formatBytes(c.size ?? 0)} × ${formatCount(c.liveObjects)} = ${formatBytes(bytes)}${share(bytes)}`
      : `${formatCount(c.minSize)}–${formatCount(c.size ?? 0)} B × ${formatCount(c.liveObjects)} ≤ ${formatBytes(bytes)}`;
  });
  const largest = t.classes.findLast((c) => c.size !== null)?.size ?? 0;
  const beyond = t.exact
    ? (t.largerBytes ? `above ${formatBytes(largest)}: ${formatBytes(t.largerBytes)}${share(t.largerBytes)}` : undefined)
    : (() => {
        const inf = t.classes.find((c) => c.size === null);
        return inf && inf.liveObjects > 0 ? `${countOf(inf.liveObjects, 'object')} above ${formatCount(largest)} B` : undefined;
      })();
  if (classes.length === 0 && !beyond) return undefined;
  return { classes, beyond, source: t.exact ? 'MemStats.BySize, Mallocs − Frees per class' : `${t.source}, allocs − frees` };
}

/** `416 B × 10,032 = 3.98 MiB (55%) · …; above 18 KiB: 1.2 MiB (17%) (BySize)`. */
export function sizeClassFacts(s: SnapshotAnalysis): string | undefined {
  const p = sizeClassParts(s);
  return p && `${[p.classes.join(' · '), p.beyond].filter(Boolean).join('; ')} (${p.source})`;
}

function findingLines(f: Finding, o: TextOptions): string[] {
  const c = o.colors;
  const head = wrap(`${f.severity} ${f.ruleId}: ${f.message}`, o.width, 4, 2).replace(f.severity, severityTag(c, f)).replace(f.ruleId, c.bold(f.ruleId));
  return [
    head,
    hang('    why: ', f.why, o.width),
    hang('    fix: ', f.fix, o.width),
    `    ${c.dim(`see: ${f.docsUrl}`)}`,
  ];
}

function siteLines(s: SnapshotAnalysis, o: TextOptions): string[] {
  const p = s.profile;
  if (p.samplingRate === 0) return [];
  const listable = p.sites.filter(hasBytes);
  const sites = listable.slice(0, o.topSites);
  if (sites.length === 0) return [];
  const c = o.colors;
  const rate = p.exact ? 'every allocation recorded (MemProfileRate = 1): exact' : p.samplingRate ? `sampled every ${formatBytes(p.samplingRate)}; unsampled estimates, as pprof computes them` : 'sampling rate unknown: raw sample counts';
  // A gperftools (C++) profile has no GC to be as of.
  // Before the first GC the records are those of the process's first profile request (profile-before-first-gc says why).
  const numGC = s.stats?.int('NumGC');
  const delta = deltaProfileWords(p.format);
  // A delta's in-use is the change between two profiles, each as of its own recent GC: no one GC to be as of.
  const asOf = delta ? ` ${capitalized(delta)}; a negative in-use was freed in the window.`
    : !writtenByGo(p.format) ? '' : numGC === 0 ? ' No GC has run: the records are as of the process\'s first profile request, nothing freed (profile-before-first-gc).'
    : ' In-use numbers are as of a recent GC: the profile may be up to two GC cycles old.';
  const lag = profileLag(p, s.stats, s.forcedGC);
  // Ordered by allocated objects (--sort alloc-objects), the table shows them: else the order looked arbitrary.
  const byAllocObjects = o.siteOrder === 'alloc-objects';
  // A delta's signed columns are a character wider each (`+512.2 KiB`).
  const wide = delta ? 1 : 0;
  const indent = (byAllocObjects ? 47 : 35) + 2 * wide;
  const lines = [c.bold('Allocation sites'), wrap(`${rate}.${asOf}${siteOrderSentence(o.siteOrder)}`, o.width, 2, 2),
    ...(lag ? [c.yellow(wrap(lag.summary, o.width, 2, 2))] : []),
    c.dim(`${delta ? '    Δ in use  Δ objects' : '     in use   objects'}   allocated${byAllocObjects ? '  alloc objs' : ''}  site`)];
  for (const site of sites) {
    const hint = siteHint(site);
    const name = stripControl(site.function) + (hint ? ` (${hint})` : '');
    const allocObjects = byAllocObjects ? `  ${formatCount(site.allocObjects).padStart(10)}` : '';
    const [inuse, objects] = delta ? [formatChange(site.inuseBytes), formatChange(site.inuseObjects, false)] : [formatBytes(site.inuseBytes), formatCount(site.inuseObjects)];
    lines.push(`  ${inuse.padStart(9 + wide)} ${objects.padStart(9 + wide)}  ${formatBytes(site.allocBytes).padStart(10)}${allocObjects}  ${name}`);
    if (site.file) lines.push(c.dim(`${' '.repeat(indent)}${stripControl(shortPath(site.file))}:${site.line ?? '?'}`));
    const split = delta ? deltaSplitWords(site) : undefined;
    if (split) lines.push(c.dim(hang(' '.repeat(indent), split, o.width)));
    lines.push(...callerLines(site, indent, 'in use').map((l) => c.dim(l)));
    lines.push(...escapeLines(o.escape?.get(site), o));
    // Stacks the dump prints alike: their object sizes tell them apart (a defer record beside its closure).
    for (const sentence of sameLinesSentences(site, o.escape?.get(site)?.diagnostics)) lines.push(c.dim(hang(' '.repeat(indent), stripControl(sentence), o.width)));
  }
  // Sites of no bytes (a record of zeros) are never listed, so not counted as more either.
  const more = listable.length - sites.length;
  if (more > 0) lines.push(c.dim(`  … ${more} more site${more === 1 ? '' : 's'} (--top N, or --format json for all)`));
  if (sites.some((site) => site.poolNew)) lines.push(wrap(POOL_NEW_NOTE, o.width, 2, 2));
  if (sites.some(heldMapBuckets)) lines.push(wrap(MAP_BUCKETS_NOTE, o.width, 2, 2));
  const tiny = tinyBlockPlaces(sites, (site) => o.escape?.get(site)?.diagnostics);
  if (tiny.length > 0) lines.push(wrap(tinyBlocksNote(tiny, s.stats?.int('HeapObjects'), formatCount), o.width, 2, 2));
  return lines;
}

export { shortPath } from '../common/stems.js';

/** How the header line names where a snapshot came from. */
const ORIGIN_WORDS: Record<NonNullable<SnapshotAnalysis['origin']> | 'heap', string> = {
  heap: 'heap dump',
  prometheus: '/metrics scrape (MemStats, no profile)',
  expvar: '/debug/vars (MemStats, no profile)',
  pprof: 'binary heap profile (no MemStats)',
  'pprof+prometheus': 'binary heap profile + the MemStats of its /metrics scrape',
  'pprof+expvar': 'binary heap profile + the MemStats of its /debug/vars',
  'heap+prometheus': 'heap dump without MemStats + the MemStats of its /metrics scrape',
  'heap+expvar': 'heap dump without MemStats + the MemStats of its /debug/vars',
};

/** `/metrics scrape (MemStats, no profile) · go1.19 · MemStats block only`: what a snapshot came from. */
export function snapshotKindLine(s: SnapshotAnalysis): string {
  const version = s.goVersion ? `${formatGoVersion(s.goVersion)}${s.goVersion.source === 'flag' || s.goVersion.source === 'reported' ? '' : ' (inferred)'}` : 'Go version unknown';
  const contents = s.profile.format ? countOf(s.profile.recordCount, 'record') : 'MemStats block only';
  const cmdline = s.process?.cmdline;
  // expvar's cmdline names the process: its program (last path segment) and arguments.
  const program = cmdline?.length ? ` · ${stripControl([cmdline[0]?.split('/').pop() ?? '', ...cmdline.slice(1)].join(' ')).slice(0, 60)}` : '';
  return `${ORIGIN_WORDS[s.origin ?? 'heap']}${program} · ${version} · ${contents}`;
}

/** When the runtime's own parts are not all in the input: the bucket is their sum by §1's identity, said so (not a part read as 0). */
export function runtimeDerivedLine(s: SnapshotAnalysis): string | undefined {
  const missing = s.breakdown && s.stats ? runtimePartsMissing(s.stats) : [];
  return missing.length > 0 ? `runtime is Sys − HeapSys − StackSys: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the input.` : undefined;
}

/** For a /metrics scrape or /debug/vars: the MemStats fields it does not carry, which stay unknown (never 0). */
export function unknownFieldsLine(s: SnapshotAnalysis): string | undefined {
  if (!s.origin || s.origin === 'pprof' || !s.stats) return undefined;
  const unknown = unknownFields(s.stats);
  return unknown.length ? `Not in this ${s.origin.endsWith('expvar') ? '/debug/vars' : 'scrape'}, so unknown (not 0): ${unknown.join(', ')}.` : undefined;
}

/** A GODEBUG=gctrace=1 log: its series verdict, the live heap after each GC, the peak against what stays. */
function gcTraceLines(report: AnalyzeReport, traces: readonly GcTraceAnalysis[], o: TextOptions): string[] {
  const c = o.colors;
  const out: string[] = [];
  for (const t of traces) {
    out.push(c.bold(`GC log ${stripControl(inputTitle(t.source))}: ${gcTraceTitle(t)}`));
    out.push(wrap(gcTraceVerdictText(t, report.verdict, report.gcTraces ?? []), o.width, 2, 2));
    out.push(hang('  live after GC ', liveAfterGc(t), o.width));
    out.push(wrap(peakVersusLive(t), o.width, 2, 2));
    out.push(wrap(gcTraceFacts(t).join(' · '), o.width, 2, 2));
    const timer = forcedTimerLine(t);
    if (timer) out.push(wrap(timer, o.width, 2, 2));
    for (const line of gcTraceMarkLines(t)) out.push(wrap(line, o.width, 2, 2));
    out.push('');
  }
  return out;
}

function snapshotLines(s: SnapshotAnalysis, o: TextOptions, many: boolean): string[] {
  const c = o.colors;
  const lines = [c.bold(c.underline(stripControl(inputTitle(s.source)))), c.dim(snapshotKindLine(s))];
  const unknown = unknownFieldsLine(s);
  if (unknown) lines.push(c.dim(wrap(unknown, o.width, 2, 0)));
  if (many) lines.push(wrap(`${s.verdict.summary}`, o.width, 2, 2));
  lines.push('');
  const b = breakdownLines(s, o);
  if (b.length) lines.push(...b, '');
  const gc = gcLine(s, o);
  if (gc.length) lines.push(...gc, '');
  const sites = siteLines(s, o);
  if (sites.length) lines.push(...sites, '');
  return lines;
}

/** The allocation sites of the snapshot that stands for the latest (LatestShown.sitesFrom), under a line that says whose they are. */
function profiledSiteLines({ latest, sitesFrom: from }: LatestShown, o: TextOptions): string[] {
  const sites = from ? siteLines(from, o) : [];
  if (!from || sites.length === 0) return [];
  return [o.colors.dim(wrap(latestSitesNote(latest, from, (source) => stripControl(inputTitle(source))), o.width, 0, 0)), ...sites, ''];
}

function seriesLines(report: AnalyzeReport, o: TextOptions): string[] {
  const series = report.series;
  if (!series) return [];
  const c = o.colors;
  const lines: string[] = [];
  if (series.points.length > 0) {
    lines.push(c.bold(`Across ${countOf(series.points.length, 'snapshot')} (ordered by TotalAlloc)`));
    for (const [name, values] of seriesRows(series)) lines.push(hang(`  ${name.padEnd(13)} `, values, o.width));
    const unchecked = sameProgramUncheckedNote(series);
    if (unchecked) lines.push(c.yellow(wrap(unchecked, o.width, 2, 2)));
    if (series.withoutMemStats) lines.push(wrap(notInSeries(series.withoutMemStats, report.snapshots), o.width, 2, 2));
    if (series.sameEpoch.length > 0) {
      const pairs = sameEpochRuns(series.sameEpoch);
      // Before the first GC no profile is published: the records are the first profile request's (profile-before-first-gc).
      const beforeFirstGC = series.sameEpoch.every(([a]) => series.points[a]?.numGC === 0);
      const why = beforeFirstGC ? 'no GC has run, so the profile is the first profile request\'s' : 'the profile is published at GC';
      // A /metrics page or /debug/vars has no heap records: only that no GC ran between them.
      const profiled = new Set(report.snapshots.filter((s) => s.profile.format).map((s) => s.source));
      const records = series.sameEpoch.some(([a, b]) => profiled.has(series.points[a]?.source ?? '') && profiled.has(series.points[b]?.source ?? ''));
      // Not "the same records" outright: a binary profile's NumGC is that of the MemStats read beside it, maybe after
      // another GC ended (the captured live.heap.pb.gz, 44.1 MiB in use, with /debug/vars of NumGC 7; a debug=1 dump of NumGC 7 a moment later, 78.7 MiB).
      lines.push(wrap(`Snapshots ${pairs} share a NumGC: ${records ? `their heap records are likely the same GC epoch (${why}; a profile read apart from its MemStats may be of an earlier one)` : 'no GC ran between them'}.`, o.width, 2, 2));
    }
    const repeated = sameProfileNote(series);
    if (repeated) lines.push(wrap(repeated, o.width, 2, 2));
    const rateChange = samplingRateChangeNote(series);
    if (rateChange) lines.push(wrap(rateChange, o.width, 2, 2));
    const caught = profileCaughtUpNote(series);
    if (caught) lines.push(wrap(caught, o.width, 2, 2));
    const between = betweenGCsNote(series);
    if (between) lines.push(wrap(between, o.width, 2, 2));
    const rssOrigin = rssOriginNote(series);
    if (rssOrigin) lines.push(wrap(rssOrigin, o.width, 2, 2));
    const goal = goalRatioChangesWords(series.goalRatioChanges ?? []);
    if (goal) lines.push(wrap(goal, o.width, 2, 2));
    const rate = allocationRate(series);
    if (rate) lines.push(hang('  allocation rate: ', rate, o.width));
    const recurring = series.verdict.recurringPeak;
    if (recurring) lines.push(hang('  recurring peak: ', recurringPeakLine(recurring), o.width));
    lines.push('');
  }
  // Sites that grew, then held, apart: not growing now, never under "Growing".
  const { growing, held } = growingAndHeld(series);
  const where = `in use, ${siteTrendsWhere(series)}`;
  for (const [title, sites] of [[`Growing allocation sites (${where})`, growing], [heldSitesTitle(where), held]] as const) {
    if (sites.length === 0) continue;
    lines.push(c.bold(title));
    for (const s of sites.slice(0, o.topSites)) {
      // An old copy freed, a rough estimate (basis.ts): said as the verdict says them; the first names a map's buckets itself.
      const notes = growingSiteNotes(s);
      const hint = s.profiler ? " (the profiler's own; not leak evidence)" : s.poolNew ? ` (${POOL_NEW_HINT})` : s.mapBuckets && !s.oldCopyAt ? ` (${MAP_BUCKETS_HINT})` : '';
      lines.push(`  +${formatBytes(s.growthBytes).padEnd(10)} ${stripControl(s.function)}${hint}${s.file ? c.dim(`  ${stripControl(shortPath(s.file))}:${s.line ?? '?'}`) : ''}`);
      if (notes.length > 0) lines.push(hang(' '.repeat(14), c.dim(`(${notes.join('; ')})`), o.width));
      lines.push(...callerLines(s, 14, 'in the last snapshot').map((l) => c.dim(l)));
      lines.push(hang(' '.repeat(14), trend(s.inuseBytes), o.width));
    }
    lines.push('');
  }
  const classes = series.growingSizeClasses ?? [];
  if (classes.length > 0) {
    lines.push(c.bold(`Growing size classes (${sizeTableName(report)}, one snapshot per GC epoch)`));
    for (const t of classes.slice(0, o.topSites)) lines.push(hang(`  +${formatBytes(t.growthBytes).padEnd(10)} `, sizeClassTrend(t, report), o.width));
    lines.push('');
  }
  // Groups that grew, then held, apart, as the sites are.
  const groups = growingAndHeldGroups(series);
  for (const [title, list] of [['Growing goroutine groups', groups.growing], [heldGroupsTitle(), groups.held]] as const) {
    if (list.length === 0) continue;
    lines.push(c.bold(title));
    for (const g of list.slice(0, o.topSites)) {
      lines.push(hang(`  +${formatCount(g.growth).padEnd(6)} `, stripControl(groupName(g, series.growingGroups)) + ` (${trend(g.counts, false)}${stripControl(namedSplit(g))})`, o.width));
    }
    lines.push('');
  }
  return lines;
}

/** What the series' size tables are: `MemStats.BySize`, or the by-size histogram's name. */
export function sizeTableName(report: AnalyzeReport): string {
  const table = report.snapshots.find((s) => s.sizeClasses)?.sizeClasses;
  return table?.exact === false ? `${table.source}, bytes at most` : 'MemStats.BySize';
}

/** `416 B objects: 384 → 1,536 live (6.0 MiB → 24.0 MiB)`: one growing class across the series. */
export function sizeClassTrend(t: SizeClassTrend, report: AnalyzeReport): string {
  const exact = report.snapshots.find((s) => s.sizeClasses)?.sizeClasses?.exact !== false;
  const size = exact ? formatBytes(t.size ?? 0) : t.size === null ? `above ${formatCount(t.minSize - 1)} B` : `${formatCount(t.minSize)}–${formatCount(t.size)} B`;
  return `${size} objects: ${trend(t.liveObjects, false)} live (${trend(t.liveBytes)})`;
}

/**
 * When StackInuse over the goroutines a dump lists is worth printing as their average stack: it
 * also holds the runtime's own stacks, which the goroutine profile does not list — each thread's
 * g0 and signal stacks (8 + 32 KiB on linux/amd64 in go1.19: src/runtime/proc.go allocm, os_linux.go
 * mpreinit), the system goroutines', stack spans kept for reuse — about 350 KiB in a small
 * program, more after a burst. With fewer than 100 goroutines, or less than 4 MiB of stacks, the
 * runtime's own may be most of it, and the average says nothing of theirs (the captured
 * go1.19-audit27-burst: "StackInuse 352.0 KiB / 3 goroutines = 117.3 KiB per goroutine", and
 * 6.7 MiB / 3 = 2.2 MiB once its 4,000 goroutines had exited): it is not printed.
 */
const STACK_AVERAGE_MIN_GOROUTINES = 100;
const STACK_AVERAGE_MIN_BYTES = 4 * 1024 * 1024;

function goroutineLines(report: AnalyzeReport, o: TextOptions): string[] {
  const { latest, leaked, dumps, crashes } = goroutineSection(report.goroutines);
  const c = o.colors;
  // Crashes' outputs apart: each is how one run died, not a moment of the series.
  const crashLines = crashes.length > 0 ? [c.bold('Crashes (each on its own: how one run died, not a moment of a series)'), ...crashes.map((d) => wrap(goroutineSummaryLine(d), o.width, 4, 2)), ''] : [];
  if (dumps.length === 0) return crashLines;
  const lines = [c.bold('Goroutines'), ...dumps.map((d) => wrap(goroutineSummaryLine(d, report.series), o.width, 4, 2))];
  if (latest) lines.push(...stackAverageLines(latest, sameMoment(report.snapshots, latest) ?? sameTime(report.snapshots, latest), o));
  if (latest) lines.push(...groupLines('group (latest dump)', latest, o));
  const threads = latest ? threadsLine(latest) : undefined;
  if (threads) lines.push(wrap(threads, o.width, 4, 2));
  if (leaked && leaked.groups.length > 0) lines.push(...groupLines("leaked, as the runtime's goroutineleak profile lists them (latest)", leaked, o));
  lines.push('');
  return [...lines, ...crashLines];
}

/** `StackInuse 125.4 MiB / 1,004 goroutines = …`: the average stack of a goroutine dump, from the heap dump of its moment (`snapshot`), when it says something (STACK_AVERAGE_MIN_GOROUTINES). */
function stackAverageLines(dump: GoroutineSummary, snapshot: SnapshotAnalysis | undefined, o: TextOptions): string[] {
  const stackInuse = snapshot?.stats?.int('StackInuse');
  if (stackInuse === undefined || stackInuse === null || dump.total < STACK_AVERAGE_MIN_GOROUTINES || stackInuse < STACK_AVERAGE_MIN_BYTES) return [];
  return [wrap(`StackInuse ${formatBytes(stackInuse)} / ${formatCount(dump.total)} goroutines = ${formatBytes(stackInuse / dump.total)} per goroutine on average (they start at 2 KiB).`, o.width, 4, 2)];
}

/** A goroutine dump's largest groups (`--top`), under a header naming what they are (`title`). */
function groupLines(title: string, dump: GoroutineSummary, o: TextOptions): string[] {
  const c = o.colors;
  const lines = [c.dim(`  ${'count'.padStart(7)}  ${title}`)];
  for (const g of dump.groups.slice(0, o.topSites)) lines.push(hang(`  ${formatCount(g.count).padStart(7)}  `, describeGroup(g, dump.groups), o.width));
  const more = dump.groups.length - o.topSites;
  if (more > 0) lines.push(c.dim(`  … ${more} more group${more === 1 ? '' : 's'}`));
  return lines;
}

/**
 * Unrelated dumps (`--separately`), folder by folder (report/separately.ts): under a title naming
 * the folder (when there are several), its GC logs, heap dumps and goroutine dumps, each as its own
 * report followed by its own findings, titled with its name ("Findings of …"), so that no finding
 * is read as another dump's.
 */
function separateLines(report: AnalyzeReport, o: TextOptions): string[] {
  const c = o.colors;
  const by = findingsBySource(report);
  const out: string[] = [];
  const findingsOf = (source: string): string[] => {
    const found = by.get(source) ?? [];
    by.delete(source);
    return found.length === 0 ? [] : [c.bold(`Findings of ${stripControl(inputTitle(source))}`), ...found.flatMap((f) => [...findingLines(f, o), ''])];
  };
  const groups = separateGroups(report);
  for (const g of groups) {
    if (groups.length > 1) out.push(c.bold(`Folder ${stripControl(folderTitle(g.folder))} (${folderContents(g)})`), '');
    for (const t of g.gcTraces) out.push(...gcTraceLines(report, [t], o), ...findingsOf(t.source));
    for (const s of g.snapshots) out.push(...snapshotLines(s, o, true), ...findingsOf(s.source));
    for (const d of g.goroutines) {
      out.push(c.bold(stripControl(separateInputTitle(d))), wrap(goroutineSummaryFacts(d), o.width, 2, 2));
      out.push(...stackAverageLines(d, sameMoment(g.snapshots, d), o));
      if (d.groups.length > 0) out.push(...groupLines(separateGroupsTitle(d), d, o));
      out.push('', ...findingsOf(d.source));
    }
  }
  // Findings about no input of the report (none is known): still said, each under its input's name.
  for (const source of [...by.keys()]) out.push(...findingsOf(source));
  return out;
}


export function reportText(report: AnalyzeReport, options: TextOptions): string {
  const o: TextOptions = report.siteOrder ? { ...options, siteOrder: report.siteOrder } : options;
  const c = o.colors;
  const out: string[] = [];
  const verdictColor = report.verdict.leak === 'suspected' ? c.red : report.verdict.leak === 'not-suspected' ? c.green : c.yellow;
  out.push(verdictColor(c.bold(wrap(report.verdict.summary, o.width, 0, 0))), '');
  if (report.separately) out.push(...separateLines(report, o));
  else {
    out.push(...seriesLines(report, o));
    out.push(...gcTraceLines(report, report.gcTraces ?? [], o));
    // With a series, the latest snapshot stands for the rest (latestShown, as Markdown shows it); --format json has them all.
    const shown = latestShown(report);
    if (shown) {
      if (shown.earlier.length > 0) out.push(c.bold('Latest snapshot'));
      // Its own one-dump verdict ("one dump cannot tell…") is not repeated: the series above judged.
      out.push(...snapshotLines(shown.latest, o, false));
      out.push(...profiledSiteLines(shown, o));
    }
    out.push(...goroutineLines(report, o));
    const findings = shown?.findings ?? report.findings;
    if (findings.length) {
      out.push(c.bold(shown?.findingsTitle ?? 'Findings'));
      for (const f of findings) out.push(...findingLines(f, o), '');
    }
    const hidden = shown?.hidden ?? 0;
    if (hidden > 0) out.push(c.dim(hiddenFindingsLine(hidden)));
  }
  const skipped = report.skipped?.length ?? 0;
  if (skipped > 0) out.push('', c.dim(skippedCountLine(skipped, '--format json')));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
