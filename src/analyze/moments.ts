/**
 * One moment, one snapshot. A capture script saves several endpoints at each moment, named with
 * the moment's stem (`03-t3.heap-debug1.txt`, `03-t3.heap.pb.gz`, `03-t3.vars.json`,
 * `03-t3.metrics.txt`). Read as they are, each moment counted several times ("Across 12 snapshots"
 * for six), and a binary profile beside the heap?debug=1 dump of its moment was a snapshot of its
 * own, without MemStats, which no series can place. Within a folder, the inputs of one stem are one
 * moment: the snapshot with both MemStats and a heap profile stands for it (a text dump, or a
 * binary profile paired with its MemStats); without one, /debug/vars stands for a /metrics
 * scrape of the same moment (vars also has the size classes). Two inputs of one format are never
 * folded: `heap.1.txt` and `heap.2.txt` share a stem and are two moments — except heap?debug=1 and
 * allocs?debug=1 saved together (`03-t3.heap-debug1.txt`, `03-t3.allocs-debug1.txt`): one profile,
 * and the heap one stands for the moment. Lint groups its inputs into moments with the same
 * functions (lint/series.ts), so that its series and its per-moment findings are analyze's.
 */
import * as path from 'node:path';
import { captureMoment, heapAllocsTwins, heapEndpointName } from '../common/stems.js';
import { schemeOf } from '../input/urls.js';
import type { SnapshotAnalysis } from './snapshot.js';

/**
 * What the grouping reads of a snapshot: an analysis, or lint's summary of one (lint/series.ts).
 * `stats`: whether it has MemStats; `origin` as SnapshotAnalysis has it (undefined: a text dump).
 */
export interface MomentSnapshot {
  source: string;
  stats: unknown;
  profile: { format: unknown };
  origin?: SnapshotAnalysis['origin'];
}

/** A snapshot cut from a larger input (`all.txt:40`, a scrape `m.txt#2`): its file holds several moments. */
const PART_OF_AN_INPUT = /(?::\d+|#\d+(?:\{.*\})?)$/;

/** The folder and stem of a snapshot's file; undefined for a part of an input, stdin or a URL. */
function momentKey(source: string): string | undefined {
  const file = source.split(' + ')[0] ?? source; // a paired profile: `03-t3.heap.pb.gz + 03-t3.vars.json`
  if (file === '-' || PART_OF_AN_INPUT.test(file) || schemeOf(file) !== undefined) return undefined;
  return captureMoment(file);
}

/** How much a snapshot holds of its moment: MemStats and a profile, else vars, else a scrape, else a profile alone. */
function richness(s: MomentSnapshot): number {
  if (s.stats && s.profile.format) return 3;
  if (s.stats) return s.origin === 'prometheus' ? 1 : 2;
  return 0;
}

/**
 * Whether `s` stands for its moment better than `best`, an input given before it: more of the
 * moment; as much, a text dump over a profile paired with its MemStats.
 */
function better(s: MomentSnapshot, best: MomentSnapshot): boolean {
  if (richness(s) !== richness(best)) return richness(s) > richness(best);
  if (formatOf(s) === formatOf(best)) return heapAllocsTwins(s.source, best.source) && heapEndpointName(s.source) === s.source;
  return formatOf(s) === 'text';
}

/** The input's format: a text heap dump, a scrape, vars, a binary profile (alone or paired). */
function formatOf(s: MomentSnapshot): string {
  return s.origin ?? 'text';
}

export interface OneMomentEach<S extends MomentSnapshot = SnapshotAnalysis> {
  snapshots: S[];
  /** Each snapshot left out, with the one that stands for its moment. */
  folded: { source: string; keptSource: string }[];
  /** The same, by object: each snapshot left out → the one kept for its moment (what it knows that the kept one lacks: reportedByMoment). */
  into: ReadonlyMap<S, S>;
}

/**
 * The snapshots with each moment once (see the module): another snapshot of a moment is left out
 * only when the one kept holds what it holds (a profile alone, or MemStats alone, beside both; a
 * scrape beside vars). Order is kept.
 */
export function oneSnapshotPerMoment<S extends MomentSnapshot>(snapshots: readonly S[]): OneMomentEach<S> {
  const byMoment = new Map<string, S[]>();
  for (const s of snapshots) {
    const key = momentKey(s.source);
    if (key === undefined) continue;
    const group = byMoment.get(key);
    if (group) group.push(s);
    else byMoment.set(key, [s]);
  }
  const left = new Map<S, S>();
  for (const group of byMoment.values()) {
    if (group.length < 2) continue;
    const kept = group.reduce((best, s) => (better(s, best) ? s : best));
    for (const s of group) {
      const covered = richness(kept) === 3 || (richness(kept) === 2 && richness(s) === 1);
      // Two inputs of one format and stem are two moments named alike (`heap.1.txt`, `heap.2.txt`;
      // `default.after-gc.heap-debug1.txt` and `default.idle.heap-debug1.txt`, of one GC cycle),
      // unless they are the heap and allocs endpoints' dumps of one capture.
      if (s !== kept && covered && (formatOf(s) !== formatOf(kept) || heapAllocsTwins(s.source, kept.source))) left.set(s, kept);
    }
  }
  return {
    snapshots: snapshots.filter((s) => !left.has(s)),
    folded: [...left].map(([s, kept]) => ({ source: s.source, keptSource: kept.source })),
    into: left,
  };
}

/**
 * What a moment's other capture reports of the process that the snapshot kept for it lacks: for
 * each snapshot kept of that moment (the same folder and stem) that knows none, the value the first
 * snapshot folded away from it reports (`reportedOf`), with that snapshot's source. The one the
 * capture was folded into learns it, and another capture of the moment kept beside it too
 * (`03-t3.heap-gc1.txt` beside `03-t3.heap-debug1.txt`: two moments to the series, one process at
 * one time to its facts). A moment is one process at one time, and its GOMEMLIMIT and RSS are the
 * process's there: folded away with the scrape that reports them (go_gc_gomemlimit_bytes,
 * process_resident_memory_bytes; a heap dump and /debug/vars carry neither), a series of dumps and
 * scrapes lost them (plateau-limit128's dumps with their scrapes said nothing of the 128 MiB
 * limit the scrapes report; heap.5.txt with metrics.5.txt, nothing of its 22.0 MiB of RSS).
 * `reportedOf` reads what a snapshot reports itself (a SnapshotAnalysis, or lint's summary);
 * `knownOf`, whether it already knows one (its own input's, or a flag's), by default the same.
 */
export function reportedByMoment<S extends MomentSnapshot, V>(moments: OneMomentEach<S>, reportedOf: (s: S) => V | undefined, knownOf: (s: S) => unknown = reportedOf): Map<S, { value: V; source: string }> {
  const byMoment = new Map<string, { value: V; source: string }>();
  for (const s of moments.into.keys()) {
    const value = reportedOf(s);
    const key = momentKey(s.source);
    if (value !== undefined && key !== undefined && !byMoment.has(key)) byMoment.set(key, { value, source: s.source });
  }
  const learnt = new Map<S, { value: V; source: string }>();
  if (byMoment.size === 0) return learnt;
  for (const s of moments.snapshots) {
    const key = momentKey(s.source);
    const reported = key === undefined ? undefined : byMoment.get(key);
    if (reported && knownOf(s) === undefined) learnt.set(s, reported);
  }
  return learnt;
}

/** The note that says which inputs were read as moments already read; undefined when none was. */
export function foldedNote(folded: OneMomentEach<MomentSnapshot>['folded']): string | undefined {
  const [first] = folded;
  if (!first) return undefined;
  const example = `${path.basename(first.source)} beside ${path.basename(first.keptSource.split(' + ')[0] ?? first.keptSource)}`;
  const count = folded.length === 1 ? '1 input is another capture' : `${folded.length} inputs are other captures`;
  return `${count} of a moment already read (the same folder and file stem: ${example}): one snapshot per moment`;
}
