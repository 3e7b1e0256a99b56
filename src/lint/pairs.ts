/**
 * A binary heap profile (sites, no MemStats) and the /debug/vars or /metrics file of its moment
 * (MemStats, no sites) are one snapshot to `heapdoc analyze` (analyze/exposed.ts): its rules read
 * the pair, and a rule that needs both (profile-before-first-gc: NumGC = 0 and a profile;
 * profiling-buckets: BuckHashSys and the profile's MemProfileRate) is judged only there. Lint reads
 * each file on its own (maybe in a worker thread), so each such file keeps its half of the moment
 * (MomentHalf) until the pair is known; then the pair is linted as analyze analyzes it
 * (analysisInput of both, the same pairing, the same "not captured at one moment" check) and its
 * findings replace what the two files said alone.
 *
 * Memory stays bounded: only these two kinds keep a half, and only until their moment is judged.
 * A profile pairs by name (exposition/snapshot.ts pairByName) with a source of its folder and file
 * stem, so a moment is judged once every input of that folder and stem is read; what pairs with
 * nothing by name is kept for pairProfiles' other rule (the only profile and the only source of a
 * directory) until a second of either kind says that rule cannot apply, or the directory ends.
 */
import * as path from 'node:path';
import { notOneMoment } from '../analyze/exposed.js';
import { captureStem } from '../common/stems.js';
import type { ExposedSnapshot } from '../exposition/model.js';
import { analysisInput, pairByName } from '../exposition/snapshot.js';
import { ListedStack, type Frame, type ProfileHeader, type SampledSites, type SizeBucket } from '../grammar/heap/model.js';
import type { Position } from '../grammar/common/positions.js';
import { sortMessages, type HeapLinter } from './engine.js';
import type { FileResult, LintMessage } from './types.js';

/** A binary profile's stack as plain data (a ListedStack's methods do not cross threads). */
interface PlainStack {
  pcs: readonly string[];
  frames: readonly Frame[];
  position: Position;
  buckets: SizeBucket[];
}

/** Half of a moment analyze pairs: a binary heap profile's sites, or one MemStats snapshot of a /debug/vars or /metrics file. */
export type MomentHalf =
  | { kind: 'profile'; source: string; capturedAtMs: number | undefined; sites: { header: ProfileHeader | undefined; stacks: PlainStack[]; recordCount: number } | undefined }
  /** `snapshot`: undefined once released, or for a page of several scrapes (one of them never pairs by name: see lintRead). */
  | { kind: 'memstats'; source: string; capturedAtMs: number | undefined; expvar: boolean; snapshot: ExposedSnapshot | undefined };

/** The half a binary heap profile keeps. */
export function profileHalf(source: string, sites: SampledSites, capturedAtMs: number | undefined): MomentHalf {
  const stacks = sites.stacks.map((s) => ({ pcs: s.pcs, frames: s.frames, position: s.position, buckets: s.buckets }));
  return { kind: 'profile', source, capturedAtMs, sites: { header: sites.header, stacks, recordCount: sites.recordCount } };
}

/**
 * The halves of a /debug/vars or /metrics file: one per MemStats snapshot, as analyze gives them
 * to pairProfiles; only the snapshot of a file that has one is kept whole (several are scrapes
 * named `NAME#N`, which pair with no profile by name). The program's own vars are not kept: no rule reads them.
 */
export function memStatsHalves(snapshots: readonly ExposedSnapshot[]): MomentHalf[] {
  return snapshots.map((s) => {
    const { extras: _extras, ...kept } = s;
    return { kind: 'memstats', source: s.source, capturedAtMs: s.capturedAtMs, expvar: s.kind === 'expvar', snapshot: snapshots.length === 1 ? kept : undefined };
  });
}

function sitesOf(half: Extract<MomentHalf, { kind: 'profile' }>): SampledSites | undefined {
  if (!half.sites) return undefined;
  const stacks = half.sites.stacks.map((s) => {
    const stack = new ListedStack(s.pcs, s.frames, s.position);
    stack.buckets = s.buckets;
    return stack;
  });
  return { header: half.sites.header, stacks, recordCount: half.sites.recordCount };
}

/** A half with the result of the file it is of. */
interface Held<H extends MomentHalf = MomentHalf> {
  index: number;
  half: H;
  result: FileResult;
}

type ProfileHeld = Held<Extract<MomentHalf, { kind: 'profile' }>>;
type SourceHeld = Held<Extract<MomentHalf, { kind: 'memstats' }>>;

/** What is known of one directory's pairs. */
interface DirectoryPairs {
  /** Inputs of each moment (folder and stem) not yet read. */
  unread: Map<string, number>;
  /** The halves of moments not yet judged, by moment. */
  waiting: Map<string, Held[]>;
  /** Paired by name with nothing: each may be the directory's only one (pairProfiles). */
  loneProfiles: ProfileHeld[];
  loneSources: SourceHeld[];
  /** A second lone profile or source was seen: no pair by "the only ones". */
  noneAlone: boolean;
}

/** The moment of an input on disk, as pairByName can pair it: its folder and file stem. */
function momentOf(file: string): string {
  return captureStem(path.basename(file));
}

/** /debug/vars over a scrape of the same moment, as analyze ranks them. */
const rank = (s: SourceHeld): number => (s.half.expvar ? 1 : 0);

/**
 * The pairs of a run's directories, judged as their moments are read (see the module).
 * `paths`: each input's absolute path, undefined when it is not a file on disk (no pair).
 */
export class MomentPairs {
  private readonly directories = new Map<string, DirectoryPairs>();

  constructor(private readonly paths: readonly (string | undefined)[], private readonly heap: HeapLinter) {
    for (const p of paths) {
      if (p === undefined) continue;
      const dir = path.dirname(p);
      let d = this.directories.get(dir);
      if (!d) this.directories.set(dir, (d = { unread: new Map(), waiting: new Map(), loneProfiles: [], loneSources: [], noneAlone: false }));
      const moment = momentOf(p);
      d.unread.set(moment, (d.unread.get(moment) ?? 0) + 1);
    }
  }

  /** Input `index` is read (`result` and its halves), or skipped or unreadable (undefined). */
  settle(index: number, file: { result: FileResult; halves?: MomentHalf[] | undefined } | undefined): void {
    const p = this.paths[index];
    const d = p === undefined ? undefined : this.directories.get(path.dirname(p));
    if (p === undefined || !d) return;
    const moment = momentOf(p);
    if (file?.halves && file.halves.length > 0) {
      const held = file.halves.map((half) => ({ index, half, result: file.result }));
      d.waiting.set(moment, [...(d.waiting.get(moment) ?? []), ...held]);
      // Read: the worker's copy is this one; nothing else keeps it.
      file.halves = undefined;
    }
    const left = (d.unread.get(moment) ?? 1) - 1;
    d.unread.set(moment, left);
    if (left === 0) this.judgeMoment(d, moment);
  }

  /** How many halves are held with their sites or MemStats (what bounds lint's memory here). */
  get held(): number {
    let count = 0;
    for (const d of this.directories.values()) {
      for (const h of [...[...d.waiting.values()].flat(), ...d.loneProfiles, ...d.loneSources]) if (h.half.kind === 'profile' ? h.half.sites : h.half.snapshot) count++;
    }
    return count;
  }

  /** Every input of directory `dir` is read: the only profile and the only source left pair (pairProfiles). */
  close(dir: string): void {
    const d = this.directories.get(dir);
    if (!d) return;
    this.directories.delete(dir);
    const [profile] = d.loneProfiles;
    const [source] = d.loneSources;
    if (!d.noneAlone && profile && source && d.loneProfiles.length === 1 && d.loneSources.length === 1) this.judgePair(profile, source);
  }

  private judgeMoment(d: DirectoryPairs, moment: string): void {
    const held = (d.waiting.get(moment) ?? []).sort((a, b) => a.index - b.index);
    d.waiting.delete(moment);
    const profiles = held.filter((h): h is ProfileHeld => h.half.kind === 'profile').map(timed);
    const sources = held.filter((h): h is SourceHeld => h.half.kind === 'memstats').map(timed);
    const pairs = pairByName(profiles, sources, (s) => rank(s.held));
    for (const [profile, source] of pairs) this.judgePair(profile.held, source.held);
    const paired = new Set<unknown>(pairs.values());
    d.loneProfiles.push(...profiles.filter((p) => !pairs.has(p)).map((p) => p.held));
    d.loneSources.push(...sources.filter((s) => !paired.has(s)).map((s) => s.held));
    if (d.noneAlone || d.loneProfiles.length > 1 || d.loneSources.length > 1) {
      d.noneAlone = true;
      d.loneProfiles = [];
      d.loneSources = [];
    }
  }

  /**
   * The pair linted as analyze analyzes it; its findings replace the two files' own (each keeps
   * its parse errors): those at a line are the MemStats file's (a binary profile has no lines),
   * the others the profile's, which names the pair as analyze names it (`03-t3.heap.pb.gz + 03-t3.vars.json`).
   */
  private judgePair(profile: ProfileHeld, source: SourceHeld): void {
    const sites = sitesOf(profile.half);
    const snapshot = source.half.snapshot;
    // A scrape of a page of several paired as the only source: read as analyze reads it only when whole (today: each file alone).
    if (!sites || !snapshot) return;
    const mismatch = notOneMoment({ source: profile.half.source, sites }, snapshot);
    const name = `${profile.half.source} + ${source.half.source}`;
    const messages = this.heap(name, analysisInput(snapshot, { sites, capturedAtMs: profile.half.capturedAtMs }), mismatch ? [mismatch] : [])
      // The only diagnostic given is the mismatch: its parse-error is about the pairing, not the reading.
      .map((m) => (m.ruleId === 'parse-error' ? { ...m, why: NOT_ONE_MOMENT_WHY } : m));
    const own = (r: FileResult): LintMessage[] => r.messages.filter((m) => m.ruleId === 'parse-error');
    source.result.messages = sortMessages([...own(source.result), ...messages.filter((m) => m.line !== undefined && m.ruleId !== 'parse-error')]);
    profile.result.messages = sortMessages([...own(profile.result), ...messages.filter((m) => m.line === undefined || m.ruleId === 'parse-error')]);
    profile.half.sites = undefined;
    source.half.snapshot = undefined;
  }
}

const NOT_ONE_MOMENT_WHY = 'A binary profile\'s in-use bytes are those of the last GC, and every object live then is still in HeapAlloc: a profile that holds more than twice HeapAlloc (and 4 MiB more) was not captured with these MemStats, so its sites are read against the breakdown of another moment (heapdoc analyze pairs the two files the same way, and says so).';

function timed<H extends Held>(held: H): { source: string; capturedAtMs: number | undefined; held: H } {
  return { source: held.half.source, capturedAtMs: held.half.capturedAtMs, held };
}
