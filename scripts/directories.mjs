/**
 * The build scripts' directories, made as src/common/directories.ts makeDirectory makes heapdoc's:
 * one level at a time, because Node 20's `mkdir(…, { recursive: true })` never returns when a
 * level answers ENOENT though its parent exists (`/proc/nope`). The scripts run before tsc has
 * built src (and without it, in `npm install`), so they cannot import that module: this is its
 * plain-JavaScript twin, shared by every script (bundle.mjs, schema.mjs).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes `dir` and its missing parents. Throws the system's error for the first level that cannot
 * be made; its `path` names that level.
 * @param {string} dir
 */
export function makeDirectory(dir) {
  const missing = [];
  for (let level = resolve(dir); ; level = dirname(level)) {
    const stat = statIfAny(level);
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${level}'`), { code: 'ENOTDIR', path: level });
      break;
    }
    missing.push(level);
    if (dirname(level) === level) break; // a root that does not exist: mkdir says why
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      // Made meanwhile by another process: as good as made here.
      if (error?.code !== 'EEXIST' || !statIfAny(level)?.isDirectory()) throw error;
    }
  }
}

/** The level's stat, or undefined when it does not exist (ENOENT); any other error is thrown. */
function statIfAny(path) {
  try {
    return statSync(path);
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined;
    throw error;
  }
}
