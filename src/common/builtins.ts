/**
 * Modules that few runs need, loaded when first used rather than at start-up: each costs every
 * start a few milliseconds of CPU (node:crypto 4–9 ms on a 2-core machine; fs-extra, with the
 * graceful-fs and streams it loads, ~10 ms), and a small dump is analyzed in about twice the time
 * of `node -e 0`. Node's built-ins through require(), not import(): the bundled CLI is a script
 * run by node:vm, which has no dynamic import (fs-extra's import() is the bundler's: it is in
 * the script, and the bundler turns the import into a call made when it is reached).
 */
import { createRequire } from 'node:module';
import type FsExtra from 'fs-extra';
import type * as FsPromises from 'node:fs/promises';
import type * as Stream from 'node:stream';
import type * as StreamPromises from 'node:stream/promises';
import type * as Tty from 'node:tty';
import type * as WorkerThreads from 'node:worker_threads';
import type * as Zlib from 'node:zlib';

const loadBuiltin = createRequire(import.meta.url);

/**
 * Random hexadecimal digits, `bytes` bytes' worth: for names and placeholders no input can hold
 * (a dump is written before the run that reads it picks them). Not for secrets: Math.random,
 * not node:crypto, whose loading cost every JSON report ~5 ms.
 */
export function randomHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < 2 * bytes; i++) hex += Math.floor(Math.random() * 16).toString(16);
  return hex;
}

/** fs-extra, for what reading one named file does not need: walking a directory, links, the report's file, the UI's source view. */
export async function fsExtraModule(): Promise<typeof FsExtra> {
  return (await import('fs-extra')).default;
}

/** node:worker_threads, for lint's threads: it loads Node's streams, ~5 ms of every start. */
export function workerThreadsModule(): typeof WorkerThreads {
  return loadBuiltin('node:worker_threads') as typeof WorkerThreads;
}

/** What lint starts its worker threads with (lint/workers.ts), after the script: how a thread knows it is one without loading node:worker_threads. */
export const WORKER_ARGUMENT = '--heapdoc-lint-worker';

/**
 * Set on globalThis once this process starts worker threads (lint/workers.ts): a key, not a
 * module variable, because the launcher (cli/launch.ts, which reads it) and the CLI script are
 * bundled apart, each with its own copy of this module.
 */
const THREADS_STARTED = Symbol.for('heapdoc.workerThreadsStarted');

/** Says, before the first worker thread starts, that this process runs several V8 isolates from now on. */
export function startingWorkerThreads(): void {
  (globalThis as Record<symbol, unknown>)[THREADS_STARTED] = true;
}

/**
 * Whether this process started worker threads: V8's flags are one set for all its isolates, and
 * Node warns that changing them after start may crash; cli/young-generation.ts changes none
 * once a thread may be reading them.
 */
export function workerThreadsStarted(): boolean {
  return (globalThis as Record<symbol, unknown>)[THREADS_STARTED] === true;
}

/** Whether this is the main thread: any thread without WORKER_ARGUMENT is (a user who types it is asked node:worker_threads). */
export function isMainThread(): boolean {
  return process.argv[2] !== WORKER_ARGUMENT || workerThreadsModule().isMainThread;
}

/** node:tty, for the terminal UI's keyboard. */
export function ttyModule(): typeof Tty {
  return loadBuiltin('node:tty') as typeof Tty;
}

/** node:fs/promises, for a report written to a file. */
export function fsPromisesModule(): typeof FsPromises {
  return loadBuiltin('node:fs/promises') as typeof FsPromises;
}

/** What reads a gzipped input: a stream of its bytes piped through gunzip. */
export function gunzipModules(): { Readable: typeof Stream.Readable; pipeline: typeof StreamPromises.pipeline; createGunzip: typeof Zlib.createGunzip } {
  const { Readable } = loadBuiltin('node:stream') as typeof Stream;
  const { pipeline } = loadBuiltin('node:stream/promises') as typeof StreamPromises;
  const { createGunzip } = loadBuiltin('node:zlib') as typeof Zlib;
  return { Readable, pipeline, createGunzip };
}
