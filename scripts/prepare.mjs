/**
 * `npm install` / `npm ci` in a clone build the CLI (the bin dist/bundle/heapdoc.js is not in
 * git). `npm install -g .` in a fresh clone runs this too, but installs none of the clone's
 * dependencies: instead of "tsc: not found", say what to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(`${root}node_modules/typescript`)) {
  console.error('heapdoc: cannot build: the dependencies are not installed — run npm install in this folder first, then npm install -g . (or npm link)');
  process.exit(1);
}
// The npm running this script (npm_execpath), so the build does not depend on which npm is on PATH.
const npm = process.env.npm_execpath;
if (npm) execFileSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
else execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
