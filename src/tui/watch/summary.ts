/**
 * The line `heapdoc watch` prints per poll when it does not draw the UI (no terminal, CI,
 * --plain): the time, the poll number, Sys and its six buckets, goroutines, and how live moved
 * since the previous snapshot. One line each, so it can be logged, grepped and tailed.
 * With --format json, one JSON document per poll instead (JSON Lines), for scripts.
 */
import { BUCKETS, type Bucket } from '../../analyze/breakdown.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
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

export function summaryLine(result: PollResult, previous: SnapshotAnalysis | undefined, leakSuspected = false): string {
  const at = `${result.at.toISOString().slice(0, 19)}Z`;
  const head = `${at} #${result.seq}`;
  const s = result.snapshot;
  if (!s) return `${head} poll failed: ${result.error?.message ?? 'no heap dump'}`;
  const parts: string[] = [];
  const b = s.breakdown;
  if (b) {
    parts.push(`Sys ${formatBytes(b.sys)}`, ...BUCKETS.map((k) => `${SHORT[k]} ${formatBytes(b[k])}`));
    const before = previous?.breakdown;
    if (before) {
      const delta = b.live - before.live;
      parts.push(`Δlive ${delta >= 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`);
    }
  } else {
    parts.push('no MemStats block');
  }
  if (s.origin !== 'prometheus' && s.origin !== 'expvar') parts.push(countOf(s.profile.sites.length, 'site')); // a scrape has no profile
  if (result.goroutines) parts.push(`goroutines ${formatCount(result.goroutines.total)}`);
  // Said, not hidden: the series drops to this one snapshot.
  if (result.restarted) parts.push(`process restarted (counters fell) — new series from ${result.at.toISOString().slice(11, 19)}Z`);
  if (leakSuspected) parts.push('leak suspected');
  return `${head} ${parts.join(' · ')}`;
}

/**
 * One poll as one line of JSON (docs/json.md, "watch"): `seq`, `at`, `ok`, and either the
 * snapshot (as in analyze's `snapshots[]`) or the error. A failed poll is a document too, so a
 * script sees every poll.
 */
export function pollJson(result: PollResult, leakSuspected = false): string {
  return `${stringifyJson({
    schemaVersion: SCHEMA_VERSION,
    seq: result.seq,
    at: result.at.toISOString(),
    ok: result.snapshot !== undefined,
    ...(result.error ? { error: { message: result.error.message, ...(result.error.hint !== undefined ? { hint: result.error.hint } : {}) } } : {}),
    ...(result.restarted ? { restarted: true } : {}),
    leakSuspected,
    goroutines: result.goroutines ? { total: result.goroutines.total } : null,
    // What analyze's JSON lists as diagnostics: a dump cut short (`cut`) is said in the document, not on stderr only.
    diagnostics: result.diagnostics,
    saved: result.saved,
    snapshot: result.snapshot ? snapshotJson(result.snapshot) : null,
  }, 0)}\n`;
}
