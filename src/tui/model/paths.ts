/**
 * Paths as the UI shows them: short enough for a table, long enough to tell two `main.go`s
 * apart. The standard library is shown from GOROOT/src (`runtime/malloc.go`), a dependency
 * from the module cache (`github.com/x/y@v1.2.0/z.go`), and the program's own files from the
 * directory they all share, keeping its name (`leak/main.go`, `server/cmd/api/main.go`).
 * GOROOT is learnt from the runtime's own frames: no Go installation is needed.
 */
import type { AnalyzeReport } from '../../analyze/report.js';

export interface PathContext {
  /** GOROOT directories seen (`/usr/local/go`), with their `/src/` suffix. */
  goroots: string[];
  /** The directory the program's own files share, up to and without its last name (`/build/run/src/`). */
  root: string | undefined;
}

const NO_PATHS: PathContext = { goroots: [], root: undefined };

interface FrameLike {
  function?: string | undefined;
  file?: string | undefined;
}

const MODULE_CACHE = '/pkg/mod/';

/** `/usr/local/go/src/` for a runtime frame in `/usr/local/go/src/runtime/malloc.go`. */
function gorootOf(f: FrameLike): string | undefined {
  if (!f.file || !f.function?.startsWith('runtime.')) return undefined;
  const m = /^(.*\/src\/)runtime\/[^/]+$/.exec(f.file.replace(/\\/g, '/'));
  return m?.[1];
}

/** Every frame of the report: the sites' stacks and the goroutine groups' stacks. */
function* framesOf(report: AnalyzeReport): Generator<FrameLike> {
  for (const s of report.snapshots) {
    for (const site of s.profile.sites) {
      yield site;
      for (const { stack } of site.stacks) yield* stack.frames;
    }
  }
  for (const dump of report.goroutines) {
    for (const g of dump.groups) {
      yield g;
      if (g.stack) yield* g.stack;
    }
  }
}

function commonDirectory(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, a.lastIndexOf('/', i - 1) + 1);
}

const cache = new WeakMap<AnalyzeReport, PathContext>();

/** What `displayPath` needs to know about the report's files (computed once per report). */
export function pathContext(report: AnalyzeReport | undefined): PathContext {
  if (!report) return NO_PATHS;
  const cached = cache.get(report);
  if (cached) return cached;
  const goroots = new Set<string>();
  const own: string[] = [];
  for (const f of framesOf(report)) {
    const goroot = gorootOf(f);
    if (goroot) goroots.add(goroot);
    else if (f.file) own.push(f.file.replace(/\\/g, '/'));
  }
  let shared: string | undefined;
  for (const file of own) {
    if (file.includes(MODULE_CACHE) || [...goroots].some((g) => file.startsWith(g))) continue;
    shared = shared === undefined ? file.slice(0, file.lastIndexOf('/') + 1) : commonDirectory(shared, file);
  }
  // Keep the shared directory's own name: `leak/main.go` says more than `main.go`.
  const root = shared && shared.length > 1 ? shared.slice(0, shared.lastIndexOf('/', shared.length - 2) + 1) : undefined;
  const context = { goroots: [...goroots].sort((a, b) => b.length - a.length), root: root || undefined };
  cache.set(report, context);
  return context;
}

/** The path to show for a file (the whole path is in the details). */
export function displayPath(file: string, context: PathContext): string {
  const path = file.replace(/\\/g, '/');
  const goroot = context.goroots.find((g) => path.startsWith(g));
  if (goroot) return path.slice(goroot.length);
  const cached = path.lastIndexOf(MODULE_CACHE);
  if (cached >= 0) return path.slice(cached + MODULE_CACHE.length);
  if (context.root && path.startsWith(context.root)) return path.slice(context.root.length);
  return file;
}

/** `leak/main.go:50`, or '' without a file. */
export function displayLocation(where: { file?: string | undefined; line?: number | undefined }, context: PathContext): string {
  if (!where.file) return '';
  return `${displayPath(where.file, context)}${where.line !== undefined ? `:${where.line}` : ''}`;
}
