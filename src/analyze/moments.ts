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
import { captureFolder, captureMoment, heapAllocsTwins, heapEndpointName, partOfAnInput, sameStemName, type MomentOf } from '../common/stems.js';
import { stripControl } from '../text/sanitize.js';
import { schemeOf } from '../input/urls.js';
import type { MemStats } from './memstats.js';
import { counterGap, countersAgree } from './momentcounters.js';
import { countOf, firstOf, formatBytes } from '../text/units.js';
import type { SnapshotAnalysis } from './snapshot.js';

/**
 * What the grouping reads of a snapshot: an analysis, or lint's summary of one (lint/series.ts).
 * `stats`: its MemStats, if any (their cumulative counters tell whether two captures are of one
 * moment); `origin` as SnapshotAnalysis has it (undefined: a text dump).
 */
export interface MomentSnapshot {
  source: string;
  /** Its moment, when it is a document of a stream cut into moments (markStreamMoments). */
  moment?: string | undefined;
  stats: Pick<MemStats, 'int'> | undefined;
  /** Its heap profile: the format, and the in-use and allocated bytes of its sites (sameSamples). */
  profile: { format: unknown; inuseBytes?: number | undefined; allocBytes?: number | undefined; sites?: { length: number } | undefined };
  origin?: SnapshotAnalysis['origin'];
}

/** The moment of a stream's document, else the folder and stem of a snapshot's file; undefined for another part of an input, stdin or a URL. */
function momentKey({ source, moment }: MomentSnapshot): string | undefined {
  if (moment !== undefined) return moment;
  const file = source.split(' + ')[0] ?? source; // a paired profile: `03-t3.heap.pb.gz + 03-t3.vars.json`
  if (file === '-' || partOfAnInput(file) || schemeOf(file) !== undefined) return undefined;
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
  if (formatOf(s) === formatOf(best) && streamTwins(s, best)) return (s.stats?.int('TotalAlloc') ?? Infinity) < (best.stats?.int('TotalAlloc') ?? Infinity);
  if (formatOf(s) === formatOf(best)) return heapAllocsTwins(s.source, best.source) && heapEndpointName(s.source) === s.source;
  return formatOf(s) === 'text';
}

/** The input's format: a text heap dump, a scrape, vars, a binary profile (alone or paired). */
function formatOf(s: MomentSnapshot): string {
  return s.origin ?? 'text';
}

/** Two heap dumps a stream's moments put in one moment (markStreamMoments): a heap/allocs pair. */
function streamTwins(a: MomentSnapshot, b: MomentSnapshot): boolean {
  return a.moment !== undefined && a.moment === b.moment;
}

/** A document of a stream, for markStreamMoments: the snapshot or goroutine dump read of it, its line, kind, and MemStats for a heap dump. */
interface StreamPart {
  capture: MomentOf;
  line: number;
  kind: string;
  stats?: MomentSnapshot['stats'];
}

/**
 * A stream's documents cut into moments, in stream order (markStreamMoments): a document starts a
 * new moment when its kind is in the current one already, or when it is of the kind that comes
 * first (a heap dump; `goroutinesFirst`, a goroutine dump) and the current moment has a heap dump —
 * unless it is a heap dump that is the first one's heap/allocs twin, where `twins` allows it.
 */
function streamGroups(parts: readonly StreamPart[], goroutinesFirst: boolean, twins: boolean): StreamPart[][] {
  const groups: StreamPart[][] = [];
  let group: StreamPart[] = [];
  for (const part of parts) {
    const same = group.filter((p) => p.kind === part.kind);
    const [first] = same;
    const twin = twins && part.kind === 'heap' && same.length === 1 && first !== undefined && first.stats !== undefined && part.stats !== undefined
      && first.stats.int('NumGC') === part.stats.int('NumGC') && countersAgree({ stats: first.stats }, { stats: part.stats });
    // The kind that comes first in each moment starts the next one.
    const starts = goroutinesFirst ? part.kind !== 'heap' && group.some((p) => p.kind === 'heap') : part.kind === 'heap' && group.length > 0;
    if ((same.length > 0 || starts) && !twin) {
      groups.push(group);
      group = [];
    }
    group.push(part);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Gives the documents of a stream of dumps of several kinds (`cat snap*.txt` of a capture folder)
 * their moments (`moment`: `-@3`), which no name tells: the stream's order does. `heaps` and
 * `goroutines` are what was read of its documents, each named `NAME:LINE` (concatenated.ts); a
 * heap snapshot's MemStats by `statsOf`. A capture script fetches a moment's endpoints back to
 * back, always in one order, so the stream's first document says which comes first: a heap dump
 * first, each goroutine dump is of the heap dump before it; a goroutine dump first, of the heap
 * dump after it — with no other heap dump between (a goroutine dump right after, or right before,
 * a heap dump is its moment): streamGroups. When every moment is saved alike (the same kinds in
 * each, as a capture script saves them), a second heap dump that is the first one's heap/allocs
 * twin is of its moment: the same NumGC (one GC cycle: the same profile published) and counters
 * that agree as a moment's captures do (countersAgree). Else each moment is one heap dump with the
 * goroutine dumps beside it — not every moment needs one (the captured go1.19-audit42-deeprec:
 * goroutine dumps at two of ten moments), and no twin is folded (its plain dump of t12 shares the
 * GC cycle of the ?gc=1 dump of t05 before it, read 7 s later). A goroutine dump with no heap dump
 * of its own (two debug=2 dumps after one heap dump) gives none: each document is a moment of its
 * own (as names `-:LINE` make them). Analyze and lint both read a stream's moments so.
 */
export function markStreamMoments<H extends MomentOf>(name: string, heaps: readonly H[], statsOf: (h: H) => MomentSnapshot['stats'], goroutines: readonly (MomentOf & { kind: string })[]): void {
  const lineOf = (source: string): number => Number(source.slice(name.length + 1));
  const parts: StreamPart[] = [
    ...heaps.map((h) => ({ capture: h, line: lineOf(h.source), kind: 'heap', stats: statsOf(h) })),
    ...goroutines.map((g) => ({ capture: g, line: lineOf(g.source), kind: g.kind })),
  ].sort((a, b) => a.line - b.line);
  const goroutinesFirst = parts[0] !== undefined && parts[0].kind !== 'heap';
  const kinds = new Set(parts.map((p) => p.kind));
  if (kinds.size < 2 || !kinds.has('heap')) return;
  const kindsOf = (g: readonly StreamPart[]): string => [...new Set(g.map((p) => p.kind))].sort().join(' ');
  const alike = streamGroups(parts, goroutinesFirst, true);
  const [first] = alike;
  // Every moment saved alike (a heap/allocs pair one moment), else each heap dump with the goroutine dumps beside it.
  const uniform = first !== undefined && alike.every((g) => kindsOf(g) === kindsOf(first));
  const groups = uniform ? alike : streamGroups(parts, goroutinesFirst, false);
  if (groups.length < 2 || (!uniform && groups.some((g) => g.filter((p) => p.kind === 'heap').length !== 1))) return;
  groups.forEach((g, i) => {
    for (const p of g) p.capture.moment = `${name}@${i + 1}`;
  });
}

export interface OneMomentEach<S extends MomentSnapshot = SnapshotAnalysis> {
  snapshots: S[];
  /**
   * Each snapshot left out, with the one that stands for its moment; `samples`: a profile alone
   * folded into the heap dump of its stem that holds its samples (dumpOfSamples), their bytes.
   */
  folded: { source: string; keptSource: string; stream?: true; samples?: { inuseBytes: number; allocBytes: number } }[];
  /** The same, by object: each snapshot left out → the one kept for its moment (what it knows that the kept one lacks: reportedByMoment). */
  into: ReadonlyMap<S, S>;
  /** Captures named as one moment (the same folder and stem) that their counters say are two, both kept: each with the first kept of its name's moment, and the counter that differs. */
  apart: { source: string; otherSource: string; gap: string }[];
}

/**
 * Whether two captures' names say they are one moment: the same stem in two formats (a dump beside
 * its scrape or vars), or the heap and allocs endpoints' dumps of one capture. Two dumps of one
 * format and stem (`03-t3.heap-debug1.txt` and `03-t3.heap-gc1.txt`, the second after a forced GC)
 * are two fetches, never folded: their counters differing is no news.
 */
function namedAsOne(a: MomentSnapshot, b: MomentSnapshot): boolean {
  return formatOf(a) !== formatOf(b) || heapAllocsTwins(a.source, b.source);
}

/**
 * The snapshots with each moment once (see the module): another snapshot of a moment is left out
 * only when the one kept holds what it holds (a profile alone, or MemStats alone, beside both; a
 * scrape beside vars) and their cumulative counters agree (countersAgree): a name says which
 * captures may be of one moment, the counters whether they are. Captures of one name's moment
 * whose counters disagree are moments of their own, each grouped again with those that agree with
 * it. Order is kept.
 */
export function oneSnapshotPerMoment<S extends MomentSnapshot>(snapshots: readonly S[]): OneMomentEach<S> {
  const byMoment = new Map<string, S[]>();
  for (const s of snapshots) {
    const key = momentKey(s);
    if (key === undefined) continue;
    const group = byMoment.get(key);
    if (group) group.push(s);
    else byMoment.set(key, [s]);
  }
  const left = new Map<S, S>();
  const apart: OneMomentEach<S>['apart'] = [];
  for (const group of byMoment.values()) {
    let rest = group;
    let first: S | undefined;
    while (rest.length > 1) {
      const kept = rest.reduce((best, s) => (better(s, best) ? s : best));
      const moment = rest.filter((s) => s === kept || countersAgree(s, kept));
      if (first === undefined) first = kept;
      else if (namedAsOne(kept, first)) apart.push({ source: kept.source, otherSource: first.source, gap: counterGap(kept, first) ?? '' });
      for (const s of moment) {
        const covered = richness(kept) === 3 || (richness(kept) === 2 && richness(s) === 1);
        // Two inputs of one format and stem are two moments named alike (`heap.1.txt`, `heap.2.txt`;
        // `default.after-gc.heap-debug1.txt` and `default.idle.heap-debug1.txt`, of one GC cycle),
        // unless they are the heap and allocs endpoints' dumps of one capture.
        if (s !== kept && covered && (namedAsOne(s, kept) || streamTwins(s, kept))) left.set(s, kept);
      }
      rest = rest.filter((s) => !moment.includes(s));
    }
    const [last] = rest;
    if (last !== undefined && first !== undefined && namedAsOne(last, first)) apart.push({ source: last.source, otherSource: first.source, gap: counterGap(last, first) ?? '' });
  }
  // A profile alone that its folder and stem pair with nothing: the heap dump of its stem elsewhere that holds its samples.
  const bySamples = new Map<S, S>();
  for (const s of snapshots) {
    const key = momentKey(s);
    if (key === undefined || (byMoment.get(key)?.length ?? 0) > 1) continue;
    const dump = dumpOfSamples(s, snapshots);
    if (dump) bySamples.set(s, left.get(dump) ?? dump);
  }
  for (const [s, kept] of bySamples) left.set(s, kept);
  return {
    snapshots: snapshots.filter((s) => !left.has(s)),
    folded: [...left].map(([s, kept]) => ({
      source: s.source, keptSource: kept.source, ...(s.moment !== undefined ? { stream: true as const } : {}),
      ...(bySamples.has(s) ? { samples: { inuseBytes: s.profile.inuseBytes ?? 0, allocBytes: s.profile.allocBytes ?? 0 } } : {}),
    })),
    into: left,
    apart,
  };
}

/**
 * The heap dump whose profile `profile` is, when `profile` is a heap profile alone (a binary one,
 * no MemStats): a dump of its file stem in any folder (the capture layout `heap-t46.pb.gz` beside
 * `plain/heap-t46.txt`, `gc1/heap-t46.txt`, `vars/vars-t46.json`) that holds its samples
 * (sameSamples). Its moment is that dump's, and it adds nothing to it: a
 * heap?debug=1 dump holds the same four sample types (in-use and allocated objects and bytes). A
 * name alone does not say which dump of a stem is its moment: a ?gc=1 dump fetched after it holds
 * the next cycle's profile (every go1.19-audit4x capture), and a GC may end between a plain one
 * and it (go1.19-audit43-gorobuf-deadbuf: NumGC 18 in plain/, 19 in vars/); the samples say. The
 * first such dump, in input order. Never a dump of another stem: one GC cycle's profile is
 * published until the next GC, so dumps of several moments may hold it (go1.19-auditC/cap-burst2:
 * heap.1.txt, heap.2.txt and heap.3.pb.gz, all of NumGC 5).
 */
export function dumpOfSamples<S extends MomentSnapshot>(profile: S, snapshots: readonly S[]): S | undefined {
  if (profile.stats !== undefined || profile.profile.format === undefined) return undefined;
  return snapshots.find((d) => d !== profile && d.stats !== undefined && d.profile.format !== undefined && sameStemName(d.source, profile.source) && sameSamples(d, profile));
}

/**
 * Why a binary profile alone that dumpOfSamples placed nowhere has no moment among `given` (the
 * snapshots read with it, `source` itself left out): the heap dumps of its file stem in other
 * folders hold other samples (another GC cycle's profile), and the MemStats sources of its stem
 * there have no profile to tell whether they are of its cycle — each named from its folder.
 * Undefined when no input of another folder has its stem. The line under the series (report's
 * notInSeries) and lint's no-memstats say it, instead of asking for what was given.
 */
export function unpairedStemWords(source: string, given: readonly { source: string; profile: { format: unknown } }[]): string | undefined {
  const kin = given.filter((g) => g.source !== source && captureFolder(g.source) !== captureFolder(source) && sameStemName(g.source, source));
  if (kin.length === 0) return undefined;
  const named = (list: typeof kin): string => firstOf(list.map((g) => stripControl(path.relative(path.dirname(source), g.source.split(' + ')[0] ?? g.source))).sort(), 3);
  const dumps = kin.filter((g) => g.profile.format !== undefined);
  const memStats = kin.filter((g) => g.profile.format === undefined);
  return [
    dumps.length > 0 ? `${dumps.length === 1 ? 'the heap dump' : 'the heap dumps'} of its file stem (${named(dumps)}) ${dumps.length === 1 ? 'holds' : 'hold'} other samples (the profile of another GC cycle)` : undefined,
    memStats.length > 0 ? `${named(memStats)}, of its stem${dumps.length > 0 ? '' : ' in another folder'}, ${memStats.length === 1 ? 'has' : 'have'} no profile to tell whether ${memStats.length === 1 ? 'it is' : 'one is'} of its moment` : undefined,
  ].filter(Boolean).join('; ');
}

/** What to do about a profile unpairedStemWords explains. */
export const SAVE_BESIDE = 'files pair by folder and stem, so save the profile beside the /debug/vars or heap?debug=1 of its moment to read the two as one';

/**
 * Whether two heap profiles are one published profile (of one GC cycle): the same in-use and
 * allocated bytes, to a byte per site (the runtime unsampled a binary profile's values, heapdoc a
 * text dump's, each truncating per record). What was allocated only grows while the program
 * runs, so profiles of two cycles differ there; no test without allocated bytes.
 */
function sameSamples(a: MomentSnapshot, b: MomentSnapshot): boolean {
  const p = a.profile;
  const q = b.profile;
  if (p.inuseBytes === undefined || q.inuseBytes === undefined || !p.allocBytes || !q.allocBytes) return false;
  const slack = Math.max(p.sites?.length ?? 0, q.sites?.length ?? 0);
  return Math.abs(p.inuseBytes - q.inuseBytes) <= slack && Math.abs(p.allocBytes - q.allocBytes) <= slack;
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
  const reporting: { s: S; key: string | undefined; value: V }[] = [];
  for (const s of moments.into.keys()) {
    const value = reportedOf(s);
    if (value !== undefined) reporting.push({ s, key: momentKey(s), value });
  }
  const learnt = new Map<S, { value: V; source: string }>();
  if (reporting.length === 0) return learnt;
  for (const s of moments.snapshots) {
    if (knownOf(s) !== undefined) continue;
    const key = momentKey(s);
    // The one it was folded into; another kept of its name's moment only where the counters say it is that moment too.
    const from = reporting.find((r) => moments.into.get(r.s) === s || (key !== undefined && r.key === key && countersAgree(r.s, s)));
    if (from) learnt.set(s, { value: from.value, source: from.s.source });
  }
  return learnt;
}

/**
 * What a process's captures report of a setting that holds across its moments (its GOMEMLIMIT:
 * go_gc_gomemlimit_bytes), for each snapshot of `learners` that knows none: the value every
 * snapshot of `all` that reports one (`reportedOf`) reports, with the last such snapshot's source,
 * from those of its target (a scrape's labels; a heap dump names none). A dump is no moment of the
 * scrape that reports the limit when their names differ (`heap.4.txt` beside `metrics.txt`) or
 * their counters do, yet the process ran with the limit there too: plateau-limit34's four dumps
 * beside one scrape of its 34 MiB limit said memory-limit-pressure of the scrape alone, and
 * nothing of the latest dump, holding 106.3% of it. Nothing when two captures report different
 * values (debug.SetMemoryLimit changed it: each moment's own, reportedByMoment, stands).
 * `sameValue` tells two values alike; `knownOf`, whether a snapshot knows one already.
 */
export function reportedByProcess<S extends MomentSnapshot & { target?: string | undefined }, V>(all: readonly S[], learners: readonly S[], reportedOf: (s: S) => V | undefined, sameValue: (a: V, b: V) => boolean, knownOf: (s: S) => unknown = reportedOf): Map<S, { value: V; source: string }> {
  const byTarget = new Map<string, { value: V; source: string; agree: boolean }>();
  for (const s of all) {
    const value = reportedOf(s);
    if (value === undefined) continue;
    const was = byTarget.get(s.target ?? '');
    byTarget.set(s.target ?? '', { value, source: s.source, agree: was === undefined || (was.agree && sameValue(was.value, value)) });
  }
  const learnt = new Map<S, { value: V; source: string }>();
  for (const s of learners) {
    const reported = byTarget.get(s.target ?? '');
    if (reported?.agree === true && knownOf(s) === undefined) learnt.set(s, { value: reported.value, source: reported.source });
  }
  return learnt;
}

/** The note that says which inputs were read as moments already read; undefined when none was. */
export function foldedNote(folded: OneMomentEach<MomentSnapshot>['folded']): string | undefined {
  const [first] = folded.filter((f) => f.samples === undefined);
  if (!first) return undefined;
  const example = `${path.basename(first.source)} beside ${path.basename(first.keptSource.split(' + ')[0] ?? first.keptSource)}`;
  const named = folded.length - folded.filter((f) => f.samples !== undefined).length;
  const count = named === 1 ? '1 input is another capture' : `${named} inputs are other captures`;
  if (first.stream) return `${count} of a moment already read (a heap/allocs pair of one GC cycle in the stream: ${example}): one snapshot per moment`;
  return `${count} of a moment already read (the same folder and file stem: ${example}): one snapshot per moment`;
}

/**
 * The line that says which binary profiles were folded into the heap dump that holds their samples
 * (dumpOfSamples), and that they add nothing to it: `heap-t46.pb.gz is the heap profile of
 * plain/heap-t46.txt (the same samples: …)`; the dump named from the profile's folder. Undefined when none was.
 */
export function samplesNote(folded: OneMomentEach<MomentSnapshot>['folded']): string | undefined {
  const bySamples = folded.filter((f) => f.samples !== undefined);
  const [first] = bySamples;
  if (!first?.samples) return undefined;
  const dump = path.relative(path.dirname(first.source), first.keptSource.split(' + ')[0] ?? first.keptSource);
  const more = bySamples.length > 1 ? `; ${countOf(bySamples.length - 1, 'other binary profile')} likewise` : '';
  return `${path.basename(first.source)} is the heap profile of ${dump} (the same samples: ${formatBytes(first.samples.inuseBytes)} in use, ${formatBytes(first.samples.allocBytes)} allocated): it adds nothing to that dump, whose records hold the same sample types (in-use and allocated objects and bytes)${more}`;
}

/**
 * The note that says which captures named as one moment were read as two, their counters
 * disagreeing (oneSnapshotPerMoment `apart`); undefined when none was.
 */
export function apartNote(apart: OneMomentEach<MomentSnapshot>['apart']): string | undefined {
  const [first] = apart;
  if (!first) return undefined;
  const names = `${path.basename(first.source)} and ${path.basename(first.otherSource)}`;
  const more = apart.length > 1 ? ` (and ${apart.length - 1} more)` : '';
  return `${names}${more} are named as one moment (the same folder and file stem), but their counters differ (${first.gap}): read as moments of their own`;
}
