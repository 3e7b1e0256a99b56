/**
 * Runs lint over the command line's inputs: expands them (directories recursively, globs), keeps
 * the files whose content is a heap or goroutine dump, and lints each on its own in a bounded
 * pool, so thousands of dumps take bounded memory: only findings are kept, never a dump.
 *
 * A directory or glob may hold anything: a file found that way whose first bytes are not a dump
 * is skipped (only its head is read). A file named on the command line that is not a dump is an
 * unreadable input (exit 2), as in `heapdoc analyze`.
 */
import { close, open, read } from 'node:fs';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { eachInput } from '../cli/commands/analyze.js';
import { readGoroutineProfile } from '../grammar/goroutine/index.js';
import { readHeapDump } from '../grammar/heap/index.js';
import { readTraceback } from '../grammar/traceback/index.js';
import { detectKind, DETECTION_BYTES, type Detection } from '../input/detect.js';
import { HeapdocError } from '../input/errors.js';
import { wrongKind } from '../input/kinds.js';
import { openInput, type FetchOptions, type InputRef } from '../input/sources.js';
import type { ActiveRule } from './config.js';
import { createHeapLinter, goroutineFacts, lintGoroutineDump, type HeapLinter, type LintOptions } from './engine.js';
import type { FileResult, LintedKind } from './types.js';

export interface RunOptions {
  active: readonly ActiveRule[];
  lint?: LintOptions;
  /** How many inputs are read at once. */
  concurrency: number;
  fetch?: FetchOptions;
  /** Called after each input, with how many are done out of how many. */
  onProgress?: (done: number, total: number) => void;
  /** An input that cannot be read (it still lets the others run). */
  onProblem: (error: HeapdocError) => void;
}

export interface RunOutcome {
  /** One per dump linted, in input order. */
  results: FileResult[];
  /** Some input could not be read at all. */
  failed: boolean;
  /** Files found in directories or globs that are not dumps. */
  skipped: number;
}

/** What lints one input: the active rules, with the heap rules wrapped once per run. */
interface Linter {
  active: readonly ActiveRule[];
  heap: HeapLinter;
  fetch?: FetchOptions;
}

function createLinter(options: Pick<RunOptions, 'active' | 'lint' | 'fetch'>): Linter {
  return { active: options.active, heap: createHeapLinter(options.active, options.lint), ...(options.fetch ? { fetch: options.fetch } : {}) };
}

const LINTED: readonly string[] = ['heap', 'goroutine', 'goroutineleak', 'goroutine-traceback'];

const WHAT_LINT_READS = 'heapdoc lint reads heap dumps (heap?debug=1) and goroutine dumps (goroutine?debug=1 or ?debug=2)';

export async function lintInputs(specs: readonly string[], options: RunOptions): Promise<RunOutcome> {
  const refs: InputRef[] = [];
  let failed = false;
  for await (const ref of eachInput([...specs])) {
    if (ref instanceof HeapdocError) {
      options.onProblem(ref);
      failed = true;
    } else {
      refs.push(ref);
    }
  }
  const linter = createLinter(options);
  const slots: (FileResult | undefined)[] = new Array<FileResult | undefined>(refs.length);
  let skipped = 0;
  let done = 0;
  const settle = (index: number, result: FileResult | undefined): void => {
    if (result) slots[index] = result;
    else skipped++;
    options.onProgress?.(++done, refs.length);
  };
  const problem = (error: HeapdocError): void => {
    options.onProblem(error);
    failed = true;
    options.onProgress?.(++done, refs.length);
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    const scratch = Buffer.allocUnsafe(DETECTION_BYTES);
    for (let i = next++; i < refs.length; i = next++) {
      const ref = refs[i];
      if (!ref) continue;
      try {
        settle(i, await lintOne(ref, linter, scratch));
      } catch (error) {
        if (!(error instanceof HeapdocError)) throw error;
        problem(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, refs.length)) }, worker));
  return { results: slots.filter((r): r is FileResult => r !== undefined), failed, skipped };
}

// The callback API through promisify: lighter than FileHandle when thousands of small files are opened.
const openFile = promisify(open);
const readFile = promisify(read);
const closeFile = promisify(close);

/** Lints one input; undefined when a directory walk found a file that is not a dump. `scratch` is a reusable buffer of DETECTION_BYTES. */
async function lintOne(ref: InputRef, linter: Linter, scratch?: Buffer): Promise<FileResult | undefined> {
  if (ref.type === 'file' && !ref.stream) return lintFile(ref, linter, scratch ?? Buffer.allocUnsafe(DETECTION_BYTES));
  const input = await openInput(ref, linter.fetch);
  if (!LINTED.includes(input.detection.kind)) return notLinted(ref, input.detection);
  return lintText(ref.name, undefined, input.detection.kind as LintedKind, input.text, linter);
}

/**
 * A file is opened once: its first DETECTION_BYTES say what it is (a file that is not a dump
 * costs no more than that), and a dump smaller than that (most are) is parsed from the same
 * read; a larger one streams from the same handle in chunks of that size.
 */
async function lintFile(ref: Extract<InputRef, { type: 'file' }>, linter: Linter, scratch: Buffer): Promise<FileResult | undefined> {
  const cannotRead = (error: unknown): HeapdocError =>
    new HeapdocError(`${ref.name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'check that the file exists and is readable');
  let fd: number;
  try {
    fd = await openFile(ref.path, 'r');
  } catch (error) {
    throw cannotRead(error);
  }
  try {
    let bytesRead: number;
    try {
      ({ bytesRead } = await readFile(fd, scratch, 0, scratch.length, 0));
    } catch (error) {
      throw cannotRead(error);
    }
    const head = scratch.subarray(0, bytesRead);
    const detection = detectKind(head);
    if (!LINTED.includes(detection.kind)) return notLinted(ref, detection);
    const decoder = new TextDecoder('utf-8');
    const whole = bytesRead < scratch.length;
    const first = decoder.decode(head, { stream: !whole });
    async function* chunks(): AsyncGenerator<string> {
      yield first;
      if (whole) return;
      const buffer = Buffer.allocUnsafe(scratch.length);
      for (let position = bytesRead; ;) {
        let n: number;
        try {
          ({ bytesRead: n } = await readFile(fd, buffer, 0, buffer.length, position));
        } catch (error) {
          throw cannotRead(error);
        }
        if (n === 0) break;
        position += n;
        yield decoder.decode(buffer.subarray(0, n), { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    }
    return await lintText(ref.name, path.resolve(ref.path), detection.kind as LintedKind, chunks(), linter);
  } finally {
    await closeFile(fd).catch(() => undefined);
  }
}

async function lintText(source: string, file: string | undefined, kind: LintedKind, text: AsyncIterable<string>, linter: Linter): Promise<FileResult> {
  const base = { source, ...(file !== undefined ? { path: file } : {}), kind, suppressed: [] };
  if (kind === 'heap') {
    const { dump, diagnostics } = await readHeapDump(text, source);
    return { ...base, messages: linter.heap(source, dump, diagnostics) };
  }
  if (kind === 'goroutine-traceback') {
    const { dump, diagnostics } = await readTraceback(text, source);
    return { ...base, messages: lintGoroutineDump(goroutineFacts(source, { kind, dump }, diagnostics), linter.active) };
  }
  const { profile, diagnostics } = await readGoroutineProfile(text, source);
  return { ...base, messages: lintGoroutineDump(goroutineFacts(source, { kind, profile }, diagnostics), linter.active) };
}

function notLinted(ref: InputRef, detection: Detection): undefined {
  if (ref.type === 'file' && ref.expanded) return undefined;
  throw wrongKind(ref.name, detection, WHAT_LINT_READS);
}
