/** Paths and readers for the test fixtures (real corpus files copied into the repo). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(ROOT, 'test/fixtures');
export const CORPUS = join(FIXTURES, 'corpus');
export const VERSIONS = ['go1.19', 'go1.21', 'go1.23', 'go1.26-devel'] as const;
/** The bundled CLI, as installed (package.json bin); test/global-setup.ts bundles it afresh before the tests. */
export const CLI = join(ROOT, 'dist/bundle/heapdoc.js');

export function corpusPath(rel: string): string {
  return join(CORPUS, rel);
}

export function readFixture(rel: string): string {
  const path = join(FIXTURES, rel);
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function readCorpus(rel: string): string {
  return readFixture(join('corpus', rel));
}

/** Every file below `dir` (relative to the corpus), sorted. */
export function corpusFiles(filter: (rel: string) => boolean, dir = CORPUS): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (filter(relative(CORPUS, p))) out.push(relative(CORPUS, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** JSON with integers beyond 2^53 kept as bigint (the sidecars hold LastGC and PauseEnd). */
export function parseJsonExact(text: string): unknown {
  const marked = text.replace(/([:,[]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"__big__$2"');
  return JSON.parse(marked, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('__big__') ? BigInt(v.slice(7)) : v));
}
