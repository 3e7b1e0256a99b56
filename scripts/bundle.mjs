/**
 * Bundles the CLI into dist/bundle/, three files (and ui.mjs's chunks) and a package.json that
 * makes its .js files CommonJS:
 *
 *   heapdoc.js   the executable (src/cli/launch.ts): runs heapdoc.cjs from V8's code cache
 *   heapdoc.cjs  the CLI (src/cli/main.ts and all it loads, Chevrotain included) as one script:
 *                Node 20 caches the compiled code of scripts only, not of ES modules. Modules
 *                that are imported dynamically (each command, each grammar) are evaluated
 *                only when imported, as before, so `heapdoc --version` runs none of them.
 *   ui.mjs       Ink and React, an ES module (they use top-level await, which a script cannot
 *                hold), loaded only when the terminal UI starts (src/tui/load.ts); the script's
 *                'ink', 'react' and 'react/jsx-runtime' are the exports of this module.
 *
 * Run by `npm run build` and, for the tests that spawn the CLI, by test/global-setup.ts; then the
 * bundled CLI writes the config's JSON Schema (scripts/schema.mjs).
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDirectory } from './directories.mjs';
import { writeSchema } from './schema.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/bundle`;

/**
 * What heapdoc.cjs starts with: the CommonJS wrapper the launcher calls with the script's
 * exports, require, module, filename, directory and URL (src/cli/launch.ts runScript), on the
 * script's first line, so that stack traces keep its line numbers.
 */
const SCRIPT_WRAPPER = '(function (exports, require, module, __filename, __dirname, __heapdocUrl) {';

/** The modules ui.mjs holds, and the name of each among its exports. */
const UI_MODULES = { ink: 'ink', react: 'react', 'react/jsx-runtime': 'jsxRuntime' };

/** Chevrotain's one-file build (src/grammar/common/chevrotain-runtime.ts explains why that file). */
const chevrotainBundle = join(dirname(createRequire(`${root}package.json`).resolve('chevrotain')), '..', 'chevrotain.mjs');

/** What the script differs in from the ES modules tsc builds for the tests. */
const scriptPlugin = {
  name: 'heapdoc-script',
  setup(build) {
    // Chevrotain by a static import: the runtime module loads it with top-level await.
    build.onLoad({ filter: /[\\/]src[\\/]grammar[\\/]common[\\/]chevrotain-runtime\.ts$/ }, () => ({
      contents: `import * as chevrotain from ${JSON.stringify(chevrotainBundle)};\nexport { chevrotain };\n`,
      loader: 'ts',
    }));
    // Commander requires node:child_process as it loads, for executable subcommands, which heapdoc
    // has none of: 5–8 ms of every start. It gets the module on first use instead.
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'heapdoc-lazy' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'heapdoc-lazy' }, () => ({
      contents: "let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });\n",
      loader: 'js',
    }));
    // Ink and React: the exports of ui.mjs, which the launcher has loaded before the UI's components run.
    build.onResolve({ filter: /^(ink|react|react\/jsx-runtime)$/ }, (args) => ({ path: args.path, namespace: 'heapdoc-ui' }));
    build.onLoad({ filter: /.*/, namespace: 'heapdoc-ui' }, (args) => ({
      contents: `module.exports = globalThis[Symbol.for('heapdoc.ui')].modules[${JSON.stringify(UI_MODULES[args.path])}];\n`,
      loader: 'js',
    }));
  },
};

/**
 * Chevrotain maps a character code past 255 to its lexer bucket through a table of 65,536
 * entries, 255 + ⌊code / 255⌋, which every new process fills the first time a lexer is built:
 * ~7 ms of a small dump's start-up, for a number one division gives. The bundle computes it.
 * The same buckets, so the same tokens. A library that no longer reads as expected is bundled
 * as it is, with a warning (and the tests fail).
 */
const chevrotainPlugin = {
  name: 'heapdoc-chevrotain-char-buckets',
  setup(build) {
    build.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]chevrotain\.mjs$/ }, (args) => {
      const library = readFileSync(args.path, 'utf8');
      const table = `function charCodeToOptimizedIndex(charCode) {
  return charCode < minOptimizationVal ? charCode : charCodeToOptimizedIdxMap[charCode];
}
function initCharCodeToOptimizedIndexMap() {
  if (isEmpty_default(charCodeToOptimizedIdxMap)) {
    charCodeToOptimizedIdxMap = new Array(65536);
    for (let i = 0; i < 65536; i++) {
      charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;
    }
  }
}`;
      const computed = `function charCodeToOptimizedIndex(charCode) {
  return charCode < minOptimizationVal ? charCode : 255 + ~~(charCode / 255);
}
function initCharCodeToOptimizedIndexMap() {
}`;
      if (!library.includes(table) || !library.includes('var minOptimizationVal = 256;')) {
        // Only start-up time is at stake: bundle the library as it is (a user's install must not
        // fail for it), and say so; test/cli/startup-imports.test.ts fails on such a bundle.
        console.warn(`heapdoc: ${args.path}: Chevrotain's character buckets changed; bundled unpatched (review chevrotainPlugin in scripts/bundle.mjs)`);
        return undefined;
      }
      return { contents: library.replace(table, computed), loader: 'js' };
    });
  },
};

/**
 * Yoga's WebAssembly is a base64 data: URL inside its loader (Emscripten's). To read it, the
 * loader calls fetch() when there is one, which makes Node load its fetch implementation
 * (undici: ~25 ms of CPU before the UI's first frame) to decode a string already in memory; for
 * a data: URL its other path decodes it directly, as the same loader already does when it
 * instantiates. The build fails if the loader no longer reads as expected.
 */
const yogaPlugin = {
  name: 'heapdoc-yoga-data-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const loader = readFileSync(args.path, 'utf8');
      const before = 'function ya(){return w||"function"!=typeof fetch?';
      if (!loader.includes(before)) throw new Error(`${args.path}: Yoga's loader changed; review yogaPlugin in scripts/bundle.mjs`);
      return { contents: loader.replace(before, 'function ya(){return w||ua(H)||"function"!=typeof fetch?'), loader: 'js' };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // ES module builds first: jsonc-parser's CommonJS build is UMD with require() calls a bundler cannot follow.
  mainFields: ['module', 'main'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
};

export async function bundle() {
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    // A checkout whose node_modules predates esbuild: the same entry point, unbundled (tsc's
    // output), so the CLI and its tests still work, only slower to start. `npm install` fixes it.
    console.warn('heapdoc: esbuild is not installed (run npm install); dist/bundle/heapdoc.js runs dist/src unbundled');
    rmSync(out, { recursive: true, force: true });
    makeDirectory(out);
    writeFileSync(`${out}/heapdoc.js`, "#!/usr/bin/env node\nimport '../src/cli/main.js';\n");
    chmodSync(`${out}/heapdoc.js`, 0o755);
    return;
  }
  // Chunk names carry a content hash: without a clean slate, every build would leave the previous
  // build's chunks behind, and `npm pack` would ship them all (megabytes each).
  rmSync(out, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${out}/heapdoc.cjs`,
    format: 'cjs',
    // Blanks and comments out, and shorter syntax (identifiers kept, so a --debug stack still names
    // each function): every start reads this file whole and V8 scans it. 1.66 MB before, 1.16 MB
    // now: 20–45 ms less CPU for a small dump on a 2-core machine whose large allocations are slow.
    minifyWhitespace: true,
    minifySyntax: true,
    // The script's import.meta.url: the launcher passes the script's URL under this name.
    define: { ...common.define, 'import.meta.url': '__heapdocUrl' },
    plugins: [scriptPlugin, chevrotainPlugin],
  });
  // A script, not an executable: its first line is the CommonJS wrapper the launcher calls (in the
  // file, so that the launcher compiles the text it read, not a copy of 1.2 MB joined to it).
  const script = `${SCRIPT_WRAPPER}${readFileSync(`${out}/heapdoc.cjs`, 'utf8').replace(/^#!.*\n/, '\n')}\n})`;
  writeFileSync(`${out}/heapdoc.cjs`, script);
  // ASCII (esbuild escapes strings, not regular expressions: the sources write \u00b5, not the
  // character): the launcher reads it as Latin-1, the same text without decoding UTF-8.
  const nonAscii = /[^\x00-\x7f]/.exec(script);
  if (nonAscii) console.warn(`heapdoc: dist/bundle/heapdoc.cjs holds ${JSON.stringify(nonAscii[0])} (at ${nonAscii.index}); the launcher reads it as UTF-8, slower to start (write it as a \\u escape in the source)`);
  await build({
    ...common,
    stdin: {
      contents: Object.entries(UI_MODULES).map(([module, name]) => `export * as ${name} from ${JSON.stringify(module)};`).join('\n'),
      resolveDir: root,
      sourcefile: 'ui.mjs',
    },
    outdir: out,
    entryNames: 'ui',
    chunkNames: 'chunks/[name]-[hash]',
    // .mjs: dist/bundle/package.json makes its .js files CommonJS (the launcher's).
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    // react-devtools-core: Ink imports it only when DEV=true; not a dependency.
    external: ['react-devtools-core'],
    plugins: [yogaPlugin],
    // CommonJS dependencies (react) call require(): give the ES module one.
    banner: { js: "import { createRequire as __heapdocRequire } from 'node:module'; const require = __heapdocRequire(import.meta.url);" },
  });
  await build({
    ...common,
    entryPoints: { heapdoc: 'src/cli/launch.ts' },
    outdir: out,
    // CommonJS: Node starts an ES module entry through its ES module loader, ~9 ms more CPU than
    // a CommonJS one on every run (an empty file, 2-core machine). The files of dist/bundle are
    // CommonJS by its own package.json, written below.
    format: 'cjs',
    banner: { js: "#!/usr/bin/env node\n'use strict';\nconst __launcherUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      ...common.define,
      'import.meta.url': '__launcherUrl',
      HEAPDOC_BUNDLE_HASH: JSON.stringify(createHash('sha256').update(script).digest('hex').slice(0, 16)),
      HEAPDOC_SCRIPT_ENCODING: JSON.stringify(nonAscii ? 'utf8' : 'latin1'),
    },
  });
  chmodSync(`${out}/heapdoc.js`, 0o755);
  writeFileSync(`${out}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
  writeSchema();
}
