/**
 * Preloaded into `heapdoc DUMP` on a terminal (`node --import …/first-frame.js`; tmux gives the
 * terminal): at the first frame, the first write with text after the UI entered the alternate
 * screen, it writes the process's CPU time (user + system) and wall time since it started as
 * JSON to the file HEAPDOC_BENCH_FRAME names, and exits.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.HEAPDOC_BENCH_FRAME;
if (file) {
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let onScreen = false;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    const text = String(chunk);
    if (text.includes('\u001b[?1049h')) onScreen = true;
    else if (onScreen && /[A-Za-z]{3}/.test(text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''))) {
      const usage = process.cpuUsage();
      writeFileSync(file, JSON.stringify({ cpuSeconds: (usage.user + usage.system) / 1e6, wallSeconds: performance.now() / 1000 }));
      process.exit(0);
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
}
