/**
 * Sites: the snapshot's allocation sites as a table (function, file:line, in-use and allocated
 * bytes and objects), sorted by one key and filtered by a text; Enter opens a site: its stacks
 * and, with `--escape`, what the compiler decided at its line and why.
 */
import { profileLag, profileLagNote } from '../../analyze/verdict.js';
import { heldMapBuckets, MAP_BUCKETS_NOTE, POOL_NEW_NOTE, siteHint, writtenByGo, type AllocationSite } from '../../analyze/profile.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { tinyBlocks, tinyBlockSiteNote } from '../../analyze/tinyblocks.js';
import type { JoinedDiagnostic } from '../../analyze/escape/index.js';
import type { SiteEscape } from '../../analyze/escape/sites.js';
import { moreMessagesSentence, SITE_STATUS_WORDS } from '../../analyze/escape/site-report.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { heldSentence } from '../../analyze/rules/leak-advice.js';
import { lineLiteral, literalWords, objectSizeWords, sameLineGroups, SAME_LINES_STACKS } from '../../analyze/samelines.js';
import { countOf, formatBytes } from '../../text/units.js';
import { codeTarget } from '../effects.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import { columnTitle, type ListView } from '../model/list.js';
import { compactCount, siteKey, SITE_SORTS, visibleSites } from '../model/sites.js';
import { frameDecisions } from '../model/code.js';
import type { SourceLookup } from '../model/source.js';
import type { TuiState } from '../state/reducer.js';
import { compilerLines } from './decisions.js';
import { addFrames, codeOf, framedBody, framedContent, frameTarget, type CodeContext, type FramedContent } from './frames.js';
import { frame, padEnd, padStart, seg, truncate, truncateFunction, truncateStart, width as cells, windowStart, wrapLines, type Line, type Tone } from './line.js';
import { cursorIn, cursorMark, highlight, listContext, listStatus, noMatch, note, sectionTitle, type PaneBody } from './pane.js';

const MAX_STACKS = SAME_LINES_STACKS;

/** What the site's objects are when the name does not say (goroutine descriptors, a sync.Pool's New…), as the text report says it. */
function siteName(site: AllocationSite): string {
  const hint = siteHint(site);
  return hint ? `${site.function} (${hint})` : site.function;
}

/** The function cut in the middle, keeping its package; the hint only if it fits. */
function tableName(site: AllocationSite, max: number): string {
  const full = siteName(site);
  return cells(full) <= max ? full : truncateFunction(site.function, max);
}

interface Columns {
  /** All four numbers; below 64 cells, an in-use and an allocated one. */
  objects: boolean;
  /** The two numbers of a narrow table: bytes, or the objects the list is sorted by. */
  inuse: 'inuseBytes' | 'inuseObjects';
  alloc: 'allocBytes' | 'allocObjects';
  fn: number;
  where: number;
}

/**
 * The location column widens with the terminal, up to what the longest location needs. A narrow
 * table shows objects in place of bytes when the list is sorted by them: the sorted column is
 * always on screen, with its arrow.
 */
function columns(width: number, longestWhere: number, sortKey: string): Columns {
  const objects = width >= 64;
  // An objects column is 8 wide: "objects↓" keeps its arrow when the list is sorted by it.
  const numbers = objects ? 9 + 1 + 8 + 1 + 10 + 1 + 8 + 2 : 9 + 1 + 10 + 2;
  const rest = Math.max(10, width - 2 - numbers);
  // The sorted text column keeps its title and arrow whole (`function↑` in 40 cells took 7: `functi…`).
  const fnMin = sortKey === 'function' ? cells('function↑') : 4;
  const whereMin = sortKey === 'file' ? cells('file:line↑') : 6;
  const wanted = Math.max(8, Math.min(Math.max(9, longestWhere), Math.floor(rest * 0.4)));
  const where = Math.max(whereMin, Math.min(wanted, rest - 1 - fnMin));
  const inuse = !objects && sortKey === 'inuseObjects' ? 'inuseObjects' : 'inuseBytes';
  const alloc = !objects && sortKey === 'allocObjects' ? 'allocObjects' : 'allocBytes';
  return { objects, inuse, alloc, where, fn: Math.max(fnMin, rest - where - 1) };
}

function headerRow(c: Columns, view: ListView<AllocationSite>): Line {
  const t = (title: string, key: string): string => columnTitle(title, key, view);
  const nums = c.objects
    ? `${padStart(t('in use', 'inuseBytes'), 9)} ${padStart(t('objects', 'inuseObjects'), 8)} ${padStart(t('allocated', 'allocBytes'), 10)} ${padStart(t('objects', 'allocObjects'), 8)}  `
    : `${padStart(t(c.inuse === 'inuseObjects' ? 'in-use #' : 'in use', c.inuse), 9)} ${padStart(t(c.alloc === 'allocObjects' ? 'alloc #' : 'allocated', c.alloc), 10)}  `;
  return [seg(`  ${nums}${padEnd(t('function', 'function'), c.fn)} ${padEnd(t('file:line', 'file'), c.where)}`, { dim: true })];
}

function siteRow(site: AllocationSite, c: Columns, paths: PathContext, selected: boolean): Line {
  const nums = c.objects
    ? `${padStart(formatBytes(site.inuseBytes), 9)} ${padStart(compactCount(site.inuseObjects), 8)} ${padStart(formatBytes(site.allocBytes), 10)} ${padStart(compactCount(site.allocObjects), 8)}  `
    : `${padStart(c.inuse === 'inuseObjects' ? compactCount(site.inuseObjects) : formatBytes(site.inuseBytes), 9)} ${padStart(c.alloc === 'allocObjects' ? compactCount(site.allocObjects) : formatBytes(site.allocBytes), 10)}  `;
  return highlight([
    seg(cursorMark(selected)),
    seg(nums),
    seg(padEnd(tableName(site, c.fn), c.fn), { bold: selected }),
    seg(` ${padEnd(truncateStart(displayLocation(site, paths), c.where), c.where)}`, { dim: !selected }),
  ], selected);
}

function sitesHeader(snapshot: SnapshotAnalysis, view: ListView<AllocationSite>, state: TuiState['sites'], editing: boolean, width: number): Line {
  const parts: Line = [seg('Sites', { bold: true }), ...listStatus(view, state.filter, editing, '')];
  const used = cells(parts.map((p) => p.text).join(''));
  if (used + 4 < width) parts.push(seg(` · ${truncateStart(snapshot.source, width - used - 3)}`, { dim: true }));
  return parts;
}

function samplingNote(snapshot: SnapshotAnalysis): string {
  const p = snapshot.profile;
  if (p.exact) return 'every allocation recorded (MemProfileRate = 1): exact numbers';
  if (p.samplingRate) return `sampled every ${formatBytes(p.samplingRate)}: unsampled estimates${writtenByGo(p.format) ? ' · in use as of a GC ≤ 2 cycles ago' : ''}`;
  return 'sampling rate unknown: raw sample counts';
}

const longest = new WeakMap<readonly AllocationSite[], { paths: PathContext; cells: number }>();

/** The widest location of the sites shown, once per view (20,000 sites measured on every key was most of a key's time). */
function longestLocation(sites: readonly AllocationSite[], paths: PathContext): number {
  const cached = longest.get(sites);
  if (cached?.paths === paths) return cached.cells;
  let most = 0;
  for (const s of sites) most = Math.max(most, cells(displayLocation(s, paths)));
  longest.set(sites, { paths, cells: most });
  return most;
}

export function sitesListBody(snapshot: SnapshotAnalysis, state: TuiState['sites'], editing: boolean, paths: PathContext, width: number, height: number): PaneBody {
  const view = visibleSites(snapshot.profile.sites, state);
  const sites = view.items;
  const c = columns(width, longestLocation(sites, paths), view.sort.key);
  const lag = profileLag(snapshot.profile, snapshot.stats, snapshot.forcedGC);
  const top: Line[] = [sitesHeader(snapshot, view, state, editing, width), note(truncate(samplingNote(snapshot), width)), ...(lag ? [note(truncate(profileLagNote(lag), width))] : []), headerRow(c, view)];
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, sites, siteKey);
  const rows: Line[] = [];
  if (snapshot.profile.samplingRate === 0) rows.push(note('Heap profiling was off (MemProfileRate = 0): the dump lists no allocation sites.'));
  else if (sites.length === 0) rows.push(state.filter ? noMatch(state, 'site') : note('The dump lists no allocation sites.'));
  const start = windowStart(cursor, sites.length, room);
  for (let i = start; i < Math.min(sites.length, start + room); i++) rows.push(siteRow(sites[i] as AllocationSite, c, paths, i === cursor));
  const selected = sites[cursor];
  return {
    lines: frame([...top, ...rows], height),
    list: { ...listContext(sites.length, room, selected ? siteKey(selected) : undefined, SITE_SORTS, cursor), target: selected ? codeTarget(selected.function, selected.file, selected.line) : undefined },
  };
}

/** A site's entry in a map keyed by site objects: by object, or by identity for another snapshot's object. */
function lookup<T>(map: ReadonlyMap<AllocationSite, T> | undefined, site: AllocationSite): T | undefined {
  if (!map) return undefined;
  const direct = map.get(site);
  if (direct !== undefined) return direct;
  const key = siteKey(site);
  for (const [other, value] of map) if (siteKey(other) === key) return value;
  return undefined;
}

/** The compiler diagnostics joined to a site; undefined without --escape, empty when it said nothing there. */
function joinedAt(report: AnalyzeReport, site: AllocationSite): JoinedDiagnostic[] | undefined {
  if (!report.escape) return undefined;
  return lookup(report.escape.sites, site)?.diagnostics ?? lookup(report.escape.bySite, site) ?? [];
}

const AGREEMENT_TONE: Record<SiteEscape['comparison']['status'], Tone | undefined> = {
  agrees: 'green', disagrees: 'red', silent: undefined, 'not-covered': undefined, ambiguous: 'yellow',
};

function siteDetailLines(report: AnalyzeReport, site: AllocationSite, paths: PathContext, width: number, code: CodeContext): FramedContent {
  const content = framedContent();
  const lines = content.lines;
  lines.push([seg(cells(siteName(site)) <= width ? siteName(site) : truncateFunction(site.function, width), { bold: true })]);
  if (site.file) lines.push(note(truncateStart(`${site.file}:${site.line ?? '?'}`, width)));
  lines.push([seg('in use    '), seg(formatBytes(site.inuseBytes), { bold: true }), seg(` in ${countOf(site.inuseObjects, 'object')}`)]);
  lines.push([seg('allocated '), seg(formatBytes(site.allocBytes), { bold: true }), seg(` in ${countOf(site.allocObjects, 'object')} (since the process started)`)]);
  if (site.poolNew) lines.push(...wrapLines(POOL_NEW_NOTE, width, { dim: true }, 0, 0));
  if (heldMapBuckets(site)) lines.push(...wrapLines(MAP_BUCKETS_NOTE, width, { dim: true }, 0, 0));
  const tiny = tinyBlocks(site, joinedAt(report, site));
  if (tiny) lines.push(...wrapLines(tinyBlockSiteNote(tiny), width, { dim: true }, 0, 0));
  // Who holds it, as the overview's verdict says: the question a user opens a site to answer.
  const held = report.heldBy;
  if (held?.site && held.site.function === site.function && held.site.file === site.file && held.site.line === site.line) lines.push(...wrapLines(heldSentence(held), width, { color: 'yellow' }, 0, 0));
  const stacks = site.stacks.slice(0, MAX_STACKS);
  const frameCount = stacks.reduce((n, { stack }) => n + stack.frames.length, 0);
  const selected = code.frame !== undefined && frameCount > 0 ? Math.min(code.frame, frameCount - 1) : undefined;
  const codeLines = codeOf(report, code.sources, width);
  // Stacks that print the same lines: the runtime told them apart by PCs with no line here (its own
  // calls above the allocation, which debug=1 does not print, as a map's growth or a defer record;
  // or two calls on one line). Each one's object size tells them apart (samelines.ts).
  const groups = sameLineGroups(site, MAX_STACKS);
  const groupOf = new Map(groups.flatMap((g) => g.map((s) => [s.index, g] as const)));
  const literal = groups.length > 0 ? lineLiteral(site, joinedAt(report, site)) : undefined;
  stacks.forEach(({ stack, usage }, i) => {
    lines.push([]);
    const group = groupOf.get(i);
    const size = group === undefined ? undefined : objectSizeWords(group.find((s) => s.index === i)?.size);
    lines.push(sectionTitle(truncate(`Stack ${i + 1} of ${site.stacks.length} · ${formatBytes(usage.inuseBytes)} in use · ${formatBytes(usage.allocBytes)} allocated${size ? ` · ${size}` : ''}`, width)));
    if (stack.frames.length === 0) lines.push(note(`    (no symbolized frames: ${stack.pcs.join(' ')})`));
    const frames = stack.frames.map((f) => ({ function: f.function ?? f.address, file: f.file, line: f.line }));
    const first = group?.[0];
    if (group !== undefined && first !== undefined && first.index !== i) {
      const likely = group.at(-1)?.index === i ? literalWords(group, literal) : undefined;
      lines.push(...wrapLines(`The same lines as stack ${first.index + 1}: the runtime kept them apart by PCs these lines do not show (${countOf(stack.pcs.length, 'PC')}, ${countOf(frames.length, 'line')}): its own calls, such as a map's growth, or two calls on one line.${likely ? ` ${likely}` : ''}`, width, { dim: true }, 2, 2));
    }
    addFrames(content, frames, (f) => f.function === site.function && f.file === site.file && f.line === site.line, paths, width, selected, codeLines);
  });
  if (site.stacks.length > stacks.length) lines.push(note(`  … ${site.stacks.length - stacks.length} more stacks`));
  const joined = joinedAt(report, site);
  if (joined !== undefined) {
    lines.push([]);
    const where = displayLocation(site, paths);
    // The join puts the copy of an inlined allocation that ran first, reported at its call.
    const calls = [...new Set(joined.filter((d) => d.line !== site.line).map((d) => `${d.line}${d.column !== undefined ? `:${d.column}` : ''}`))];
    lines.push(sectionTitle(truncate(`Compiler decisions at ${where || 'this site'}${calls.length > 0 ? ' and where it is inlined' : ''} (-gcflags=-m)`, width)));
    if (calls.length > 0) lines.push(...wrapLines(`${site.function} is inlined into its caller: the allocation that ran is the caller's copy, which the compiler reports at the call (line ${calls.join(', ')}).`, width, { dim: true }, 2, 2));
    const joinedSite = lookup(report.escape?.sites, site);
    // The caller's copy answers for an inlined function: its own file missing from the output is no gap then (audit 48 #8).
    if (joinedSite && !(calls.length > 0 && joinedSite.comparison.status === 'not-covered')) {
      const status = joinedSite.comparison.status;
      lines.push(...wrapLines(SITE_STATUS_WORDS[status], width, { color: AGREEMENT_TONE[status], bold: true }, 2, 2));
      if (joinedSite.comparison.status !== 'agrees') lines.push(...wrapLines(joinedSite.comparison.explanation, width, { dim: true }, 2, 2));
    }
    if (joined.length === 0 && !joinedSite) {
      lines.push(...wrapLines(`The compiler output given says nothing at ${where || 'this site'}: the site may be in a package built without -m, or in the runtime.`, width, { dim: true }, 2, 2));
    }
    lines.push(...compilerLines(joined, width));
    // Why the value stays, beside why it is on the heap: the escaping closure that captures it.
    if (joinedSite?.closure) lines.push(...wrapLines(joinedSite.closure.sentence, width, { color: 'yellow' }, 2, 2));
    if (joinedSite && joinedSite.omitted > 0) lines.push(...wrapLines(moreMessagesSentence(joinedSite.omitted, joinedSite.omitted), width, { dim: true }, 2, 2));
  }
  return content;
}

function findSite(snapshot: SnapshotAnalysis, key: string): AllocationSite | undefined {
  return snapshot.profile.sites.find((s) => siteKey(s) === key);
}

export function siteDetailBody(report: AnalyzeReport, snapshot: SnapshotAnalysis, state: TuiState['sites'], paths: PathContext, width: number, height: number, sources?: SourceLookup): PaneBody {
  const site = state.open === undefined ? undefined : findSite(snapshot, state.open);
  if (!site) {
    const content = framedContent();
    content.lines.push(note('This site is not in the snapshot shown (press Esc to go back to the list).'));
    return framedBody(content, state, height, (f) => frameTarget(f, undefined), undefined);
  }
  const content = siteDetailLines(report, site, paths, width, { sources, frame: state.frame });
  return framedBody(content, state, height, (f) => frameTarget(f, frameDecisions(report, f.file, f.line, f.function)), codeTarget(site.function, site.file, site.line));
}
