/**
 * Node built-in modules that few runs need, loaded when first used rather than at start-up: each
 * costs every start a few milliseconds of CPU (node:crypto 6–9 ms on a 2-core machine), and a
 * small dump is analyzed in about twice the time of `node -e 0`. Through require(), not
 * import(): the bundled CLI is a script run by node:vm, which has no dynamic import.
 */
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';
import type * as FsPromises from 'node:fs/promises';
import type * as Stream from 'node:stream';
import type * as StreamPromises from 'node:stream/promises';
import type * as Tty from 'node:tty';
import type * as Zlib from 'node:zlib';

const loadBuiltin = createRequire(import.meta.url);

/** Random hexadecimal digits, `bytes` bytes' worth: for names and placeholders no input can hold. */
export function randomHex(bytes: number): string {
  return (loadBuiltin('node:crypto') as typeof Crypto).randomBytes(bytes).toString('hex');
}

/** node:tty, for the terminal UI's keyboard. */
export function ttyModule(): typeof Tty {
  return loadBuiltin('node:tty') as typeof Tty;
}

/** node:fs/promises, for a report written to a file. */
export function fsPromisesModule(): typeof FsPromises {
  return loadBuiltin('node:fs/promises') as typeof FsPromises;
}

/** What reads a gzipped input: a stream of its bytes piped through gunzip. */
export function gunzipModules(): { Readable: typeof Stream.Readable; pipeline: typeof StreamPromises.pipeline; createGunzip: typeof Zlib.createGunzip } {
  const { Readable } = loadBuiltin('node:stream') as typeof Stream;
  const { pipeline } = loadBuiltin('node:stream/promises') as typeof StreamPromises;
  const { createGunzip } = loadBuiltin('node:zlib') as typeof Zlib;
  return { Readable, pipeline, createGunzip };
}
