#!/usr/bin/env node
// The heapdoc executable: everything else is in program.ts, so tests can build the program without running it.
import { run } from './program.js';

await run(process.argv);
