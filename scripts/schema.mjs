/**
 * Writes schema/heapdoc.config.schema.json, the JSON Schema of heapdoc.config.json that the
 * package ships, from the rule registry (src/lint/schema.ts, printed by the built CLI's
 * `heapdoc explain --schema`): the shipped schema cannot drift from the rules. Run by
 * scripts/bundle.mjs after bundling (so by `npm run build` and before the tests).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeDirectory } from './directories.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export function writeSchema() {
  const schema = execFileSync(process.execPath, [`${root}dist/bundle/heapdoc.js`, 'explain', '--schema'], { encoding: 'utf8' });
  makeDirectory(`${root}schema`);
  writeFileSync(`${root}schema/heapdoc.config.schema.json`, schema);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeSchema();
