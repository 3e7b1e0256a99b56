/**
 * From a frame or a compiler diagnostic to the code: what the compiler said at a frame's line
 * (the join's index, which `heapdoc tui --escape` builds for every frame of the sites' stacks),
 * the profile's path of a file the compiler names relative to its build directory (`./main.go`
 * is `/tmp/prog/main.go` in the dump), and the heap sites the join found a diagnostic at.
 */
import { commonSuffix, escapesAt, matchFile, pathSegments, type JoinedDiagnostic } from '../../analyze/escape/index.js';
import type { AllocationSite } from '../../analyze/profile.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';

/** Heap values first (what the profile shows), then what stays on the stack, then leaking parameters; the rest (inlining, closures) is not shown. */
export function decisionRank(d: Pick<JoinedDiagnostic, 'kind'>): number {
  if (d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap') return 0;
  if (d.kind === 'does-not-escape') return 1;
  if (d.kind.startsWith('leaking')) return 2;
  return 3;
}

/** Diagnostics in the order the details show them: by rank, then column. */
export function byDecision(a: JoinedDiagnostic, b: JoinedDiagnostic): number {
  return decisionRank(a) - decisionRank(b) || (a.column ?? 0) - (b.column ?? 0);
}

/** What the compiler output has for a frame's file: its decisions at the line, or why there are none. */
export type FrameDecisions = JoinedDiagnostic[] | 'not-covered' | 'ambiguous';

/**
 * The compiler's decisions at a frame's file:line: undefined without compiler output, empty when
 * it said nothing there, `not-covered` when the output has no such file (the runtime's, a package
 * built without -m), `ambiguous` when several of its files end like the frame's. Without the
 * index (a report made elsewhere), the sites' join at that line. With the frame's function, only
 * what can be that function's where several share the line (a function and its closures: the
 * join's escapesAt), the messages the output leaves to the line kept with their note.
 */
export function frameDecisions(report: AnalyzeReport, file: string | undefined, line: number | undefined, frameFunction?: string): FrameDecisions | undefined {
  const join = report.escape;
  if (!join) return undefined;
  if (file === undefined || line === undefined) return [];
  if (join.index) {
    const match = matchFile(join.index, file, frameFunction).status;
    if (match === 'none') return 'not-covered';
    if (match === 'ambiguous') return 'ambiguous';
  }
  const sites = join.index ? [] : [...join.sites].filter(([site]) => site.file === file && site.line === line);
  const found = join.index ? escapesAt(join.index, file, line, frameFunction)
    : (sites.find(([site]) => site.function === frameFunction) ?? sites[0])?.[1].diagnostics ?? [];
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.column ?? ''}\u0000${d.message}`;
    if (decisionRank(d) > 2 || seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort(byDecision);
}

/** A compiler path's own segments: without its leading `./`, `../`, `$GOROOT`, `$WORK`. */
function compilerSegments(file: string): string[] {
  const segments = pathSegments(file);
  let start = 0;
  while (start < segments.length && (segments[start] === '..' || segments[start]?.startsWith('$'))) start++;
  return segments.slice(start);
}

const profileFiles = new WeakMap<AnalyzeReport, Map<string, string | undefined>>();

/**
 * The path the heap dump names for a file of the compiler output: the one the join matched it to
 * (a site's comparison), else the one site file that ends with the compiler's path. Undefined
 * when the dump names no such file, or several.
 */
export function profileFileOf(report: AnalyzeReport, compilerFile: string): string | undefined {
  const join = report.escape;
  if (!join) return undefined;
  let cache = profileFiles.get(report);
  if (!cache) profileFiles.set(report, (cache = new Map()));
  if (cache.has(compilerFile)) return cache.get(compilerFile);
  let found: string | undefined;
  for (const [site, s] of join.sites) {
    if (s.comparison.compilerFile === compilerFile && site.file !== undefined) {
      found = site.file;
      break;
    }
  }
  if (found === undefined) {
    const own = compilerSegments(compilerFile);
    const files = new Set(report.snapshots.flatMap((s) => s.profile.sites.flatMap((site) => (site.file === undefined ? [] : [site.file]))));
    const fits = own.length === 0 ? [] : [...files].filter((f) => commonSuffix(pathSegments(f), own) === own.length);
    found = fits.length === 1 ? fits[0] : undefined;
  }
  cache.set(compilerFile, found);
  return found;
}

/** What a diagnostic is, as the join and the escape analysis both print it. */
export interface DiagnosticPlace {
  file: string;
  line: number;
  column?: number | undefined;
  subject?: string | undefined;
}

function placeKey(d: DiagnosticPlace): string {
  return `${d.file}\u0000${d.line}\u0000${d.column ?? ''}\u0000${d.subject ?? ''}`;
}

const joinedSites = new WeakMap<SnapshotAnalysis, { join: object; byPlace: Map<string, AllocationSite[]> }>();

/** The snapshot's sites by the diagnostics the join put on them, made once per snapshot: the Escape tree asks for every diagnostic. */
function sitesByPlace(join: NonNullable<AnalyzeReport['escape']>, snapshot: SnapshotAnalysis): Map<string, AllocationSite[]> {
  const cached = joinedSites.get(snapshot);
  if (cached?.join === join) return cached.byPlace;
  const byPlace = new Map<string, AllocationSite[]>();
  for (const site of snapshot.profile.sites) {
    for (const key of new Set((join.sites.get(site)?.diagnostics ?? []).map(placeKey))) {
      const sites = byPlace.get(key);
      if (sites) sites.push(site);
      else byPlace.set(key, [site]);
    }
  }
  for (const sites of byPlace.values()) sites.sort((a, b) => b.inuseBytes - a.inuseBytes || b.allocBytes - a.allocBytes);
  joinedSites.set(snapshot, { join, byPlace });
  return byPlace;
}

/** The snapshot's heap sites the join put this diagnostic on (the site's line, or its inlined copy's call), most bytes in use first. */
export function sitesOfDiagnostic(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined, d: DiagnosticPlace): readonly AllocationSite[] {
  const join = report.escape;
  if (!join || !snapshot) return [];
  return sitesByPlace(join, snapshot).get(placeKey(d)) ?? [];
}
