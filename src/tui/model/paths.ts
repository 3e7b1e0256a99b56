/**
 * Paths as the UI shows them: short enough for a table, long enough to tell two `main.go`s
 * apart. The standard library is shown from GOROOT/src (`runtime/malloc.go`), a dependency
 * from the module cache (`github.com/x/y@v1.2.0/z.go`), and the program's own files from the
 * directory they all share, keeping its name (`leak/main.go`, `server/cmd/api/main.go`).
 * GOROOT is learnt from the standard library's frames (the runtime's, and — a debug=2 dump hides
 * the runtime's — `net/http.(*conn).serve` in `/usr/lib/go-1.19/src/net/http/server.go`): no Go
 * installation is needed. A GOPATH is learnt the same way from any other package's frames
 * (`github.com/x/procfs.Proc.Stat` in `/usr/share/gocode/src/github.com/x/procfs/proc.go`): its
 * files are shown by their import path, as GOROOT's are.
 */
import { isStandardLibrary } from '../../analyze/goroutines/index.js';
import { packageOf } from '../../analyze/profile.js';
import type { AnalyzeReport } from '../../analyze/report.js';

export interface PathContext {
  /** GOROOT directories seen (`/usr/local/go`), with their `/src/` suffix. */
  goroots: string[];
  /** GOPATH `src/` directories seen (`/go/src/`): where a package's files sit under its import path. */
  gopaths: string[];
  /** The directory the program's own files share, up to and without its last name (`/build/run/src/`). */
  root: string | undefined;
}

const NO_PATHS: PathContext = { goroots: [], gopaths: [], root: undefined };

interface FrameLike {
  function?: string | undefined;
  file?: string | undefined;
}

const MODULE_CACHE = '/pkg/mod/';

/**
 * The `…/src/` directory a frame's file sits in under its package's import path: GOROOT/src for
 * the standard library (`runtime.mallocgc` in `/usr/local/go/src/runtime/malloc.go`), a GOPATH's
 * src for another package (`heapdoc-samples/internal/park.Serve` in
 * `/tmp/gopath/src/heapdoc-samples/internal/park/park.go`). Package main names no path.
 */
function srcRootOf(f: FrameLike): { root: string; std: boolean } | undefined {
  if (!f.file || !f.function) return undefined;
  const pkg = packageOf(f.function);
  if (pkg === 'main' || pkg === '') return undefined;
  const file = f.file.replace(/\\/g, '/');
  const tail = `/src/${pkg}/`;
  const at = file.lastIndexOf(tail);
  if (at < 0 || file.includes('/', at + tail.length)) return undefined;
  return { root: file.slice(0, at + '/src/'.length), std: isStandardLibrary(f.function) };
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
  const gopaths = new Set<string>();
  const own: string[] = [];
  for (const f of framesOf(report)) {
    const src = srcRootOf(f);
    if (src) (src.std ? goroots : gopaths).add(src.root);
    else if (f.file) own.push(f.file.replace(/\\/g, '/'));
  }
  // A GOPATH elsewhere (a distribution's packaged libraries) left the program's files no shared
  // directory but `/`: they were shown whole. Files under a GOPATH are shown by import path instead.
  const roots = [...goroots, ...gopaths];
  let shared: string | undefined;
  for (const file of own) {
    if (file.includes(MODULE_CACHE) || roots.some((g) => file.startsWith(g))) continue;
    shared = shared === undefined ? file.slice(0, file.lastIndexOf('/') + 1) : commonDirectory(shared, file);
  }
  // Keep the shared directory's own name: `leak/main.go` says more than `main.go`.
  const root = shared && shared.length > 1 ? shared.slice(0, shared.lastIndexOf('/', shared.length - 2) + 1) : undefined;
  const longestFirst = (a: string, b: string): number => b.length - a.length;
  const context = { goroots: [...goroots].sort(longestFirst), gopaths: [...gopaths].filter((g) => !goroots.has(g)).sort(longestFirst), root: root || undefined };
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
  const gopath = context.gopaths.find((g) => path.startsWith(g));
  if (gopath) return path.slice(gopath.length);
  if (context.root && path.startsWith(context.root)) return path.slice(context.root.length);
  return file;
}

/** How many lines of one file displayLocation lists before it counts them. */
const MAX_LINES_SHOWN = 4;

/** `leak/main.go:50` (`frag/main.go:21,23,25,27` for a function at several lines), or '' without a file. */
export function displayLocation(where: { file?: string | undefined; line?: number | undefined; lines?: readonly number[] | undefined }, context: PathContext): string {
  if (!where.file) return '';
  // A function at several lines of its file: up to four of them, else how many (`main.go (6 lines)`).
  const lines = where.lines ?? [];
  if (lines.length > 1) return `${displayPath(where.file, context)}${lines.length <= MAX_LINES_SHOWN ? `:${lines.join(',')}` : ` (${lines.length} lines)`}`;
  return `${displayPath(where.file, context)}${where.line !== undefined ? `:${where.line}` : ''}`;
}
