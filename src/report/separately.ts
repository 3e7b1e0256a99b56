/**
 * Unrelated dumps (`--separately`), folder by folder: each folder's GC logs, heap snapshots and
 * goroutine dumps (one program's inputs, as a capture script saves them), each input with its own
 * findings. The text, Markdown and JSON reports and the terminal UI read these, so that a finding
 * is said with the dump it is about, never under another program's, and a GC log's leak evidence
 * only beside the dumps of its own folder.
 */
import type { AnalyzeReport } from '../analyze/report.js';
import type { Finding } from '../analyze/rules/index.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { GoroutineSummary } from '../analyze/goroutines/index.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import { captureFolder } from '../common/stems.js';
import { inputTitle } from '../text/sanitize.js';
import { countOf } from '../text/units.js';

export interface SeparateGroup {
  /** The folder, with its last `/` (captureFolder); `''` for standard input or a bare name. */
  folder: string;
  gcTraces: GcTraceAnalysis[];
  /** In the report's order (TotalAlloc within the folder). */
  snapshots: SnapshotAnalysis[];
  goroutines: GoroutineSummary[];
}

/**
 * The report's inputs by folder, the folders in the order they were given (report.folders), each
 * folder's inputs in the report's order.
 */
export function separateGroups(report: AnalyzeReport): SeparateGroup[] {
  const groups = new Map<string, SeparateGroup>((report.folders ?? []).map((folder) => [folder, { folder, gcTraces: [], snapshots: [], goroutines: [] }]));
  const group = (source: string): SeparateGroup => {
    const folder = captureFolder(source);
    let g = groups.get(folder);
    if (!g) groups.set(folder, g = { folder, gcTraces: [], snapshots: [], goroutines: [] });
    return g;
  };
  for (const s of report.snapshots) group(s.source).snapshots.push(s);
  for (const d of report.goroutines) group(d.source).goroutines.push(d);
  for (const t of report.gcTraces ?? []) group(t.source).gcTraces.push(t);
  return [...groups.values()].filter((g) => g.snapshots.length + g.goroutines.length + g.gcTraces.length > 0);
}

/** `runs/a` for `runs/a/`, `/` for the root, `standard input` for `''`: a group's folder as a title says it. */
export function folderTitle(folder: string): string {
  if (folder === '') return 'standard input';
  return folder.length > 1 ? folder.slice(0, -1) : folder;
}

/** The report's findings by the input they are about (`source`), each input's in the report's order. */
export function findingsBySource(report: AnalyzeReport): Map<string, Finding[]> {
  const by = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = by.get(f.source);
    if (list) list.push(f);
    else by.set(f.source, [f]);
  }
  return by;
}

/** A group's inputs in the order the reports list them: its GC logs, its heap snapshots, its goroutine dumps. */
export function groupSources(g: SeparateGroup): string[] {
  return [...g.gcTraces, ...g.snapshots, ...g.goroutines].map((i) => i.source);
}

/**
 * The report's findings folder by folder, each input's together (groupSources' order), then any
 * about no input of the report: the order of `findings` in `--format json` with `--separately`.
 */
export function findingsByGroup(report: AnalyzeReport): Finding[] {
  const by = findingsBySource(report);
  const sources = separateGroups(report).flatMap(groupSources);
  const placed = new Set(sources);
  return [...sources.flatMap((source) => by.get(source) ?? []), ...report.findings.filter((f) => !placed.has(f.source))];
}

/**
 * The inputs a page of the terminal UI shows with `snapshot` (its `source`): the goroutine dumps
 * and GC logs of its folder (another heap snapshot of the folder has a page of its own). A folder
 * without a heap snapshot has no page: its GC logs' findings are under each log in the GC log pane.
 * Without a snapshot (goroutine dumps or GC logs alone), every input.
 */
function pageSources(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined): (source: string) => boolean {
  if (!snapshot) return () => true;
  const folder = captureFolder(snapshot.source);
  const snapshots = new Set(report.snapshots.map((s) => s.source));
  return (source) => source === snapshot.source || (!snapshots.has(source) && captureFolder(source) === folder);
}

/** The findings a terminal UI page of unrelated dumps lists with `snapshot`: its own, then those of the other inputs it shows (pageSources). */
export function pageFindings(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined): Finding[] {
  const shown = pageSources(report, snapshot);
  const own = report.findings.filter((f) => f.source === snapshot?.source);
  return [...own, ...findingsByGroup(report).filter((f) => f.source !== snapshot?.source && shown(f.source))];
}

/** The GC logs whose evidence a terminal UI page of unrelated dumps shows with `snapshot` (pageSources). */
export function pageGcTraces(report: AnalyzeReport, snapshot: SnapshotAnalysis | undefined): GcTraceAnalysis[] {
  const shown = pageSources(report, snapshot);
  return (report.gcTraces ?? []).filter((t) => shown(t.source));
}

/** `1 heap snapshot, 1 goroutine dump`: what a folder of unrelated dumps holds. */
export function folderContents(g: SeparateGroup): string {
  const parts = [
    g.snapshots.length > 0 ? countOf(g.snapshots.length, 'heap snapshot') : '',
    g.goroutines.length > 0 ? countOf(g.goroutines.length, 'goroutine dump') : '',
    g.gcTraces.length > 0 ? countOf(g.gcTraces.length, 'GC log') : '',
  ];
  return parts.filter((p) => p !== '').join(', ');
}

/** `Goroutine dump …/01-t1.goroutine-debug1.txt` (a crash's output, a goroutineleak profile said so): a goroutine dump's title as its own report. */
export function separateInputTitle(d: GoroutineSummary): string {
  const what = d.crash ? 'Crash output' : d.kind === 'goroutineleak' ? 'Goroutine leak profile' : 'Goroutine dump';
  return `${what} ${inputTitle(d.source)}`;
}

/** The groups' title of a goroutine dump of unrelated dumps: `group`, or what a goroutineleak profile's groups are. */
export function separateGroupsTitle(d: GoroutineSummary): string {
  return d.kind === 'goroutineleak' ? "leaked, as the runtime's goroutineleak profile lists them" : 'group';
}

/** `heap-leak/gctrace.log`: an input's file and folder names, short enough for a row of the terminal UI (a paired profile's profile). */
export function inputLabel(source: string): string {
  const file = source.split(' + ')[0] ?? source;
  return file.split('/').filter((p) => p !== '').slice(-2).join('/') || file;
}
