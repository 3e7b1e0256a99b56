// Makes short-lived strings for ~60 event-loop turns, keeping one in fifty (the survivors that make
// V8 grow its young generation), then prints the young generation's size. With CAP=1 it first
// calls capYoungGeneration() from the module named by MODULE.
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { getHeapSpaceStatistics } from 'node:v8';
import { Script } from 'node:vm';

// CACHE_IN=file: only says whether V8 takes the code cache in `file` for SOURCE (a new process,
// started with V8's default flags, as the launcher's next run is).
const SOURCE = 'function add(a, b) { return a + b; } add(1, 2);';
if (process.env.CACHE_IN) {
  const script = new Script(SOURCE, { filename: 'cached.js', cachedData: readFileSync(process.env.CACHE_IN) });
  process.stdout.write(JSON.stringify({ cacheRejected: script.cachedDataRejected }));
  process.exit(0);
}
const young = process.env.CAP === '1' ? await import(process.env.MODULE) : undefined;
young?.capYoungGeneration();
// THREADS=1: as lint does before its worker threads start (common/builtins.ts).
if (process.env.THREADS === '1') globalThis[Symbol.for('heapdoc.workerThreadsStarted')] = true;
// CACHE_OUT=file: SOURCE compiled now, its code cache made at the end (as the launcher makes its
// own at exit), after restoreFlags() when RESTORE=1, and written to `file`.
const script = process.env.CACHE_OUT ? new Script(SOURCE, { filename: 'cached.js' }) : undefined;
script?.runInThisContext();
const kept = [];
let length = 0;
for (let round = 0; round < 60; round++) {
  for (let i = 0; i < 20000; i++) {
    const text = `line ${round} ${i} ${Math.random()}`;
    length += text.length;
    if (i % 50 === 0) kept.push(text);
  }
  await new Promise((resolve) => setImmediate(resolve));
}
const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
if (script) {
  if (process.env.RESTORE === '1') young?.restoreFlags();
  writeFileSync(process.env.CACHE_OUT, script.createCachedData());
}
process.stdout.write(JSON.stringify({ youngBytes: newSpace.space_size, kept: kept.length, made: length > 0 }));
