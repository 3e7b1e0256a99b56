/**
 * The one way a command reads its inputs: expand the command line (sources.ts) → detect each
 * input's kind from its first bytes (detect.ts) → choose its format's reader (registry.ts) →
 * read it into InputContents, which analyze/ takes. `heapdoc analyze`, `diff`, `lint` and
 * `watch` all come through here; a command says what it accepts by what a format feeds.
 *
 * A file is opened once: its first DETECTION_BYTES say what it is (a file a directory walk found
 * that is not a dump costs no more than that), a small dump (most are) is parsed from that same
 * read, and a larger one streams from the same handle.
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { namesAnEndpoint, namesProcessOutput } from '../common/stems.js';
import { detectKind, DETECTION_BYTES, type Detection } from './detect.js';
import { BinarySkipper, newlinesIn, readableDetection, type BinaryPart } from './binary.js';
import { HeapdocError } from './errors.js';
import { wrongKind } from './kinds.js';
import { feedsAny, formatOf, type Feed, type FormatKind, type InputContents, type ReadSinks } from './registry.js';
import { cannotRead, endsInside, expandInputs, openInput, openRetrying, Utf8Chunks, type FetchOptions, type InputHints, type InputRef } from './sources.js';

/** The inputs to read: those given, or a piped stdin. `command`: how the hint names the command that reads it (`heapdoc lint`). */
export function defaultInputs(inputs: string[], command = 'heapdoc'): string[] {
  if (inputs.length > 0) return inputs;
  // A terminal, or a device such as /dev/null (a CI step whose `$DUMPS` was empty): nothing was piped in, so no input was given.
  if (process.stdin.isTTY || stdinIsDevice()) {
    throw new HeapdocError('no input given', `pass dump files or a directory (${command} dumps/), or pipe one in: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' | ${command}`);
  }
  return ['-'];
}

function stdinIsDevice(): boolean {
  try {
    return fstatSync(0).isCharacterDevice();
  } catch {
    return false; // no stdin at all: reading it says so
  }
}

/**
 * The inputs one by one; an INPUT that names nothing is yielded as its error, and the rest still
 * come. A file named twice (`heapdoc snap1.txt dumps/`, a glob and its directory) is read once: a
 * dump counted twice is two snapshots of one moment. `hints`: the command's (expandInputs).
 */
export async function* eachInput(specs: readonly string[], hints?: InputHints): AsyncGenerator<InputRef | HeapdocError> {
  for await (const { ref, repeated } of eachInputOf(specs, hints)) if (!repeated) yield ref;
}

/**
 * eachInput's inputs, each with the command-line argument it came from (a directory or glob gives
 * many); a file an earlier argument gave already comes again `repeated` (to be read once).
 */
export async function* eachInputOf(specs: readonly string[], hints?: InputHints): AsyncGenerator<{ spec: string; ref: InputRef | HeapdocError; repeated?: true }> {
  const files = new Set<string>();
  for (const spec of specs) {
    try {
      for (const ref of await expandInputs([spec], hints)) {
        if (ref.type === 'file' && !ref.stream) {
          const where = resolve(ref.path);
          if (files.has(where)) {
            yield { spec, ref, repeated: true };
            continue;
          }
          files.add(where);
        }
        yield { spec, ref };
      }
    } catch (error) {
      if (!(error instanceof HeapdocError)) throw error;
      yield { spec, ref: error };
    }
  }
}

/** Resolves after a turn of the event loop: signals' handlers and other threads' answers run. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A turn of the event loop when `ms` have passed since the last one, else nothing to wait for: a
 * loop over thousands of small inputs read synchronously stays responsive to Ctrl-C (its handler
 * erases the progress line) without a turn, and its system calls, for every file.
 */
export function turnEvery(ms: number): () => Promise<void> | undefined {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < ms) return undefined;
    last = now;
    return yieldToEventLoop();
  };
}

/** One input, read: its contents and where they came from. */
export interface ReadInput extends InputContents {
  ref: InputRef;
  kind: FormatKind;
  /** A gzip file on disk, read through gunzip: its lines are the decompressed text's, not the file's. */
  compressed?: true;
  /** Binary data inside the text, skipped (binary.ts): the dumps around it were read; each is a problem of the input (kinds.ts binaryPartWords). */
  binaryParts?: BinaryPart[];
}

export interface ReadOptions {
  /** What the command takes; an input whose format feeds none of it is refused, or skipped when a directory walk or glob found it. */
  accepts: readonly Feed[];
  /** The end of the message for an input of another kind: `heapdoc lint reads heap dumps…`. */
  commandReads: string;
  /** The command that reads dumps as the user runs it (`heapdoc tui`), as the hints name it; `heapdoc analyze` when absent. */
  reader?: string | undefined;
  fetch?: FetchOptions;
  /** Sees the text as it streams, and may hand on another (a test that keeps the pieces). */
  observe?: (text: AsyncIterable<string>, ref: InputRef) => AsyncIterable<string>;
  /**
   * Told the bytes read so far after each read (a MiB of a file, a piece of a stream): a progress
   * line for a large dump or a slow URL. A call, not a generator around the text (`observe`): one
   * more async generator a piece was one more layer V8 optimized for a loop that runs once a MiB.
   */
  onProgress?: (bytesRead: number) => void;
  /** A reusable buffer of DETECTION_BYTES for file heads (a pool of readers keeps one each). */
  scratch?: Buffer;
  /** Where the format hands over the parts of this input it reads (registry.ts ReadSinks), when the command takes them as they come. */
  sinks?: (ref: InputRef) => ReadSinks | undefined;
  /**
   * A file a directory walk or glob found whose name says it is a capture (`01-t1.heap-debug1.txt`)
   * but that is no format at all (a 404 page, an empty file) is an error, as when named: a failed
   * capture, not a file to skip (analyze, lint: isFailedCapture).
   */
  failedCaptures?: boolean;
}

/** Extensions a capture is saved with (`curl … > heap.txt`, `-o vars.json`): an HTTP error page so named is a failed capture. */
const CAPTURE_EXTENSION = /\.(?:txt|text|json|log|gz|pb|pprof|prof|prom|out)$/i;
/** The first line of an HTTP error's body: an HTML page, or net/http's plain `404 page not found`, `502 Bad Gateway`. */
const ERROR_PAGE = /^(?:<!doctype html|<html|<head|<body|<title|<h1|<center)|^[1-5]\d\d [A-Za-z][A-Za-z ]*$/i;

/** Extensions only a binary profile is saved with: no tool writes an empty one. */
const PROFILE_EXTENSION = /\.(?:pb\.gz|pb|pprof|prof)$/i;

/**
 * A file a walk found that is no format but is a capture that failed: named after the endpoint it
 * was fetched from (`01-t1.heap-debug1.txt`, `heap?debug=1`: also when empty) and not a process's
 * output beside the captures (`heap-leak.stderr.log`: stems.ts namesProcessOutput), an empty file
 * saved as a profile is (`cpu.pb.gz`), or saved as a capture is (`01.txt`) and an HTTP error page.
 * README.md, main.go.txt, an empty log or an empty file of another name stay other files.
 */
export function isFailedCapture(name: string, detection: Detection): boolean {
  if (namesAnEndpoint(name) && !namesProcessOutput(name)) return true;
  if (detection.kind === 'empty' && PROFILE_EXTENSION.test(name)) return true;
  return CAPTURE_EXTENSION.test(name) && detection.kind === 'unknown' && ERROR_PAGE.test(detection.firstLine);
}

/**
 * Reads one input; undefined when a directory walk or glob found a file that is not of a kind
 * the command takes. Throws HeapdocError for an input that cannot be read or is of another kind.
 */
export async function readInput(ref: InputRef, options: ReadOptions): Promise<ReadInput | undefined> {
  const read = async (detection: Detection, text: AsyncIterable<string>, bytes?: () => AsyncIterable<Uint8Array>, binary?: BinarySkipper): Promise<ReadInput | undefined> => {
    const format = formatOf(detection.kind);
    if (!format || !feedsAny(detection.kind, options.accepts)) {
      const failed = options.failedCaptures === true && !format && isFailedCapture(ref.name, detection);
      // A dump saved as UTF-16 or UTF-32 is a dump heapdoc cannot decode, not another file: said wherever it was found.
      const undecoded = detection.decoded !== undefined && feedsAny(detection.decoded, options.accepts);
      if (ref.type === 'file' && ref.expanded && !failed && !undecoded) return undefined;
      throw wrongKind(ref.name, detection, options.commandReads, options.reader);
    }
    const contents = format.readBytes && bytes ? await format.readBytes(bytes(), ref.name)
      : format.read ? await format.read(options.observe ? options.observe(text, ref) : text, ref.name, options.sinks?.(ref))
      : { diagnostics: [] };
    const parts = binary?.parts;
    return { ...contents, ref, kind: format.kind as FormatKind, ...(parts !== undefined && parts.length > 0 ? { binaryParts: parts } : {}) };
  };
  // A named pipe or device (`<(curl …)`) cannot be read again from the start: openInput streams it.
  if (ref.type === 'file' && !ref.stream) {
    const read1 = await withFile(ref, options.scratch ?? Buffer.allocUnsafe(DETECTION_BYTES), read, options.onProgress);
    if (read1 !== GZIP) return read1;
  }
  // Standard input, a URL, or a gzipped file (openInput decompresses it). A gzip file that cannot
  // be unpacked is an error also when a directory walk found it: it is most likely a damaged dump
  // (a truncated .pb.gz), and skipping it said nothing of the snapshot lost (limits.md).
  const input = await openInput(ref, options.fetch, options.onProgress);
  const contents = await read(input.detection, input.text, input.bytes, input.binary);
  return contents && ref.type === 'file' && !ref.stream ? { ...contents, compressed: true } : contents;
}

/**
 * The contents of a text already in memory (a response `watch` fetched), by its detected kind;
 * undefined when the kind feeds none of `accepts`.
 */
export async function readText(detection: Detection, text: string, source: string, accepts: readonly Feed[]): Promise<InputContents | undefined> {
  const format = formatOf(detection.kind);
  if (!format?.read || !feedsAny(detection.kind, accepts)) return undefined;
  return format.read(oneChunk(text), source);
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

// Local files are read synchronously: each async call is a round trip through libuv's thread
// pool, which lint's threads share (one process, one pool). Linting 2,000 small dumps, each thread
// sat idle ~1 s of ~2.5 waiting on open/read/close, and a second thread made the run slower.

/** Bytes read at a time after the head of a large file (as createReadStream would). */
const STREAM_BYTES = 1 << 20;

/** Says that a file is gzip: it is read again through openInput, which decompresses it. */
const GZIP = Symbol('gzip');

/** A file's head, as withFile read it: its text (`first`), and whether that is the whole file. */
interface FileHead {
  first: string;
  whole: boolean;
  head: Uint8Array;
  /** The decoder of `first`, which may hold the start of a character cut at the head's end. */
  decoder: InstanceType<typeof TextDecoder>;
  onProgress: ((bytesRead: number) => void) | undefined;
  /** What the rest passes through (binary.ts); undefined when the head is the whole file. */
  binary: BinarySkipper | undefined;
  /** The bytes `first` was decoded from end inside a character (endsInside). */
  pending: boolean;
}

/**
 * The text of the file open as `fd`: its head, then the rest read from the same handle. A class of
 * its own, not a closure in withFile: a generator function made for each file gave V8 a new hidden
 * class for each (its generators' initial map), kept outside the young generation, through which
 * the closure held the file's text; small dumps outlived young-generation collections (lint of
 * 1,000 dumps: ~3 MB copied into the old generation). An iterator object, not an async generator:
 * V8 optimized the generator (resumed once a 64 KiB piece, 1,526 times in 100 MB) with its
 * `yield*` of each piece inlined, ~60 million instructions of compiling (1.2 % of the analysis)
 * for a loop whose work is native; `next` is small.
 */
class FileChunks implements AsyncIterableIterator<string> {
  private readonly utf8: Utf8Chunks;
  private buffer: Buffer | undefined;
  private position: number;
  /** The pieces of the last read (binary.ts) and the next one to decode (the one before is being decoded: utf8.take). */
  private pieces: Uint8Array[] = [];
  private nextPiece = 0;
  /** 0: the head is next; 1: reading; 2: read to the end (the pieces of binary.end() left); 3: done. */
  private state = 0;
  /** A read came before: the event loop turns before the next. */
  private readBefore = false;

  constructor(private readonly ref: Extract<InputRef, { type: 'file' }>, private readonly fd: number, private readonly head: FileHead) {
    this.utf8 = new Utf8Chunks(head.decoder, head.pending);
    this.position = head.head.length;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return this;
  }

  next(): Promise<IteratorResult<string>> {
    if (this.state === 0) {
      const { first, whole, binary } = this.head;
      this.state = whole || binary === undefined ? 3 : 1;
      return Promise.resolve({ value: first, done: false });
    }
    for (;;) {
      const text = this.utf8.take();
      if (text !== undefined) return Promise.resolve({ value: text, done: false });
      if (this.nextPiece < this.pieces.length) {
        this.utf8.begin(this.pieces[this.nextPiece++] as Uint8Array);
        continue;
      }
      if (this.state === 2) {
        this.state = 3;
        const rest = this.utf8.end();
        if (rest) return Promise.resolve({ value: rest, done: false });
      }
      if (this.state === 3) return Promise.resolve({ value: undefined, done: true });
      // Read synchronously, a large dump would hold the event loop until its end: Ctrl-C's handler
      // (the progress line erases itself) would wait for it. A turn each MiB costs nothing measurable.
      if (this.readBefore) {
        this.readBefore = false;
        return yieldToEventLoop().then(() => this.next());
      }
      return this.read() ?? this.next();
    }
  }

  /** Reads the next MiB into `pieces`; a rejected promise when the read fails. */
  private read(): Promise<IteratorResult<string>> | undefined {
    const binary = this.head.binary as BinarySkipper;
    const buffer = this.buffer ??= Buffer.allocUnsafe(STREAM_BYTES);
    let n: number;
    try {
      n = readSync(this.fd, buffer, 0, buffer.length, this.position);
    } catch (error) {
      this.state = 3;
      return cannotRead(this.ref.name, this.ref.path, error).then((e) => Promise.reject(e));
    }
    this.readBefore = true;
    this.nextPiece = 0;
    if (n === 0) {
      this.state = 2;
      this.pieces = binary.end();
      return undefined;
    }
    this.position += n;
    this.head.onProgress?.(this.position);
    // Go's dumps are ASCII: decoded as Latin-1 (the same characters) a piece costs a fifth of
    // a UTF-8 decode (10 % of reading a 100 MB heap dump); anything else goes to the decoder.
    // Binary data inside the text is skipped (binary.ts): one native search for a NUL a piece.
    this.pieces = binary.push(buffer.subarray(0, n));
    return undefined;
  }
}

/**
 * The newlines of the file open as `fd` before `offset`: the line of a binary part (binary.ts).
 * `counted`: how far the file's newlines were counted for the part before (parts come in order), so
 * that each byte is read again once however many parts there are.
 */
function newlinesBefore(fd: number, offset: number, counted: { offset: number; newlines: number }): number | undefined {
  const from = counted.offset <= offset ? counted.offset : 0;
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(STREAM_BYTES, offset - from)));
  let n = from > 0 ? counted.newlines : 0;
  try {
    for (let position = from; position < offset;) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (read === 0) break;
      n += newlinesIn(buffer, 0, read);
      position += read;
    }
  } catch {
    return undefined;
  }
  counted.offset = offset;
  counted.newlines = n;
  return n;
}

async function withFile<T>(
  ref: Extract<InputRef, { type: 'file' }>,
  scratch: Buffer,
  use: (detection: Detection, text: AsyncIterable<string>, bytes: undefined, binary: BinarySkipper | undefined) => Promise<T>,
  onProgress: ((bytesRead: number) => void) | undefined,
): Promise<T | typeof GZIP> {
  let fd: number;
  try {
    fd = await openRetrying(ref.path);
  } catch (error) {
    throw await cannotRead(ref.name, ref.path, error);
  }
  try {
    let bytesRead: number;
    try {
      bytesRead = readSync(fd, scratch, 0, scratch.length, 0);
    } catch (error) {
      throw await cannotRead(ref.name, ref.path, error);
    }
    const head = scratch.subarray(0, bytesRead);
    const detected = detectKind(head);
    if (detected.kind === 'gzip') return GZIP;
    const decoder = new TextDecoder('utf-8');
    const whole = bytesRead < scratch.length;
    // Text of a format, then binary data in the head: read as that format, the binary part skipped (binary.ts).
    const detection = readableDetection(head, detected);
    // A whole file without a NUL byte needs no skipper, nor a file of no format (refused unread). A longer
    // one's head passes through it too: its last line may hold a NUL byte past the head (held back).
    if (detection === detected && (whole || !formatOf(detection.kind))) return await use(detection, new FileChunks(ref, fd, { first: decoder.decode(head), whole, head, decoder, onProgress, binary: undefined, pending: false }), undefined, undefined);
    const counted = { offset: 0, newlines: 0 };
    const binary = new BinarySkipper({ before: (offset) => newlinesBefore(fd, offset, counted) });
    const pieces = [...binary.push(head), ...(whole ? binary.end() : [])];
    const first = pieces.map((piece) => decoder.decode(piece, { stream: true })).join('') + (whole ? decoder.decode() : '');
    const last = pieces[pieces.length - 1];
    return await use(detection, new FileChunks(ref, fd, { first, whole, head, decoder, onProgress, binary, pending: last !== undefined && endsInside(last) }), undefined, binary);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing was written: a failed close loses nothing.
    }
  }
}
