/** `analyze --format json`, exactly the shape of contract.md (schemaVersion 1), plus documented extras. */

import { profileLag } from '../analyze/verdict.js';
import { findingsByGroup, folderTitle, groupSources, separateGroups } from './separately.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { AllocationSite } from '../analyze/profile.js';
import { tinyBlocks, type TinyEvidence } from '../analyze/tinyblocks.js';
import { formatGoVersion } from '../input/goversion.js';
import { exactBreakdown, type Breakdown } from '../analyze/breakdown.js';
import { escapeTerminalControls, JsonParts, JsonReady, JsonText, jsonAtIndent, jsonRecord, plain, readyJsonText, stringifyJsonParts } from '../text/json.js';
import { CompactFields } from '../analyze/memstats.js';
import { limitFitJson } from '../analyze/memlimit.js';
import type { SiteEscape } from '../analyze/escape/sites.js';
import { joinedColumnNote } from '../analyze/escape/names.js';
import { latestSitesFrom, type AnalyzeReport } from '../analyze/report.js';
import { randomHex } from '../common/builtins.js';
import { SAME_LINES_SITES, sameLinesOf } from '../analyze/samelines.js';

export const SCHEMA_VERSION = 1;

function escapeJson(joined: SiteEscape | undefined): Record<string, unknown> {
  if (!joined) return {};
  return {
    escape: joined.diagnostics.map((d) => ({
      kind: d.kind,
      message: d.message,
      line: d.line,
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(d.cause !== undefined ? { cause: d.cause } : {}),
      ...(d.sentence !== undefined ? { sentence: d.sentence } : {}),
      ...(d.reasons ? { reasons: d.reasons } : {}),
      ...(d.reasonsOmitted !== undefined ? { reasonsOmitted: d.reasonsOmitted } : {}),
      ...(d.sharedWith !== undefined || d.closureAt !== undefined ? { columnNote: joinedColumnNote(d) } : {}),
    })),
    escapeStatus: joined.comparison.status,
    escapeExplanation: joined.comparison.explanation,
    ...(joined.omitted > 0 ? { escapeOmitted: joined.omitted } : {}),
    ...(joined.closure ? { escapeClosure: joined.closure } : {}),
    ...(joined.keptBy ? { escapeKeptBy: joined.keptBy } : {}),
    ...(joined.linePcs ? { escapeLinePcs: joined.linePcs } : {}),
  };
}

/** `tinyBlocks` (the -m expression that makes the site's 16-byte records tiny blocks), only when so: every other site's JSON stays as it was. */
function tinyJson(site: AllocationSite, joined: SiteEscape | undefined): { tinyBlocks?: { expression: string; kind: TinyEvidence['kind'] } } {
  const e = tinyBlocks(site, joined?.diagnostics);
  return e ? { tinyBlocks: { expression: e.expression, kind: e.kind } } : {};
}

function siteJson(site: AllocationSite, joined: Map<AllocationSite, SiteEscape> | undefined, rank: number): Record<string, unknown> {
  const top = site.topStack;
  const json: Record<string, unknown> = {
    function: site.function,
    file: site.file ?? null,
    line: site.line ?? null,
    inuseBytes: site.inuseBytes,
    inuseObjects: site.inuseObjects,
    allocBytes: site.allocBytes,
    allocObjects: site.allocObjects,
    runtimeOnly: site.runtimeOnly,
    profiler: site.profiler,
    poolNew: site.poolNew,
    // Only when true: every other site's JSON stays as it was.
    ...(site.mapBuckets === true ? { mapBuckets: true } : {}),
    ...tinyJson(site, joined?.get(site)),
    stacks: site.stackCount,
    stack: (top?.frames ?? []).map((f) => ({ function: f.function ?? null, file: f.file ?? null, line: f.line ?? null })),
    ...(site.caller ? { caller: { function: site.caller.function, file: site.caller.file ?? null, line: site.caller.line ?? null } } : {}),
    ...(site.callers ? { callers: site.callers.map((c) => ({ function: c.function, file: c.file ?? null, line: c.line ?? null, inuseBytes: c.inuseBytes, allocBytes: c.allocBytes })) } : {}),
  };
  const escape = joined?.get(site);
  // The largest sites only, as the reports list them: every site of the 100 MB realistic bench dump cost 13 % more instructions.
  const same = rank < SAME_LINES_SITES ? sameLinesJson(site, escape) : undefined;
  if (same) json.sameLines = same;
  return escape ? { ...json, ...(plain(escapeJson(escape)) as Record<string, unknown>) } : json;
}

/**
 * A site's stacks that print the same lines (analyze/samelines.ts), each told by its object size
 * and the runtime PCs above its first line, as the text report's sentence says them (`sentence`);
 * undefined without any. The captured go1.19-audit47-deferloop's main.worker at main.go:23: 80 B
 * objects behind 2 hidden PCs (the defer record) beside 32 B ones (the closure).
 */
function sameLinesJson(site: AllocationSite, escape: SiteEscape | undefined): unknown[] | undefined {
  const groups = sameLinesOf(site, escape?.diagnostics);
  if (groups.length === 0) return undefined;
  return groups.map(({ group, sentence }) => ({
    stacks: group.map((s) => ({
      stack: s.index + 1, inuseBytes: s.share.usage.inuseBytes, allocBytes: s.share.usage.allocBytes,
      // An average of several sizes keeps two decimals; a whole size is exact.
      objectBytes: s.size === undefined ? null : s.size.whole ? s.size.bytes : Math.round(s.size.bytes * 100) / 100,
      objectBytesExact: s.size?.whole === true, runtimePcsAbove: s.hiddenAbove,
    })),
    sentence,
  }));
}

/**
 * The breakdown exact from the MemStats fields (a double would round a value near the uint64
 * maximum); the numbers themselves when every one is a safe integer, which they then are exactly
 * (the breakdown is those fields' exact values made numbers).
 */
function breakdownJson(s: SnapshotAnalysis): Breakdown | Record<string, unknown> | null {
  const b = s.breakdown;
  if (!b) return null;
  if (Object.values(b).every((bytes) => Number.isSafeInteger(bytes))) return b;
  const exact = s.stats && exactBreakdown(s.stats);
  return exact ? jsonRecord(Object.entries(exact)) : b;
}

/**
 * A snapshot as the report writes it, made ready for JSON.stringify (`JsonReady`): the model's
 * numbers, strings and plain records as they are, bigints as `jsonBigint` gives them, what the
 * model does not type (a /debug/vars document's own vars, the escape join) through `plain`.
 * The properties are set one after another in the contract's order (no spread of a conditional
 * object per property).
 */
export function snapshotJson(s: SnapshotAnalysis, joined?: Map<AllocationSite, SiteEscape>, sites?: string): Record<string, unknown> {
  const json = snapshotHead(s);
  json.memStats = s.stats ? jsonRecord(s.stats.fields) : {};
  return snapshotTail(s, joined, json, sites);
}

/** A snapshot's properties before `memStats`. */
function snapshotHead(s: SnapshotAnalysis): Record<string, unknown> {
  const json: Record<string, unknown> = { source: s.source, kind: s.kind };
  if (s.origin) json.origin = s.origin;
  if (s.process && Object.keys(s.process).length > 0) json.process = s.process;
  if (s.vars && Object.keys(s.vars).length > 0) json.vars = plain(s.vars);
  const pauses = s.gcPauses;
  if (pauses?.quantiles) json.gcPauseQuantiles = pauses.quantiles.quantiles;
  // `le` as Prometheus writes it: the last bucket is "+Inf".
  if (pauses?.histogram) json.gcPauseHistogram = { metric: pauses.histogram.metric, buckets: pauses.histogram.buckets.map(([le, n]) => [Number.isFinite(le) ? le : '+Inf', n]) };
  if (s.sizeClasses) json.sizeClasses = s.sizeClasses;
  json.goVersion = s.goVersion ? { version: formatGoVersion(s.goVersion), source: s.goVersion.source } : null;
  return json;
}

/** `json` with a snapshot's properties after `memStats` set; `sites`, when given, stands for `profile.sites` (a placeholder, streamedSites). */
function snapshotTail(s: SnapshotAnalysis, joined: Map<AllocationSite, SiteEscape> | undefined, json: Record<string, unknown>, sites?: string): Record<string, unknown> {
  json.breakdown = breakdownJson(s);
  // A /metrics or /debug/vars scrape carries no profile: null, not a profile of zeros (its sites are unknown, not none).
  json.profile = s.profile.format === undefined ? null : {
    samplingRate: s.profile.samplingRate ?? null,
    exact: s.profile.exact,
    // A delta profile (heap?seconds=N): its numbers are signed changes over the window, not totals.
    ...(s.profile.format.deltaMs !== undefined ? { delta: { durationMs: s.profile.format.deltaMs } } : {}),
    records: s.profile.recordCount,
    inuseBytes: s.profile.inuseBytes,
    inuseObjects: s.profile.inuseObjects,
    allocBytes: s.profile.allocBytes,
    allocObjects: s.profile.allocObjects,
    sites: sites ?? s.profile.sites.map((site, i) => siteJson(site, joined, i)),
    // More in use than HeapInuse: sampling error, or a profile of an earlier GC (verdict.ts profileLag).
    lag: profileLag(s.profile, s.stats, s.forcedGC) ?? null,
  };
  json.verdict = s.verdict;
  // A GOMEMLIMIT known: how it fits what Go holds (room, binding, cannot-be-met), with the figures memory-limit-pressure says.
  if (s.limitFit && s.knownLimit) json.limitFit = limitFitJson(s.limitFit, s.knownLimit.origin);
  return json;
}

/**
 * What a snapshot's compact MemStats' names are written after, as an element of `snapshots[]`
 * (its properties six spaces in, memStats' eight), by names list (every block of one field list
 * shares it); null when a name is an array index, which an object would write first.
 */
const MEMSTATS_KEYS = new WeakMap<readonly string[], readonly string[] | null>();

/**
 * A compact MemStats block (a scrape's) written by hand, the same text JSON.stringify writes of
 * `jsonRecord(fields)` at that depth: an integer's digits (a bigint's are a safe integer's
 * number's, and exact beyond), a float as JSON writes a number (null when not finite, -0 as 0).
 * No record and no bigint placeholder made: for the thousands of snapshots of a series of
 * scrapes, several times faster than the record and JSON.stringify of it.
 * Undefined when the names cannot be written in order (an array index).
 */
function compactMemStatsText(fields: CompactFields): string | undefined {
  const names = fields.names;
  let keys = MEMSTATS_KEYS.get(names);
  if (keys === undefined) {
    keys = names.some((name) => /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < 2 ** 32 - 1) ? null : names.map((name, i) => `${i === 0 ? '{' : ','}\n        ${escapeTerminalControls(JSON.stringify(name))}: `);
    MEMSTATS_KEYS.set(names, keys);
  }
  if (keys === null) return undefined;
  if (keys.length === 0) return '{}';
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const v = fields.at(i);
    text += keys[i];
    text += typeof v === 'bigint' ? v.toString() : Number.isFinite(v) ? String(v) : 'null';
  }
  return `${text}\n      }`;
}

/** From this many sites on, a snapshot's sites are written one by one (streamedSites), not as one string. */
const STREAMED_SITES = 256;

/** What stands for `profile.sites` in a snapshot's text until streamedSites writes them (random: no input text holds it). */
let sitesPlaceholder: { value: string; inText: string } | undefined;

/** The placeholder, made once (on first use: node:crypto is loaded then), and as it reads in the JSON text. */
function placeholderOfSites(): { value: string; inText: string } {
  if (sitesPlaceholder === undefined) {
    const value = `heapdoc-sites-${randomHex(8)}`;
    sitesPlaceholder = { value, inText: JSON.stringify(value) };
  }
  return sitesPlaceholder;
}

/**
 * A snapshot's text with its sites written where the placeholder is, each site made and written
 * when its turn comes: an element's properties are 6 spaces in, profile's 8, each site 10.
 */
function* streamedSites(text: string, s: SnapshotAnalysis, joined: Map<AllocationSite, SiteEscape> | undefined): Generator<string> {
  const placeholder = placeholderOfSites().inText;
  const at = text.indexOf(placeholder);
  yield text.slice(0, at);
  const sites = s.profile.sites;
  for (let i = 0; i < sites.length; i++) {
    yield `${i === 0 ? '[' : ','}\n          `;
    yield jsonAtIndent(siteJson(sites[i] as AllocationSite, joined, i), 10);
  }
  yield '\n        ]';
  yield text.slice(at + placeholder.length);
}

/**
 * A snapshot as an element of `snapshots[]`: with compact MemStats (a scrape's), written in
 * parts, what comes before and after `memStats` by JSON.stringify and memStats by hand
 * (`compactMemStatsText`); else the `JsonReady` snapshot. Many sites are written one by one
 * (`JsonParts`). The same text every way.
 */
export function snapshotElement(s: SnapshotAnalysis, joined?: Map<AllocationSite, SiteEscape>, streamFrom = STREAMED_SITES): JsonReady | JsonText | JsonParts {
  const fields = s.stats?.fields;
  const memStats = fields instanceof CompactFields ? compactMemStatsText(fields) : undefined;
  const streamed = s.profile.sites.length >= streamFrom ? placeholderOfSites().value : undefined;
  let text: string;
  if (memStats === undefined) {
    if (streamed === undefined) return new JsonReady(snapshotJson(s, joined));
    text = readyJsonText(new JsonReady(snapshotJson(s, joined, streamed)), 2);
  } else {
    // Each part ends `\n    }` (the element's closing brace) and starts `{`: the head without its end, the tail without its start.
    const head = readyJsonText(new JsonReady(snapshotHead(s)), 2);
    const tail = readyJsonText(new JsonReady(snapshotTail(s, joined, {}, streamed)), 2);
    text = `${head.slice(0, head.length - 6)},\n      "memStats": ${memStats},${tail.slice(1)}`;
  }
  return streamed === undefined ? new JsonText(text) : new JsonParts(streamedSites(text, s, joined));
}

export function reportJson(report: AnalyzeReport): string {
  return [...reportJsonParts(report)].join('');
}

/** reportJson's text in pieces, each snapshot's made when its turn comes (write.ts writeReport takes them). */
export function* reportJsonParts(report: AnalyzeReport): Generator<string> {
  const sitesFrom = latestSitesFrom(report);
  yield* stringifyJsonParts({
    schemaVersion: SCHEMA_VERSION,
    snapshots: report.snapshots,
    // The latest snapshot has no sites (a /debug/vars, a scrape): whose the reports show for it.
    ...(sitesFrom ? { latestSitesFrom: { source: sitesFrom.snapshot.source, index: sitesFrom.index } } : {}),
    ...(report.escape ? { escape: { source: report.escape.source, messages: report.escape.analysis.messages, heapByCause: report.escape.analysis.heapByCause } } : {}),
    // Not in the JSON: the binary's identity, its stream's moment, and each group's goroutines one by one (their ids and waits).
    goroutines: report.goroutines.map(({ identity: _identity, moment: _moment, ...summary }) => ({ ...summary, groups: summary.groups.map(({ members: _members, ...g }) => g) })),
    ...(report.series ? { series: report.series } : {}),
    ...(report.gcTraces ? { gcTraces: report.gcTraces } : {}),
    // Unrelated dumps: their folders, each with its inputs, and the findings input by input in that order.
    ...(report.separately ? { separately: true, folders: separateGroups(report).map((g) => ({ folder: g.folder === '' ? '' : folderTitle(g.folder), inputs: groupSources(g) })) } : {}),
    findings: report.separately ? findingsByGroup(report) : report.findings,
    verdict: report.verdict,
    diagnostics: report.diagnostics,
    skipped: report.skipped ?? [],
  }, { snapshots: (s: SnapshotAnalysis) => snapshotElement(s, report.escape?.sites) });
  yield '\n';
}
