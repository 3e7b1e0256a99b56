/**
 * Chevrotain's runtime, loaded from its single-file bundle. The package's entry point
 * (lib/src/api.js) is a tree of hundreds of ES modules (lodash-es among them) that takes about
 * 240 ms to load; the bundle it ships beside it (lib/chevrotain.mjs) is the same library in one
 * file and loads in about 25 ms. The package's "exports" map does not list the bundle, so it is
 * found next to the resolved entry. The CLI's bundle (scripts/bundle.mjs) replaces this module
 * with a static import of that same file: it runs as a script, where top-level await cannot be.
 */
import type * as ChevrotainApi from 'chevrotain';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = createRequire(import.meta.url).resolve('chevrotain'); // …/chevrotain/lib/src/api.js
const bundle = join(dirname(entry), '..', 'chevrotain.mjs');

export const chevrotain = (existsSync(bundle) ? await import(pathToFileURL(bundle).href) : await import('chevrotain')) as typeof ChevrotainApi;
