/** `analyze --format markdown`: the same content as the text report, for issues, PRs and wikis. */
import { sameLinesSentences } from '../analyze/samelines.js';
import { tinyBlockPlaces, tinyBlocksNote } from '../analyze/tinyblocks.js';
import { groupName, namedSplit } from '../analyze/series/groupwords.js';
import { bucketLabel, profileLag } from '../analyze/verdict.js';
import { BUCKETS } from '../analyze/breakdown.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { GoroutineSummary } from '../analyze/goroutines/index.js';
import { markdownCode, markdownText } from '../text/markdown.js';
import { inputTitle } from '../text/sanitize.js';
import { countOf, formatBytes, formatChange, formatCount, formatShare } from '../text/units.js';
import { capitalized } from '../text/wrap.js';
import { latestSitesNote, type AnalyzeReport } from '../analyze/report.js';
import { hiddenFindingsLine, latestShown } from './latest.js';
import { skippedCountLine } from '../input/skipped.js';
import { gcFacts, shortPath, siteCompilerMessages, sizeClassFacts, sizeClassLabel, sizeClassTrend, sizeTableName, runtimeDerivedLine, snapshotKindLine, unknownFieldsLine } from './text.js';
import { deltaProfileWords, deltaSplitWords, hasBytes, heldMapBuckets, MAP_BUCKETS_NOTE, moreCallers, POOL_NEW_NOTE, siteHint, type AllocationSite, type NamedSite } from '../analyze/profile.js';
import type { SiteEscape } from '../analyze/escape/sites.js';
import { comparisonSaid, hasCompilerMessages, SITE_STATUS_WORDS } from '../analyze/escape/site-report.js';
import { gcTraceFacts, gcTraceMarkLines, gcTraceTitle, gcTraceVerdictText, liveAfterGc, peakVersusLive } from './gctrace.js';
import { forcedTimerLine } from './forcedgcs.js';
import { allocationRate, betweenGCsNote, rssOriginNote, sameProfileNote, samplingRateChangeNote, profileCaughtUpNote, describeGroup, goroutineSection, goroutineSummaryFacts, goroutineSummaryLine, notInSeries, sameProgramUncheckedNote, seriesRows, growingAndHeld, growingAndHeldGroups, heldGroupsTitle, heldSitesTitle, trend, threadsLine } from './goroutines.js';
import { findingsBySource, folderContents, folderTitle, separateGroups, separateGroupsTitle, separateInputTitle } from './separately.js';
import type { Finding } from '../analyze/rules/index.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import { TREND_SHOWN } from '../text/trend.js';
import { siteOrderSentence, type SortKey } from '../analyze/sort.js';
import { goalRatioChangesWords } from '../analyze/series/forced.js';
import { recurringPeakLine } from '../analyze/series/recurring.js';


/** ` ← main.keepNames (…/main.go:66) (+1 more caller)`: a standard-library site's caller in the program, or ''. */
function callerMarkdown(site: NamedSite): string {
  const k = site.caller;
  if (!k) return '';
  return ` ← ${markdownCode(k.function)}${k.file ? ` (${markdownText(`${shortPath(k.file)}:${k.line ?? '?'}`)})` : ''}${moreCallers(site)}`;
}

/** With --escape: what the compiler said at each listed site's line, as the text report says it under the site. */
function compilerMarkdown(sites: readonly AllocationSite[], escape: ReadonlyMap<AllocationSite, SiteEscape> | undefined): string[] {
  const joined = sites.flatMap((site) => {
    const j = escape?.get(site);
    return j && hasCompilerMessages(j) ? [[site, j] as const] : [];
  });
  if (joined.length === 0) return [];
  const out = ['### Compiler decisions at the sites (--escape)', ''];
  for (const [site, j] of joined) {
    const where = site.file ? ` (${markdownText(`${shortPath(site.file)}:${site.line ?? '?'}`)})` : '';
    out.push(`- ${markdownCode(site.function)}${where}: ${markdownText(SITE_STATUS_WORDS[j.comparison.status])}`);
    const { shown, more } = siteCompilerMessages(j);
    for (const d of shown) out.push(`  - ${markdownCode(d.message)}${d.sentence ? `: ${markdownText(d.sentence)}` : ''}${d.columnNote ? ` (${markdownText(d.columnNote)})` : ''}`);
    if (more) out.push(`  - ${markdownText(more)}`);
    if (j.closure) out.push(`  - ${markdownText(j.closure.sentence)}`);
    if (j.linePcs) out.push(`  - ${markdownText(j.linePcs.sentence)}`);
    for (const sentence of sameLinesSentences(site, j.diagnostics)) out.push(`  - ${markdownText(sentence)}`);
    if (comparisonSaid(j.comparison)) out.push(`  - ${markdownText(j.comparison.explanation)}`);
  }
  out.push('');
  return out;
}

/** A snapshot's section; `latest`: the latest of a series, standing for the rest (`## Latest snapshot: …`). */
function snapshotMarkdown(s: SnapshotAnalysis, topSites: number, escape?: ReadonlyMap<AllocationSite, SiteEscape>, siteOrder?: SortKey, latest = false): string[] {
  const out = [`## ${latest ? 'Latest snapshot: ' : ''}${markdownText(inputTitle(s.source))}`, ''];
  out.push(markdownText(snapshotKindLine(s)), '');
  const unknown = unknownFieldsLine(s);
  if (unknown) out.push(markdownText(unknown), '');
  const b = s.breakdown;
  if (b) {
    out.push(`| bucket | bytes | size | share of Sys |`, `|---|---:|---:|---:|`);
    for (const bucket of BUCKETS) out.push(`| ${bucketLabel(bucket, s.verdict)} | ${formatCount(b[bucket])} | ${formatBytes(b[bucket])} | ${formatShare(b[bucket], b.sys)} |`);
    out.push(`| **Sys** | ${formatCount(b.sys)} | ${formatBytes(b.sys)} | 100% |`, `| retained (Sys − HeapReleased) | ${formatCount(b.retained)} | ${formatBytes(b.retained)} | ${formatShare(b.retained, b.sys)} |`, '');
    const derived = runtimeDerivedLine(s);
    if (derived) out.push(markdownText(derived), '');
  }
  const gc = gcFacts(s);
  if (gc.length) out.push(`GC: ${markdownText(gc.join(' · '))}`, '');
  const sizes = sizeClassFacts(s);
  if (sizes) out.push(`${sizeClassLabel(s)}: ${markdownText(sizes)}`, '');
  out.push(...sitesMarkdown(s, topSites, escape, siteOrder));
  return out;
}

/** A snapshot's allocation sites as a table, with the notes under it and the compiler's decisions (--escape); [] without any. */
function sitesMarkdown(s: SnapshotAnalysis, topSites: number, escape?: ReadonlyMap<AllocationSite, SiteEscape>, siteOrder?: SortKey): string[] {
  const out: string[] = [];
  const sites = s.profile.sites.filter(hasBytes).slice(0, topSites);
  if (sites.length === 0) return out;
  // Ordered by allocated objects (--sort alloc-objects), the table shows them, as the text report does.
  const byAllocObjects = siteOrder === 'alloc-objects';
  const order = siteOrderSentence(siteOrder).trim();
  const delta = deltaProfileWords(s.profile.format);
  out.push('### Allocation sites', '', ...(order ? [order, ''] : []), ...(delta ? [markdownText(`${capitalized(delta)}; a negative in-use was freed in the window.`), ''] : []),
    `| ${delta ? 'Δ in use | Δ objects' : 'in use | objects'} | allocated |${byAllocObjects ? ' alloc objects |' : ''} site | file:line |`, `|---:|---:|---:|${byAllocObjects ? '---:|' : ''}---|---|`);
  for (const site of sites) {
    const hint = siteHint(site);
    const [inuse, objects] = delta ? [formatChange(site.inuseBytes), formatChange(site.inuseObjects, false)] : [formatBytes(site.inuseBytes), formatCount(site.inuseObjects)];
    const split = delta ? deltaSplitWords(site) : undefined;
    out.push(`| ${inuse} | ${objects} | ${formatBytes(site.allocBytes)} |${byAllocObjects ? ` ${formatCount(site.allocObjects)} |` : ''} ${markdownCode(site.function)}${hint ? ` (${markdownText(hint)})` : ''}${callerMarkdown(site)}${split ? ` (${markdownText(split)})` : ''} | ${site.file ? markdownText(`${shortPath(site.file)}:${site.line ?? '?'}`) : ''} |`);
  }
  out.push('');
  const lag = profileLag(s.profile, s.stats, s.forcedGC);
  if (lag) out.push(markdownText(lag.summary), '');
  if (sites.some((site) => site.poolNew)) out.push(markdownText(POOL_NEW_NOTE), '');
  if (sites.some(heldMapBuckets)) out.push(markdownText(MAP_BUCKETS_NOTE), '');
  const tiny = tinyBlockPlaces(sites, (site) => escape?.get(site)?.diagnostics);
  if (tiny.length > 0) out.push(markdownText(tinyBlocksNote(tiny, s.stats?.int('HeapObjects'), formatCount)), '');
  out.push(...compilerMarkdown(sites, escape));
  return out;
}

/** A GODEBUG=gctrace=1 log: its verdict, the live heap after each GC, the peak against what stays, GC pace and CPU. */
function gcTraceMarkdown(report: AnalyzeReport, traces: readonly GcTraceAnalysis[]): string[] {
  const out: string[] = [];
  for (const t of traces) {
    out.push(`## GC log ${markdownText(inputTitle(t.source))}`, '', `${gcTraceTitle(t)}. ${markdownText(gcTraceVerdictText(t, report.verdict, report.gcTraces ?? []))}`, '');
    out.push(`- Live heap after GC: ${liveAfterGc(t)}`, `- ${markdownText(peakVersusLive(t))}`);
    const facts = gcTraceFacts(t);
    if (facts.length) out.push(`- ${markdownText(facts.join(' · '))}`);
    const timer = forcedTimerLine(t);
    if (timer) out.push(`- ${markdownText(timer)}`);
    for (const line of gcTraceMarkLines(t)) out.push(`- ${markdownText(line)}`);
    out.push('');
  }
  return out;
}

export function reportMarkdown(report: AnalyzeReport, topSites: number): string {
  const out = ['# heapdoc report', '', `**Verdict (leak: ${report.verdict.leak}, dominant: ${report.verdict.dominant}).** ${markdownText(report.verdict.summary)}`, ''];
  const series = report.series;
  if (series && series.points.length > 0) {
    out.push(`## Across ${countOf(series.points.length, 'snapshot')}`, '', '| | ordered by TotalAlloc |', '|---|---|');
    for (const [name, values] of seriesRows(series)) out.push(`| ${name} | ${values} |`);
    const rate = allocationRate(series);
    if (rate) out.push(`| allocation rate | ${markdownText(rate)} |`);
    const recurring = series.verdict.recurringPeak;
    if (recurring) out.push(`| recurring peak | ${markdownText(recurringPeakLine(recurring))} |`);
    out.push('');
    const unchecked = sameProgramUncheckedNote(series);
    if (unchecked) out.push(`> ${markdownText(unchecked)}`, '');
    if (series.withoutMemStats) out.push(markdownText(notInSeries(series.withoutMemStats, report.snapshots)), '');
    const repeated = sameProfileNote(series);
    if (repeated) out.push(markdownText(repeated), '');
    const rateChange = samplingRateChangeNote(series);
    if (rateChange) out.push(markdownText(rateChange), '');
    const caught = profileCaughtUpNote(series);
    if (caught) out.push(markdownText(caught), '');
    const between = betweenGCsNote(series);
    if (between) out.push(markdownText(between), '');
    const rssOrigin = rssOriginNote(series);
    if (rssOrigin) out.push(markdownText(rssOrigin), '');
    const goal = goalRatioChangesWords(series.goalRatioChanges ?? []);
    if (goal) out.push(markdownText(goal), '');
    // Sites that grew, then held, apart, as the text report lists them.
    const { growing, held } = growingAndHeld(series);
    for (const [title, sites] of [['Growing sites', growing], [heldSitesTitle(), held]] as const) {
      if (sites.length === 0) continue;
      out.push(`${title}:`, '');
      for (const s of sites.slice(0, topSites)) out.push(`- ${markdownCode(s.function)}${s.file ? ` (${markdownText(`${shortPath(s.file)}:${s.line ?? '?'}`)})` : ''}${callerMarkdown(s)} +${formatBytes(s.growthBytes)} (${trend(s.inuseBytes)})`);
      out.push('');
    }
  }
  if (series?.growingSizeClasses?.length) {
    out.push(`Growing size classes (${markdownText(sizeTableName(report))}):`, '');
    for (const t of series.growingSizeClasses.slice(0, topSites)) out.push(`- +${formatBytes(t.growthBytes)} ${markdownText(sizeClassTrend(t, report))}`);
    out.push('');
  }
  // Groups that grew, then held, apart, as the text report lists them.
  const groups = series ? growingAndHeldGroups(series) : { growing: [], held: [] };
  for (const [title, list] of [['Growing goroutine groups', groups.growing], [heldGroupsTitle(), groups.held]] as const) {
    if (!series || list.length === 0) continue;
    out.push(`${title}:`, '');
    for (const g of list.slice(0, topSites)) out.push(`- +${formatCount(g.growth)} ${markdownCode(g.function)}${markdownText(groupName(g, series.growingGroups).slice(g.function.length))} (${trend(g.counts, false)}${markdownText(namedSplit(g))})`);
    out.push('');
  }
  if (report.separately) {
    out.push(...separateMarkdown(report, topSites));
    return finish(report, out);
  }
  out.push(...gcTraceMarkdown(report, report.gcTraces ?? []));
  // With a series, the latest snapshot stands for the rest, as in the text report (latestShown): a
  // PR comment or job summary of ten dumps is one section, not ten; --format json has them all.
  const shown = latestShown(report);
  if (shown) {
    const { latest, earlier, sitesFrom: from } = shown;
    out.push(...snapshotMarkdown(latest, topSites, report.escape?.sites, report.siteOrder, earlier.length > 0));
    // The latest without sites: those of the latest snapshot that has some, under a line that says whose.
    const fromSites = from ? sitesMarkdown(from, topSites, report.escape?.sites, report.siteOrder) : [];
    if (from && fromSites.length > 0) out.push(markdownText(latestSitesNote(latest, from, inputTitle)), '', ...fromSites);
    out.push(...earlierMarkdown(earlier));
  }
  const goroutines = goroutineSection(report.goroutines);
  const { leaked, dumps, crashes } = goroutines;
  if (dumps.length > 0) {
    out.push('## Goroutines', '');
    for (const d of dumps) out.push(`- ${markdownText(goroutineSummaryLine(d, report.series))}`);
    if (goroutines.latest) out.push('', ...groupTable('group (latest dump)', goroutines.latest, topSites));
    const threads = goroutines.latest ? threadsLine(goroutines.latest) : undefined;
    if (threads) out.push('', markdownText(threads));
    if (leaked && leaked.groups.length > 0) out.push('', ...groupTable("leaked (the runtime's goroutineleak profile)", leaked, topSites));
    out.push('');
  }
  if (crashes.length > 0) {
    // Crashes' outputs apart: each is how one run died, not a moment of the series.
    out.push('## Crashes', '', 'Each on its own: how one run died, not a moment of a series.', '');
    for (const d of crashes) out.push(`- ${markdownText(goroutineSummaryLine(d))}`);
    out.push('');
  }
  const findings = shown?.findings ?? report.findings;
  if (findings.length) out.push(`## ${shown?.findingsTitle ?? 'Findings'}`, '', ...findingsMarkdown(findings));
  if (shown && shown.hidden > 0) out.push(hiddenFindingsLine(shown.hidden), '');
  return finish(report, out);
}

/**
 * The snapshots before the latest (LatestShown.earlier), folded: each one's name and NumGC in a
 * `<details>` table, in the report's order (TotalAlloc's); past TREND_SHOWN of them (thousands of scrapes), a
 * sentence only. [] of one snapshot.
 */
function earlierMarkdown(earlier: readonly SnapshotAnalysis[]): string[] {
  if (earlier.length === 0) return [];
  const all = earlier.length + 1;
  if (all > TREND_SHOWN) return [`The latest of the ${formatCount(all)} snapshots stands for the rest (--format json lists each).`, ''];
  const out = [`<details><summary>The ${countOf(earlier.length, 'earlier snapshot')} (the series above reads them; --format json has each in full)</summary>`, '', '| # | snapshot | NumGC |', '|---:|---|---:|'];
  earlier.forEach((s, i) => {
    const numGC = s.stats?.int('NumGC');
    out.push(`| ${i + 1} | ${markdownText(inputTitle(s.source))} | ${numGC === undefined ? '' : formatCount(numGC)} |`);
  });
  out.push('', '</details>', '');
  return out;
}

/** Findings as a list, each with why, how to fix it and the document it cites. */
function findingsMarkdown(findings: readonly Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    out.push(`- **${f.severity}** \`${f.ruleId}\` — ${markdownText(f.message)}`, `  - *Why:* ${markdownText(f.why)}`, `  - *Fix:* ${markdownText(f.fix)}`, `  - *See:* ${f.docsUrl}`);
  }
  out.push('');
  return out;
}

/** A goroutine dump's largest groups (`topSites`) as a table under `title`. */
function groupTable(title: string, dump: GoroutineSummary, topSites: number): string[] {
  const out = [`| count | ${title} |`, '|---:|---|'];
  for (const g of dump.groups.slice(0, topSites)) out.push(`| ${formatCount(g.count)} | ${markdownText(describeGroup(g, dump.groups))} |`);
  return out;
}

/**
 * Unrelated dumps (`--separately`), folder by folder (report/separately.ts), as the text report
 * lists them: each GC log, heap dump and goroutine dump a section of its own, with its own
 * findings under "Findings of" its name.
 */
function separateMarkdown(report: AnalyzeReport, topSites: number): string[] {
  const by = findingsBySource(report);
  const out: string[] = [];
  const findingsOf = (source: string): string[] => {
    const found = by.get(source) ?? [];
    by.delete(source);
    return found.length === 0 ? [] : [`### Findings of ${markdownText(inputTitle(source))}`, '', ...findingsMarkdown(found)];
  };
  const groups = separateGroups(report);
  for (const g of groups) {
    if (groups.length > 1) out.push(`## Folder ${markdownText(folderTitle(g.folder))} (${folderContents(g)})`, '');
    for (const t of g.gcTraces) out.push(...gcTraceMarkdown(report, [t]), ...findingsOf(t.source));
    for (const s of g.snapshots) out.push(...snapshotMarkdown(s, topSites, report.escape?.sites, report.siteOrder), ...findingsOf(s.source));
    for (const d of g.goroutines) {
      out.push(`## ${markdownText(separateInputTitle(d))}`, '', markdownText(goroutineSummaryFacts(d)), '');
      if (d.groups.length > 0) out.push(...groupTable(separateGroupsTitle(d), d, topSites), '');
      out.push(...findingsOf(d.source));
    }
  }
  for (const source of [...by.keys()]) out.push(...findingsOf(source));
  return out;
}

/** The end of a report: its input problems and the files skipped. */
function finish(report: AnalyzeReport, out: string[]): string {
  if (report.diagnostics.length) {
    out.push('## Input problems', '');
    for (const d of report.diagnostics) out.push(`- ${markdownCode(`${d.source}:${d.line}:${d.column}`)} ${d.severity}: ${markdownText(d.message)}`);
    out.push('');
  }
  const skipped = report.skipped?.length ?? 0;
  if (skipped > 0) out.push(`${skippedCountLine(skipped, '--format json')}.`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
