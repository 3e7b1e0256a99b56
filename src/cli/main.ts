#!/usr/bin/env node
// The heapdoc executable: everything else is in program.ts, so tests can build the program without running it.
// Bundled (scripts/bundle.mjs), it runs under launch.ts, which answers `heapdoc --version` alone
// before this script is loaded; there it is also the lint worker threads' entry (lint/workers.ts).
import { isMainThread } from '../common/builtins.js';

async function main(): Promise<void> {
  // heapdoc starts no other thread than its lint workers.
  if (!isMainThread()) {
    await import('../lint/worker.js');
    return;
  }
  // `heapdoc dump.txt | head`: when the reader goes away, stop quietly instead of dying on EPIPE.
  // Any other failure to write (a full disk) is one line and exit 2, not a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream === process.stderr) process.exit(process.exitCode ?? 2); // nowhere left to say it
      void Promise.all([import('./output.js'), import('../input/errors.js')]).then(([{ printProblem }, { cannotWriteStdout }]) => {
        const problem = cannotWriteStdout(error);
        printProblem(problem.message, problem.hint);
        process.exit(problem.exitCode);
      });
    });
  }
  const { run } = await import('./program.js');
  await run(process.argv);
}

void main();
