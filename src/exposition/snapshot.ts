/**
 * An exposed snapshot (a scrape, a vars file) as a snapshot input (input/snapshot.ts): a MemStats
 * block and no sites, with the facts a heap dump lacks (Go version, RSS, GOMEMLIMIT). A binary
 * profile is the other half (sites, no MemStats): `pairProfiles` joins each to the MemStats
 * source of the same process given beside it.
 */
import { captureMoment, sameStemName } from '../common/stems.js';
import type { SampledSites } from '../grammar/heap/index.js';
import { withInferredVersion, type ProcessFacts, type SnapshotInput } from '../input/snapshot.js';
import { parseGoVersion, REPORTED } from '../input/goversion.js';
import type { ExposedSnapshot } from './model.js';
import { describeTarget } from './prometheus.js';

/**
 * The snapshot input of an exposed snapshot (and the sites of a binary profile paired with it),
 * with the facts it reports: the Go version (go_info), RSS and GOMEMLIMIT, when it was captured
 * (its sample timestamps, else the paired profile's time); without a reported version, the one
 * the paired profile's frames show.
 */
export function analysisInput(snapshot: ExposedSnapshot, profile?: { sites: SampledSites; capturedAtMs: number | undefined }): SnapshotInput {
  const sites = profile?.sites;
  const goVersion = snapshot.goVersion ? parseGoVersion(snapshot.goVersion, REPORTED) : undefined;
  const process: ProcessFacts = {};
  if (snapshot.process.rss !== undefined) process.rss = snapshot.process.rss;
  if (snapshot.process.gomemlimit !== undefined) process.gomemlimit = snapshot.process.gomemlimit;
  if (snapshot.process.goroutines !== undefined) process.goroutines = snapshot.process.goroutines;
  if (process.rss !== undefined || process.gomemlimit !== undefined) {
    process.origin = {
      ...(process.rss !== undefined ? { rss: 'reported' as const } : {}),
      ...(process.gomemlimit !== undefined ? { gomemlimit: 'reported' as const } : {}),
    };
  }
  const memStats = { position: snapshot.position, lines: snapshot.lines, fields: snapshot.fields };
  const input: SnapshotInput = { memStats, sites, lineCount: 0, process, exposed: snapshot.kind };
  if (goVersion) input.goVersion = goVersion;
  if (snapshot.gcPauses) input.gcPauses = snapshot.gcPauses;
  const capturedAtMs = snapshot.capturedAtMs ?? profile?.capturedAtMs;
  if (capturedAtMs !== undefined) input.capturedAtMs = capturedAtMs;
  if (snapshot.sizeClasses) input.sizeClasses = snapshot.sizeClasses;
  if (snapshot.target) input.target = describeTarget(snapshot.target);
  return withInferredVersion(input);
}

/** Something that names its input and may say when it was taken (the pairing below reads only these). */
export interface Timed {
  source: string;
  capturedAtMs: number | undefined;
}

/**
 * Which MemStats source goes with which binary profile: the one whose file name shares the
 * profile's folder and stem (`03-t3.heap.pb.gz` and `03-t3.vars.json`; of several, the highest `rank`), else
 * the only one given. Names are used only to pair inputs of the same process; kinds are always
 * detected from content.
 */
export function pairProfiles<P extends Timed, S extends Timed>(profiles: readonly P[], sources: readonly S[], rank: (source: S) => number = () => 0): Map<P, S> {
  const pairs = pairByName(profiles, sources, rank);
  const unpaired = profiles.filter((p) => !pairs.has(p));
  const free = new Set(sources);
  for (const s of pairs.values()) free.delete(s);
  const [onlyProfile] = unpaired;
  const [onlySource] = [...free];
  if (unpaired.length === 1 && free.size === 1 && onlyProfile && onlySource) pairs.set(onlyProfile, onlySource);
  return pairs;
}

/**
 * The pairs a capture layout makes that pairProfiles leaves out (`pairs`, added to in place): a
 * profile it paired with nothing, at the top of a capture (`heap-t46.pb.gz`), and the one free
 * source of its file stem in another folder (`vars/vars-t46.json`: common/stems.ts sameStemName;
 * of several, the one of highest `rank` when no other ranks as high), as one capture script saves
 * each endpoint of a moment in a folder of its own — the pair `heapdoc heap-t46.pb.gz
 * vars/vars-t46.json` makes as the only ones given. Not when a heap dump of its stem is among
 * `dumps` (the sources of the heap dumps read): that dump's samples say whether it is the
 * profile's moment (analyze/moments.ts dumpOfSamples), a /debug/vars has none to tell; nor when
 * another profile left has its stem too. The captured go1.19-leftover48-pbvars: the profile was "Not in
 * the series … vars/vars-t46.json, of its stem in another folder, has no profile to tell whether
 * it is of its moment" beside vars-t06 … vars-t68.
 */
export function pairByStemElsewhere<P extends { source: string }, S extends { source: string }>(profiles: readonly P[], sources: readonly S[], pairs: Map<P, S>, dumps: readonly string[], rank: (source: S) => number = () => 0): void {
  const unpaired = profiles.filter((p) => !pairs.has(p));
  const taken = new Set(pairs.values());
  for (const profile of unpaired) {
    if (dumps.some((d) => sameStemName(d, profile.source)) || unpaired.some((p) => p !== profile && sameStemName(p.source, profile.source))) continue;
    const kin = sources.filter((s) => !taken.has(s) && sameStemName(s.source, profile.source));
    const top = Math.max(...kin.map(rank));
    const best = kin.filter((s) => rank(s) === top);
    const [only] = best;
    if (best.length !== 1 || only === undefined) continue;
    pairs.set(profile, only);
    taken.add(only);
  }
}

/**
 * The pairs of pairProfiles made by name alone (no "only one given"): a profile pairs only with a
 * source of its capture moment, so lint judges each moment's pairs as soon as its files are read.
 */
export function pairByName<P extends Timed, S extends Timed>(profiles: readonly P[], sources: readonly S[], rank: (source: S) => number = () => 0): Map<P, S> {
  const pairs = new Map<P, S>();
  const free = new Set(sources);
  for (const profile of profiles) {
    const moment = captureMoment(profile.source);
    const match = [...free].filter((s) => captureMoment(s.source) === moment).reduce<S | undefined>((best, s) => (best === undefined || rank(s) > rank(best) ? s : best), undefined);
    if (match) {
      pairs.set(profile, match);
      free.delete(match);
    }
  }
  return pairs;
}
