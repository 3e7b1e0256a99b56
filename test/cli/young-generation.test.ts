/**
 * The launcher caps V8's young generation at 4 MiB semi-spaces (src/cli/young-generation.ts): a
 * run that makes garbage with a few survivors for longer than a quarter second keeps an 8 MiB
 * young generation, where V8 alone grows it to 32 MiB; a user's own semi-space flag wins; and
 * V8's flags are given back before the compile cache is made at exit. Incremental marking is left
 * as V8 has it, and no flag changes once worker threads started.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const SCRIPT = join(ROOT, 'test/cli/young/churn.mjs');
const MARKING_SCRIPT = join(ROOT, 'test/cli/young/marking.mjs');
const MODULE = join(ROOT, 'dist/src/cli/young-generation.js');
const MiB = 1024 * 1024;

interface Churned { youngBytes: number; kept: number; made: boolean }

async function run(env: Record<string, string>, nodeFlags: string[] = [], script = SCRIPT): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, script], { env: { ...process.env, MODULE, NODE_OPTIONS: '', ...env } });
  return stdout;
}

/** Node's gc entries by kind (perf_hooks: 1 minor, 4 major, 8 a step of incremental marking) of an old generation collected a few times after the timer. */
async function collections(cap: boolean, nodeFlags: string[] = [], env: Record<string, string> = {}): Promise<Record<string, number>> {
  const out = JSON.parse(await run({ CAP: cap ? '1' : '0', ...env }, nodeFlags, MARKING_SCRIPT)) as { kinds: Record<string, number>; kept: number };
  expect(out.kept).toBe(0);
  return out.kinds;
}

const INCREMENTAL = '8';

async function churn(cap: boolean, nodeFlags: string[] = [], env: Record<string, string> = {}): Promise<Churned> {
  const out = JSON.parse(await run({ CAP: cap ? '1' : '0', ...env }, nodeFlags)) as Churned;
  expect(out.kept).toBe(24000);
  return out;
}

/** Whether a new process rejects the code cache a capped run made at its end, with restoreFlags() first or not. */
async function cacheRejected(restore: boolean): Promise<boolean> {
  const file = join(mkdtempSync(join(tmpdir(), 'heapdoc-young-')), 'cache.bin');
  const made = await churn(true, [], { CACHE_OUT: file, RESTORE: restore ? '1' : '0' });
  expect([8 * MiB, 16 * MiB]).toContain(made.youngBytes);
  return (JSON.parse(await run({ CACHE_IN: file })) as { cacheRejected: boolean }).cacheRejected;
}

async function youngBytes(cap: boolean, nodeFlags: string[] = []): Promise<number> {
  return (await churn(cap, nodeFlags)).youngBytes;
}

describe('the young generation', () => {
  it('grows to 16 MiB semi-spaces by default, and stops at 4 MiB when capped', { timeout: 60_000 }, async () => {
    const grown = await youngBytes(false);
    expect(grown).toBe(32 * MiB);
    // Capped after the first collection that finds it at 8 MiB or more: at 8 MiB unless the
    // quarter second's timer fired late (a busy machine) and it had grown once more meanwhile.
    const capped = await youngBytes(true);
    expect([8 * MiB, 16 * MiB]).toContain(capped);
  });

  // V8 stamps a code cache with its flags: the launcher writes its cache at exit, and one made
  // while the cap had changed the growth factor was rejected by every next run (all compiled again).
  it('gives V8 its flags back for the code cache made at exit: made after restoreFlags, the cache is accepted', { timeout: 60_000 }, async () => {
    expect(await cacheRejected(false)).toBe(true);
    expect(await cacheRejected(true)).toBe(false);
  });

  it("is left as the user sized it with node's --max-semi-space-size", { timeout: 60_000 }, async () => {
    expect(await youngBytes(true, ['--max-semi-space-size=16'])).toBe(32 * MiB);
  });

  it('leaves incremental marking on: changing it at run time is what Node warns may crash', { timeout: 60_000 }, async () => {
    // The forty-fifth session turned it off from the timer; two CIs each saw one run end with no output after.
    const capped = await collections(true);
    expect(capped[INCREMENTAL]).toBeGreaterThan(0);
  });

  it('changes no flag once worker threads started: every isolate of the process reads them', { timeout: 60_000 }, async () => {
    // lint/workers.ts says so before its first thread (startingWorkerThreads), before the timer fires.
    const threaded = await churn(true, [], { THREADS: '1' });
    expect(threaded.youngBytes).toBe(32 * MiB);
  });
});
