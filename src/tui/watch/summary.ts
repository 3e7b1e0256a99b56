/**
 * The line `heapdoc watch` prints per poll when it does not draw the UI (no terminal, CI,
 * --plain): the time, the poll number, Sys and its six buckets, goroutines, and how live moved
 * since the previous snapshot. One line each, so it can be logged, grepped and tailed.
 * With --format json, one JSON document per poll instead (JSON Lines), for scripts.
 *
 * HeapAlloc is said "live" only for a poll read right after a GC (a heap URL with ?gc=1): read
 * between GCs it counts the garbage made since the last one (reasoning.md §1). The captured
 * go1.19-audit44-sawtooth-watch: 16 polls of one GC cycle said "live 152.7 MiB" of a 64 MiB batch's
 * garbage on a live heap of 4–12 MiB (audit 44 F7).
 */
import { BUCKETS, type Bucket } from '../../analyze/breakdown.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { siteLabel } from '../../analyze/profile.js';
import type { GroupTrend } from '../../analyze/series/model.js';
import { GREW_THEN_HELD_WORDS, groupHeld } from '../../analyze/series/verdict.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { gcOff } from '../../analyze/gcoff.js';
import { namesGcOne } from '../../common/stems.js';
import { snapshotJson, SCHEMA_VERSION } from '../../report/json.js';
import { stringifyJson } from '../../text/json.js';
import { countOf, formatBytes, formatCount } from '../../text/units.js';
import type { PollResult } from './poller.js';

const SHORT: Record<Bucket, string> = {
  live: 'live',
  fragmentation: 'frag',
  idle: 'idle',
  released: 'released',
  stacks: 'stacks',
  runtime: 'runtime',
};

/** What a poll's line and JSON say of its GC cycle, beside its own figures. */
export interface PollContext {
  /** The first poll of this poll's GC cycle, when an earlier poll shares its NumGC: no GC ran since. */
  noGcSince?: number;
  /** `leak suspected: main.batch +12.0 MiB` (leakWords), when the polls kept so far are a leak suspect. */
  leak?: string;
  /** `grew, then held: main.worker +73.7 MiB` (heldGrowthWords), when they are not, and growth they saw stopped. */
  held?: string;
}

/** A poll read right after a GC (its URL's ?gc=1, or the analysis's reading), whose HeapAlloc is the live heap. */
export function readAfterGc(s: SnapshotAnalysis): boolean {
  return s.forcedGC?.after === true || namesGcOne(s.source);
}

/** The GC is off at this poll (NextGC ≈ 2^63: GOGC=off or debug.SetGCPercent(-1), no memory limit). */
function gcOffAt(s: SnapshotAnalysis): boolean {
  return gcOff(s.stats) !== undefined;
}

export function summaryLine(result: PollResult, previous: SnapshotAnalysis | undefined, context: PollContext = {}): string {
  const at = `${result.at.toISOString().slice(0, 19)}Z`;
  const head = `${at} #${result.seq}`;
  const s = result.snapshot;
  if (!s) return `${head} poll failed: ${result.error?.message ?? 'no heap dump'}`;
  const parts: string[] = [];
  const b = s.breakdown;
  const live = readAfterGc(s) ? 'live' : 'HeapAlloc';
  if (b) {
    parts.push(`Sys ${formatBytes(b.sys)}`, ...BUCKETS.map((k) => `${k === 'live' ? live : SHORT[k]} ${formatBytes(b[k])}`));
    const before = previous?.breakdown;
    if (before) {
      const delta = b.live - before.live;
      parts.push(`Δ${live} ${delta >= 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`);
    }
  } else {
    parts.push('no MemStats block');
  }
  if (s.origin !== 'prometheus' && s.origin !== 'expvar') parts.push(countOf(s.profile.sites.length, 'site')); // a scrape has no profile
  if (result.goroutines) parts.push(`goroutines ${formatCount(result.goroutines.total)}`);
  if (gcOffAt(s)) parts.push('GC off (NextGC ≈ 2^63)');
  if (context.noGcSince !== undefined) parts.push(`no GC since #${context.noGcSince}`);
  // Said, not hidden: the series drops to this one snapshot.
  if (result.restarted) parts.push(`process restarted (counters fell) — new series from ${result.at.toISOString().slice(11, 19)}Z`);
  if (context.leak !== undefined) parts.push(context.leak);
  if (context.held !== undefined) parts.push(context.held);
  return `${head} ${parts.join(' · ')}`;
}

/** The most growing sites a poll's line names. */
const NAMED_SITES = 2;

/**
 * `leak suspected: main.batch +12.0 MiB` (`main.worker (main.go:21) +14.5 MiB, main.worker
 * (main.go:23) +4.0 MiB` for two sites of one function) — what the verdict of the polls kept so far rests on, in a
 * few words a user can check (the series' growing sites and goroutine groups); undefined when the
 * verdict is no leak suspect. The series reads one snapshot per GC cycle, whatever the polls.
 */
export function leakWords(report: AnalyzeReport | undefined): string | undefined {
  if (report?.verdict.leak !== 'suspected') return undefined;
  // Named as analyze's verdict names them (siteLabel): two sites of one function with their lines.
  const sites = (report.series?.growingSites ?? []).slice(0, NAMED_SITES).map((t, _i, named) => `${siteLabel(t, named)} +${formatBytes(t.growthBytes)}`);
  const groups = (report.series?.growingGroups ?? []).slice(0, 1).map(moreGoroutines);
  const what = [...sites, ...groups];
  return what.length === 0 ? 'leak suspected' : `leak suspected: ${what.join(', ')}`;
}

const moreGoroutines = (g: GroupTrend): string => `${formatCount(g.growth)} more goroutines in ${g.function}`;

/**
 * `grew, then held: main.worker +73.7 MiB, 299 more goroutines in main.worker` — the sites and goroutine groups
 * that grew, then held (SiteTrend.heldFrom, verdict.ts groupHeld), as the verdict's "Grew, then held" names them,
 * when the polls kept so far are no leak suspect: where "leak suspected" stops, the line says why (the captured
 * go1.19-audit46-workerpool-watch, a pool that grew to 299 workers by poll 8 and held). Undefined otherwise.
 */
export function heldGrowthWords(report: AnalyzeReport | undefined): string | undefined {
  if (!report || report.verdict.leak === 'suspected') return undefined;
  const sites = (report.series?.growingSites ?? []).filter((t) => t.heldFrom !== undefined).slice(0, NAMED_SITES).map((t) => `${t.function} +${formatBytes(t.growthBytes)}`);
  const groups = (report.series?.growingGroups ?? []).filter(groupHeld).slice(0, 1).map(moreGoroutines);
  const what = [...sites, ...groups];
  return what.length === 0 ? undefined : `${GREW_THEN_HELD_WORDS.toLowerCase()}: ${what.join(', ')}`;
}

/**
 * One poll as one line of JSON (docs/json.md, "watch"): `seq`, `at`, `ok`, and either the
 * snapshot (as in analyze's `snapshots[]`) or the error. A failed poll is a document too, so a
 * script sees every poll.
 */
export function pollJson(result: PollResult, context: PollContext = {}): string {
  const s = result.snapshot;
  return `${stringifyJson({
    schemaVersion: SCHEMA_VERSION,
    seq: result.seq,
    at: result.at.toISOString(),
    ok: s !== undefined,
    ...(result.error ? { error: { message: result.error.message, ...(result.error.hint !== undefined ? { hint: result.error.hint } : {}) } } : {}),
    ...(result.restarted ? { restarted: true } : {}),
    ...(s ? { readBetweenGCs: !readAfterGc(s) } : {}),
    ...(s && gcOffAt(s) ? { gcOff: true } : {}),
    ...(context.noGcSince !== undefined ? { noGcSince: context.noGcSince } : {}),
    leakSuspected: context.leak !== undefined,
    ...(context.leak !== undefined ? { leak: context.leak } : {}),
    ...(context.held !== undefined ? { held: context.held } : {}),
    goroutines: result.goroutines ? { total: result.goroutines.total } : null,
    // What analyze's JSON lists as diagnostics: a dump cut short (`cut`) is said in the document, not on stderr only.
    diagnostics: result.diagnostics,
    saved: result.saved,
    snapshot: result.snapshot ? snapshotJson(result.snapshot) : null,
  }, 0)}\n`;
}
