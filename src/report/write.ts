/**
 * Where a report goes: stdout, or with `-o/--output FILE` a file written atomically (readers see
 * the old content or the new, never half of it: a temporary file beside it, then a rename).
 * Every command with --output (analyze, diff, escape, lint) writes through writeReport.
 */
import { Buffer } from 'node:buffer';
import { constants, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type FsExtra from 'fs-extra';
import { cannotCreate, cannotWrite, cannotWriteStdout, HeapdocError } from '../input/errors.js';
import { makeDirectory } from '../common/directories.js';
import { fsExtraModule, fsPromisesModule, randomHex } from '../common/builtins.js';
import { colorEnabled, colors, type Colors } from '../text/color.js';

/**
 * Writes `text` to `file` atomically. When `file` is a symbolic link, the file it points to is
 * written and the link stays (as `>` in a shell does): the temporary file is made beside the
 * target, so the rename replaces the target, not the link.
 */
export async function writeFileAtomic(file: string, text: string | Uint8Array | Iterable<string>): Promise<void> {
  const sink = await openFileSink(file);
  try {
    await sink.write(text);
  } catch (error) {
    await sink.abandon();
    throw error;
  }
  await sink.close();
}

/**
 * A report written as it is made, so that a report larger than the memory it deserves (the JSON
 * of a whole `-gcflags=all=-m=2 std` output: 322 MB) is never held whole: to stdout, or to
 * `--output` through the same temporary file writeFileAtomic uses, which takes the target's name
 * only at `close`. Until then readers of the target see its old content; `abandon` (or a signal)
 * removes the temporary file.
 */
export interface ReportSink {
  write(text: string | Uint8Array | Iterable<string>): Promise<void>;
  /** The report is whole: the file takes its name. */
  close(): Promise<void>;
  /** The run failed: the temporary file goes, the target stays as it was. */
  abandon(): Promise<void>;
}

/** A sink to `output` (a file, written atomically) when given, else to stdout. */
export async function openReport(output: string | undefined): Promise<ReportSink> {
  if (output === undefined) return { write: (text) => writeReport(text, undefined), close: () => Promise.resolve(), abandon: () => Promise.resolve() };
  return openFileSink(output);
}

/** The open file behind `--output`: a temporary file beside the target, or the target itself when it is a device or a FIFO. */
async function openFileSink(file: string): Promise<ReportSink> {
  if (file === '') throw new HeapdocError('--output "": an empty file name', 'give --output a file name, or - for standard output');
  const fs = await fsExtraModule();
  const target = await linkTarget(fs, file);
  // A device or a FIFO (-o /dev/null, -o >(gzip)) is written to, as a shell's `>` does: a rename
  // would replace it with a regular file (as root: /dev/null itself).
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    if (existing.isDirectory()) throw new HeapdocError(`${file}: is a directory`, 'give --output a file name');
    return openInPlace(file, target);
  }
  // A file `>` could not write is not replaced behind its owner's back; one it could keeps its mode.
  if (existing !== undefined && !(await writable(target))) throw new HeapdocError(`${file}: cannot write: the file is read-only`, 'make it writable (chmod u+w) or give --output another file');
  const dir = path.dirname(target);
  try {
    makeDirectory(dir);
  } catch (error) {
    throw cannotCreate(file, error, 'give --output a file in a directory you can write (missing ones are made)');
  }
  // The name's start only: a name near the system's limit (255 bytes) must leave room for the suffix.
  const temp = path.join(dir, `.${path.basename(target).slice(0, 40)}.${process.pid}.${randomHex(4)}.tmp`);
  const failed = (error: unknown): HeapdocError => {
    const tooLong = (error as NodeJS.ErrnoException).code === 'ENAMETOOLONG';
    return cannotWrite(file, error, tooLong ? 'give --output a shorter name (at most 255 bytes a name)' : 'check that the directory is writable');
  };
  // Ctrl-C or a kill while the report is written must not leave the temporary file behind: the
  // handler is in place before the file exists.
  const onSignal = (signal: NodeJS.Signals): void => {
    removeSync(fs, temp);
    process.kill(process.pid, signal);
  };
  const listen = (on: boolean): void => {
    for (const signal of REMOVAL_SIGNALS) {
      if (on) process.once(signal, onSignal);
      else process.removeListener(signal, onSignal);
    }
  };
  listen(true);
  let handle: FileHandle;
  try {
    handle = await fsPromisesModule().open(temp, 'wx', 0o666);
  } catch (error) {
    listen(false);
    // The directory is there (made above): a file system that takes no new files (/proc, /sys).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new HeapdocError(`${file}: cannot write: ENOENT (no file can be made in ${dir})`, 'give --output a file in a directory you can write');
    throw failed(error);
  }
  let open = true;
  const abandon = async (): Promise<void> => {
    if (!open) return;
    open = false;
    listen(false);
    await handle.close().catch(() => undefined);
    await fs.remove(temp).catch(() => undefined);
  };
  const step = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      await abandon();
      throw failed(error);
    }
  };
  return {
    write: (text) => step(() => writeAll(handle, text)),
    close: () => step(async () => {
      if (existing !== undefined) await handle.chmod(existing.mode & 0o7777);
      await handle.sync(); // the data is on disk before the name points at it
      await handle.close();
      await fs.rename(temp, target);
      open = false;
      listen(false);
    }),
    abandon,
  };
}

const REMOVAL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeSync(fs: typeof FsExtra, file: string): void {
  try {
    fs.removeSync(file);
  } catch {
    // Nothing more to do on the way out.
  }
}

async function writable(file: string): Promise<boolean> {
  return fsPromisesModule().access(file, constants.W_OK).then(() => true, () => false);
}

/** A report, whole or in pieces (BATCH_CHARS at a time), into an open file. */
async function writeAll(handle: FileHandle, text: string | Uint8Array | Iterable<string>): Promise<void> {
  if (typeof text === 'string') await handle.writeFile(text, 'utf8');
  // Bytes as they come (a report streamed a piece at a time, openReport): one write call each, no thread-pool round trip.
  else if (text instanceof Uint8Array) writeAllSync(handle.fd, text);
  // Written at once, not awaited a batch at a time: each `handle.write` of a string copied it
  // into a Buffer and waited for the thread pool (0.6× the CPU for a 48 MB report).
  else for (const batch of batches(text)) writeAllSync(handle.fd, batch);
}

/** Writes to what is not a regular file (a device, a FIFO) without a temporary file. */
async function openInPlace(file: string, target: string): Promise<ReportSink> {
  let handle: FileHandle;
  try {
    handle = await fsPromisesModule().open(target, 'w');
  } catch (error) {
    throw cannotWrite(file, error, 'give --output a file you can write');
  }
  const step = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw cannotWrite(file, error, 'give --output a file you can write');
    }
  };
  return {
    write: (text) => step(() => writeAll(handle, text)),
    close: () => step(() => handle.close()),
    abandon: () => handle.close().catch(() => undefined),
  };
}

/** Where a chain of symbolic links ends (the target need not exist yet); `file` itself when it is no link. */
async function linkTarget(fs: typeof FsExtra, file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const link = await fs.readlink(current).catch(() => undefined);
    if (link === undefined) return current;
    current = path.resolve(path.dirname(current), link);
  }
  throw new HeapdocError(`${file}: too many levels of symbolic links`, 'point --output at a file');
}

/**
 * Writes to stdout (text, or bytes already UTF-8) and resolves once the data is flushed (important
 * before exiting into a pipe). A write that fails (a full disk) rejects with one line to print.
 */
export function writeStdout(text: string | Uint8Array): Promise<void> {
  if (stdoutIsFile()) {
    try {
      writeAllSync(1, text);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(cannotWriteStdout(error));
    }
  }
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(cannotWriteStdout(error)) : resolve()));
  });
}

/** Writes all of `text` to the file descriptor `fd`: one write may take only part of it. */
function writeAllSync(fd: number, text: string | Uint8Array): void {
  let bytes: Uint8Array;
  if (typeof text === 'string') {
    const written = writeSync(fd, text);
    if (written === Buffer.byteLength(text)) return;
    bytes = Buffer.from(text).subarray(written); // rare: the rest as bytes, to go on where it stopped
  } else bytes = text;
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

let stdoutFile: boolean | undefined;

/**
 * Whether stdout is a file or a device that is no terminal (`> report.json`, `> /dev/null`): Node
 * writes those synchronously (its SyncWriteStream) after copying each string into a new Buffer,
 * which cost three times the write itself (a 48 MB report: ~150 ms against ~50 ms); writeSync
 * encodes the string as it writes. A failed write then throws here, not as the stream's 'error'.
 * Not when something replaced `process.stdout.write`.
 */
function stdoutIsFile(): boolean {
  stdoutFile ??= process.stdout.constructor.name === 'SyncWriteStream' && !Object.hasOwn(process.stdout, 'write') && (process.stdout as { fd?: number }).fd === 1;
  return stdoutFile;
}

/** The report to `output` (atomically) when given, else to stdout; a report in pieces is written as they come, BATCH_CHARS at a time. */
export async function writeReport(text: string | Uint8Array | Iterable<string>, output: string | undefined): Promise<void> {
  if (output !== undefined) await writeFileAtomic(output, text);
  else if (typeof text === 'string' || text instanceof Uint8Array) {
    if (text.length > 0) await writeStdout(text);
  } else {
    for (const batch of batches(text)) await writeStdout(batch);
  }
}

/**
 * What is written at a time of a report in pieces: small enough for each batch to be a young
 * object (V8 puts a string over ~128 KB in its large-object space, old generation: a batch of a
 * MiB each left ~100 MB of garbage there by the end of a 49 MB report, until a full GC).
 */
const BATCH_CHARS = 1 << 15;

/** The pieces joined into strings of about BATCH_CHARS (none empty). */
function* batches(parts: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let chars = 0;
  for (const part of parts) {
    batch.push(part);
    chars += part.length;
    if (chars >= BATCH_CHARS) {
      yield batch.join('');
      batch = [];
      chars = 0;
    }
  }
  if (chars > 0) yield batch.join('');
}

/**
 * The width text reports wrap their paragraphs to: the terminal's, or Infinity (no wrapping:
 * one sentence per line, text/wrap.ts) into a pipe or a file.
 */
export function reportWidth(output: string | undefined): number {
  return output === undefined && process.stdout.isTTY ? process.stdout.columns || 80 : Infinity;
}

/** The colours of a report: as text/color.ts decides for stdout; a file gets colour only with --color=always (not FORCE_COLOR). */
export function reportColors(output: string | undefined): Colors {
  return colors(output === undefined ? colorEnabled() : colorEnabled({ isTTY: false }, {}));
}
