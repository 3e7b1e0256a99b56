/** Shared by the gcflags tests: the corpus files, read the way a user's file is. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CORPUS = `${ROOT}test/fixtures/corpus`;
export const HANDMADE = `${ROOT}test/fixtures/gcflags`;
export const VERSIONS = ['go1.19', 'go1.21', 'go1.23', 'go1.26-devel'] as const;
export type Version = (typeof VERSIONS)[number];

export const COMPILER_FILES = [
  'seed.gcflags-m.txt',
  'seed.gcflags-m-m.txt',
  'seed.gcflags-m2.txt',
  'net_http.gcflags-m.txt',
  'encoding_json.gcflags-m2.txt',
  'std.gcflags-all-m.txt.gz',
] as const;

const cache = new Map<string, string>();

/** A corpus compiler output as text (the .gz ones decompressed). */
export function compilerText(version: Version, file: string): string {
  const path = `${CORPUS}/${version}/compiler/${file}`;
  let text = cache.get(path);
  if (text === undefined) {
    const bytes = readFileSync(path);
    text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    cache.set(path, text);
  }
  return text;
}

export function handmade(name: string): string {
  return readFileSync(`${HANDMADE}/${name}`, 'utf8');
}
