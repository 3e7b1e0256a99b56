/**
 * One CI detection (is-in-ci, as Ink reads it), seen from a fresh process as the CLI sees it.
 * The process runs src/text/terminal.ts bundled from source here, never a dist/ that may be stale.
 */
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const PROGRAM = buildSync({
  stdin: { contents: "import { inCi } from './src/text/terminal.ts'; process.stdout.write(String(inCi));", resolveDir: ROOT, loader: 'ts' },
  bundle: true, format: 'esm', platform: 'node', write: false,
}).outputFiles[0]?.text ?? '';

function inCiWith(env: Record<string, string>): string {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION'));
  return execFileSync(process.execPath, ['--input-type=module', '-e', PROGRAM],
    { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

describe('inCi', () => {
  it('is true for CI set (even empty) or CONTINUOUS_INTEGRATION, false for 0, false or unset', () => {
    expect(inCiWith({})).toBe('false');
    expect(inCiWith({ CI: 'true' })).toBe('true');
    expect(inCiWith({ CI: '' })).toBe('true');
    expect(inCiWith({ CI: '0' })).toBe('false');
    expect(inCiWith({ CI: 'false' })).toBe('false');
    expect(inCiWith({ CONTINUOUS_INTEGRATION: '1' })).toBe('true');
  });
});
