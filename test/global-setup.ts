/**
 * Before any test: bundle the CLI afresh (scripts/bundle.mjs, about a second), so that the tests
 * that spawn it (test/helpers/fixtures.ts CLI) never run a stale dist/ left by an older build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))], { stdio: 'inherit' });
}
