/**
 * Before any test: bundle the CLI afresh (scripts/bundle.mjs, about a second), so that the tests
 * that spawn it (test/helpers/fixtures.ts CLI) never run a stale dist/ left by an older build.
 *
 * Every test's temporary files go under one directory of this run (TMPDIR, which os.tmpdir() and
 * the CLIs the tests spawn read), removed when the run ends: the tests make ~40 directories
 * (dumps to lint, baselines, code caches) and a developer's /tmp should not keep them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))], { stdio: 'inherit' });
  const runDir = mkdtempSync(join(tmpdir(), 'heapdoc-tests-'));
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
