/**
 * A lint worker thread (workers.ts starts it): rebuilds the run's rules from their ids and lints
 * the run's files it takes from the shared queue, one at a time, answering with each file's
 * result or its problem, then that it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RULES } from '../analyze/rules/index.js';
import { inputProblem } from '../input/errors.js';
import { EmptyGcLog } from '../input/kinds.js';
import type { ActiveRule } from './config.js';
import { fileLinter } from './runner.js';
import { ANSWERS_PER_MESSAGE, FileQueue, type TaskAnswer, type WorkerSetup } from './workers.js';

const setup = workerData as WorkerSetup;
const active: ActiveRule[] = setup.active.flatMap(({ id, severity, options }) => {
  const rule = RULES.find((r) => r.meta.id === id);
  return rule ? [{ rule, severity, options }] : [];
});
const lint = fileLinter({ active, series: setup.series, ...(setup.lint ? { lint: setup.lint } : {}), ...(setup.fetch ? { fetch: setup.fetch } : {}) });

// One file at a time (the linter reuses one scratch buffer for every file's head), taken from
// the queue the main thread and the other workers share, until it is empty. The answers go out
// a few at a time (ANSWERS_PER_MESSAGE): each message costs both threads a fixed share of
// work (a wake-up of the main thread's event loop, a serializer and a deserializer), which on
// small dumps was as much as cloning the answer itself.
const queue = new FileQueue(setup.tasks, setup.counter);
async function lintQueued(): Promise<void> {
  let answers: TaskAnswer[] = [];
  const send = (): void => {
    if (answers.length > 0) parentPort?.postMessage(answers);
    answers = [];
  };
  for (let task = queue.take(); task; task = queue.take()) {
    let answer: TaskAnswer;
    try {
      answer = { index: task.index, result: await lint(task.ref) };
    } catch (error) {
      const problem = inputProblem(task.ref.name, error);
      answer = { index: task.index, problem: { message: problem.message, hint: problem.hint, ...(problem instanceof EmptyGcLog ? { emptyGcLog: true as const } : {}) } };
    }
    answers.push(answer);
    if (answers.length >= ANSWERS_PER_MESSAGE) send();
  }
  answers.push({ done: true });
  send();
}
void lintQueued();
