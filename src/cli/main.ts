#!/usr/bin/env node
// The heapdoc executable: everything else is in program.ts, so tests can build the program without running it.

// `heapdoc dump.txt | head`: when the reader goes away, stop quietly instead of dying on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// `heapdoc --version` alone answers before the argument parser and the commands are loaded:
// it is what scripts call to check the tool is there, and should cost no more than Node's start.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { packageVersion } = await import('../input/package.js');
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const { run } = await import('./program.js');
  await run(process.argv);
}
