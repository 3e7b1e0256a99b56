/**
 * The endpoint a capture script names a file after (`heap`, `allocs-debug1`, `goroutine_debug2`,
 * `metrics`, `vars`, `heap-debug1-gc1`: heapdoc watch's name for heap?debug=1&gc=1): a word that
 * says what was fetched, not when.
 */
const ENDPOINT = '(?:heap|allocs|goroutine|goroutineleak|threadcreate|block|mutex|metrics|vars|expvar|gctrace)(?:[-_?]?debug[-_=]?\\d)?(?:[-_]gc1)?';
/** A dot-separated part of a name that is the endpoint alone. */
const ENDPOINT_PART = new RegExp(`^${ENDPOINT}$`, 'i');
/** The endpoint at either end of a part, joined by `-` or `_` (`heap-1`, `01_vars`), or before digits (`heap01`). */
const ENDPOINT_AFFIX = new RegExp(`^${ENDPOINT}(?:[-_](?=.)|(?=\\d))|(?<=.)[-_]${ENDPOINT}$`, 'i');
/** Extensions a saved capture ends with (`.txt.gz`, `.pb.gz`, `.json`, `.log`). */
const EXTENSION = /^(?:txt|text|json|log|gz|pb|pprof|prof|prom|out|bin)$/i;

/**
 * A capture's stem: what names its moment when a script saves several endpoints at each one.
 * A name with the endpoint's word as one of its dot-separated parts: the other parts, without
 * extensions (`heap.1.txt`, `metrics.myapp.1700000000.txt`, `03-t3.heap.pb.gz` → `1`,
 * `myapp.1700000000`, `03-t3`); else its first part, without an endpoint joined to it, and the
 * parts after it up to its last all-digit one (`03-t3.gr1.txt` → `03-t3`; `heap-2.txt`,
 * `heap02.txt` → `2`, `02`; `api-7d9f.pod.3.txt` → `api-7d9f.pod.3`). heapdoc uses it only to
 * pair inputs of one moment, never to tell what an input is.
 */
export function captureStem(name: string): string {
  const parts = nameParts(name);
  if (parts.some((part) => ENDPOINT_PART.test(part))) return parts.filter((part) => !ENDPOINT_PART.test(part)).join('.');
  // A number is a moment (`pod.1`, `pod.2`: a first part alone made them one, and read one of
  // them); a capture's own abbreviations after the moment stay with it (`03-t3.gr1`, `03-t3.gr2`).
  let last = parts.length - 1;
  while (last > 0 && !DIGITS.test(parts[last] ?? '')) last--;
  return [(parts[0] ?? '').replace(ENDPOINT_AFFIX, ''), ...parts.slice(1, last + 1)].join('.');
}

/** A dot-separated part that is a number: a sequence, a timestamp, an IP address's byte. */
const DIGITS = /^\d+$/;

/** A file name's dot-separated parts without its extensions (`03-t3.heap.pb.gz` → `03-t3`, `heap`). */
function nameParts(name: string): string[] {
  const parts = (name.split('/').pop() ?? name).split('.');
  while (parts.length > 1 && EXTENSION.test(parts[parts.length - 1] ?? '')) parts.pop();
  return parts;
}

/**
 * Whether a file's name says which endpoint it was fetched from (`01-t1.heap-debug1.txt`,
 * `heap.1.txt`, `heap02.txt`, `gctrace.log`): a capture, where a README or a `.go` file is not.
 */
export function namesAnEndpoint(name: string): boolean {
  const parts = nameParts(name);
  return parts.some((part) => ENDPOINT_PART.test(part)) || ENDPOINT_AFFIX.test(parts[0] ?? '');
}

/** A part that names a process's output stream (`heap-leak.stderr.log`, `run.stdout.txt`). */
const STREAM_PART = /^(?:stderr|stdout|output|console|logs?)$/i;

/**
 * Whether a file's name says it is a process's own output, kept beside the captures
 * (`heap-leak.stderr.log`, `server.log`): a `.log`, or a name with a `stderr`/`stdout` part. An
 * endpoint's word in it names the program, not what was fetched (`heap-leak` ran the program).
 * Not a GC log (`gctrace.log`, `01.gctrace.stderr.log`): GODEBUG=gctrace=1 is captured from stderr.
 */
export function namesProcessOutput(name: string): boolean {
  const parts = nameParts(name);
  if (parts.some((part) => /gctrace/i.test(part))) return false;
  const extensions = (name.split('/').pop() ?? name).split('.').slice(parts.length);
  return extensions.some((e) => /^log$/i.test(e)) || parts.slice(1).some((part) => STREAM_PART.test(part));
}

/**
 * A capture's moment: its folder and stem (`runs/a/03-t3`). The same stem in two folders is two
 * captures (`leak/01-t1.vars.json` is not the moment of `burst/01-t1.heap.pb.gz`). A binary profile
 * paired with its MemStats (`03-t3.heap.pb.gz + 03-t3.vars.json`) is the moment of its profile.
 */
export function captureMoment(name: string): string {
  const file = name.split(' + ')[0] ?? name;
  return `${captureFolder(file)}${captureStem(file)}`;
}

/**
 * Whether two inputs' names carry one capture stem, whatever their folders (`heap-t46.pb.gz` and
 * `plain/heap-t46.txt`: `t46`, one capture script's files of one time); never an empty stem
 * (`heap.txt`, an endpoint's name alone, names no moment).
 */
export function sameStemName(a: string, b: string): boolean {
  const stem = captureStem(a.split(' + ')[0] ?? a);
  return stem !== '' && stem === captureStem(b.split(' + ')[0] ?? b);
}

/**
 * What a snapshot or goroutine dump carries of its moment: the moment a stream's order gave it
 * (`-@3`: analyze/moments.ts markStreamMoments), which no name tells, when it is a document of a
 * stream cut into moments.
 */
export interface MomentOf {
  source: string;
  moment?: string | undefined;
}

/** The moment of a capture: the one its stream gave it (MomentOf), else its file's (captureMoment). */
export function momentOf(capture: MomentOf): string {
  return capture.moment ?? captureMoment(capture.source);
}

/**
 * The folder an input was read from, with its last `/` (`runs/a/03-t3.heap-debug1.txt` →
 * `runs/a/`; a URL's path up to its endpoint; `''` for `-` or a bare name). A binary profile
 * paired with its MemStats (`03-t3.heap.pb.gz + 03-t3.vars.json`) is in its profile's folder.
 */
export function captureFolder(name: string): string {
  const file = name.split(' + ')[0] ?? name;
  return file.slice(0, file.lastIndexOf('/') + 1);
}

/** The folders of `names` (captureFolder), each once, in the order they first appear. */
export function folderOrder(names: Iterable<string>): string[] {
  const folders = new Set<string>();
  for (const name of names) folders.add(captureFolder(name));
  return [...folders];
}

/**
 * `items` grouped by folder (captureFolder), the folders in the order of `folders` (folderOrder
 * of the inputs as read; one not among them last), each group in the order of `items`: how
 * `--separately` lists unrelated dumps, the dumps of one folder (one program's) together.
 */
export function groupedByFolder<S extends { source: string }>(items: readonly S[], folders: readonly string[]): S[] {
  const rank = new Map(folders.map((f, i) => [f, i]));
  const keyed = items.map((s, i) => ({ s, i, folder: rank.get(captureFolder(s.source)) ?? folders.length }));
  return keyed.sort((a, b) => a.folder - b.folder || a.i - b.i).map(({ s }) => s);
}

/**
 * The one of `candidates` taken at the moment of `capture`: the only candidate unless both names carry
 * times that differ (otherTime), or the one whose file shares its stem (`deep.heap-debug1.txt`
 * with `deep.goroutine-debug2.txt.gz`); none when no single one does (a per-goroutine average of
 * two moments means nothing).
 */
export function sameMoment<S extends MomentOf>(candidates: readonly S[], capture: MomentOf): S | undefined {
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only ? (otherTime(only, capture) ? undefined : only) : sharingStem(candidates, capture);
}

/**
 * Whether two files' names carry times that differ (captureTime): `heap-gc1-t220.txt` and
 * `goroutine2-t060.txt` are two moments, though the goroutine dump is the only one given.
 */
function otherTime(a: MomentOf, b: MomentOf): boolean {
  const x = captureTime(a.source)?.key;
  const y = captureTime(b.source)?.key;
  return x !== undefined && y !== undefined && x !== y;
}

/** The one of `candidates` of the moment of `capture` (its file's folder and stem, or its stream's moment: momentOf); none when no single one does. */
export function sharingStem<S extends MomentOf>(candidates: readonly S[], capture: MomentOf): S | undefined {
  const moment = momentOf(capture);
  const matching = candidates.filter((s) => momentOf(s) === moment);
  return matching.length === 1 ? matching[0] : undefined;
}

/** A part cut from a larger input (`all.txt:40`, `-:94`, a scrape `m.txt#2`): a stream's document, whose order, not its name, tells its moment. */
const PART_OF_AN_INPUT = /(?::\d+|#\d+(?:\{.*\})?)$/;

/** Whether `source` is a part cut from a larger input (PART_OF_AN_INPUT): its file's name holds several moments. */
export function partOfAnInput(source: string): boolean {
  return PART_OF_AN_INPUT.test(source);
}

/**
 * A date and time in a name (`2026-12-07T08:43:55`, `20261207-084355`, `heap.20240101.101000`):
 * year, month, day, hour, minute and, when given, second. The month and the day must be valid ones,
 * so that unix seconds (`1700000000`) stay a number.
 */
const TIMESTAMP = /(?<!\d)(\d{4})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])[T_. -]?([01]\d|2[0-3])[:._-]?([0-5]\d)(?:[:._-]?([0-5]\d))?(?!\d)/;

/** The last word of a stem when it is a time or a sequence: letters, digits, and seconds' unit (`t19`, `19s`, `0019`, `m3`). */
const TIME_WORD = /(?:^|[-_.])([a-z]*)(\d+)(s|sec)?$/i;

/** Letters before a time that abbreviate what was fetched, not when (`gor19`, `g19`, `gr19`): the endpoint's own word is taken off by captureStem. */
const KIND_LETTERS = /^(?:g|gr|gor|gors|goroutines?)$/i;

/** The time or sequence a capture's name carries (captureTime): `key` compares, `words` is how the name says it. */
export interface CaptureTime {
  key: string;
  words: string;
}

/**
 * The time or sequence a capture's name carries, whatever names what was fetched: a date and time
 * (TIMESTAMP: `heap-2026-12-07T08:43:55.txt`), else the last word of its stem (captureStem, which
 * takes off `heap-`, `goroutine1-`, `goroutine2-`), letters then digits (`gor-t19.txt`,
 * `goroutine2-t19.txt`, `heap-t19.txt` → `t19`; `01.heap-debug1.txt` → `01`). Its `key` is what two
 * names of one moment share: numbers without their leading zeros (`heap-001`, `goroutine-1`), a
 * `t` before or an `s` after a number both seconds (`t19`, `-19s`), an abbreviation of the endpoint
 * (`gor19`, `g19`) left out; other letters stay (`m3` is not `3`). None without one. A stream's
 * document (`-:94`) has none: its moment is its place in the stream.
 */
export function captureTime(name: string): CaptureTime | undefined {
  const file = name.split(' + ')[0] ?? name;
  if (partOfAnInput(file)) return undefined;
  const stem = captureStem(file);
  const stamp = TIMESTAMP.exec(stem);
  if (stamp) return { key: `@${stamp.slice(1, 6).join('')}${stamp[6] ?? '00'}`, words: stamp[0] };
  const word = TIME_WORD.exec(stem);
  if (!word) return undefined;
  const [, letters = '', digits = '', unit] = word;
  const seconds = /^t$/i.test(letters) || unit !== undefined;
  const key = seconds ? `t${Number(digits)}` : `${KIND_LETTERS.test(letters) ? '' : letters.toLowerCase()}${Number(digits)}`;
  return { key, words: word[0].replace(/^[-_.]/, '') };
}

/** The folder `folder` is in (`root/gc1/` → `root/`); `''` for a bare name's. */
function parentFolder(folder: string): string {
  return captureFolder(folder.slice(0, -1));
}

/**
 * The ones of `candidates` whose name carries the time of `capture`'s (captureTime's key), in its
 * folder or a sibling one (one capture script's `gc1/heap-t19.txt`, `plain/heap-t19.txt` and
 * `goroutine/goroutine2-t19.txt`), `capture` itself left out. A stream's documents have none
 * (their moments pair them).
 */
export function capturesOfTime<S extends MomentOf>(candidates: readonly S[], capture: MomentOf): S[] {
  const key = captureTime(capture.source)?.key;
  if (key === undefined) return [];
  const parent = parentFolder(captureFolder(capture.source));
  return candidates.filter((s) => s.source !== capture.source && captureTime(s.source)?.key === key && parentFolder(captureFolder(s.source)) === parent);
}

/**
 * The one of `candidates` whose name carries the time of `capture`'s (captureTime), in its folder
 * or a sibling one (capturesOfTime), when no stem pairs them (sharingStem); of several, the only one
 * `prefer` keeps (a debug=2 dump beside the debug=1 of the same moment). None for a stream's
 * documents (their moments pair them), and none when several are left: two moments are never
 * paired as one.
 */
export function sameTime<S extends MomentOf>(candidates: readonly S[], capture: MomentOf, prefer: (s: S) => boolean = () => false): S | undefined {
  const matching = capturesOfTime(candidates, capture);
  const preferred = matching.length > 1 ? matching.filter(prefer) : matching;
  return preferred.length === 1 ? preferred[0] : undefined;
}

/**
 * The one of `candidates` of `capture`'s moment, by names only (a goroutine dump carries no time,
 * and a file's mtime is not kept by git): of its moment (sharingStem: the same folder and stem, or
 * a stream's moment), else of its time in its folder or a sibling one (sameTime, `prefer` choosing
 * among several); none when no single one is.
 */
export function pairedCapture<S extends MomentOf>(candidates: readonly S[], capture: MomentOf, prefer?: (s: S) => boolean): S | undefined {
  return sharingStem(candidates, capture) ?? sameTime(candidates, capture, prefer);
}

/**
 * Whether two file names are one capture saved from /debug/pprof/heap and from /debug/pprof/allocs:
 * the same folder and name with the endpoint's word swapped (`01-t1.heap-debug1.txt` and
 * `01-t1.allocs-debug1.txt`). The runtime writes one profile at both (allocs?debug=1 is the text
 * of heap?debug=1), so two such text dumps are one moment captured twice.
 */
export function heapAllocsTwins(a: string, b: string): boolean {
  return a !== b && heapEndpointName(a) === heapEndpointName(b);
}

/** The name of the /debug/pprof/heap twin of `name` (heapAllocsTwins); `name` itself when it names no allocs endpoint. Only the file's name is read: a folder may be called `allocs`. */
export function heapEndpointName(name: string): string {
  const slash = name.lastIndexOf('/');
  return `${name.slice(0, slash + 1)}${name.slice(slash + 1).replace(/\ballocs\b/g, 'heap')}`;
}

/**
 * The shortest end of `source`'s path, in whole segments, that ends none of `others` (the other
 * inputs' sources): `gctrace.log` alone, `goleak/gctrace.log` beside `pool/gctrace.log`; `source`
 * itself when no end of it tells them apart.
 */
export function distinctName(source: string, others: readonly string[]): string {
  const parts = source.split(/[\\/]/);
  for (let n = 1; n < parts.length; n++) {
    const end = parts.slice(-n).join('/');
    if (!others.some((o) => o !== source && (o === end || o.replace(/\\/g, '/').endsWith(`/${end}`)))) return end;
  }
  return source;
}

/** The last three path segments: enough to recognise a file, short enough for 80 columns. */
export function shortPath(file: string): string {
  const parts = file.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : file;
}

/**
 * Whether an input's name says it was fetched with ?gc=1 (the pprof handler runs a GC before the
 * dump): a URL or saved name with `gc=1` as a query parameter (`heap?debug=1&gc=1`), `gc1` as a
 * word of its path (`03-t3.heap-gc1.txt`, `runs/gc1/01.heap.txt`), or `gc` joined to the heap
 * endpoint's word (`t5.heap-gc.txt`, `01-t1-10000tickers-gc.heap.txt`). Not `after-gc-1` (after GC
 * number 1) nor `after-gc.heap-debug1.txt`: a forced GC the name does not name may be the
 * program's own runtime.GC().
 */
export function namesGcOne(name: string): boolean {
  return /[?&]gc=1(?![0-9])|(?<![a-z0-9])gc1(?![a-z0-9])|(?<![a-z0-9])heap[-_]gc(?![a-z0-9])|[-_]gc\.heap(?:\.|$)/i.test(name);
}

/**
 * Whether an input came on standard input: `-`, or `-:LINE` for a document of a stream of several
 * (input/foreign.ts): it has no name to say how it was fetched (namesGcOne).
 */
export function onStandardInput(name: string): boolean {
  return /^-(?::[0-9]+)?$/.test(name);
}

/**
 * The GOGC an input's name gives, as a word of its file name or of the two folders above it (`gogc400/vars-t03.json`,
 * `heap-GOGC=25.txt`, `cgo-gogc25/`): what a series reads the live heap from its heap goal with (NextGC / (1 + GOGC/100)),
 * as no dump carries GOGC. Undefined when no word names one (`gogcoff` included: the GC off has no goal).
 */
export function namedGogc(name: string): number | undefined {
  // The file's name and the two folders above it: a checkout's or a home folder's name higher up is no capture's setting
  // (a worktree /work/wt/gogc48/… read every fixture under it as GOGC=48).
  const near = name.split(/[\\/]/).slice(-3).join('/');
  const m = /(?<![a-z0-9])gogc[-_=]?([0-9]+)(?![0-9])/i.exec(near);
  const gogc = m ? Number(m[1]) : undefined;
  return gogc !== undefined && gogc > 0 ? gogc : undefined;
}
