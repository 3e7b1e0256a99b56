/**
 * The executable of the bundle (dist/bundle/heapdoc.js, built from this file by
 * scripts/bundle.mjs). The CLI itself is one script beside it, heapdoc.cjs (main.ts and all it
 * loads, Chevrotain included), run with V8's cache of its compiled code: without it, every start
 * compiles again the functions it runs (the CLI, the heap grammar's construction, Chevrotain),
 * the larger part of a small dump's start-up. Node 20 can cache only scripts (vm.Script
 * cachedData), not ES modules, hence a script.
 *
 * The cache is a file per build, Node version and command, written when a run finds none (or
 * one V8 rejects; the caches of all but the last few builds are then removed), in a directory of this user's that no one else can write to: a code cache is
 * code. HEAPDOC_COMPILE_CACHE names another directory, or turns the cache off (0). Without a
 * writable directory the CLI runs the same, only without the cache.
 *
 * Ink and React stay an ES module of their own (ui.mjs: they use top-level await, which a script
 * cannot), loaded through the hook tui/load.ts calls when the terminal UI starts.
 *
 * The lint worker threads (lint/workers.ts) start here too: the script and its cache are theirs.
 */
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { packageVersion } from '../input/package.js';
import { commandsFor, isVersionOnly } from './argv.js';
import { makeDirectory } from '../common/directories.js';
import { isMainThread } from '../common/builtins.js';
import { capYoungGeneration, restoreFlags } from './young-generation.js';

/** A hash of heapdoc.cjs, written in by scripts/bundle.mjs: a cache is for one build only (V8 checks the source's length, not its text). */
declare const HEAPDOC_BUNDLE_HASH: string;
/**
 * How heapdoc.cjs is read, written in by scripts/bundle.mjs: `latin1` when it is ASCII (the same
 * text, without decoding UTF-8: with the wrapper in the file, half the launcher's time to compile
 * it from the cache, ~15 ms of every start on a 2-core machine), else `utf8`.
 */
declare const HEAPDOC_SCRIPT_ENCODING: BufferEncoding;

const SCRIPT = fileURLToPath(new URL('./heapdoc.cjs', import.meta.url));

/** This launcher also starts lint's worker threads (lint/workers.ts). */
const MAIN_THREAD = isMainThread();

/** The cache directory, created if need be; undefined when it is off or not safely ours. */
function cacheDirectory(): string | undefined {
  const setting = process.env.HEAPDOC_COMPILE_CACHE;
  if (setting === '0') return undefined;
  const uid = process.getuid?.();
  const dir = setting || join(tmpdir(), `heapdoc-compile-cache${uid !== undefined ? `-${uid}` : ''}`);
  try {
    makeDirectory(dir, 0o700);
    const stat = lstatSync(dir);
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file of this build, Node and command: each command runs (and so compiles) different code. */
function cacheFile(): string | undefined {
  const dir = cacheDirectory();
  if (dir === undefined) return undefined;
  // Lint workers use the lint command's cache: the main thread lints files too, through the same code.
  const commands = MAIN_THREAD ? commandsFor(process.argv) : ['lint'];
  const command = commands.length === 0 ? 'version' : commands.length > 1 ? 'help' : commands[0];
  // The script's path is in the key too: V8's cache keeps the filename it was made with, and two
  // installs of one build sharing a cache showed each other's paths in --debug stack traces.
  return join(dir, `${HEAPDOC_BUNDLE_HASH}-${pathKey(SCRIPT)}-${process.version}-${process.arch}-${command}.bin`);
}

/** A short hash of a path (FNV-1a, 32 bits, hex): a key, not a secret. */
function pathKey(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function readCache(file: string | undefined): Buffer | undefined {
  try {
    return file !== undefined ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: a run starting meanwhile never reads half a file. */
function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
    pruneCaches(dirname(file));
  } catch {
    rmSync(temp, { force: true });
  }
}

/** Builds whose caches are kept: enough for a few installed versions used in turn, not one per rebuild. */
const KEPT_BUILDS = 4;

/** Removes the caches of all but the KEPT_BUILDS builds written last (each build writes new ones, under its hash). */
function pruneCaches(dir: string): void {
  const latest = new Map<string, number>();
  const files = readdirSync(dir).filter((name) => /^[0-9a-f]{16}-.*\.bin$/.test(name));
  for (const name of files) {
    const build = name.slice(0, 16);
    latest.set(build, Math.max(latest.get(build) ?? 0, statSync(join(dir, name)).mtimeMs));
  }
  const kept = new Set([...latest].sort((a, b) => b[1] - a[1]).slice(0, KEPT_BUILDS).map(([build]) => build));
  for (const name of files) if (!kept.has(name.slice(0, 16))) rmSync(join(dir, name), { force: true });
}

/**
 * Ink and React, for the UI's components in the script: tui/load.ts calls load() before it
 * evaluates them, and the bundle's 'ink', 'react' and 'react/jsx-runtime' read `modules`.
 * (Symbol.for: the same key as tui/load.ts's UI_HOOK, without loading that module here.)
 */
const uiModules: Record<string, unknown> = {};
(globalThis as Record<symbol, unknown>)[Symbol.for('heapdoc.ui')] = {
  modules: uiModules,
  async load(): Promise<void> {
    if (!('ink' in uiModules)) Object.assign(uiModules, await import(new URL('./ui.mjs', import.meta.url).href));
  },
};

/** The whole CLI run from the script, with the cache when there is one. */
function runScript(): void {
  const file = cacheFile();
  const cachedData = readCache(file);
  // The script is a function expression, the CommonJS wrapper (scripts/bundle.mjs).
  const script = new Script(readFileSync(SCRIPT, HEAPDOC_SCRIPT_ENCODING), {
    filename: SCRIPT,
    ...(cachedData ? { cachedData } : {}),
  });
  if (file !== undefined && MAIN_THREAD && (cachedData === undefined || script.cachedDataRejected === true)) {
    // At exit, the cache holds every function this run compiled: what the next run of this command needs.
    process.once('exit', () => {
      // The flags the next run starts with: V8 rejects a cache made under other flags.
      restoreFlags();
      writeCache(file, script.createCachedData());
    });
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports, createRequire(SCRIPT), module, SCRIPT, fileURLToPath(new URL('.', import.meta.url)), pathToFileURL(SCRIPT).href,
  );
}

// `heapdoc --version` alone: what scripts call to check the tool is there, answered without the CLI.
if (MAIN_THREAD && isVersionOnly(process.argv)) process.stdout.write(`${packageVersion()}\n`);
else {
  if (MAIN_THREAD) capYoungGeneration();
  runScript();
}
