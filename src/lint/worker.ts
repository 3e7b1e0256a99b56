/**
 * A lint worker thread (workers.ts starts it): rebuilds the run's rules from their ids and lints
 * the files it is sent, one at a time, answering with each file's result or its problem.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RULES } from '../analyze/rules/index.js';
import { HeapdocError } from '../input/errors.js';
import type { ActiveRule } from './config.js';
import { fileLinter } from './runner.js';
import type { FileTask, TaskAnswer, WorkerSetup } from './workers.js';

const setup = workerData as WorkerSetup;
const active: ActiveRule[] = setup.active.flatMap(({ id, severity, options }) => {
  const rule = RULES.find((r) => r.meta.id === id);
  return rule ? [{ rule, severity, options }] : [];
});
const lint = fileLinter({ active, series: setup.series, ...(setup.lint ? { lint: setup.lint } : {}), ...(setup.fetch ? { fetch: setup.fetch } : {}) });

// One file at a time: the linter reuses one scratch buffer for every file's head.
let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (task: FileTask) => {
  queue = queue.then(() => lint(task.ref)).then(
    (result): TaskAnswer => ({ index: task.index, result }),
    (error: unknown): TaskAnswer => error instanceof HeapdocError
      ? { index: task.index, problem: { message: error.message, hint: error.hint } }
      : { index: task.index, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  ).then((answer) => parentPort?.postMessage(answer), () => undefined);
});
