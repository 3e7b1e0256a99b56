/**
 * Lint on every core: many saved dumps are parsed in worker threads, each linting one file at a
 * time (worker.ts), so memory stays bounded by a few dumps per thread while both cores parse.
 * Used for files only (stdin and URLs are read in the main thread), and only where the worker
 * script is built JavaScript beside this module (tsc's dist/src, or the bundle): under the test
 * runner, from TypeScript sources, lint runs in one thread.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HeapdocError } from '../input/errors.js';
import { EmptyGcLog } from '../input/kinds.js';
import { WORKER_ARGUMENT, startingWorkerThreads, workerThreadsModule } from '../common/builtins.js';
import type { FetchOptions, InputRef } from '../input/sources.js';
import type { ActiveRule } from './config.js';
import type { LintOptions } from './engine.js';
import type { SeriesFile } from './series.js';

/** What a worker needs to rebuild the run's rules (functions do not cross threads: ids do). */
export interface WorkerSetup {
  /** The run's files and the shared counter of the next one to take (FileQueue). */
  tasks: readonly FileTask[];
  counter: Int32Array;
  active: { id: string; severity: ActiveRule['severity']; options: ActiveRule['options'] }[];
  lint: LintOptions | undefined;
  fetch: FetchOptions | undefined;
  series: boolean;
}

export interface FileTask {
  index: number;
  ref: InputRef;
}

export type TaskAnswer =
  | { done: true }
  | { index: number; result: SeriesFile | undefined }
  | { index: number; problem: { message: string; hint: string | undefined; emptyGcLog?: true } };

/**
 * The files still to lint, shared by the worker threads and the main thread: each takes the next
 * when it is free, by an atomic add on a shared counter (the list itself goes to each worker once,
 * in its workerData), so no message goes out per file.
 */
export class FileQueue {
  constructor(
    readonly tasks: readonly FileTask[],
    readonly counter: Int32Array = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  ) {}
  take(): FileTask | undefined {
    const next = Atomics.add(this.counter, 0, 1);
    return next < this.tasks.length ? this.tasks[next] : undefined;
  }
}

/**
 * A worker's answers in one message, at most (a message holds the answers of several files, the
 * last one's with fewer): a few, so that a directory's series, which waits for its last file,
 * is not held back long, nor many results held in the worker.
 */
export const ANSWERS_PER_MESSAGE = 8;

/** Fewer files than this per thread are not worth a thread's start-up. */
const FILES_PER_WORKER = 16;

/**
 * And one thread beyond the first for every this many bytes of files. A lint thread is a V8
 * isolate whose warm-up (its own optimizing compiles: ~1 s of CPU time on helper threads) and GC
 * keep ~1.4 cores busy, so a thread must have enough to read to pay for it. Measured on 2 cores
 * (docs/performance.md, "The eighth session"), a second thread was slower than one on 2,000 and
 * 4,000 seed dumps (6.9 and 14 MB: 0.81×, 0.88×), as fast at 200 dumps of 140 KB (29 MB: 1.0×),
 * and faster from there on (10,000 seed dumps, 34 MB: 1.2×; 400 dumps of 140 KB, 58 MB: 1.2×).
 */
export const BYTES_PER_EXTRA_THREAD = 28 * 1024 * 1024;

/**
 * The worker script beside this module: src/lint/worker.ts as built (dist/src), or the bundle's
 * executable (dist/bundle/heapdoc.js beside heapdoc.cjs, this module's home there), which runs
 * worker.ts in a thread that is not the main one (cli/main.ts).
 */
function workerScript(): URL | undefined {
  for (const candidate of [new URL('./worker.js', import.meta.url), new URL('./heapdoc.js', import.meta.url)]) {
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  return undefined;
}

/**
 * How many threads to lint `tasks` with: HEAPDOC_LINT_WORKERS when set (0 or 1: the main thread
 * alone), else threadsFor this machine's cores and the files' sizes. The main thread is one of
 * them (runner.ts): it lints files too, so N threads start N − 1 workers.
 */
export function workerCount(tasks: readonly FileTask[]): number {
  const asked = process.env.HEAPDOC_LINT_WORKERS;
  const files = tasks.length;
  const count = asked !== undefined && /^\d+$/.test(asked)
    ? Math.min(Number(asked), Math.floor(files / FILES_PER_WORKER))
    : threadsFor(files, (enough) => bytesOf(tasks, enough), availableParallelism());
  return count >= 2 && workerScript() ? count : 0;
}

/**
 * One thread per core, as long as each has FILES_PER_WORKER files, and one beyond the first for
 * every BYTES_PER_EXTRA_THREAD bytes. `bytesUpTo(enough)` sums the files' sizes, and may stop
 * once it has `enough`.
 */
export function threadsFor(files: number, bytesUpTo: (enough: number) => number, cores: number): number {
  const wanted = Math.min(cores, Math.floor(files / FILES_PER_WORKER));
  if (wanted < 2) return 1;
  return Math.min(wanted, 1 + Math.floor(bytesUpTo((wanted - 1) * BYTES_PER_EXTRA_THREAD) / BYTES_PER_EXTRA_THREAD));
}

/** The files' sizes added up, until `enough`: a file that cannot be read counts for nothing (its error comes when it is linted). */
function bytesOf(tasks: readonly FileTask[], enough: number): number {
  let bytes = 0;
  for (let i = 0; i < tasks.length && bytes < enough; i++) {
    const ref = tasks[i]?.ref;
    if (ref?.type === 'file') bytes += statSync(ref.path, { throwIfNoEntry: false })?.size ?? 0;
  }
  return bytes;
}

/**
 * Lints files from `queue` in `count` worker threads until it is empty. `settle` gets each file's
 * result, `problem` each file's error, as they finish; the promise ends when all are done.
 */
export async function lintInWorkers(
  queue: FileQueue, count: number, setup: Omit<WorkerSetup, 'tasks' | 'counter'>,
  settle: (index: number, result: SeriesFile | undefined) => void, problem: (index: number, error: HeapdocError) => void,
): Promise<void> {
  const script = workerScript();
  if (!script) throw new Error('internal: no lint worker script');
  const workerData: WorkerSetup = { ...setup, tasks: queue.tasks, counter: queue.counter };
  const { Worker } = workerThreadsModule();
  startingWorkerThreads();
  const workers = Array.from({ length: count }, () => new Worker(script, { workerData, argv: [WORKER_ARGUMENT] }));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      let done = false;
      worker.on('message', (answers: TaskAnswer[]) => {
        for (const answer of answers) {
          if ('done' in answer) {
            done = true;
            resolve();
          } else if ('problem' in answer) {
            // An empty GC log stays one across the threads: the runner weighs it against the dumps (EmptyGcLog).
            problem(answer.index, new (answer.problem.emptyGcLog ? EmptyGcLog : HeapdocError)(answer.problem.message, answer.problem.hint));
          } else {
            settle(answer.index, answer.result);
          }
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!done) reject(new Error(`internal: a lint worker stopped (exit code ${code})`));
      });
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
