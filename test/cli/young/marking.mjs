// Waits for the launcher's timer (CAP=1: capYoungGeneration() from the module named by MODULE), then
// keeps and drops strings until the old generation is collected a few times, and prints how many
// collections of each kind Node saw (perf_hooks' gc entries: 8 is a step of incremental marking).
import process from 'node:process';
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate, setTimeout } from 'node:timers';

const young = process.env.CAP === '1' ? await import(process.env.MODULE) : undefined;
young?.capYoungGeneration();
// Past the launcher's quarter second, and the imports its timer makes.
await new Promise((resolve) => setTimeout(resolve, 600));
const kinds = {};
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = entry.detail?.kind ?? entry.kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
});
observer.observe({ entryTypes: ['gc'] });
let kept = [];
for (let round = 0; round < 200; round++) {
  for (let i = 0; i < 5000; i++) {
    const text = `line ${round} ${i} ${Math.random()}`;
    if (i % 4 === 0) kept.push(text);
  }
  if (round % 50 === 49) kept = [];
  await new Promise((resolve) => setImmediate(resolve));
}
// The observer is told after the collection: one more turn for the last entries.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
process.stdout.write(JSON.stringify({ kinds, kept: kept.length }));
