/**
 * Where inputs come from: files, directories, globs, standard input and http(s) URLs.
 * Everything is read as a stream of bytes, then decoded as UTF-8 chunk by chunk, so a large
 * dump is never held as one string.
 */
import { compareNatural } from '../common/order.js';
import { Buffer, isAscii } from 'node:buffer';
import { createReadStream, existsSync, fstatSync, open as openCallback, openSync, stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { detectKind, DETECTION_BYTES, type Detection } from './detect.js';
import { BinarySkipper, readableDetection } from './binary.js';
import { countNewlines } from '../grammar/common/chunks.js';
import { HeapdocError, systemError } from './errors.js';
import { addSchemeHint, looksLikeAddress, maskCredentials, refuseCredentials, schemeOf } from './urls.js';
import { fsExtraModule, gunzipModules } from '../common/builtins.js';

/** A named input's stat: node:fs's own, so that a run given files never loads fs-extra (common/builtins.ts). */
const statOf = promisify(statCallback);

export type InputRef =
  /**
   * `expanded`: found by walking a directory or a glob, not named on the command line.
   * `stream`: a named pipe or device (`<(…)`): read once from the start, no seeking.
   */
  | { type: 'file'; name: string; path: string; expanded?: boolean; stream?: boolean }
  /** `stdin`: how the command's hints say to give it a dump instead (InputHints.stdin), analyze's by default. */
  | { type: 'stdin'; name: '-'; stdin?: StdinHints }
  | { type: 'url'; name: string; url: URL };

export interface FetchOptions {
  /**
   * Give up on a URL after this long spent waiting for the server (connecting, the headers and
   * the body). Time spent parsing what already arrived does not count: a slow parse of a large
   * dump is not a network timeout.
   */
  timeoutMs: number;
  /** Refuse bodies larger than this. */
  maxBytes: number;
  /** Follow at most this many redirects. */
  maxRedirects: number;
  /** Stops the fetch when it aborts (watch: the UI was quit), said as `stopped`. */
  signal?: AbortSignal;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = { timeoutMs: 15_000, maxBytes: 512 * 1024 * 1024, maxRedirects: 5 };

/** The longest --timeout: Node's timers hold 2^31 − 1 ms (24.8 days); a longer one fired at once. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** `--timeout SECONDS` as milliseconds, or a HeapdocError saying what is wrong with it. */
export function timeoutMsOf(text: string): number {
  const seconds = Number(text);
  if (!(seconds > 0)) throw new HeapdocError(`--timeout ${text}: not a positive number of seconds`);
  if (seconds > MAX_TIMEOUT_SECONDS) throw new HeapdocError(`--timeout ${text}: more than ${MAX_TIMEOUT_SECONDS.toLocaleString('en-US')} seconds (24 days), the longest a timer holds`, 'give a shorter timeout');
  return seconds * 1000;
}

/**
 * How the hints for a command's inputs say what to do: analyze's (ANALYZE_INPUT_HINTS) unless the
 * command reads its inputs otherwise (diff: one dump a side, standard input as one side).
 */
export interface InputHints {
  /** What an INPUT may be, said of one that names no file. */
  accepts: string;
  /** What to run instead of heapdoc fetching a URL: `pipe it in: CURL | heapdoc`, for `curl` the command that fetches it. */
  fetchWith(curl: string): string;
  /** How standard input that is no stream of a dump (a directory, closed) is replaced, in the command's own form. */
  stdin?: StdinHints;
  /** The command as the user runs it (`heapdoc tui`), as the fixes that name a run spell it; `heapdoc` when absent. */
  command?: string;
}

/** The command lines that give a command its input when standard input cannot: piped in, or named. */
export interface StdinHints {
  /** A dump piped in: `curl -s …/heap?debug=1 | heapdoc diff - after.txt`. */
  pipe: string;
  /** The files named instead, said whole: `name the files: heapdoc DIR`, `name a file: heapdoc diff before.txt after.txt`. */
  files: string;
}

const ANALYZE_STDIN: StdinHints = { pipe: 'curl -s …/heap?debug=1 | heapdoc', files: 'name the files: heapdoc DIR' };

export const ANALYZE_INPUT_HINTS: InputHints = {
  accepts: 'a dump file, a directory, a glob, - for standard input, or an http(s) URL',
  fetchWith: (curl) => `pipe it in: ${curl} | heapdoc`,
  stdin: ANALYZE_STDIN,
};

/** The longest glob pattern: picomatch's own limit. */
const MAX_PATTERN_CHARS = 65_536;

/**
 * Expands the command line's INPUTs: a directory to the files below it, a glob to its matches.
 * `hints`: how the errors' hints say what to do instead (the command's way of reading inputs).
 */
export async function expandInputs(specs: readonly string[], hints: InputHints = ANALYZE_INPUT_HINTS): Promise<InputRef[]> {
  const refs: InputRef[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      refs.push(hints.stdin ? { type: 'stdin', name: '-', stdin: hints.stdin } : { type: 'stdin', name: '-' });
      continue;
    }
    if (/^https?:\/\//i.test(spec)) {
      let url: URL;
      try {
        url = new URL(spec);
      } catch {
        throw new HeapdocError(`${maskCredentials(spec)}: not a valid URL`, 'quote the URL in the shell: heapdoc "http://127.0.0.1:6060/debug/pprof/heap?debug=1"');
      }
      refuseCredentials(url, spec, (plain) => `fetch it with curl and ${hints.fetchWith(`curl -su USER '${plain}'`)}`);
      refs.push({ type: 'url', name: spec, url });
      continue;
    }
    // Another scheme (ftp://, file://, s3://): said as a URL heapdoc does not fetch, not as a missing file.
    const scheme = schemeOf(spec);
    if (scheme !== undefined && !existsSync(spec)) {
      const hint = scheme.toLowerCase() === 'file' ? `pass the path itself: ${spec.slice('file://'.length)}` : `download it first and pass the file, or ${hints.fetchWith('curl -s URL')}`;
      throw new HeapdocError(`${spec}: heapdoc fetches http and https URLs, not ${scheme.toLowerCase()}://`, hint);
    }
    let nameTooLong: unknown;
    let statError: unknown;
    const stat = await statOf(spec).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') nameTooLong = error;
      statError = error;
      return undefined;
    });
    // A link loop, or a folder on the way this user may not enter: the name is there, so not "no such file".
    const code = (statError as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ELOOP' || code === 'EACCES' || code === 'EPERM') throw await cannotRead(spec, spec, statError);
    if (stat?.isDirectory()) {
      for (const file of await filesBelow(spec)) refs.push({ type: 'file', name: file, path: file, expanded: true });
      continue;
    }
    // A named pipe or a device (`<(curl …)`, /dev/stdin) is read as a stream, as a file is.
    if (stat?.isFile()) {
      refs.push({ type: 'file', name: spec, path: spec });
      continue;
    }
    if (stat && (stat.isFIFO() || stat.isCharacterDevice())) {
      refs.push({ type: 'file', name: spec, path: spec, stream: true });
      continue;
    }
    // picomatch refuses a pattern over 64 Ki characters with an exception of its own.
    if (spec.length > MAX_PATTERN_CHARS) throw new HeapdocError(`${shortened(spec)}: no such file, and too long for a pattern (${spec.length.toLocaleString('en-US')} characters, at most ${MAX_PATTERN_CHARS.toLocaleString('en-US')})`, 'pass a shorter pattern, or the files themselves');
    // Loaded only here (a name that is no file): tinyglobby and picomatch are ~100 KB to compile at start-up.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (isDynamicPattern(spec)) {
      const matches = (await glob(spec, { onlyFiles: true, dot: false })).sort(compareNatural);
      if (matches.length === 0) throw noSuchInput(spec, 'no file matches this pattern', 'check the pattern, or quote it so the shell does not expand it');
      for (const file of matches) refs.push({ type: 'file', name: file, path: file, expanded: true });
      continue;
    }
    // Not "no such file": no file can have that name (a pattern may be that long, and was tried above).
    if (nameTooLong !== undefined) throw new HeapdocError(`${shortened(spec)}: cannot read: ${systemError(nameTooLong)}`, 'a name is at most 255 bytes: rename the file, or pass its directory');
    throw noSuchInput(spec, 'no such file or directory', `pass ${hints.accepts}`);
  }
  return refs;
}

/** A name far longer than a file name can be (a pattern), cut to its first 60 characters for a one-line message. */
function shortened(spec: string): string {
  return spec.length > 400 ? `${spec.slice(0, 60)}…` : spec;
}

/** An INPUT that names no file; one that looks like `host:port/…` is an address that lost its `http://`. */
function noSuchInput(spec: string, what: string, hint: string): HeapdocError {
  return looksLikeAddress(spec) ? new HeapdocError(`${spec}: no such file or directory`, addSchemeHint(spec)) : new HeapdocError(`${spec}: ${what}`, hint);
}

/**
 * The regular files below a directory, in natural order (`snap2` before `snap10`). Symbolic links are followed, to files and to
 * directories (a directory reached twice, as by a link to its parent, is walked once; a file
 * reached twice is listed once). A broken link, and a directory that cannot be listed, are listed
 * too: reading them then says so, so no dump is dropped unseen. Pipes, sockets and devices found in a directory are not inputs.
 */
async function filesBelow(root: string): Promise<string[]> {
  const fs = await fsExtraModule();
  // By real path, the path that reached it; a path without a link wins over a link to the same file.
  const files = new Map<string, { file: string; viaLink: boolean }>();
  const broken: string[] = [];
  const walked = new Set<string>();
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const realDir = await fs.realpath(dir).catch(() => path.resolve(dir));
    if (walked.has(realDir)) continue;
    walked.add(realDir);
    // A directory that cannot be listed (no permission) is listed as an input: reading it says why,
    // where it was skipped without a word (a lint of the tree exited 0).
    // The directory named itself: said here (it is no file to read later).
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      if (dir === root) throw cannotList(root, error);
      broken.push(dir);
      return [];
    });
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      const viaLink = entry.isSymbolicLink();
      const stat = viaLink ? await fs.stat(file).catch(() => undefined) : entry;
      if (!stat) broken.push(file);
      else if (stat.isDirectory()) pending.push(file);
      else if (stat.isFile()) {
        const real = viaLink ? await fs.realpath(file).catch(() => file) : path.join(realDir, entry.name);
        const seen = files.get(real);
        if (!seen || (seen.viaLink && !viaLink)) files.set(real, { file, viaLink });
      }
    }
  }
  return [...[...files.values()].map((f) => f.file), ...broken].sort(compareNatural);
}

/** How long a file waits, at most, for a descriptor the run's other reads hold (EMFILE), before it is said. */
const DESCRIPTOR_WAIT_MS = 20_000;

/**
 * Opens a file for reading (`open`: how; synchronously by default, see pipeline.ts). Out of
 * descriptors (EMFILE: `ulimit -n` below --concurrency, or ENFILE) is a limit of the run, not a
 * fault of the file: the reads in flight close theirs as they end, so the open is tried again,
 * waiting a little longer each time.
 */
export async function openRetrying(file: string, open: (file: string) => number | Promise<number> = (f) => openSync(f, 'r')): Promise<number> {
  for (let waitedMs = 0, delayMs = 5; ; delayMs = Math.min(delayMs * 2, 250)) {
    try {
      return await open(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EMFILE' && code !== 'ENFILE') || waitedMs >= DESCRIPTOR_WAIT_MS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    waitedMs += delayMs;
  }
}

/**
 * Opens a file read as a stream (a gzip file, a named pipe) without holding the event loop: a
 * named pipe's open waits for its writer. EMFILE is waited out as for any file (openRetrying): an
 * open that failed joined no pipe, so its writer still waits and nothing of it is lost.
 */
const openAsync = (file: string): Promise<number> => new Promise((resolve, reject) => {
  // node:fs itself: fs-extra's open (graceful-fs) queues an EMFILE open on its own for up to a minute.
  openCallback(file, 'r', (error, fd) => (error ? reject(error) : resolve(fd)));
});

/** The raw bytes of an input, as they arrive. */
export async function* inputBytes(ref: InputRef, options: FetchOptions = DEFAULT_FETCH_OPTIONS): AsyncGenerator<Uint8Array> {
  switch (ref.type) {
    case 'file':
      try {
        const fd = await openRetrying(ref.path, openAsync);
        for await (const chunk of createReadStream(ref.path, { fd, highWaterMark: 1 << 20 })) yield chunk as Buffer;
      } catch (error) {
        throw await cannotRead(ref.name, ref.path, error);
      }
      return;
    case 'stdin': {
      // The hints name the command that was run (`heapdoc diff - after.txt < dir`), not analyze.
      const hints = ref.stdin ?? ANALYZE_STDIN;
      // `heapdoc - < dir` reads nothing and no error from Node: say what stdin is.
      if (stdinIsDirectory()) throw new HeapdocError('-: standard input is a directory', `pipe a dump in (${hints.pipe}) or ${hints.files}`);
      try {
        for await (const chunk of process.stdin) yield chunk as Buffer;
      } catch (error) {
        throw stdinUnreadable(error, hints);
      }
      return;
    }
    case 'url':
      yield* fetchBytes(ref.url, ref.name, options);
      return;
  }
}

function stdinIsDirectory(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false; // no stdin at all: reading it says so
  }
}

/**
 * The error for a file that cannot be opened, each cause in words with its own fix: a broken
 * symbolic link, a loop of links, a directory that cannot be listed, too many open files.
 */
export async function cannotRead(name: string, file: string, error: unknown): Promise<HeapdocError> {
  const fs = await fsExtraModule();
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const link = code === 'ENOENT' ? await fs.readlink(file).catch(() => undefined) : undefined;
  if (link !== undefined) return new HeapdocError(`${name}: a symbolic link to ${link}, which does not exist`, 'fix or remove the link');
  if (code === 'ELOOP') return new HeapdocError(`${name}: a symbolic link loop: ${await linkChain(name, file)}`, 'fix or remove the link');
  if ((code === 'EACCES' || code === 'EPERM') && (await fs.stat(file).catch(() => undefined))?.isDirectory()) return cannotList(name, error);
  if (code === 'EMFILE' || code === 'ENFILE') return new HeapdocError(`${name}: cannot read: ${systemError(error)}`, 'raise the limit (ulimit -n) or lower --concurrency');
  return new HeapdocError(`${name}: cannot read: ${systemError(error)}`, 'check that the file exists and is readable');
}

/** A directory heapdoc cannot list: most often no read or search permission for this user. */
function cannotList(name: string, error: unknown): HeapdocError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code !== 'EACCES' && code !== 'EPERM') return new HeapdocError(`${name}: cannot list this directory: ${systemError(error)}`, 'check the disk, or leave this directory out');
  return new HeapdocError(`${name}: permission denied: cannot list this directory (${code})`, `let the user running heapdoc read it (chmod u+rx ${name}, or run as its owner), or leave it out`);
}

/** The links of a loop as written, from `name` to the first one met again: `d/a -> b -> a`. */
async function linkChain(name: string, file: string): Promise<string> {
  const fs = await fsExtraModule();
  const chain = [name];
  const seen = new Set<string>();
  for (let at = path.resolve(file); !seen.has(at) && chain.length <= 8;) {
    seen.add(at);
    const target = await fs.readlink(at).catch(() => undefined);
    if (target === undefined) break;
    chain.push(target);
    at = path.resolve(path.dirname(at), target);
  }
  return chain.join(' -> ');
}

/**
 * Standard input the system would not read, as what happened (`0>file`: open for writing only,
 * EBADF), not as a bug in heapdoc; any other error as it is.
 */
function stdinUnreadable(error: unknown, hints: StdinHints): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new HeapdocError(`-: cannot read: ${code}${code === 'EBADF' ? ' (not open for reading)' : ''}`,
    `standard input is not readable: pipe a dump in (${hints.pipe}) or pass a file`);
}

/** The server answered with an HTTP error status: `status` says which (watch: an endpoint not served). */
export class HttpStatusError extends HeapdocError {
  constructor(message: string, hint: string, readonly status: number) {
    super(message, hint);
  }
}

async function* fetchBytes(start: URL, name: string, options: FetchOptions): AsyncGenerator<Uint8Array> {
  const deadline = new NetworkDeadline(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  let url = start;
  let response: Response | undefined;
  for (let redirects = 0; ; redirects++) {
    try {
      const target = url;
      response = await deadline.wait(() => fetch(target, { redirect: 'manual', signal, headers: { 'user-agent': 'heapdoc' } }));
    } catch (error) {
      throw new HeapdocError(`${name}: cannot fetch: ${describeFetchError(error, options)}`, fetchHint(error, options));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      if (redirects >= options.maxRedirects) throw new HeapdocError(`${name}: more than ${options.maxRedirects} redirects`, 'pass the final URL directly');
      await response.body?.cancel().catch(() => undefined);
      url = redirectTarget(name, location, url);
      continue;
    }
    break;
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new HttpStatusError(`${name}: the server answered ${response.status} ${response.statusText}`,
      response.status === 404 ? 'the pprof handlers live under /debug/pprof/: e.g. http://HOST:PORT/debug/pprof/heap?debug=1' : 'check the URL in a browser or with curl -v', response.status);
  }
  if (!response.body) return;
  const reader = response.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const next = await deadline.wait(() => reader.read()).catch((error: unknown) => {
        throw new HeapdocError(`${name}: the download failed: ${describeFetchError(error, options)}`, 'try again; for a slow or large dump raise --timeout, or save it with curl and pass the file');
      });
      if (next.done) return;
      received += next.value.byteLength;
      if (received > options.maxBytes) {
        throw new HeapdocError(`${name}: the response is larger than ${options.maxBytes} bytes`, 'raise the limit with --max-bytes, or save the dump with curl and pass the file');
      }
      yield next.value;
    }
  } finally {
    // Stopped early (an error, or the reader had enough): close the connection.
    await reader.cancel().catch(() => undefined);
  }
}

/** Where a redirect points: an http(s) URL, or a HeapdocError (a Location that is no URL, or another scheme such as file:). */
function redirectTarget(name: string, location: string, from: URL): URL {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new HeapdocError(`${name}: the server redirected to ${JSON.stringify(location.slice(0, 100))}, which is not a URL`, 'pass the final URL directly');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new HeapdocError(`${name}: the server redirected to a ${target.protocol} URL; heapdoc follows http and https only`, 'pass the final URL directly, or save the dump with curl and pass the file');
  }
  // fetch would refuse it with a message that holds the password.
  if (target.username !== '' || target.password !== '') {
    throw new HeapdocError(`${name}: the server redirected to ${maskCredentials(target.href)}, a URL with credentials (not supported)`, 'save the dump with curl and pass the file');
  }
  return target;
}

/**
 * A budget of network time: the clock runs only while heapdoc waits for the server, and stops
 * while the parser works on what already arrived. Running out aborts the request.
 */
class NetworkDeadline {
  private readonly controller = new AbortController();
  private remainingMs: number;

  constructor(timeoutMs: number) {
    this.remainingMs = timeoutMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async wait<T>(start: () => Promise<T>): Promise<T> {
    const began = performance.now();
    const timer = setTimeout(() => this.controller.abort(new DOMException('the network time budget ran out', 'TimeoutError')), Math.max(0, this.remainingMs));
    try {
      return await start();
    } finally {
      clearTimeout(timer);
      this.remainingMs -= performance.now() - began;
    }
  }
}

/** What went wrong on the network, in words: never a raw OpenSSL or undici message. */
function describeFetchError(error: unknown, options: FetchOptions): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (options.signal?.aborted) return 'stopped';
  if (isTimeout(error)) return `no complete answer within ${options.timeoutMs / 1000} s`;
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the server closed the connection before the answer was complete';
  if (isTlsMismatch(code)) return 'the server does not speak TLS (https) on this port';
  if (isBlockedPort(error)) return BLOCKED_PORT.words;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /CERT|SELF_SIGNED/.test(code)) return `the TLS handshake failed (${code})`;
  // The first line of the cause only: OpenSSL appends library, function and source-file details.
  const message = (e.cause?.message ?? e.message ?? String(error)).split('\n')[0] ?? '';
  return code ? `${code}: ${message}` : message;
}

/** The network time budget ran out (NetworkDeadline), or undici's own timers did. */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; cause?: { code?: string } };
  const code = e.cause?.code ?? '';
  return e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT';
}

function isTlsMismatch(code: string): boolean {
  return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'EPROTO';
}

/** undici's fetch refuses the ports of the Fetch standard's "bad port" list, with this message. */
export function isBlockedPort(error: unknown): boolean {
  return (error as { cause?: { message?: string } }).cause?.message === 'bad port';
}

export const BLOCKED_PORT = {
  words: "Node's fetch refuses this port (one of the ports browsers block, as 6000 and 6665–6669)",
  hint: 'serve pprof on another port (6060 is usual), or save the dump with curl and pass the file',
};

function fetchHint(error: unknown, options: FetchOptions): string {
  if (isBlockedPort(error)) return BLOCKED_PORT.hint;
  if (isTimeout(error)) return `for a slow server raise --timeout (${options.timeoutMs / 1000} s now); is the program serving net/http/pprof at that address?`;
  const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
  if (isTlsMismatch(code)) return 'pprof is usually served over plain HTTP: use http:// instead of https://';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /CERT|SELF_SIGNED/.test(code)) return 'check the server certificate, or save the dump with curl and pass the file';
  return 'is the program running and serving net/http/pprof at that address? (import _ "net/http/pprof")';
}

const HEAD_BYTES = 8192;

export interface OpenedInput {
  ref: InputRef;
  detection: Detection;
  /** The input as text, decoded chunk by chunk (the detected head included). */
  text: AsyncIterable<string>;
  /** For a gzipped protobuf profile (kind `pprof`): the decompressed bytes, read instead of `text`. */
  bytes?: () => AsyncIterable<Uint8Array>;
  /** The binary parts `text` skipped (binary.ts), known once it is read. */
  binary: BinarySkipper;
}

/**
 * Opens an input, looks at its first bytes to detect its kind, and gives back the whole input
 * as decoded text. Only the head is buffered; the rest streams.
 */
export async function openInput(ref: InputRef, options?: FetchOptions, onProgress?: (bytesRead: number) => void): Promise<OpenedInput> {
  const opened = await openBytes(inputBytes(ref, options), ref.name, onProgress);
  if (opened.detection.kind !== 'gzip') return { ref, detection: opened.detection, text: opened.text, binary: opened.binary };
  // A saved dump compressed with gzip (dump.txt.gz) is read through gunzip. A gzip stream that
  // holds binary data is what /debug/pprof/heap returns without ?debug=1: a protobuf profile.
  const inner = await openBytes(gunzip(opened.bytes(), ref.name), ref.name, onProgress);
  // Gzip around binary data is what /debug/pprof/heap serves without ?debug=1: a protobuf profile.
  if (inner.detection.kind === 'binary' && inner.detection.protobuf) return { ref, detection: { ...inner.detection, kind: 'pprof' }, text: inner.text, bytes: inner.bytes, binary: inner.binary };
  const kind = inner.detection.kind === 'gzip' ? 'gzip' : inner.detection.kind;
  return { ref, detection: { ...inner.detection, kind }, text: inner.text, binary: inner.binary };
}

async function* gunzip(bytes: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  // pipeline, not .pipe(): an error of the source (a cut connection, --timeout, --max-bytes)
  // destroys the gunzip stream with that error, so it ends the loop below instead of being an
  // unhandled 'error' event. The pipeline's own promise rejects with the same error: seen below.
  // Loaded here, not at start-up: only a gzipped input needs them (a few ms of every start).
  const { Readable, pipeline, createGunzip } = gunzipModules();
  const gz = createGunzip();
  const piped = pipeline(Readable.from(bytes), gz).catch(() => undefined);
  try {
    for await (const chunk of gz) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof HeapdocError) throw error;
    throw new HeapdocError(`${name}: the gzip data is damaged: ${(error as Error).message}`, 'check that the file was copied whole');
  } finally {
    gz.destroy();
    await piped;
  }
}

/** True when `bytes` end inside a character: their last byte is not ASCII (it may start or continue one). */
export function endsInside(bytes: Uint8Array): boolean {
  return bytes.length > 0 && (bytes[bytes.length - 1] as number) >= 0x80;
}

/**
 * The strings a piece of input is decoded into: below V8's largest regular heap object (128 KiB).
 * A larger string goes to the large-object space, one mapping each: decoding 100 MB in 512 KiB
 * strings took 0.41 s, in 64 KiB ones 0.01 s (a third of the whole analysis of a real 103 MB heap
 * profile). Past 1 MiB Node makes external strings, whose slices the lexer reads slower.
 */
const PIECE_BYTES = 1 << 16;

const EMPTY = new Uint8Array(0);

/**
 * A streaming UTF-8 decoder that decodes an ASCII piece as Latin-1 (the same characters, a
 * fraction of a UTF-8 decode: ~6 % of `heapdoc escape`); anything else goes to TextDecoder, which
 * keeps a character cut between pieces, drops a leading BOM and makes invalid bytes U+FFFD.
 */
export class Utf8Chunks {
  /**
   * `decoder`: a streaming decoder that may already have read the input's first bytes (`pending`:
   * it may hold the start of a character cut at their end; see endsInside).
   */
  constructor(private readonly decoder = new TextDecoder('utf-8'), private pending = false) {}

  /** The bytes being decoded (begin), where their next piece starts, and whether they are read as Latin-1. */
  private bytes: Uint8Array = EMPTY;
  private at = 0;
  private latin1 = true;

  /**
   * The text of `bytes`, in pieces of at most PIECE_BYTES, one at a time: a list of a MiB's
   * pieces, all alive at once, was copied by the young generation's collections (+2,000 page
   * faults and +10 MB peak RSS on a 100 MB dump, against the ~5 ms V8 spends optimizing this).
   */
  *decode(bytes: Uint8Array): Generator<string> {
    this.begin(bytes);
    for (let text = this.take(); text !== undefined; text = this.take()) yield text;
  }

  /**
   * Starts on `bytes`: `take` gives their pieces' text. Two calls, not a generator, for a reader
   * that calls them once a piece (pipeline.ts FileChunks): V8 optimized the generator's state
   * machine, resumed 1,526 times in 100 MB, for work that is native.
   */
  begin(bytes: Uint8Array): void {
    this.at = 0;
    this.latin1 = !this.pending && isAscii(bytes);
    this.bytes = this.latin1 ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  }

  /** The text of the next piece of the bytes `begin` was given; undefined after the last. */
  take(): string | undefined {
    const bytes = this.bytes;
    const at = this.at;
    if (at >= bytes.length) {
      if (!this.latin1) this.pending = endsInside(bytes);
      this.bytes = EMPTY;
      this.at = 0;
      this.latin1 = true;
      return undefined;
    }
    const end = Math.min(at + PIECE_BYTES, bytes.length);
    this.at = end;
    // In pieces too when not ASCII: a piece with one non-ASCII byte is still mostly text to cut into lines.
    return this.latin1 ? (bytes as Buffer).toString('latin1', at, end)
      : this.decoder.decode(bytes.subarray(at, end), { stream: true });
  }

  /** What the decoder still holds: U+FFFD for a character cut at the end of the input. */
  end(): string {
    return this.decoder.decode();
  }
}

/** The head of a byte stream, its kind, and the whole stream again as bytes or as decoded text (a test gives a stream cut as it chooses). */
export async function openBytes(source: AsyncIterable<Uint8Array>, name: string, onProgress?: (bytesRead: number) => void): Promise<{ detection: Detection; bytes(): AsyncIterable<Uint8Array>; text: AsyncIterable<string>; binary: BinarySkipper }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  // A few KiB hold the first lines of every format; stop there so a pipe starts streaming early.
  while (headBytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const headBuffer = Buffer.concat(head);
  const detected = headBuffer.subarray(0, DETECTION_BYTES);
  // Text of a format, then binary data: read as that format, the binary part skipped (binary.ts).
  const detection = readableDetection(detected, detectKind(detected));
  // The lines of a part are those of the text passed before it, as streamText counts them.
  const lines = { passed: 0 };
  const stream: StreamAfterHead = { headBuffer, iterator, done, name, onProgress, lines, binary: new BinarySkipper({ passed: () => lines.passed }) };
  return { detection, bytes: () => streamBytes(stream), text: streamText(stream), binary: stream.binary };
}

/** A byte stream whose head openBytes read: the head, the rest to come, and whether there is any. */
interface StreamAfterHead {
  headBuffer: Buffer;
  iterator: AsyncIterator<Uint8Array>;
  /** The stream ended within the head. */
  done: boolean;
  name: string;
  /** Told the bytes read so far after each piece of the rest (ReadOptions.onProgress). */
  onProgress: ((bytesRead: number) => void) | undefined;
  /** What the text passes through: binary data inside it is skipped, and said (binary.ts). */
  binary: BinarySkipper;
  /** The newlines of the text passed on so far (streamText counts them): the line a binary part starts on. */
  lines: { passed: number };
}

// streamText and streamBytes are generators of their own, not closures in openBytes: a generator
// function made per input gets a hidden class of its own from V8, kept outside the young
// generation, and through it the closure's head outlived young-generation collections.

/** The stream's text: its head, then the rest, decoded as it comes, its binary parts skipped. */
async function* streamText({ headBuffer, iterator, done, onProgress, binary, lines }: StreamAfterHead): AsyncGenerator<string> {
  const decoder = new Utf8Chunks();
  if (headBuffer.length > 0) yield* countedText(decoder, binary.push(headBuffer), lines);
  let failure: { error: unknown } | undefined;
  if (!done) {
    let offset = headBuffer.length;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        offset += next.value.byteLength;
        onProgress?.(offset);
        yield* countedText(decoder, binary.push(next.value), lines);
      }
    } catch (error) {
      // An input that fails partway (a damaged gzip end, a reset connection) still gives what came before it, the
      // line the skipper held back included: go1.26-devel encoding_json's -m=2 gzipped with its CRC-32 spoiled lost
      // the 221 bytes of its cut line 7074, and with them "the input ends in the middle of this line".
      failure = { error };
    }
  }
  for (const piece of binary.end()) yield* decoder.decode(piece);
  const rest = decoder.end();
  if (rest) yield rest;
  if (failure) throw failure.error;
}

/**
 * The text of the pieces the skipper passed on, its newlines counted: every line of a stream has
 * its number, a binary part after the first MiB too. Counted in the decoded strings: a string's
 * native search costs half a Buffer's call (5 MB heap dump from a pipe: 2,335 M instructions, 2,350 to
 * 2,362 M when only the first MiB was counted, in bytes).
 */
function* countedText(decoder: Utf8Chunks, pieces: readonly Uint8Array[], lines: { passed: number }): Generator<string> {
  for (const piece of pieces) {
    for (const text of decoder.decode(piece)) {
      lines.passed += countNewlines(text);
      yield text;
    }
  }
}

/** The stream's bytes: its head, then the rest. */
async function* streamBytes({ headBuffer, iterator, done }: StreamAfterHead): AsyncGenerator<Uint8Array> {
  if (headBuffer.length > 0) yield headBuffer;
  if (!done) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}
