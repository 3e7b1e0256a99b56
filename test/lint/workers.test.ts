/**
 * `heapdoc lint` of many files parses them in worker threads (src/lint/workers.ts): the report
 * must be the same, byte for byte and in input order, as with one thread.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

describe('lint in worker threads', () => {
  const seed = join(ROOT, 'samples/go1.23/seed');
  const samples = readdirSync(seed).filter((f) => f.endsWith('.txt')).sort();
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-workers-'));
  for (let i = 0; i < 40; i++) copyFileSync(join(seed, samples[i % samples.length] as string), join(dir, `d${String(i).padStart(2, '0')}.txt`));

  it('gives the report of one thread, in input order', async () => {
    // Copies of dumps of four programs: not one process, so each file on its own.
    const one = await runCli(['lint', dir, '--separately', '--format', 'json'], { env: { HEAPDOC_LINT_WORKERS: '1' } });
    const two = await runCli(['lint', dir, '--separately', '--format', 'json'], { env: { HEAPDOC_LINT_WORKERS: '2' } });
    expect(two.stderr).toBe('');
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    const results = JSON.parse(two.stdout) as { filePath: string; warningCount: number }[];
    expect(results.map((r) => r.filePath)).toEqual(Array.from({ length: 40 }, (_, i) => join(dir, `d${String(i).padStart(2, '0')}.txt`)));
    // routine2–4 after-wait have two warnings each (stack-heavy, gc-cpu-high); the others none.
    const expected = Array.from({ length: 40 }, (_, i) => (/routine[234]\.after-wait/.test(samples[i % samples.length] ?? '') ? 2 : 0));
    expect(results.map((r) => r.warningCount)).toEqual(expected);
    });

  it('gives the series findings of one thread: the summaries the workers send rebuild the same series', async () => {
    // 48 files: the goroutine-leak scenario's dumps, sidecars and scrapes of six moments.
    const leak = join(ROOT, 'test/fixtures/scenarios/goroutine-leak');
    const one = await runCli(['lint', leak, '--format', 'json', '--rule', 'heap-growth=error:perGC=16KiB'], { env: { HEAPDOC_LINT_WORKERS: '0' } });
    const two = await runCli(['lint', leak, '--format', 'json', '--rule', 'heap-growth=error:perGC=16KiB'], { env: { HEAPDOC_LINT_WORKERS: '2' } });
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    const results = JSON.parse(two.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const series = results.flatMap((r) => r.messages.filter((m) => ['leak-suspected', 'goroutine-growth', 'heap-growth'].includes(m.ruleId)).map((m) => `${r.filePath.slice(leak.length + 1)} ${m.ruleId}`));
    expect(series).toEqual(['06-t6.heap-debug1.txt leak-suspected', '06-t6.heap-debug1.txt goroutine-growth', '06-t6.heap-debug1.txt heap-growth']);
  });
});
