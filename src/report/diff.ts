/** The text, Markdown and JSON of `heapdoc diff`. */
import { pinnedGoalDiffWords } from '../analyze/series/pinned.js';
import * as path from 'node:path';
import { COMPARED_STATS, DIFF_BUCKETS, type Delta, type OneSideMemStats, type SiteDelta, type SnapshotDiff, withinSamplingError } from '../analyze/diff.js';
import type { Usage } from '../analyze/profile.js';
import type { Colors } from '../text/color.js';
import { markdownCode, markdownText } from '../text/markdown.js';
import { inputTitle, stripControl } from '../text/sanitize.js';
import { stringifyJson } from '../text/json.js';
import { countOf, formatBytes, formatChange, formatCount } from '../text/units.js';
import { capitalized, hang, wrap } from '../text/wrap.js';
import { shortPath } from './text.js';
import { SERIES_THRESHOLDS } from '../analyze/series/thresholds.js';
import { forcedGCBy } from '../analyze/series/forced.js';
import { rateChangedWords } from './goroutines.js';

const COUNTS = new Set<string>(['HeapObjects', 'Mallocs', 'Frees', 'NumGC']);

const signed = formatChange;

/** A MemStats value: bytes, or a count (HeapObjects, NumGC…). */
function amount(n: number, bytes: boolean): string {
  return bytes ? formatBytes(n) : formatCount(n);
}

function row(name: string, d: Delta, bytes: boolean, c: Colors): string {
  const change = signed(d.delta, bytes);
  const colored = d.delta > 0 ? c.red(change) : d.delta < 0 ? c.green(change) : c.dim(change);
  return `  ${name.padEnd(14)}${amount(d.before, bytes).padStart(12)} → ${amount(d.after, bytes).padEnd(12)} ${colored}`;
}

/**
 * The rows of the MemStats tables, in their order: each bucket or field with its value
 * (a Delta compared, a number on the one side that has MemStats), and whether it is bytes.
 */
function memStatsRows<T>(values: { breakdown: Partial<Record<string, T>>; memStats: Partial<Record<string, T>> }): { title: 'Where the memory is' | 'MemStats'; rows: [name: string, value: T, bytes: boolean][] }[] {
  const present = (names: readonly string[], of: Partial<Record<string, T>>, bytes: (name: string) => boolean): [string, T, boolean][] =>
    names.flatMap((name) => {
      const value = of[name];
      return value !== undefined ? [[name, value, bytes(name)] as [string, T, boolean]] : [];
    });
  return [
    { title: 'Where the memory is', rows: present(DIFF_BUCKETS, values.breakdown, () => true) },
    { title: 'MemStats', rows: present(COMPARED_STATS, values.memStats, (name) => !COUNTS.has(name)) },
  ];
}

/** How the tables of the one dump with MemStats are titled: `, AFTER only (BEFORE has no MemStats)`. */
function oneSideOnly(one: OneSideMemStats): string {
  const [side, other] = one.side === 'before' ? ['BEFORE', 'AFTER'] : ['AFTER', 'BEFORE'];
  return `, ${side} only (${other} has no MemStats)`;
}

/** The warning for dumps that cannot be BEFORE and AFTER of one process, saying what shows it. */
function notInOrder(d: SnapshotDiff): string {
  return `These dumps are not BEFORE and AFTER of one process (${d.orderShownBy ?? 'TotalAlloc or NumGC'} went down): the differences compare two processes, or the order is swapped.`;
}

/** With --separately, the dumps analyze would refuse as one process: said first, then why. */
function notOneProcess(d: SnapshotDiff): string[] {
  if (d.notOneProcess.length === 0) return [];
  return ['Not one process, compared anyway (--separately): the differences are between two programs or runs, not a change over time.', ...d.notOneProcess.map((p) => `${p.message}.`)];
}

/** The side that carries no stack frames, when nothing checked it is the other's program (SnapshotDiff.sameProgramUnchecked). */
function uncheckedNote(d: SnapshotDiff): string | undefined {
  const [source] = d.sameProgramUnchecked;
  if (source === undefined) return undefined;
  const [side, other] = source === d.before.source ? ['BEFORE', 'AFTER'] : ['AFTER', 'BEFORE'];
  return `${side} (${path.basename(source)}) carries no stack frames: heapdoc cannot check it is the same program as ${other}.`;
}

/**
 * Why a part (the sites, MemStats) is not compared: a dump without it has it unknown, not zero.
 * `what`: the part as "has no …" says it, and as "neither dump has …" does.
 */
function notCompared(title: string, lacking: readonly string[], what: readonly [string, string], why: string): string | undefined {
  const [first, second] = lacking;
  if (first === undefined) return undefined;
  const which = second !== undefined ? `neither dump has ${what[1]}` : `${path.basename(first)} has no ${what[0]}`;
  return `${title} not compared: ${which} (${why}); give heap?debug=1 of ${second !== undefined ? 'both moments' : 'that moment'} to compare them.`;
}

/**
 * Why a dump has no MemStats: a binary profile carries none; a heap?debug=1 dump without its block
 * was cut short (or converted by a tool that drops it).
 */
function noMemStatsWhy(d: SnapshotDiff): string {
  const lacking = [d.before, d.after].filter((s) => s.stats === undefined);
  const binary = lacking.filter((s) => s.profile.format?.binary === true).length;
  const texts = lacking.length - binary;
  if (texts === 0) return 'a binary heap profile carries the sites only';
  const cut = texts > 1 ? 'both heap?debug=1 texts lack' : `${binary > 0 ? 'the' : 'its'} heap?debug=1 text lacks`;
  return `${binary > 0 ? 'a binary heap profile carries the sites only; ' : ''}${cut} the # runtime.MemStats block: cut short?`;
}

/** What is not compared, in the order of the report: MemStats, then the sites. */
function notComparedNotes(d: SnapshotDiff): string[] {
  return [
    notCompared('MemStats', d.withoutMemStats, ['MemStats', 'MemStats'], noMemStatsWhy(d)),
    notCompared('Allocation sites', d.withoutProfile, ['heap profile', 'a heap profile'], '/debug/vars and /metrics carry MemStats only'),
  ].filter((n) => n !== undefined);
}

/** The site whose `measure` rose (`sign` 1) or fell (−1) the most, whatever --sort ordered the sites by. */
function mostMoved(sites: readonly SiteDelta[], measure: 'inuseBytes' | 'allocBytes', sign: 1 | -1): SiteDelta | undefined {
  let most: SiteDelta | undefined;
  // The profiler's own sites are what taking the dumps allocated (reasoning.md §7): never the change to name.
  for (const s of sites) if (!s.profiler && s[measure].delta * sign > 0 && (!most || s[measure].delta * sign > most[measure].delta * sign)) most = s;
  return most;
}

/**
 * How the sites' section says each --sort measure: the measure itself (its change, before → after)
 * first, then the bytes beside it (objects are shown with their bytes).
 */
const MEASURES: Record<keyof Usage, { label: string; bytes: boolean; beside: keyof Usage; besideLabel: string }> = {
  inuseBytes: { label: 'in use', bytes: true, beside: 'allocBytes', besideLabel: 'allocated' },
  allocBytes: { label: 'allocated', bytes: true, beside: 'inuseBytes', besideLabel: 'in use' },
  inuseObjects: { label: 'objects in use', bytes: false, beside: 'inuseBytes', besideLabel: 'in use' },
  allocObjects: { label: 'objects allocated', bytes: false, beside: 'allocBytes', besideLabel: 'allocated' },
};

/** A site's row: the measure's change, its values before → after, and the change of the bytes beside it. */
function siteCells(s: SiteDelta, measure: keyof Usage): { change: string; values: string; beside: string } {
  const m = MEASURES[measure];
  const f = (n: number): string => (m.bytes ? formatBytes(n) : formatCount(n));
  const x = s[measure];
  return { change: signed(x.delta, m.bytes), values: `${f(x.before)} → ${f(x.after)}`, beside: signed(s[m.beside].delta, true) };
}

/**
 * Dumps of one GC cycle (same NumGC): their heap profile records are the same by construction (the
 * profile is published at GC), but only when both have one: a /debug/vars or /metrics side has none.
 */
function sameEpochRemark(d: SnapshotDiff): string | undefined {
  if (!d.sameGcEpoch || d.identical) return undefined;
  if (d.withoutProfile.length > 0) return 'No GC ran between the two (the same NumGC): only MemStats moved.';
  return 'Both dumps were taken between the same two GCs: the heap profile records are identical by construction (the profile is published at GC); only MemStats moved.';
}

/** The buckets a move between is said (bucketMove): the breakdown's, not live (said first) nor their sums (sys, retained). */
const MOVING_BUCKETS = ['fragmentation', 'idle', 'released', 'stacks', 'runtime'] as const;

/**
 * The largest change of the memory buckets, said when no site's in-use bytes changed over a GC or
 * more: idle pages released to the OS while the live heap stayed (a map that never shrinks, a heap
 * after a peak) is the news, not what a sample or two allocated. With its counterpart (a fall and a
 * rise of at least 90 % of it) as a move, `138.0 MiB moved from idle to released (returned to the
 * OS)`; alone as `idle 158.3 MiB → 20.3 MiB (−138.0 MiB)`. Undefined below 1 MiB or 1 % of Sys, or
 * when it is not larger than the live heap's change, which the headline says first (idle pages
 * taken by the live heap's growth are that growth).
 */
function bucketMove(d: SnapshotDiff): string | undefined {
  const changes = MOVING_BUCKETS.flatMap((name) => {
    const x = d.buckets[name];
    return x !== undefined && x.delta !== 0 ? [{ name, x }] : [];
  }).sort((a, b) => Math.abs(b.x.delta) - Math.abs(a.x.delta));
  const top = changes[0];
  const least = Math.max(1 << 20, (d.buckets.sys?.after ?? 0) / 100, Math.abs(d.buckets.live?.delta ?? 0) + 1);
  if (top === undefined || Math.abs(top.x.delta) < least) return undefined;
  const other = changes.find((c) => Math.sign(c.x.delta) === -Math.sign(top.x.delta) && Math.abs(c.x.delta) >= 0.9 * Math.abs(top.x.delta));
  if (other === undefined) return `${top.name} ${formatBytes(top.x.before)} → ${formatBytes(top.x.after)} (${signed(top.x.delta, true)})${freedStacks(d, top)}`;
  const [from, to] = top.x.delta < 0 ? [top, other] : [other, top];
  const moved = Math.min(Math.abs(top.x.delta), Math.abs(other.x.delta));
  return `${formatBytes(moved)} moved from ${from.name} to ${to.name}${to.name === 'released' ? ' (returned to the OS)' : ''}`;
}

/**
 * Why idle grew, when goroutine stacks account for most of it: a freed stack's spans go back to the
 * heap as idle spans (docs/reasoning.md, Stacks: there is no "StackIdle"), so idle that rose while
 * StackInuse fell by half of that rise or more is the stacks freed (the captured `bigstacks`: 1,000
 * goroutines that exited, idle +130.8 MiB beside StackInuse −115.4 MiB), not heap objects freed.
 * Empty otherwise (a fall of 90 % or more is said as a move already).
 */
function freedStacks(d: SnapshotDiff, top: { name: string; x: { delta: number } }): string {
  const stacks = d.stats.StackInuse;
  if (top.name !== 'idle' || top.x.delta <= 0 || !stacks || -stacks.delta < top.x.delta / 2) return '';
  return `, from goroutine stacks freed to the heap (StackInuse ${formatBytes(stacks.before)} → ${formatBytes(stacks.after)}, ${signed(stacks.delta, true)})`;
}

/**
 * The hint for a fall no allocation between the dumps explains (SnapshotDiff.droppedAcrossGCs):
 * the program's own drop first (audit 48 #10: a map drained by delete opened on a pool paragraph),
 * then the pool in one clause; said outright when the freed sites' stacks pass through
 * sync.(*Pool). A pooled buffer grown after Get shows no pool frame (go1.19-audit40-bufpool), so
 * its absence rules out only a pool's New. Undefined without one.
 */
function droppedNote(d: SnapshotDiff): string | undefined {
  const x = d.droppedAcrossGCs;
  if (x === undefined) return undefined;
  const where = x.sites.map((s) => `${s.function} (${countOf(s.freedObjects, 'object')} of ~${formatBytes(s.freedBytes / s.freedObjects)})`);
  const more = x.freedObjects - x.sites.reduce((n, s) => n + s.freedObjects, 0);
  const head = `The live heap fell by ${formatBytes(x.fellBytes)} between two dumps read right after a forced GC while only ${formatBytes(x.allocatedBytes)} was allocated between them: large objects were let go of, ${formatBytes(x.freedBytes)} at ${where.join(', ')}${more > 0 ? ` and ${countOf(more, 'more object')}` : ''}.`;
  const pooled = x.sites.filter((s) => s.pool === true);
  // A pool on the stacks says who let go; without one, the program's own drop is the likely answer and the pool a short hedge.
  if (pooled.length === x.sites.length) return `${head} Their stacks pass through sync.(*Pool): a sync.Pool's New made them, and the pool dropped them, as it drops an item left unused for two GCs (its victim cache, since Go 1.13; https://pkg.go.dev/sync#Pool): not a change of the program's.`;
  if (pooled.length > 0) return `${head} The stacks of ${pooled.map((s) => s.function).join(', ')} pass through sync.(*Pool): a sync.Pool's New made those, and a pool drops an item left unused for two GCs; the others' stacks show no pool, so the program let them go (deleted from a map, a slice truncated or dropped) or a cache did.`;
  return `${head} The program let them go (deleted them from a map, truncated or dropped a slice, cleared a cache), or a sync.Pool or a cache dropped them after two GCs unused: no sync.(*Pool) frame is on their stacks, which rules out only a pool whose New made them, not a pooled buffer grown after Get (https://pkg.go.dev/sync#Pool).`;
}

/** A dump's name in the summary and notes: its file name, control characters replaced. */
const named = (source: string): string => stripControl(path.basename(source));

/** The note when the program changed runtime.MemProfileRate between the two dumps (SnapshotDiff.samplingRateChange); undefined otherwise. */
function rateChangeNote(d: SnapshotDiff): string | undefined {
  const x = d.samplingRateChange;
  if (x === undefined) return undefined;
  return `${rateChangedWords(x, named(x.before), named(x.after))}, so the sites' changes compare two samplings; the MemStats compare as they are.`;
}

/**
 * The sentence that opens the summary when a dump was read between GCs (SnapshotDiff.betweenGCs):
 * its HeapAlloc is no live heap and its profile is older than its MemStats; with the other read
 * right after a forced GC, the two are not like for like.
 */
function readTimingSentence(d: SnapshotDiff): string | undefined {
  const [one, other] = d.betweenGCs;
  if (one === undefined) return undefined;
  // MemStats alone (/debug/vars, /metrics) have no heap profile to be older than them, and cannot run a GC first.
  const sides = [d.before, d.after];
  const profiled = (source: string): boolean => sides.some((s) => s.source === source && s.profile.format !== undefined);
  const alone = (source: string): string => (sides.find((s) => s.source === source)?.origin === 'prometheus' ? '/metrics scrape' : '/debug/vars document');
  const aloneWhy = 'MemStats alone, read when asked, never right after a GC';
  if (other !== undefined) {
    if (!profiled(one) && !profiled(other)) return `Read between GCs: both ${alone(one) === alone(other) ? `${alone(one)}s` : 'inputs'} (${aloneWhy}: their HeapAlloc counts the garbage made since the last GC).`;
    if (profiled(one) && profiled(other)) return 'Read between GCs: both dumps (their HeapAlloc counts the garbage made since the last GC, and their heap profiles are as of an earlier GC than their MemStats).';
    // A dump beside MemStats alone: each said with its own reason.
    const [dump, bare] = profiled(one) ? [one, other] : [other, one];
    return `Read between GCs: both — ${named(bare)} (a ${alone(bare)}, ${aloneWhy}) and ${named(dump)} (its heap profile is as of an earlier GC than its MemStats): their HeapAlloc counts the garbage made since the last GC.`;
  }
  const after = d.afterForcedGC[0];
  const why = profiled(one) ? 'its HeapAlloc counts the garbage made since the last GC, and its heap profile is as of an earlier GC than its MemStats' : `a ${alone(one)}, ${aloneWhy}: its HeapAlloc counts the garbage made since the last GC`;
  return `Read between GCs: ${named(one)} (${why})${after !== undefined ? `, while ${named(after)} was read right after a forced GC (${forcedGCBy([after])}): not like for like` : ''}.`;
}

/**
 * What the sites' section says first when the profiles' allocated bytes rose more than TotalAlloc
 * (SnapshotDiff.sitesBeyondTotalAlloc): their changes are not what happened between the two.
 */
function sitesBeyondNote(d: SnapshotDiff): string | undefined {
  const x = d.sitesBeyondTotalAlloc;
  if (x === undefined) return undefined;
  return `The allocation sites' changes are not growth between the two: the profiles' allocated bytes rose ${formatBytes(x.allocBytes)}, TotalAlloc only ${formatBytes(x.totalAllocBytes)}; ${named(d.before.source)}'s heap profile is as of an earlier GC than its MemStats, so they include what was allocated before it was read.`;
}

/** A site's in-use change within its sampling error, as the sites' table says it: ` (within sampling error, ±8.5 MiB)`; empty otherwise. */
function withinError(s: SiteDelta): string {
  return withinSamplingError(s) && s.inuseBytes.delta !== 0 ? ` (within sampling error, ±${formatBytes(s.inuseSamplingError ?? 0)})` : '';
}

/** `, within ±8.5 MiB` of a site's change within its sampling error (SiteDelta.inuseSamplingError); empty otherwise. */
function errorBound(s: SiteDelta): string {
  return withinSamplingError(s) ? `, within ±${formatBytes(s.inuseSamplingError ?? 0)}` : '';
}

/** One sentence: what changed most (after the one that says a dump was read between GCs). */
function diffSummary(d: SnapshotDiff): string {
  // Not "between the same two GCs … only MemStats moved": nothing moved.
  if (d.identical) return 'The two dumps are identical: the same MemStats, to the last field, and the same allocation sites (one dump given twice?).';
  const timing = readTimingSentence(d);
  const changes = d.goalFell ? `${changesSentence(d)} ${pinnedGoalDiffWords(d.goalFell)}` : changesSentence(d);
  return timing ? `${timing} ${changes}` : changes;
}

/** diffSummary's sentence of what changed most. */
function changesSentence(d: SnapshotDiff): string {
  const parts: string[] = [];
  const live = d.buckets.live;
  // Read between GCs, HeapAlloc holds garbage: not called the live heap.
  if (live) parts.push(`${d.betweenGCs.length > 0 ? 'HeapAlloc' : 'live heap'} ${formatBytes(live.before)} → ${formatBytes(live.after)} (${signed(live.delta, true)})`);
  const sitesUnchanged = d.withoutProfile.length === 0 && d.sites.every((s) => s.inuseBytes.delta === 0);
  // The sites did not change over a GC or more but the memory did: that leads, the sites'
  // allocation (a sample of 512 KiB) comes last. Between the same two GCs the records are the same
  // by construction: their not changing says nothing.
  const move = sitesUnchanged && !d.sameGcEpoch ? bucketMove(d) : undefined;
  if (move) parts.push('in-use bytes unchanged at the allocation sites', move);
  // Sites that moved more than TotalAlloc allows did not grow between the two: no growth is named.
  // A sampled site's estimate moves by whole samples: a change within its sampling error
  // (SiteDelta.inuseSamplingError, the series' notion) may be no change, and is named growth only
  // when no site grew beyond it (a bounded cache at its cap, 16.6 → 18.1 MiB on ~3 samples gained,
  // beside a live heap +19.5 KiB, is no growth).
  const grown = d.sitesBeyondTotalAlloc ? undefined : mostMoved(d.sites.filter((s) => !withinSamplingError(s)), 'inuseBytes', 1);
  const noisy = grown || d.sitesBeyondTotalAlloc ? undefined : mostMoved(d.sites, 'inuseBytes', 1);
  const top = grown ?? noisy;
  // The largest move leads, as a bucket move does: when the live heap fell (by flatShare or more: a
  // heap that held, 32.2 → 31.9 MiB, has sites moving by sampling noise both ways), a site that fell by more
  // than any grew, beyond sampling noise and by 1 % of the live heap or more (a map dropped,
  // −157.3 MiB, beside the new map's one sample, +596.2 KiB), is said before the growth (nor a fall,
  // when the sites moved more than TotalAlloc allows). Without MemStats the sites are all there is
  // to say: their largest fall when none grew.
  const fall = d.sitesBeyondTotalAlloc ? undefined : mostMoved(d.sites, 'inuseBytes', -1);
  const fallLeads = fall !== undefined && (top === undefined || -fall.inuseBytes.delta > top.inuseBytes.delta)
    && (live ? -live.delta >= live.before * SERIES_THRESHOLDS.flatShare && !withinSamplingError(fall) && -fall.inuseBytes.delta >= live.before / 100 : top === undefined);
  if (fall && fallLeads) parts.push(`most decrease at ${fall.function} (${signed(fall.inuseBytes.delta, true)} in use)`);
  const objects = d.stats.HeapObjects;
  if (objects) parts.push(`${signed(objects.delta, false)} objects`);
  const last: string[] = [];
  if (grown) parts.push(`most growth at ${grown.function} (${signed(grown.inuseBytes.delta, true)} in use)`);
  else if (noisy) parts.push(`no site grew beyond sampling error (the most, ${noisy.function}, ${signed(noisy.inuseBytes.delta, true)} in use${errorBound(noisy)})`);
  // No site's in-use bytes moved, but some allocated: said, never "no change" over +195.5 MiB allocated.
  const allocatedMost = sitesUnchanged ? mostMoved(d.sites, 'allocBytes', 1) : undefined;
  const profiler = allocatedMost || !sitesUnchanged ? undefined : d.sites.find((s) => s.profiler && s.allocBytes.delta > 0);
  // A sampled site's estimate moves by whole samples (512 KiB by default): above what TotalAlloc
  // counted between the two it is said as an estimate (the captured audit42 bufleak: fmt.Sprintf
  // "+512.0 KiB" beside 403.8 KiB allocated in all).
  const totalAllocated = d.stats.TotalAlloc?.delta;
  const allocatedWords = (s: SiteDelta): string => totalAllocated !== undefined && totalAllocated >= 0 && s.allocBytes.delta > totalAllocated
    ? `${signed(s.allocBytes.delta, true)}, a sampled estimate above the ${formatBytes(totalAllocated)} TotalAlloc counted`
    : signed(s.allocBytes.delta, true);
  if (move) {
    if (allocatedMost) last.push(`${allocatedMost.function} allocated the most among the sites (${allocatedWords(allocatedMost)})`);
    else if (profiler) last.push(`the profiles show only the profiler's own allocating (taking the dumps: ${profiler.function} ${signed(profiler.allocBytes.delta, true)})`);
  } else if (allocatedMost) parts.push(`in-use bytes unchanged at the allocation sites, but ${allocatedMost.function} allocated ${allocatedWords(allocatedMost)} between the two`);
  else if (profiler) parts.push(`in-use bytes unchanged at the allocation sites, and the profiles show only the profiler's own allocating between the two (taking the dumps: ${profiler.function} ${signed(profiler.allocBytes.delta, true)})`);
  const allocated = d.stats.TotalAlloc;
  const gcs = d.stats.NumGC;
  // Two programs (--separately): nothing was allocated "between" them.
  if (d.notOneProcess.length > 0) parts.push('not one process (--separately): two programs or runs side by side, not a change over time');
  // Cumulative counters never fall in one process: a fall is said as one, not as "-193.3 MiB allocated".
  else if (allocated && gcs && (allocated.delta < 0 || gcs.delta < 0)) parts.push(`cumulative counters went down (TotalAlloc ${signed(allocated.delta, true)}, NumGC ${signed(gcs.delta, false)}): swapped, or two processes`);
  else if (allocated && gcs) parts.push(`${formatBytes(allocated.delta)} allocated over ${countOf(gcs.delta, 'GC cycle')} between the two`);
  else if (!d.sameProcessOrder) parts.push(`AFTER comes before BEFORE by ${d.orderShownBy ?? 'what they show'}: swapped, or two processes`);
  const beyond = d.sitesBeyondTotalAlloc;
  if (beyond) parts.push(`the allocation sites' changes are not growth between the two (the profiles' allocated bytes rose ${formatBytes(beyond.allocBytes)}, TotalAlloc only ${formatBytes(beyond.totalAllocBytes)})`);
  // Nothing changed among the parts compared: without MemStats, the live heap is unknown, not unchanged.
  const [noMemStats, otherNoMemStats] = d.withoutMemStats;
  const unchanged = noMemStats === undefined ? 'no change in the live heap or in the allocation sites.'
    : `no change in the allocation sites; MemStats not compared (${otherNoMemStats !== undefined ? 'neither dump has them' : `${path.basename(noMemStats)} has none`}).`;
  parts.push(...last);
  const sentence = parts.length > 0 ? `${parts.join('; ')}.` : unchanged;
  // A sentence, as analyze's verdicts are: its first letter a capital.
  return capitalized(sentence);
}

export function diffText(d: SnapshotDiff, o: { width: number; colors: Colors; top: number }): string {
  const c = o.colors;
  const out = [c.bold(wrap(diffSummary(d), o.width)), '', `${c.dim('before')} ${stripControl(inputTitle(d.before.source))}`, `${c.dim('after ')} ${stripControl(inputTitle(d.after.source))}`, ''];
  const separate = notOneProcess(d);
  if (separate.length > 0) out.push(...separate.map((line) => c.yellow(wrap(stripControl(line), o.width))), '');
  else if (!d.sameProcessOrder) out.push(c.yellow(wrap(notInOrder(d), o.width)), '');
  const unchecked = uncheckedNote(d);
  if (unchecked) out.push(c.yellow(wrap(stripControl(unchecked), o.width)), '');
  const epoch = sameEpochRemark(d);
  if (epoch) out.push(c.yellow(wrap(epoch, o.width)), '');
  const rate = rateChangeNote(d);
  if (rate) out.push(c.yellow(wrap(rate, o.width)), '');
  const dropped = droppedNote(d);
  if (dropped) out.push(wrap(stripControl(dropped), o.width), '');
  // Each table that has rows: the MemStats fields are shown even when the breakdown cannot be made (a block cut short).
  for (const table of memStatsRows({ breakdown: d.buckets, memStats: d.stats })) {
    if (table.rows.length > 0) out.push(c.bold(table.title), ...table.rows.map(([name, x, bytes]) => row(name, x, bytes, c)), '');
  }
  const one = d.oneSideMemStats;
  // The one dump with MemStats: its values alone, titled by whose they are.
  if (one) {
    for (const table of memStatsRows(one)) {
      if (table.rows.length === 0) continue;
      out.push(c.bold(`${table.title}${oneSideOnly(one)}`));
      for (const [name, value, bytes] of table.rows) out.push(`  ${name.padEnd(14)}${amount(value, bytes).padStart(12)}`);
      out.push('');
    }
  }
  for (const note of notComparedNotes(d)) out.push(c.dim(wrap(stripControl(note), o.width)), '');
  const sites = d.sites.slice(0, o.top);
  if (sites.length > 0) {
    const m = MEASURES[d.measure];
    const beyond = sitesBeyondNote(d);
    if (beyond) out.push(c.yellow(wrap(beyond, o.width)), '');
    out.push(c.bold(`Allocation sites that changed (${m.label}, unsampled estimates)`));
    for (const s of sites) {
      const cells = siteCells(s, d.measure);
      const within = d.measure === 'inuseBytes' ? withinError(s) : '';
      const change = cells.change.padEnd(11);
      const delta = s[d.measure].delta;
      out.push(hang(`  ${delta > 0 ? c.red(change) : delta < 0 ? c.green(change) : c.dim(change)} `, stripControl(s.function) + (s.profiler ? " (the profiler's own)" : ''), o.width));
      out.push(c.dim(hang(' '.repeat(14), `${cells.values} ${m.label}${within}, ${cells.beside} ${m.besideLabel}${s.file ? ` · ${stripControl(shortPath(s.file))}:${s.line ?? '?'}` : ''}`, o.width)));
    }
    if (d.sites.length > sites.length) out.push(c.dim(`  … ${d.sites.length - sites.length} more (--top N, or --format json)`));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** For a pull-request comment or `$GITHUB_STEP_SUMMARY`: the summary, then tables of what changed. */
export function diffMarkdown(d: SnapshotDiff, top: number): string {
  const out = ['# heapdoc diff', '', `**${markdownText(diffSummary(d))}**`, '', `Before: ${markdownCode(d.before.source)} · after: ${markdownCode(d.after.source)}`, ''];
  const separate = notOneProcess(d);
  // One quoted paragraph each (quoted lines in a row would run into one).
  if (separate.length > 0) out.push(separate.map((line) => `> ${markdownText(line)}`).join('\n>\n'), '');
  else if (!d.sameProcessOrder) out.push(`> ${notInOrder(d)}`, '');
  const unchecked = uncheckedNote(d);
  if (unchecked) out.push(`> ${markdownText(unchecked)}`, '');
  const epoch = sameEpochRemark(d);
  if (epoch) out.push(`> ${epoch}`, '');
  const rate = rateChangeNote(d);
  if (rate) out.push(`> ${markdownText(rate)}`, '');
  const dropped = droppedNote(d);
  if (dropped) out.push(`> ${markdownText(dropped)}`, '');
  const table = (title: string, columns: readonly string[], rows: readonly string[][]): void => {
    if (rows.length === 0) return;
    out.push(`## ${title}`, '', `| | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---:|').join('')}`, ...rows.map((cells) => `| ${cells.join(' | ')} |`), '');
  };
  for (const t of memStatsRows({ breakdown: d.buckets, memStats: d.stats })) {
    table(t.title, ['before', 'after', 'change'], t.rows.map(([name, x, bytes]) => [name, amount(x.before, bytes), amount(x.after, bytes), signed(x.delta, bytes)]));
  }
  const one = d.oneSideMemStats;
  if (one) for (const t of memStatsRows(one)) table(`${t.title}${oneSideOnly(one)}`, [one.side], t.rows.map(([name, value, bytes]) => [name, amount(value, bytes)]));
  for (const note of notComparedNotes(d)) out.push(markdownText(note), '');
  const sites = d.sites.slice(0, top);
  if (sites.length > 0) {
    const m = MEASURES[d.measure];
    const beyond = sitesBeyondNote(d);
    out.push(`## Allocation sites that changed (${m.label})`, '', ...(beyond ? [`> ${markdownText(beyond)}`, ''] : []), `| ${m.label} change | ${m.label} before → after | ${m.besideLabel} change | site | file:line |`, '|---:|---|---:|---|---|');
    for (const s of sites) {
      const cells = siteCells(s, d.measure);
      out.push(`| ${cells.change} | ${cells.values}${d.measure === 'inuseBytes' ? withinError(s) : ''} | ${cells.beside} | ${markdownCode(s.function)}${s.profiler ? " (the profiler's own)" : ''} | ${s.file ? markdownText(`${shortPath(s.file)}:${s.line ?? '?'}`) : ''} |`);
    }
    if (d.sites.length > sites.length) out.push('', `${d.sites.length - sites.length} more (--top N, or --format json).`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function diffJson(d: SnapshotDiff): string {
  return `${stringifyJson({
    schemaVersion: 1,
    before: d.before.source,
    after: d.after.source,
    summary: diffSummary(d),
    sameProcessOrder: d.sameProcessOrder,
    ...(d.orderShownBy ? { orderShownBy: d.orderShownBy } : {}),
    sameGcEpoch: d.sameGcEpoch,
    ...(d.identical ? { identical: true } : {}),
    breakdown: d.buckets,
    memStats: d.stats,
    sites: d.sites,
    ...(d.withoutProfile.length > 0 ? { withoutProfile: d.withoutProfile } : {}),
    ...(d.withoutMemStats.length > 0 ? { withoutMemStats: d.withoutMemStats } : {}),
    ...(d.oneSideMemStats ? { oneSideMemStats: d.oneSideMemStats } : {}),
    ...(d.notOneProcess.length > 0 ? { notOneProcess: d.notOneProcess.map((p) => p.message) } : {}),
    ...(d.sameProgramUnchecked.length > 0 ? { sameProgramUnchecked: d.sameProgramUnchecked } : {}),
    ...(d.betweenGCs.length > 0 ? { betweenGCs: d.betweenGCs } : {}),
    ...(d.afterForcedGC.length > 0 ? { afterForcedGC: d.afterForcedGC } : {}),
    ...(d.sitesBeyondTotalAlloc ? { sitesBeyondTotalAlloc: d.sitesBeyondTotalAlloc } : {}),
    ...(d.samplingRateChange ? { samplingRateChange: { ...d.samplingRateChange, note: rateChangeNote(d) } } : {}),
    ...(d.droppedAcrossGCs ? { droppedAcrossGCs: { ...d.droppedAcrossGCs, note: droppedNote(d) } } : {}),
  })}\n`;
}
