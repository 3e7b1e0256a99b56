#!/usr/bin/env node
// The heapdoc executable: everything else is in program.ts, so tests can build the program without running it.
import { run } from './program.js';

// `heapdoc dump.txt | head`: when the reader goes away, stop quietly instead of dying on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

await run(process.argv);
