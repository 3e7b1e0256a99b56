/**
 * Bundles the CLI (src/cli/main.ts) into dist/bundle/heapdoc.js: one file to load at start-up,
 * instead of hundreds of ES modules (Ink and React alone are ~520 files), with every command
 * and the terminal UI in chunks of their own that load on demand (dynamic imports stay
 * dynamic). Chevrotain stays outside: common/chevrotain.ts loads its one-file bundle at run
 * time. Run by `npm run build` and, for the tests that spawn the CLI, by test/global-setup.ts;
 * then the bundled CLI writes the config's JSON Schema (scripts/schema.mjs).
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSchema } from './schema.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundle() {
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    // A checkout whose node_modules predates esbuild: the same entry point, unbundled (tsc's
    // output), so the CLI and its tests still work, only slower to start. `npm install` fixes it.
    console.warn('heapdoc: esbuild is not installed (run npm install); dist/bundle/heapdoc.js runs dist/src unbundled');
    mkdirSync(`${root}dist/bundle`, { recursive: true });
    writeFileSync(`${root}dist/bundle/heapdoc.js`, "#!/usr/bin/env node\nimport '../src/cli/main.js';\n");
    chmodSync(`${root}dist/bundle/heapdoc.js`, 0o755);
    return;
  }
  // Chunk names carry a content hash: without a clean slate, every build would leave the previous
  // build's chunks behind, and `npm pack` would ship them all (megabytes each).
  rmSync(`${root}dist/bundle`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // The lint worker thread's script is an entry of its own (src/lint/workers.ts finds it).
    entryPoints: { heapdoc: 'src/cli/main.ts', 'lint-worker': 'src/lint/worker.ts' },
    outdir: 'dist/bundle',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ES module builds first: jsonc-parser's CommonJS build is UMD with require() calls a bundler cannot follow.
    mainFields: ['module', 'main'],
    // react-devtools-core: Ink imports it only when DEV=true; not a dependency.
    external: ['chevrotain', 'react-devtools-core'],
    // CommonJS dependencies (commander, fs-extra) call require(): give the ES module one.
    banner: { js: "import { createRequire as __heapdocRequire } from 'node:module'; const require = __heapdocRequire(import.meta.url);" },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
  writeSchema();
}
