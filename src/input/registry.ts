/**
 * The input formats heapdoc knows, in one table: kind → detector → reader → what it feeds.
 * Every command reads its inputs through this table (input/pipeline.ts), so a format is named
 * here and nowhere else: detection (detect.ts), "this is X, but the command reads Y" messages
 * (kinds.ts), and reading all look it up by its kind.
 *
 * How to add a format (a Prometheus text page, expvar JSON, gctrace lines, a binary profile…):
 *   1. A grammar folder, src/grammar/<name>/, whose index.ts reads text chunks into a typed model
 *      and returns its problems as diagnostics (never throws on bad input): see grammar/heap.
 *   2. One entry in FORMATS below: its `kind`, a `detect` that looks only at the first lines
 *      (entries are tried in order; put a specific detector before a looser one), `describe`
 *      for messages, `feeds` (what the analysis gets from it), and `read`, which imports the
 *      grammar lazily (building a grammar costs startup time) and returns `InputContents`.
 *   3. If it feeds something the analysis does not take yet, add that field to InputContents
 *      and use it in analyze/. Commands accept a format by what it feeds, not by its name.
 * Then add a corpus file of the format to test/fixtures and a line for it to test/input/registry.test.ts.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { GoroutineProfile } from '../grammar/goroutine/index.js';
import type { HeapDump, SampledSites } from '../grammar/heap/index.js';
import type { TracebackDump } from '../grammar/traceback/index.js';
import type { Exposition, Scrape } from '../grammar/prometheus/index.js';
import type { JsonValue } from '../grammar/json/index.js';
import type { GcTraceLog } from '../grammar/gctrace/index.js';
import type { DocumentKind, StreamDocument } from './documents.js';
import { isExpvarHead, isGcTraceHead, isMemoryMetric, isPrometheusHead, READ_VARS } from './exposed.js';
import { HeapdocError } from './errors.js';

/** What a format gives the analysis. */
export type Feed =
  | 'memstats' // a runtime.MemStats snapshot: the breakdown, the verdict, the series
  | 'sites' // allocation sites (stacks with bytes and objects)
  | 'goroutines' // goroutines to group
  | 'gc-events' // one line per garbage collection
  | 'compiler-messages'; // go build -gcflags=-m output (heapdoc escape, analyze --escape)

/** A goroutine dump as its grammar read it: a count profile (debug=1, goroutineleak) or tracebacks (debug=2). */
export type GoroutineDump = { profile: GoroutineProfile } | { traceback: TracebackDump };

/** What reading one input gives, whatever its format; a field is present when the format feeds it. */
export interface InputContents {
  /** A heap snapshot: the MemStats block and the allocation sites (the first, when the input holds several). */
  heap?: HeapDump;
  /** Every heap dump in order, when the input holds several concatenated (`cat snap*.txt`): see concatenated.ts. */
  heaps?: HeapDump[];
  /** A goroutine dump (the first, when the input holds several). */
  goroutines?: GoroutineDump;
  /** Every goroutine?debug=1 profile in order, when the input holds several concatenated: see concatenated.ts. */
  goroutineDumps?: GoroutineDump[];
  /**
   * Every document in order, when the input is a stream of dumps of several kinds (`cat snap*.txt`
   * of heap, allocs and goroutine dumps: documents.ts); `heaps` and `goroutineDumps` then hold its
   * heap and goroutine dumps (debug=2 too), and concatenated.ts cuts it by these.
   */
  documents?: StreamDocument[];
  /** A /metrics page (its scrapes; analyze/exposed.ts turns each into MemStats). */
  metrics?: Exposition;
  /** A /debug/vars document (analyze/exposed.ts reads its memstats). */
  vars?: JsonValue;
  /** A binary heap profile: sites without MemStats (analysis pairs it with the MemStats of the same capture). */
  profile?: { sites: SampledSites; capturedAtMs: number | undefined };
  /** A GODEBUG=gctrace=1 log (analyze/exposed.ts judges it as a series). */
  gcLog?: GcTraceLog;
  /** The parser's problems, with line:column. */
  diagnostics: Diagnostic[];
}

/**
 * Where a format hands over parts of its input as soon as they are read, instead of keeping them
 * all in InputContents (a command that can analyze each part on its own passes these).
 */
export interface ReadSinks {
  /** Each /metrics scrape once complete, in input order: `InputContents.metrics.scrapes` then holds none. */
  scrape?: (scrape: Scrape) => void;
}

/** The first lines of an input, as a detector sees them. */
export interface DetectionHead {
  /** The first non-empty line, trimmed. */
  first: string;
  /** The first 20 non-empty lines, as they are. */
  sample: readonly string[];
  /** Every non-empty line of the detected head (a program may log many lines before its first GC line). */
  lines: readonly string[];
}

export interface InputFormat {
  readonly kind: string;
  /** True when an input starting with these lines is this format. */
  detect(head: DetectionHead): boolean;
  /** What the input is, and what to do with it, for a command that does not read it. `firstLine` is sanitized. */
  describe(firstLine: string): readonly [what: string, hint: string];
  /** How the text report names a dump of this kind (`goroutine?debug=2`). */
  readonly label: string;
  readonly feeds: readonly Feed[];
  /**
   * Reads the whole input (chunks of decoded text). Absent for a format heapdoc recognises but
   * does not model: other legacy profiles, and compiler output, which the escape analyzer reads
   * as it streams (analyze/escape).
   */
  read?(text: AsyncIterable<string>, source: string, sinks?: ReadSinks): Promise<InputContents>;
  /** Reads a binary input (the decompressed bytes), for formats that are not text. */
  readBytes?(bytes: AsyncIterable<Uint8Array>, source: string): Promise<InputContents>;
}

/** The largest binary profile read (unpacked): Go's are a few MiB; the real program of the bench, 54 MB as text, ~6 MiB. */
const MAX_PROFILE_BYTES = 256 * 1024 * 1024;

/**
 * The largest /debug/vars read: expvar's own vars are ~4 KiB, and a program's map of a million
 * entries ~20 MiB. It is read whole into a string, and its values into memory (~4x its size).
 */
const MAX_VARS_CHARS = 64 * 1024 * 1024;

const COMPILER_POSITION = /^(?:\.{0,2}\/|[A-Za-z]:[\\/]|<autogenerated>)?[^\s:]*\.go:\d+(?::\d+)?: |^<autogenerated>:\d+: /;

/** A goroutine's header line in a traceback dump or a crash's output. */
export const GOROUTINE_HEADER = /^goroutine \d+ (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[/;
/** The first line of a crash's output (runtime/panic.go, signal_unix.go): its goroutine records follow. */
const CRASH_PREAMBLE = /^(?:panic: |fatal error: |unexpected fault address |SIG[A-Z0-9]+: |runtime: |-----$)/;

/** A line a goroutine traceback or a crash's output starts with. */
export function startsTraceback(line: string): boolean {
  return GOROUTINE_HEADER.test(line) || CRASH_PREAMBLE.test(line);
}

/** A goroutine?debug=2 dump, or a crash's output: a preamble line and a goroutine header in the head. */
function isTracebackHead({ first, lines }: DetectionHead): boolean {
  return GOROUTINE_HEADER.test(first) || (CRASH_PREAMBLE.test(first) && lines.some((l) => GOROUTINE_HEADER.test(l)));
}

/** The formats, in detection order. */
export const FORMATS = [
  {
    kind: 'heap', // heap?debug=1 / allocs?debug=1 (or a bare '# runtime.MemStats' block)
    label: 'heap?debug=1',
    detect: ({ first }) => first.startsWith('heap profile:') || first === '# runtime.MemStats' || /^# (Alloc|TotalAlloc|HeapAlloc) = \d+$/.test(first),
    describe: () => ['a heap dump', 'use heapdoc analyze FILE'],
    feeds: ['memstats', 'sites'],
    read: (text, source) => readDocumentsOf(text, source, 'heap'),
  },
  {
    kind: 'goroutine', // goroutine?debug=1
    label: 'goroutine?debug=1',
    detect: ({ first }) => /^goroutine profile: total \d+/.test(first),
    describe: () => ['a goroutine profile (goroutine?debug=1)', 'give it to heapdoc analyze together with a heap dump'],
    feeds: ['goroutines'],
    read: (text, source) => readDocumentsOf(text, source, 'goroutine'),
  },
  {
    kind: 'goroutineleak', // goroutineleak?debug=1 (Go 1.26+, GOEXPERIMENT=goroutineleakprofile)
    label: 'goroutineleak profile',
    detect: ({ first }) => /^goroutineleak profile: total \d+/.test(first),
    describe: () => ['a goroutine leak profile (goroutineleak?debug=1)', 'give it to heapdoc analyze'],
    feeds: ['goroutines'],
    read: (text, source) => readDocumentsOf(text, source, 'goroutineleak'),
  },
  {
    kind: 'goroutine-traceback', // goroutine?debug=2
    label: 'goroutine?debug=2',
    detect: isTracebackHead,
    describe: (first) => [CRASH_PREAMBLE.test(first) ? "a crash's goroutine traceback" : 'a goroutine traceback dump (goroutine?debug=2)', 'give it to heapdoc analyze'],
    feeds: ['goroutines'],
    read: (text, source) => readDocumentsOf(text, source, 'goroutine-traceback'),
  },
  {
    kind: 'prometheus', // /metrics: Prometheus text 0.0.4 or OpenMetrics (client_golang)
    label: '/metrics',
    detect: isPrometheusHead,
    describe: () => ['a Prometheus metrics page (/metrics)', 'give it to heapdoc analyze'],
    feeds: ['memstats'],
    read: async (text, source, sinks) => {
      const { readPrometheus } = await import('../grammar/prometheus/index.js');
      const { exposition, diagnostics } = await readPrometheus(text, source, { keep: isMemoryMetric, ...(sinks?.scrape ? { onScrape: sinks.scrape } : {}) });
      return { metrics: exposition, diagnostics };
    },
  },
  {
    kind: 'expvar', // /debug/vars (package expvar)
    label: '/debug/vars',
    detect: isExpvarHead,
    describe: () => ['an expvar /debug/vars document', 'give it to heapdoc analyze'],
    feeds: ['memstats'],
    read: async (text, source) => {
      const { parseJson } = await import('../grammar/json/index.js');
      let whole = ''; // one document, read whole, in pieces when long (grammar/json)
      for await (const chunk of text) {
        whole += chunk;
        if (whole.length > MAX_VARS_CHARS) {
          throw new HeapdocError(`${source}: a /debug/vars document of more than ${MAX_VARS_CHARS / (1 << 20)} MiB, more than expvar writes (a program publishing a huge var?)`,
            'save a smaller /debug/vars (publish big data elsewhere), or check what was saved');
        }
      }
      const { value, diagnostics } = parseJson(whole, source, { plainMember: (key) => !READ_VARS.has(key) });
      return value ? { vars: value, diagnostics } : { diagnostics };
    },
  },
  {
    kind: 'gctrace', // a program's stderr under GODEBUG=gctrace=1
    label: 'GODEBUG=gctrace=1 log',
    detect: isGcTraceHead,
    describe: () => ['a GODEBUG=gctrace=1 log', 'give it to heapdoc analyze'],
    feeds: ['gc-events'],
    read: async (text, source) => {
      const { readGcTrace } = await import('../grammar/gctrace/index.js');
      const { log, diagnostics } = await readGcTrace(text, source);
      return log.cycles.length > 0 ? { gcLog: log, diagnostics } : { diagnostics };
    },
  },
  {
    kind: 'pprof', // a gzipped protobuf profile (/debug/pprof/heap without ?debug=1); detected by openInput, not from text
    label: 'binary heap profile',
    detect: () => false,
    describe: () => ['a binary (protobuf) heap or goroutine profile', 'give it to heapdoc analyze, with /debug/vars or /metrics of the same process for MemStats'],
    // A goroutine profile (goroutine/count) is read as its debug=1 text; any other kind is refused.
    feeds: ['sites', 'goroutines'],
    readBytes: async (bytes, source) => {
      const { readPprof } = await import('../grammar/pprof/index.js');
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const part of bytes) {
        size += part.byteLength;
        // A profile is decoded whole: past this it is not one a Go program wrote (a gzip bomb).
        if (size > MAX_PROFILE_BYTES) {
          throw new HeapdocError(`${source}: a binary profile of more than ${MAX_PROFILE_BYTES / (1 << 20)} MiB once unpacked, more than a Go program writes (a gzip bomb?)`,
            'fetch heap?debug=1 instead (the text form streams), or check what was saved');
        }
        parts.push(part);
      }
      const { sites, goroutines, capturedAtMs, diagnostics } = readPprof(Buffer.concat(parts), source);
      if (goroutines) return { goroutines: { profile: goroutines }, diagnostics };
      return sites ? { profile: { sites, capturedAtMs }, diagnostics } : { diagnostics };
    },
  },
  {
    kind: 'other-profile', // another legacy text profile (threadcreate, contention, …)
    label: 'profile',
    detect: ({ first }) => /^\S+ profile: total \d+/.test(first) || first.startsWith('--- '),
    // `threadcreate profile: total 9`, or a legacy `--- heapz 1 ---` header (Java, contention).
    describe: (firstLine) => [`a '${(firstLine.startsWith('--- ') ? firstLine.split(' ')[1] : firstLine.split(' ')[0]) ?? ''}' profile, which heapdoc does not analyze`, 'heapdoc reads heap?debug=1, goroutine?debug=1/2, /metrics, /debug/vars, gctrace logs, .pb.gz heap profiles and -gcflags=-m output'],
    feeds: [],
  },
  {
    kind: 'escape', // go build -gcflags=-m output
    label: 'go build -gcflags=-m',
    // A '# pkg' header, the saved 'go build -gcflags=…' command line, or position-prefixed lines.
    detect: ({ first, sample }) => {
      const positioned = sample.filter((l) => COMPILER_POSITION.test(l)).length;
      if (/^(?:\$ )?go (?:build|run|test|vet|install)\b.*-gcflags/.test(first) || (positioned > 0 && positioned >= sample.length / 2)) return true;
      return first.startsWith('# ') && sample.slice(1).some((l) => COMPILER_POSITION.test(l));
    },
    describe: () => ['compiler -m output (go build -gcflags=-m)', 'use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE'],
    feeds: ['compiler-messages'],
  },
] as const satisfies readonly InputFormat[];

/** The kind of every format heapdoc recognises. */
export type FormatKind = (typeof FORMATS)[number]['kind'];

/** The kinds of goroutine dumps (what GoroutineFacts and summaries carry). */
export type GoroutineKind = Extract<(typeof FORMATS)[number], { feeds: readonly ['goroutines'] }>['kind'];

const BY_KIND: ReadonlyMap<string, InputFormat> = new Map(FORMATS.map((f) => [f.kind, f]));

/** The format of a kind; undefined for what is not a format (gzip, binary, empty, unknown). */
export function formatOf(kind: string): InputFormat | undefined {
  return BY_KIND.get(kind);
}

/** True when a format of this kind gives the analysis at least one of `feeds`, and can be read. */
export function feedsAny(kind: string, feeds: readonly Feed[]): boolean {
  const format = formatOf(kind);
  return (format?.read !== undefined || format?.readBytes !== undefined) && format.feeds.some((f) => feeds.includes(f));
}


/** True for the kinds of goroutine dumps. */
export function isGoroutineKind(kind: string): kind is GoroutineKind {
  return formatOf(kind)?.feeds.includes('goroutines') ?? false;
}

/** A dump, or a stream of dumps of several kinds that starts with one of `first` (documents.ts: each kind's grammar reads its documents). */
async function readDocumentsOf(text: AsyncIterable<string>, source: string, first: DocumentKind): Promise<InputContents> {
  const { readDocuments } = await import('./documents.js');
  return readDocuments(text, source, first);
}
