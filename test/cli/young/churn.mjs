// Makes short-lived strings for ~60 event-loop turns, keeping one in fifty (the survivors that make
// V8 grow its young generation), then prints the young generation's size. With CAP=1 it first
// calls capYoungGeneration() from the module named by MODULE.
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { getHeapSpaceStatistics } from 'node:v8';

if (process.env.CAP === '1') (await import(process.env.MODULE)).capYoungGeneration();
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
const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
process.stdout.write(JSON.stringify({ youngBytes: young.space_size, kept: kept.length, made: length > 0 }));
