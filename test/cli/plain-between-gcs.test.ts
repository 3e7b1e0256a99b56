/**
 * Plain heap dumps (heap?debug=1, no ?gc=1) are HeapAlloc read between GCs: said so, never "live heap".
 * - go1.19-audit41-sessions (a session store whose janitor works a 40 s flood's peak off; README there):
 *   its plain dumps heap-t05..t12 were each taken ~10 s after another capture's ?gc=1, in that dump's
 *   GC cycle (heap-t05: NumGC 128, NumForcedGC 14, HeapAlloc 460,389,064; heap-gc1-t04: the same
 *   NumGC and NumForcedGC, HeapAlloc 433,899,152). They were "read right after a forced GC" (their
 *   23–26 MiB of garbage within 10 % of HeapAlloc), and the plain dumps alone said "Peak retention …
 *   live heap fell from 439.1 MiB at snapshot 5": a live peak 25 MiB above the true 413.8 MiB.
 * - go1.19-audit40-bufpool (pooled 4 MiB buffers; README there): its four plain dumps said "No leak
 *   evidence: live heap moves between 11.8 MiB and 20.5 MiB", the series table's row "live".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readAfterForcedGC } from '../../src/analyze/series/forced.js';
import { orderByTotalAlloc } from '../../src/analyze/series/index.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { FIXTURES, readFixture } from '../helpers/fixtures.js';
import { reportJson, reportLines } from '../helpers/cli.js';

const SESSIONS = 'captured/go1.19-audit41-sessions';
const BUFPOOL = 'captured/go1.19-audit40-bufpool';

/** A folder's files whose names start with `prefix`, in name order, as CLI arguments. */
function files(rel: string, prefix: string): string[] {
  return readdirSync(join(FIXTURES, rel)).filter((f) => f.startsWith(prefix)).sort().map((f) => `test/fixtures/${rel}/${f}`);
}

function snapshot(rel: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}

interface Report {
  series?: { betweenGCs?: number[]; verdict: { kind: string; leak: string; confidence: string; summary: string; readBetweenGCs?: { plainDumps?: number; profileInUseBytes?: number } } };
}

describe('plain dumps read ~10 s after another capture\'s ?gc=1 (sessions heap-t*.txt)', () => {
  it('each is read between GCs by its own profile: HeapAlloc above its in-use by more than twice the sampling error', () => {
    const names = readdirSync(join(FIXTURES, SESSIONS)).filter((f) => f.startsWith('heap-t')).sort();
    expect(names).toHaveLength(18);
    const ordered = orderByTotalAlloc(names.map((n) => snapshot(`${SESSIONS}/${n}`)));
    // heap-t05: 460,389,064 B (439.1 MiB) beside a profile of 415.7 MiB ±10.1 MiB, NumForcedGC rose (14) and NextGC 1.89 × HeapAlloc.
    const t05 = ordered[4];
    expect([t05?.source.slice(SESSIONS.length + 1), t05?.stats?.int('HeapAlloc'), t05?.stats?.int('NumForcedGC'), t05?.stats?.int('NumGC')]).toEqual(['heap-t05.txt', 460_389_064, 14, 128]);
    expect(readAfterForcedGC(ordered)).toEqual(names.map(() => false));
  });

  it('the plain dumps alone: HeapAlloc fell, read between GCs; the live heap\'s peak from the profiles, 415.7 MiB (was "live heap fell from 439.1 MiB … right after a forced GC")', async () => {
    const { series } = await reportJson<Report>(['analyze', ...files(SESSIONS, 'heap-t')]);
    expect([series?.verdict.kind, series?.verdict.leak, series?.verdict.confidence]).toEqual(['peak-retention', 'not-suspected', 'high']);
    expect(series?.verdict.summary).toBe("Peak retention, not a leak: HeapAlloc fell from 481.9 MiB at snapshot 4 to 121.7 MiB at snapshot 18, each read between GCs at snapshots taken at different GCs (it counts the garbage made since the last GC too; the heap profiles, each the live heap as of its dump's last GC, fell from 415.7 MiB at snapshot 5 to 90.5 MiB) while HeapSys stays at its 527.5 MiB high-water mark, most of it address space only: 383.0 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 11.7 MiB idle (held for reuse).");
    expect(series?.verdict.readBetweenGCs).toMatchObject({ plainDumps: 18, profileInUseBytes: 94868355 });
    expect(series?.betweenGCs).toBeUndefined();
  });

  it('the text table\'s first row is HeapAlloc, with the note under it', async () => {
    const lines = await reportLines(['analyze', ...files(SESSIONS, 'heap-t')]);
    // The series table's first row (the latest snapshot's own breakdown below keeps its `live` bucket).
    const row = lines[lines.indexOf('Across 18 snapshots (ordered by TotalAlloc)') + 1];
    expect(row?.startsWith('  HeapAlloc     154.9 MiB → 255.2 MiB → 413.9 MiB → 481.9 MiB → 439.1 MiB → … 8 more …')).toBe(true);
    expect(lines).toContain('  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 18 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; the heap profile, as of the latest snapshot\'s last GC, had 90.5 MiB in use.');
  });

  it('with the ?gc=1 dumps of the folder beside them, the live peak stays the ?gc=1 dumps\' 413.8 MiB', async () => {
    const { series } = await reportJson<Report>(['analyze', ...files(SESSIONS, 'heap-')]);
    expect(series?.verdict.summary.startsWith('Peak retention, not a leak: live heap fell from 413.8 MiB at snapshot 8 to 219.7 MiB at snapshot 28, at each of its 10 steps (−19.4 MiB a step on average), read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 481.9 MiB at snapshot 7 to 121.7 MiB at snapshot 32)')).toBe(true);
    const gc1 = await reportJson<Report>(['analyze', ...files(SESSIONS, 'heap-gc1-')]);
    expect(gc1.series?.verdict.summary.startsWith('Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 4) and fell at each of the 10 steps since (−194.1 MiB)')).toBe(true);
  });
});

describe('bufpool\'s four plain dumps: HeapAlloc moves, not the live heap', () => {
  it('text, JSON and Markdown say HeapAlloc read between GCs (was "No leak evidence: live heap moves between 11.8 MiB and 20.5 MiB")', async () => {
    const args = ['analyze', ...files(BUFPOOL, 'heap-t')];
    const { series } = await reportJson<Report>(args);
    expect([series?.verdict.kind, series?.verdict.leak, series?.verdict.confidence]).toEqual(['stable', 'not-suspected', 'low']);
    expect(series?.verdict.summary).toBe('No leak evidence: HeapAlloc, read between GCs, moves between 11.8 MiB and 20.5 MiB across 4 GC-separated snapshots (snapshots 1→4) without rising steadily, with no site or goroutine group growing steadily. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.');
    expect(series?.verdict.readBetweenGCs).toMatchObject({ plainDumps: 4 });
    const lines = await reportLines(args);
    expect(lines).toContain('  HeapAlloc     14.6 MiB → 18.1 MiB → 20.5 MiB → 11.8 MiB');
    const md = await reportLines([...args, '--format', 'markdown']);
    expect(md).toContain('| HeapAlloc | 14.6 MiB → 18.1 MiB → 20.5 MiB → 11.8 MiB |');
    expect(md).toContain('HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 4 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; the heap profile, as of snapshot 3\'s last GC, had 12.3 MiB in use.');
  });
});
