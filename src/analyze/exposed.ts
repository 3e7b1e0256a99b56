/**
 * The inputs Go services expose, as analysis inputs: each MemStats snapshot (a scrape, a vars
 * file) is a snapshot input with MemStats and no sites, with the Go version and RSS it carries; a
 * binary profile gets the MemStats of the same process given beside it (exposition/snapshot.ts
 * pairProfiles), or is analyzed on its own, saying that it has none; a GC log is a series of
 * its own (exposition/gctrace.ts).
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { SampledSites } from '../grammar/heap/index.js';
import { analyzeGcTrace, type GcTraceAnalysis } from '../exposition/gctrace.js';
import type { ExposedSnapshot } from '../exposition/model.js';
import { snapshotsFromExposition } from '../exposition/prometheus.js';
import { snapshotFromVars } from '../exposition/expvar.js';
import type { InputContents } from '../input/registry.js';
import { profileSnapshot } from '../input/snapshot.js';
import { analysisInput, pairProfiles } from '../exposition/snapshot.js';
import { selectTarget, type TargetSelector } from '../exposition/targets.js';
import { HeapdocError } from '../input/errors.js';
import { analyzeSnapshot, type AnalyzeOptions, type SnapshotAnalysis } from './snapshot.js';
import type { Verdict } from './verdict.js';

interface BinaryProfile {
  source: string;
  sites: SampledSites;
  capturedAtMs: number | undefined;
  diagnostics: Diagnostic[];
}

/** The MemStats snapshots of a /metrics page or a /debug/vars document the registry read, with their problems. */
export function exposedSnapshotsOf(input: InputContents, source: string): { snapshots: ExposedSnapshot[]; diagnostics: Diagnostic[] } {
  if (input.metrics) return snapshotsFromExposition(input.metrics, source);
  if (input.vars) {
    const read = snapshotFromVars(input.vars, source);
    return { snapshots: read.snapshot ? [read.snapshot] : [], diagnostics: read.diagnostics };
  }
  return { snapshots: [], diagnostics: [] };
}

/** One MemStats snapshot (with the sites of a binary profile paired with it), analyzed with the facts it carries (Go version, RSS, GOMEMLIMIT); the options win. */
export function analyzeExposed(source: string, snapshot: ExposedSnapshot, diagnostics: Diagnostic[], options: AnalyzeOptions, sites?: SampledSites): SnapshotAnalysis {
  const analysis = analyzeSnapshot(source, analysisInput(snapshot, sites), diagnostics, options);
  return { ...analysis, origin: sites ? `pprof+${snapshot.kind}` : snapshot.kind, process: snapshot.process, ...(snapshot.extras ? { vars: snapshot.extras } : {}) };
}

export class ExposedInputs {
  private snapshots: ExposedSnapshot[] = [];
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly profiles: BinaryProfile[] = [];
  readonly gcTraces: GcTraceAnalysis[] = [];

  /**
   * What the registry read of a /metrics page, a vars document, a GC log or a binary profile;
   * returns the problems found on the way (bad values, no memstats), and whether anything was kept.
   */
  add(input: InputContents, source: string): { kept: boolean; diagnostics: Diagnostic[] } {
    const { snapshots, diagnostics } = exposedSnapshotsOf(input, source);
    const all = [...input.diagnostics, ...diagnostics];
    if (snapshots.length > 0) this.addSnapshots(snapshots, all);
    if (input.profile) this.addProfile(source, input.profile.sites, input.profile.capturedAtMs, all);
    if (input.gcLog) this.gcTraces.push(analyzeGcTrace(input.gcLog, source));
    return { kept: snapshots.length > 0 || input.profile !== undefined || input.gcLog !== undefined, diagnostics };
  }

  addSnapshots(snapshots: readonly ExposedSnapshot[], diagnostics: readonly Diagnostic[]): void {
    this.snapshots.push(...snapshots);
    for (const s of snapshots) this.diagnostics.set(s.source, diagnostics.filter((d) => snapshots.length === 1 || d.source === s.source));
  }

  addProfile(source: string, sites: SampledSites, capturedAtMs: number | undefined, diagnostics: Diagnostic[]): void {
    this.profiles.push({ source, sites, capturedAtMs, diagnostics });
  }

  addGcTrace(analysis: GcTraceAnalysis): void {
    this.gcTraces.push(analysis);
  }

  get empty(): boolean {
    return this.snapshots.length === 0 && this.profiles.length === 0 && this.gcTraces.length === 0;
  }

  /** Keeps only the scrapes of the target `selector` picks (--target); throws, naming the targets, when it picks none or several. */
  keepTarget(selector: TargetSelector): void {
    const chosen = selectTarget(this.snapshots, selector, this.snapshots.length === 1 ? this.snapshots[0]?.source ?? 'the inputs' : 'the inputs');
    if (chosen instanceof HeapdocError) throw chosen;
    this.snapshots = chosen;
  }

  /** Every MemStats snapshot and profile, analyzed; a profile and its MemStats source become one snapshot. */
  analyze(options: AnalyzeOptions): SnapshotAnalysis[] {
    const pairs = pairProfiles(this.profiles, this.snapshots);
    const paired = new Set(pairs.values());
    const out: SnapshotAnalysis[] = [];
    const run = (source: string, snapshot: ExposedSnapshot | undefined, profile: BinaryProfile | undefined): SnapshotAnalysis => {
      const diagnostics = [...(snapshot ? this.diagnostics.get(snapshot.source) ?? [] : []), ...(profile?.diagnostics ?? [])];
      if (!snapshot) return { ...analyzeSnapshot(source, profileSnapshot(profile?.sites), diagnostics, options), origin: 'pprof' };
      return analyzeExposed(source, snapshot, diagnostics, options, profile?.sites);
    };
    for (const snapshot of this.snapshots) if (!paired.has(snapshot)) out.push(run(snapshot.source, snapshot, undefined));
    for (const profile of this.profiles) {
      const snapshot = pairs.get(profile);
      out.push(run(snapshot ? `${profile.source} + ${snapshot.source}` : profile.source, snapshot, profile));
    }
    return out;
  }
}

/** The verdict of a GC log, as the report's verdict, when the dumps could not say more. */
export function gcTraceVerdict(traces: readonly GcTraceAnalysis[], current: Verdict | undefined): Verdict | undefined {
  const trace = traces.find((t) => t.verdict.leak === 'suspected') ?? traces[traces.length - 1];
  if (!trace) return undefined;
  if (current && current.leak !== 'unknown' && trace.verdict.leak !== 'suspected') return undefined;
  return { leak: trace.verdict.leak, dominant: current?.dominant ?? 'live', summary: `${trace.source}: ${trace.verdict.summary}` };
}
