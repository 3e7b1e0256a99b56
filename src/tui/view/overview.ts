/**
 * Overview: the verdict sentence, the stacked bar of Sys split into the six buckets with a
 * legend in MiB and percent, and the findings — each expandable to why, fix and the Go doc it cites.
 */
import { inputLabel, pageFindings, pageGcTraces } from '../../report/separately.js';
import { sameProgramUncheckedNote } from '../../report/goroutines.js';
import { seriesSnapshots } from '../../report/latest.js';
import { bucketTerms, BUCKETS, type Breakdown, type Bucket } from '../../analyze/breakdown.js';
import type { Finding } from '../../analyze/rules/index.js';
import { isSeriesFinding, seriesRuleFacts } from '../../analyze/rules/series.js';
import { heldFacts } from '../../analyze/rules/repeated-facts.js';
import { groupName, namedSpan } from '../../analyze/series/groupwords.js';
import { descriptorSite, goroutineDescriptors } from '../../analyze/rules/goroutine-descriptors.js';
import { leakSuspected } from '../../analyze/rules/leak-suspected.js';
import { leakGroups } from '../../analyze/series/verdict.js';
import { bucketLabel, type Verdict } from '../../analyze/verdict.js';
import { siteKey } from '../model/sites.js';
import { fileLine, isDescriptorSite, MAP_BUCKETS_HINT, siteLabel, type NamedSite } from '../../analyze/profile.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { countOf, formatBytes, formatCount, formatShare } from '../../text/units.js';
import { countingDumps, crashOutputs, crashRaiser, crashWords, type GoroutineSummary } from '../../analyze/goroutines/index.js';
import { barCells, BUCKET_GLYPH, bucketTone } from '../model/breakdown.js';
import { gcDetails, type GcDetails } from '../model/gcdetails.js';
import { BUCKET_ITEM, GROUP_ITEM, SITE_ITEM, type PaneId, type TuiContext, type TuiState } from '../state/reducer.js';
import { countingEnds, groupRows, rowKey } from '../model/goroutines.js';
import type { GroupTrend, GrowingHolder, SiteTrend } from '../../analyze/series/model.js';
import { clipLines, frame, minimalWindow, padEnd, padStart, seg, truncate, truncateMiddle, truncateStart, wrapLines, type Line, type Tone } from './line.js';
import { diagnosticCounts } from './diagnostics.js';
import { cursorMark, factLines, highlight, note, sectionTitle, type PaneBody } from './pane.js';

/** Growing sites (and goroutine groups) listed as items under the leak evidence; Sites, Goroutines and the Series pane have them all. */
const GROWING_SITES_SHOWN = 5;

/**
 * The growing array's row under the growing sites (series/holder.ts): `main.worker (main.go:26) ·
 * 1 object, 1.5 MiB → 22.3 MiB` — always its line (it is one allocation of the function, not the
 * function), its object count (one array) and its in-use bytes from the first to the last snapshot;
 * within `room`, what it is.
 */
function holderRowText(h: GrowingHolder, room: number): string {
  const said = [h.mapBuckets ? MAP_BUCKETS_HINT : undefined, fileLine(h.file, h.line)].filter((w) => w !== undefined).join(', ');
  const text = `${h.function} (${said}) · ${countOf(h.objects, 'object')}, ${formatBytes(h.inuseBytes[0] ?? 0)} → ${formatBytes(h.inuseBytes.at(-1) ?? 0)}`;
  // What it is, where the row has room (the leak's fix says it whole).
  const what = `${text} · the array that may keep their objects`;
  return what.length <= room ? what : text;
}

/**
 * A crash's input as its Overview line names it: the file's base name (a URL's last part), at most
 * a third of the width, cut in the middle: the full path would wrap the line.
 */
export function crashFileName(source: string, width: number): string {
  const name = source.replace(/\/+$/, '').split('/').pop() || source;
  return truncateMiddle(name, Math.max(8, Math.floor(width / 3)));
}

/**
 * The growing goroutine groups of the series, each with its row in the Goroutines pane: the latest
 * dump's group of that function, state and creator (the largest, when the call they block in
 * tells several apart). A group no row matches is left out: it would open nothing.
 */
function growingGroupItems(trends: readonly GroupTrend[], summaries: readonly GoroutineSummary[]): { trend: GroupTrend; key: string }[] {
  const latest = countingEnds(summaries).latest;
  const rows = groupRows(summaries).filter((r) => r.summary === latest);
  return trends.slice(0, GROWING_SITES_SHOWN).flatMap((trend) => {
    const key = growingGroupKey(trend, rows);
    return key !== undefined ? [{ trend, key }] : [];
  });
}

/** A growing group's row among the latest dump's `rows` (the largest of its function, state and creator), as its key in Goroutines. */
function growingGroupKey(trend: GroupTrend, rows: ReturnType<typeof groupRows>): string | undefined {
  const row = rows.filter((r) => r.group.function === trend.function && r.group.state === trend.state && r.group.createdBy === trend.createdBy)
    .sort((a, b) => b.group.count - a.group.count)[0];
  return row ? rowKey(row) : undefined;
}

/** What an expanded finding names and `Enter` opens: its key in the Overview's context, the words of its `Enter:` line. */
interface FindingOpens {
  names: NonNullable<TuiContext['list']['names']>;
  says: string;
}

/**
 * The goroutine group a finding names (goroutine-growth, goroutine-leak, goroutine-long-wait: its
 * evidence's `group`), as its row in the Goroutines pane: the largest group of that function in
 * the finding's dump (else in the latest). Undefined when it names none or no row has it.
 */
function findingGroup(f: Finding, summaries: readonly GoroutineSummary[]): FindingOpens | undefined {
  const fn = f.evidence?.group;
  if (typeof fn !== 'string' || fn === '') return undefined;
  const rows = groupRows(summaries).filter((r) => r.group.function === fn);
  const latest = countingEnds(summaries).latest;
  const inDump = rows.filter((r) => r.summary.source === f.source);
  const row = (inDump.length > 0 ? inDump : rows.filter((r) => r.summary === latest)).sort((a, b) => b.group.count - a.group.count)[0];
  return row ? { names: { key: `${GROUP_ITEM}${rowKey(row)}` }, says: `the group ${fn} in Goroutines (Esc collapses)` } : undefined;
}

/**
 * leak-suspected whose growing sites are only goroutine descriptors (runtime.malg: they grow with
 * the goroutines, the code to fix is not there) or none: `Enter` opens the growing goroutine group
 * its fix starts with (its evidence's `topGroup`, the one that grew most), not the dead end of the
 * descriptors' site, and says why. Undefined for the other findings, or without such a group.
 */
function findingGrowingGroup(f: Finding, report: AnalyzeReport, leakSites: readonly SiteTrend[]): FindingOpens | undefined {
  const top = f.evidence?.topGroup;
  if (f.ruleId !== leakSuspected.meta.id || typeof top !== 'string' || !leakSites.every(isDescriptorSite) || !report.series) return undefined;
  const trend = leakGroups(report.series.growingGroups)[0];
  if (trend?.function !== top) return undefined;
  const latest = countingEnds(report.goroutines).latest;
  const key = growingGroupKey(trend, groupRows(report.goroutines).filter((r) => r.summary === latest));
  if (key === undefined) return undefined;
  const group = `${trend.function}${trend.state ? ` [${trend.state}]` : ''}`;
  const grew = `the one that grew most (+${formatCount(trend.growth)} goroutines), where its fix starts`;
  const first = leakSites[0];
  if (!first) return { names: { key: `${GROUP_ITEM}${key}` }, says: `the group ${group} in Goroutines, ${grew} (Esc collapses)` };
  const sites = leakSites.length === 1 ? `${siteLabel(first, leakSites)}, the only growing site it names, is` : `the ${leakSites.length} growing sites it names, all ${first.function}, are`;
  return {
    names: { key: `${GROUP_ITEM}${key}`, message: `${f.ruleId}'s fix starts here, the group that grew most (${siteLabel(first, leakSites)}: goroutine descriptors)` },
    says: `the group ${group} in Goroutines, ${grew}: ${sites} the goroutine descriptors (Growing sites above opens ${leakSites.length === 1 ? 'it' : 'them'}; Esc collapses)`,
  };
}

/**
 * The allocation sites a finding names, the one `Enter` opens first: goroutine-descriptors, its
 * dump's runtime.malg site; leak-suspected of heap snapshots (its evidence's `topSite`), the growing
 * sites its message names, the one that grew most first (as the Growing sites list). None for the
 * other rules: their subject is a number of the dump, a goroutine group or the input.
 */
function findingSites(f: Finding, report: AnalyzeReport, leakSites: readonly SiteTrend[]): readonly NamedSite[] {
  if (f.ruleId === goroutineDescriptors.meta.id) {
    const site = descriptorSite(report.snapshots.find((s) => s.source === f.source)?.profile.sites ?? []);
    return site ? [site] : [];
  }
  const top = f.evidence?.topSite;
  if (f.ruleId === leakSuspected.meta.id && typeof top === 'string' && leakSites[0]?.function === top) return leakSites;
  return [];
}

/**
 * A finding that names allocation sites opens the first in Sites; naming several (the growing
 * sites of leak-suspected), it says which and, once opened, the status bar says so again.
 */
function findingSite(f: Finding, report: AnalyzeReport, leakSites: readonly SiteTrend[]): FindingOpens | undefined {
  const sites = findingSites(f, report, leakSites);
  const first = sites[0];
  if (!first) return undefined;
  const label = siteLabel(first, sites);
  const key = `${SITE_ITEM}${siteKey(first)}`;
  if (sites.length === 1) return { names: { key }, says: `the site ${label} in Sites (Esc collapses)` };
  const each = sites.length <= GROWING_SITES_SHOWN ? 'Growing sites above opens each' : `Growing sites above opens the first ${GROWING_SITES_SHOWN}, the Series pane lists all`;
  return {
    names: { key, message: `1 of the ${sites.length} growing sites ${f.ruleId} names, the one that grew most: ${label}` },
    says: `the site ${label} in Sites, the one that grew most of the ${sites.length} growing sites it names (${each}; Esc collapses)`,
  };
}

export function verdictTone(report: AnalyzeReport): Tone {
  return report.verdict.leak === 'suspected' ? 'red' : report.verdict.leak === 'not-suspected' ? 'green' : 'yellow';
}

function severityTone(f: Finding): Tone {
  return f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'cyan';
}

/**
 * The findings the overview lists for a snapshot: the series rules' first (leak-suspected,
 * goroutine-growth…, which combineReport puts in report.findings: they speak for every snapshot,
 * and a GC log's), then the snapshot's own, and those that belong to no snapshot.
 */
function overviewFindings(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined): Finding[] {
  // Unrelated dumps: the snapshot's own, and those of its folder's goroutine dumps and GC logs (report/separately.ts).
  if (report.separately) return pageFindings(report, snapshot);
  const sources = new Set(report.snapshots.map((s) => s.source));
  const series = report.findings.filter(isSeriesFinding);
  // A GC fact said once for its process, by the latest snapshot that held it (repeated-facts.ts): in the views of the earlier ones too, with their own counts.
  const facts = snapshot ? heldFacts(report.findings, snapshot.findings) : new Map<Finding, Finding>();
  return [...series, ...report.findings.flatMap((f) => {
    if (isSeriesFinding(f)) return [];
    if (!sources.has(f.source) || f.source === snapshot?.source) return [f];
    const mine = facts.get(f);
    return mine ? [mine] : [];
  })];
}

/** A key for a finding that survives a watch's new poll: the rule and its occurrence. */
function findingKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.ruleId) ?? 0;
    seen.set(f.ruleId, n + 1);
    return `${f.ruleId}#${n}`;
  });
}

/** What each bucket is, said under the legend when the cursor is on it, after its fields (reasoning.md §1). */
const BUCKET_MEANING: Record<Bucket, string> = {
  live: 'reachable objects, plus garbage not yet swept',
  fragmentation: 'room in in-use spans that holds no object, usually reused',
  idle: 'free spans kept backed for the heap to grow into; the scavenger returns them gradually',
  released: 'free spans given back to the OS (the OS may count them until it needs the pages)',
  stacks: 'goroutine stacks (StackInuse) and the OS threads\' stacks',
  runtime: 'the runtime\'s own metadata (spans, per-P caches, profiling buckets, GC bitmaps, the rest)',
};

/**
 * `idle = HeapIdle 3.4 MiB − HeapReleased 3.1 MiB = 304.0 KiB`: the bucket under the cursor as
 * the MemStats fields it is made of, with this snapshot's values (runtime as Sys − HeapSys − StackSys when a part is not in the input).
 */
function bucketSum(bucket: Bucket, b: Breakdown, stats: SnapshotAnalysis['stats']): string {
  const terms = stats ? bucketTerms(bucket, stats) : [];
  const sum = terms.map(([sign, field], i) => `${i === 0 ? '' : sign > 0 ? ' + ' : ' − '}${field} ${formatBytes(stats?.int(field) ?? 0)}`).join('');
  return `${bucket} = ${sum}${terms.length > 1 ? ` = ${formatBytes(b[bucket])}` : ''}`;
}

/** The pane that shows what makes a bucket: the allocation sites for the heap's objects, the goroutines for stacks. */
function bucketPane(bucket: Bucket, panes: readonly PaneId[]): PaneId | undefined {
  const pane: PaneId | undefined = bucket === 'live' || bucket === 'fragmentation' ? 'sites' : bucket === 'stacks' ? 'goroutines' : undefined;
  return pane !== undefined && panes.includes(pane) ? pane : undefined;
}

/** `selected`: the bucket under the cursor, its cell in inverse video. */
export function breakdownLines(b: Breakdown, width: number, selected?: Bucket, verdict: Pick<Verdict, 'readBetweenGCs' | 'asOfLastGC'> = {}): Line[] {
  const lines: Line[] = [[
    seg(`Sys ${formatBytes(b.sys)}`, { bold: true }),
    seg(` mapped from the OS · Go holds ${formatBytes(b.retained)} (Sys − HeapReleased)`, { dim: true }),
  ]];
  const bar: Line = barCells(b, width).filter((c) => c.cells > 0)
    .map((c) => seg(BUCKET_GLYPH[c.bucket].repeat(c.cells), { color: bucketTone(c.bucket) }));
  lines.push(bar);
  const columns = width >= 68 ? 2 : 1;
  const rows = Math.ceil(BUCKETS.length / columns);
  const cell = Math.floor(width / columns);
  for (let r = 0; r < rows; r++) {
    const l: Line = [];
    for (let c = 0; c < columns; c++) {
      const bucket = BUCKETS[c * rows + r];
      if (!bucket) continue;
      const text = ` ${padEnd(bucketLabel(bucket, verdict), 14)}${padStart(formatBytes(b[bucket]), 10)}${padStart(formatShare(b[bucket], b.sys), 7)}`;
      const cellSegs: Line = [seg(BUCKET_GLYPH[bucket], { color: bucketTone(bucket) }), seg(text)];
      l.push(...highlight(cellSegs, bucket === selected), seg(c < columns - 1 ? ' '.repeat(Math.max(0, cell - 1 - text.length)) : ''));
    }
    lines.push(l);
  }
  return lines;
}

/** The label column of the GC details (`Longest pause` and a space). */
const DETAIL_LABEL = 14;

/** At most `max` lines of a fact, the last ending in `…` when more was cut. */
function clip(lines: Line[], max: number, width: number): Line[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = kept[max - 1];
  const tail = last?.[last.length - 1];
  if (last && tail) last[last.length - 1] = { ...tail, text: truncate(`${tail.text.trimEnd()} …`, width - DETAIL_LABEL - 2) };
  return kept;
}

/**
 * The longest pause with what it was read from inside its parenthesis (`30.21 ms (GC cycle 1,
 * MemStats.PauseNs ring)`), not after it: `… (GC cycle 1) · PauseNs` left a field name dangling
 * (audit 41). A source its text names already (a metric's, a log's line) is not said twice.
 */
function pauseWithSource({ took, source }: { took: string; source: string }): string {
  if (took.includes(source) || took.endsWith(' of the log)')) return took;
  const named = source === 'PauseNs' ? 'MemStats.PauseNs ring' : source;
  return took.endsWith(')') ? `${took.slice(0, -1)}, ${named})` : `${took} (${named})`;
}

/** The GC details in full (`roomy`: each size class on its line) or one line a fact. */
function detailLines(d: GcDetails, width: number, roomy: boolean): Line[] {
  const lines: Line[] = [];
  const fact = (name: string, value: string, max: number): void => {
    lines.push(...clip(factLines(name, value, width, DETAIL_LABEL), roomy ? max : 1, width));
  };
  if (d.gc) fact('GC', d.gc, 3);
  if (d.pause) fact('Longest pause', pauseWithSource(d.pause), 2);
  const sizes = d.sizes;
  if (sizes && roomy) {
    [...sizes.classes, ...(sizes.beyond ? [sizes.beyond] : [])].forEach((text, i) => fact(i === 0 ? d.sizesLabel : '', text, 1));
    lines.push([seg(' '.repeat(DETAIL_LABEL + 2)), ...note(truncate(`(${sizes.source})`, width - DETAIL_LABEL - 2))]);
  } else if (sizes) {
    fact(d.sizesLabel, `${[sizes.classes.join(' · '), sizes.beyond].filter(Boolean).join('; ')} (${sizes.source})`, 1);
  }
  return lines;
}

/**
 * The snapshot's GC under its breakdown, in at most `maxLines`: the GC facts, the longest pause
 * and where it was read (PauseNs, go_gc_duration_seconds, a pause histogram), the size classes
 * holding the most live bytes (one a line when there is room, else one line a fact).
 */
export function gcDetailLines(d: GcDetails, width: number, maxLines: number): Line[] {
  const full = detailLines(d, width, true);
  return full.length <= maxLines ? full : detailLines(d, width, false).slice(0, Math.max(0, maxLines));
}

/** `Enter: the site … in Sites (Esc collapses)` under an expanded finding that opens something, wrapped under its first word. */
function enterLines(says: string, width: number): Line[] {
  return wrapLines(`Enter: ${says}`, width, { bold: true }, 13, 6).map((l, i) => {
    const text = l[0]?.text ?? '';
    return i === 0 ? [seg(text.slice(0, 13), { dim: true }), seg(text.slice(13), { bold: true })] : l;
  });
}

/** `of`: the input a finding is about, when it is not the snapshot shown (unrelated dumps: a goroutine dump or GC log of its folder). */
function findingLines(f: Finding, expanded: boolean, selected: boolean, width: number, opens?: FindingOpens, of?: string): Line[] {
  const head: Line = [
    seg(cursorMark(selected)),
    seg(expanded ? '▾ ' : '▸ '),
    seg(padEnd(f.severity, 8), { color: severityTone(f), bold: true }),
    seg(f.ruleId, { bold: true }),
    ...(of !== undefined ? [seg(` (${inputLabel(of)})`, { dim: true })] : []),
    seg(`: ${f.message}`),
  ];
  const lines = [highlight(head, selected)];
  if (!expanded) return lines;
  if (of !== undefined) lines.push(...wrapLines(`of: ${of}`, width, { dim: true }, 10, 6));
  lines.push(...wrapLines(f.message, width, {}, 6));
  lines.push(...wrapLines(`why: ${f.why}`, width, {}, 11, 6));
  lines.push(...wrapLines(`fix: ${f.fix}`, width, {}, 11, 6));
  lines.push([seg('      see: ', { dim: true }), seg(truncate(f.docsUrl, width - 11), { color: 'cyan' })]);
  if (opens) lines.push(...enterLines(opens.says, width));
  return lines;
}

export function overviewBody(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined, state: TuiState['overview'], width: number, height: number, panes: readonly PaneId[] = []): PaneBody {
  // At most five lines of verdict, fewer on a terminal too short for them and the first finding (its end then cut with …).
  const verdict = wrapLines(report.verdict.summary, width, { color: verdictTone(report), bold: true });
  // Snapshots without stack frames: nothing checked they are the program the verdict is about (at most two lines, the Series pane has it whole).
  const uncheckedNote = report.series && !report.separately ? sameProgramUncheckedNote(report.series) : undefined;
  const unchecked = uncheckedNote ? clipLines(wrapLines(uncheckedNote, width, { color: 'yellow' }), 2, width) : [];
  const stepped = seriesSnapshots(report);
  const notes = (snapshot && stepped.length > 1 ? 1 : 0) + (report.diagnostics.length > 0 ? 1 : 0) + unchecked.length;
  const verdictRows = Math.min(5, Math.max(1, height - 3 - notes));
  const top: Line[] = clipLines(verdict, verdictRows, width);
  top.push(...unchecked);
  if (snapshot && stepped.length > 1) {
    const index = stepped.indexOf(snapshot);
    // The path cut from its start: its end (the file) tells snapshots apart.
    const head = `snapshot ${index + 1} of ${stepped.length}: `;
    top.push(note(head.length < width - 8 ? `${head}${truncateStart(snapshot.source, width - head.length)}` : truncate(`${head}${snapshot.source}`, width)));
  }
  if (report.diagnostics.length > 0) {
    // Problems in the inputs are in view, not printed after the UI quits.
    const errors = report.diagnostics.some((d) => d.severity === 'error');
    top.push([seg(errors ? '✗ ' : '! ', { color: errors ? 'red' : 'yellow', bold: true }),
      seg(truncate(`Inputs: ${diagnosticCounts(report.diagnostics)} — see the Diagnostics pane`, width - 2), { color: errors ? 'red' : 'yellow', bold: errors })]);
  }
  top.push([]);
  const breakdownAt = top.length;
  // The buckets are items above the list (positions −6…−1, reached with ↑ from its first item).
  const bucketAt = state.cursor < 0 && snapshot?.breakdown ? BUCKETS[BUCKETS.length + state.cursor] : undefined;
  if (snapshot?.breakdown) {
    top.push(...breakdownLines(snapshot.breakdown, width, bucketAt, snapshot.verdict));
    if (bucketAt) {
      const opens = bucketPane(bucketAt, panes);
      const enter = opens === undefined ? '' : ` · Enter: ${opens === 'sites' ? 'the allocation sites' : 'the goroutines'}`;
      top.push(...wrapLines(`${bucketSum(bucketAt, snapshot.breakdown, snapshot.stats)}: ${BUCKET_MEANING[bucketAt]}${enter}`, width, { dim: true }, 2, 2));
    }
    top.push([]);
  }
  else if (snapshot) top.push(note('No usable runtime.MemStats block: Sys cannot be split into buckets.'), []);
  else if (report.gcTraces?.length) top.push(note(`No heap dump given: the GC log pane shows ${report.gcTraces.length === 1 ? 'the log' : 'the logs'}.`), []);
  else if (countingDumps(report.goroutines).length === 0 && crashOutputs(report.goroutines).length > 0) top.push(note('No heap dump given: only crash outputs (see the Goroutines pane).'), []);
  else top.push(note('No heap dump given: only goroutine dumps (see the Goroutines pane).'), []);
  // A crash's output says what the program died of before anything else of its goroutines: a line
  // for what, one for where, each cut to the width (the Goroutines pane has the whole path and message).
  for (const d of crashOutputs(report.goroutines)) {
    if (!d.crash) continue;
    top.push([seg(truncate(`A crash traceback (${crashFileName(d.source, width)}): ${crashWords(d.crash)}`, width), { color: 'red' })]);
    const raiser = crashRaiser(d.crash);
    if (raiser !== undefined) top.push([seg(truncate(`  in ${raiser}`, width), { color: 'red' })]);
    top.push([]);
  }
  const detailsAt = top.length;

  const seriesEvidence = report.series?.verdict.evidence ?? [];
  if (seriesEvidence.length > 0) {
    // The series verdict rests on these, whatever the single-snapshot rules found.
    // Goroutine dumps alone have no snapshot: say what the evidence was read across ("across 0 snapshots").
    const points = report.series?.points.length ?? 0;
    const across = points > 0 ? countOf(points, 'snapshot') : countOf(countingDumps(report.goroutines).length, 'goroutine dump');
    top.push([seg('Leak evidence', { bold: true, color: 'red' }), seg(` · across ${across}`, { dim: true })]);
    for (const e of seriesEvidence) top.push(...wrapLines(`• ${e.text}`, width, {}, 4, 2));
    top.push([]);
  }
  // A GC log is a series of its own: its evidence, with the pane that charts it.
  // Of unrelated dumps, only the logs of the snapshot's folder (report/separately.ts pageGcTraces).
  const logs = (report.separately ? pageGcTraces(report, snapshot) : report.gcTraces ?? []).filter((t) => t.verdict.evidence.length > 0);
  for (const t of logs) {
    top.push([seg('Leak evidence', { bold: true, color: 'red' }), seg(truncate(` · GC log ${t.source} (see the GC log pane)`, width - 13), { dim: true })]);
    for (const e of t.verdict.evidence) top.push(...wrapLines(`• ${e.text}`, width, {}, 4, 2));
    top.push([]);
  }
  const evidence = [...seriesEvidence, ...logs.flatMap((t) => t.verdict.evidence)];
  // The sites the leak rests on, each opening in Sites (its stacks, the compiler's reasons): the
  // drill from the verdict to the code starts here, before the findings.
  const leakSites = seriesEvidence.length > 0 && report.series ? seriesRuleFacts(report.series, report.goroutines).leakSites : [];
  const growing = leakSites.slice(0, GROWING_SITES_SHOWN);
  // The one growing array that may keep their objects (leak-suspected's fix names it): a row of its
  // own under them, marked, opening its site as they do. It rose by jumps, so it is none of them.
  const holder = growing.length > 0 ? report.series?.growingHolder : undefined;
  const holders = holder ? [holder] : [];
  // The growing goroutine groups too, each opening its group in Goroutines: a goroutine leak's
  // only growing site is often the runtime's goroutine descriptors (runtime.malg), a dead end.
  // Only when the verdict rests on them (two dumps are too few to call a group's growth steady).
  const groups = seriesEvidence.some((e) => e.kind === 'goroutine-groups') && report.series ? growingGroupItems(report.series.growingGroups, report.goroutines) : [];
  const findings = overviewFindings(report, snapshot);
  const sites = growing.length + holders.length;
  const keys = [...[...growing, ...holders].map((t) => `${SITE_ITEM}${siteKey(t)}`), ...groups.map((g) => `${GROUP_ITEM}${g.key}`), ...findingKeys(findings)];
  const listed = sites + groups.length;
  const items = listed + findings.length;
  // Below 0 the cursor is on a bucket (positions −6…−1, above the list).
  const cursor = Math.min(state.cursor, Math.max(0, items - 1));
  // The compiler's reasons only with --escape (watch has none).
  const sitesTitle: Line = [seg('Growing sites', { bold: true }), seg(report.escape ? ' · Enter: their stacks and the compiler\'s reasons' : ' · Enter: their stacks', { dim: true })];
  if (growing.length > 0) {
    top.push(sitesTitle);
    growing.forEach((t, i) => top.push(highlight([
      seg(cursorMark(i === cursor)), seg(`+${formatBytes(t.growthBytes)}`.padStart(11), { color: 'red' }), seg(` ${truncate(siteLabel(t, growing), Math.max(8, width - 14))}`, { bold: i === cursor }),
    ], i === cursor)));
    holders.forEach((h, j) => {
      const i = growing.length + j;
      top.push(highlight([
        seg(cursorMark(i === cursor)), seg('holder'.padStart(11), { color: 'cyan', bold: true }), seg(` ${truncate(holderRowText(h, width - 14), Math.max(8, width - 14))}`, { bold: i === cursor }),
      ], i === cursor));
    });
    top.push([]);
  }
  const groupsTitle: Line = [seg('Growing goroutine groups', { bold: true }), seg(' · Enter: the group, its stack', { dim: true })];
  if (groups.length > 0) {
    top.push(groupsTitle);
    groups.forEach((g, j) => {
      const i = sites + j;
      top.push(highlight([
        seg(cursorMark(i === cursor)), seg(`+${formatCount(g.trend.growth)}`.padStart(11), { color: 'red' }),
        seg(` ${truncate(`${groupName(g.trend)}${namedSpan(g.trend)}`, Math.max(8, width - 14))}`, { bold: i === cursor }),
      ], i === cursor));
    });
    top.push([]);
  }
  const firstTitle = growing.length > 0 ? sitesTitle : groups.length > 0 ? groupsTitle : undefined;
  const none = evidence.length > 0 ? 'Findings: none from the rules (the leak evidence is above)' : 'Findings: none — no rule found anything unusual';
  top.push(sectionTitle(findings.length ? `Findings (${findings.length})` : none));
  // On a small terminal the verdict and the first finding stay in view: the legend, then the
  // evidence (the verdict sentence says it), then the bar give up their room (Sites and Tree
  // show them in full).
  const firstFinding = Math.min(findings.length, 1);
  let evidenceAt = detailsAt;
  const overflows = (): boolean => top.length + firstFinding > height;
  const hasBar = snapshot?.breakdown !== undefined;
  // A bucket under the cursor keeps its legend: the evidence, then the GC details give way first.
  const keepLegend = bucketAt !== undefined;
  let legendKept = hasBar;
  if (hasBar && !keepLegend && overflows()) {
    const legend = evidenceAt - breakdownAt - 3; // the header, the bar and the blank line stay
    top.splice(breakdownAt + 2, legend);
    evidenceAt -= legend;
    legendKept = false;
  }
  // The evidence goes, not the growing sites (items of the list) nor the Findings title.
  if (overflows()) top.splice(evidenceAt, (firstTitle ? top.indexOf(firstTitle) : top.length - 1) - evidenceAt);
  if (hasBar && !legendKept && overflows()) {
    top.splice(breakdownAt, 3);
    evidenceAt -= 3;
  }
  // The GC details take the room left with the first finding in view (the verdict never scrolls away for them).
  const details = snapshot ? gcDetailLines(gcDetails(snapshot), width, height - top.length - firstFinding - 1) : [];
  if (details.length > 0) top.splice(evidenceAt, 0, ...details, []);

  // One document: the verdict and the bar scroll away only when an expanded finding needs the room.
  const lines: Line[] = [...top];
  let selectedStart = 0;
  let selectedEnd = 0;
  // An expanded finding that names a goroutine group or an allocation site opens it with Enter (Esc collapses it).
  const opensOf = (f: Finding): FindingOpens | undefined => (panes.includes('goroutines') ? findingGroup(f, report.goroutines) ?? findingGrowingGroup(f, report, leakSites) : undefined)
    ?? (panes.includes('sites') ? findingSite(f, report, leakSites) : undefined);
  let named: FindingOpens['names'] | undefined;
  findings.forEach((f, i) => {
    const selected = listed + i === cursor;
    if (selected) selectedStart = lines.length;
    const expanded = state.expanded.includes(keys[listed + i] ?? '');
    const opens = expanded ? opensOf(f) : undefined;
    if (selected && opens) named = opens.names;
    lines.push(...findingLines(f, expanded, selected, width, opens, report.separately && f.source !== snapshot?.source ? f.source : undefined));
    if (selected) selectedEnd = lines.length - 1;
  });
  if (cursor >= 0 && cursor < sites) {
    selectedStart = top.indexOf(sitesTitle) + 1 + cursor;
    selectedEnd = selectedStart;
  } else if (cursor >= sites && cursor < listed) {
    selectedStart = top.indexOf(groupsTitle) + 1 + cursor - sites;
    selectedEnd = selectedStart;
  }
  // A bucket under the cursor is in view while its legend is (a small terminal drops it: then there is none).
  const bucket = legendKept ? bucketAt : undefined;
  if (bucket) {
    selectedStart = breakdownAt + 2 + legendRow(bucket, width);
    selectedEnd = selectedStart;
  }
  const start = minimalWindow(selectedStart, selectedEnd, lines.length, height);
  const room = Math.max(1, height - top.length);
  return {
    lines: frame(lines.slice(start, start + height), height),
    list: {
      kind: 'cursor', count: items, page: Math.max(1, room),
      selectedKey: bucket ? `${BUCKET_ITEM}${bucket}` : keys[Math.max(0, cursor)],
      first: legendKept ? -BUCKETS.length : 0,
      opens: bucket ? bucketPane(bucket, panes) : undefined,
      ...(named !== undefined && !bucket ? { names: named } : {}),
    },
  };
}

/** The legend row of a bucket (breakdownLines: two columns from 68 wide, filled down then across). */
function legendRow(bucket: Bucket, width: number): number {
  const rows = Math.ceil(BUCKETS.length / (width >= 68 ? 2 : 1));
  return BUCKETS.indexOf(bucket) % rows;
}
