/**
 * `heapdoc lint` of many files parses them in worker threads (src/lint/workers.ts): the report
 * must be the same, byte for byte and in input order, as with one thread.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYTES_PER_EXTRA_THREAD, threadsFor } from '../../src/lint/workers.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

describe('lint in worker threads', () => {
  const seed = join(ROOT, 'samples/go1.23/seed');
  // routine1/after-free.heap-debug1.txt … routine4/after-wait.heap-debug1.txt
  const samples = readdirSync(seed).flatMap((program) => readdirSync(join(seed, program)).map((f) => join(program, f))).sort();
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-workers-'));
  for (let i = 0; i < 40; i++) copyFileSync(join(seed, samples[i % samples.length] as string), join(dir, `d${String(i).padStart(2, '0')}.txt`));

  it('gives the report of one thread, in input order', async () => {
    // Copies of dumps of four programs: not one process, so each file on its own.
    const one = await runCli(['lint', dir, '--separately', '--format', 'json'], { env: { HEAPDOC_LINT_WORKERS: '1' } });
    const two = await runCli(['lint', dir, '--separately', '--format', 'json'], { env: { HEAPDOC_LINT_WORKERS: '2' } });
    expect({ code: two.code, stderr: two.stderr }).toEqual({ code: one.code, stderr: '' });
    expect(two.stdout).toBe(one.stdout);
    const results = JSON.parse(two.stdout) as { filePath: string; warningCount: number }[];
    expect(results.map((r) => r.filePath)).toEqual(Array.from({ length: 40 }, (_, i) => join(dir, `d${String(i).padStart(2, '0')}.txt`)));
    // routine1–4 after-wait have one warning each (stack-heavy: routine1's 4.3 MiB of stacks are the largest part of what Go holds; no gc-cpu-high after 1 to 3 GC cycles: gcCpuMinCycles); the others none.
    const expected = Array.from({ length: 40 }, (_, i) => (/routine[1234]\/after-wait/.test(samples[i % samples.length] ?? '') ? 1 : 0));
    expect(results.map((r) => r.warningCount)).toEqual(expected);
    });

  it('gives the series findings of one thread: the summaries the workers send rebuild the same series', async () => {
    // 48 files: the goroutine-leak scenario's dumps, sidecars and scrapes of six moments.
    const leak = join(ROOT, 'test/fixtures/scenarios/goroutine-leak');
    const one = await runCli(['lint', leak, '--format', 'json', '--rule', 'heap-growth=error:perGC=16KiB'], { env: { HEAPDOC_LINT_WORKERS: '0' } });
    const two = await runCli(['lint', leak, '--format', 'json', '--rule', 'heap-growth=error:perGC=16KiB'], { env: { HEAPDOC_LINT_WORKERS: '2' } });
    // Code and stderr together: a run that died (code null: a signal) shows what it said.
    expect({ code: two.code, stderr: two.stderr }).toEqual({ code: 1, stderr: one.stderr });
    expect(two.stdout).toBe(one.stdout);
    const results = JSON.parse(two.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const series = results.flatMap((r) => r.messages.filter((m) => ['leak-suspected', 'goroutine-growth', 'heap-growth'].includes(m.ruleId)).map((m) => `${r.filePath.slice(leak.length + 1)} ${m.ruleId}`));
    // goroutine-growth leaves the groups to leak-suspected, which names them (one leak, one finding).
    expect(series).toEqual(['06-t6.heap-debug1.txt leak-suspected', '06-t6.heap-debug1.txt heap-growth']);
  });
});

describe('how many threads lint starts by default', () => {
  const MB = 1_000_000;
  /** threadsFor with files of `total` bytes in all, and the `enough` it asked the sizes up to. */
  function threads(files: number, total: number, cores: number): { threads: number; asked: number[] } {
    const asked: number[] = [];
    const count = threadsFor(files, (enough) => {
      asked.push(enough);
      return Math.min(total, enough);
    }, cores);
    return { threads: count, asked };
  }

  it('one thread for the measured inputs where a second was slower on 2 cores, two where it was faster', () => {
    expect(threads(2_000, 6.9 * MB, 2).threads).toBe(1); // 2,000 seed dumps: 0.81×
    expect(threads(4_000, 14 * MB, 2).threads).toBe(1); // 4,000 seed dumps: 0.88×
    expect(threads(200, 29 * MB, 2).threads).toBe(1); // 200 dumps of 140 KB: 1.0×
    expect(threads(10_000, 34 * MB, 2).threads).toBe(2); // 10,000 seed dumps: 1.2×
    expect(threads(400, 58 * MB, 2).threads).toBe(2); // 400 dumps of 140 KB: 1.2×
  });

  it('a thread beyond the first per BYTES_PER_EXTRA_THREAD bytes, up to one per core and one per 16 files', () => {
    expect(BYTES_PER_EXTRA_THREAD).toBe(28 * 1024 * 1024);
    expect(threads(1_000, 3 * BYTES_PER_EXTRA_THREAD - 1, 8).threads).toBe(3);
    expect(threads(1_000, 3 * BYTES_PER_EXTRA_THREAD, 8).threads).toBe(4);
    expect(threads(1_000, 100 * BYTES_PER_EXTRA_THREAD, 8).threads).toBe(8);
    expect(threads(47, 100 * BYTES_PER_EXTRA_THREAD, 8).threads).toBe(2); // 16 files a thread
    expect(threads(31, 100 * BYTES_PER_EXTRA_THREAD, 8).threads).toBe(1);
    expect(threads(1_000, 100 * BYTES_PER_EXTRA_THREAD, 1).threads).toBe(1);
  });

  it('is told in lint --help, with the variable that overrides it', async () => {
    const { stdout, code } = await runCli(['lint', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Many files are parsed in worker threads: one per core, each with 16 files or more, and one\nbeyond the first per 28 MiB of files. HEAPDOC_LINT_WORKERS=N sets how many (0 or 1: none).');
  });

  it('adds up sizes only as far as the most threads it could start need', () => {
    expect(threads(1_000, 100 * BYTES_PER_EXTRA_THREAD, 4).asked).toEqual([3 * BYTES_PER_EXTRA_THREAD]);
    expect(threads(20, 100 * BYTES_PER_EXTRA_THREAD, 4).asked).toEqual([]); // too few files: no stat at all
  });
});
