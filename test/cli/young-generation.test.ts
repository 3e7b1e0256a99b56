/**
 * The launcher caps V8's young generation at 4 MiB semi-spaces (src/cli/young-generation.ts): a
 * run that makes garbage with a few survivors for longer than a quarter second keeps an 8 MiB
 * young generation, where V8 alone grows it to 32 MiB; a user's own semi-space flag wins.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const SCRIPT = join(ROOT, 'test/cli/young/churn.mjs');
const MODULE = join(ROOT, 'dist/src/cli/young-generation.js');
const MiB = 1024 * 1024;

async function youngBytes(cap: boolean, nodeFlags: string[] = []): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, SCRIPT], {
    env: { ...process.env, CAP: cap ? '1' : '0', MODULE, NODE_OPTIONS: '' },
  });
  const out = JSON.parse(stdout) as { youngBytes: number; kept: number; made: boolean };
  expect(out.kept).toBe(24000);
  return out.youngBytes;
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

  it("is left as the user sized it with node's --max-semi-space-size", { timeout: 60_000 }, async () => {
    expect(await youngBytes(true, ['--max-semi-space-size=16'])).toBe(32 * MiB);
  });
});
