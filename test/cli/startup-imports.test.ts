/**
 * What `heapdoc --help` loads: the program and every command's module (program.ts registers
 * them all for help), with what they import statically. None may reach Chevrotain (loading it
 * and building a grammar costs more than the rest of --help), Ink or React: grammars are
 * imported when an input of their kind is read, the UI when it starts (tui/load.ts).
 *
 * And what the bundled CLI loads to analyze a small dump: none of the Node built-ins that only
 * some runs need (a few milliseconds of CPU each, on every start). They are loaded through
 * require() when needed (common/builtins.ts): the bundle is a script run by node:vm, where an
 * import() of a built-in fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/fixtures.js';
import { COMMAND_NAMES } from '../../src/cli/argv.js';

const SRC = join(ROOT, 'src');

/**
 * The modules a source module imports statically (value imports, not `import type`, not
 * `import()`): src-relative paths, or package names. None for a package.
 */
function staticImports(module: string): string[] {
  const file = [`${module}.ts`, `${module}.tsx`].map((f) => join(SRC, f)).find((f) => existsSync(f));
  if (!file) return [];
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)].map((m) => {
    const spec = m[1] as string;
    return spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.(js|jsx)$/, '') : spec;
  });
}

function staticClosure(roots: string[]): Set<string> {
  const seen = new Set(roots);
  const stack = [...roots];
  for (let module = stack.pop(); module !== undefined; module = stack.pop()) {
    for (const target of staticImports(module)) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

describe('heapdoc --help', () => {
  const loaded = staticClosure(['cli/program', ...COMMAND_NAMES.map((name) => `cli/commands/${name}`)]);

  it('loads every command module (the check below reads the real graph)', () => {
    expect(loaded.has('cli/commands/analyze')).toBe(true);
    expect(loaded.has('input/registry')).toBe(true);
  });

  it('loads no grammar built with Chevrotain, no Ink and no React', () => {
    expect([...loaded].filter((m) => m === 'grammar/common/chevrotain' || m === 'chevrotain' || m === 'ink' || m === 'react' || m === 'react/jsx-runtime')).toEqual([]);
  });
});

describe('the bundled CLI analyzing a small dump', () => {
  // fs-extra's graceful-fs, once loaded, keeps its queue of retried calls under this global key.
  const probe = join(mkdtempSync(join(tmpdir(), 'heapdoc-builtins-')), 'probe.cjs');
  writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, `\\nLOADED ${process.moduleLoadList.join(',')}\\nFS-EXTRA ${Symbol.for('graceful-fs.queue') in globalThis}\\n`));\n");
  const analyze = (...args: string[]): { stdout: string; loaded: string[]; fsExtra: string | undefined } => {
    const r = spawnSync(process.execPath, ['-r', probe, CLI, 'test/fixtures/corpus/go1.23/seed/routine4.after-free.heap-debug1.txt', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    expect(r.status).toBe(0);
    return { stdout: r.stdout, loaded: /^LOADED (.*)$/m.exec(r.stderr)?.[1]?.split(',') ?? [], fsExtra: /^FS-EXTRA (.*)$/m.exec(r.stderr)?.[1] };
  };
  const lazyBuiltins = /^NativeModule (crypto|zlib|child_process|fs\/promises|tty|worker_threads)$/;

  it('loads no node:crypto, node:zlib, node:child_process, node:fs/promises, node:tty or node:worker_threads, and not fs-extra', () => {
    const { stdout, loaded, fsExtra } = analyze();
    expect(stdout).toContain('Not a leak of reachable data: HeapAlloc 4.7 MiB (the live heap as of the last GC, cycle 5, and what was allocated since) of 40.3 MiB mapped');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => lazyBuiltins.test(m))).toEqual([]);
    expect(fsExtra).toBe('false');
  });

  it('loads none of them for the JSON report either (its placeholders are not made with node:crypto)', () => {
    const { stdout, loaded, fsExtra } = analyze('--format', 'json');
    expect(JSON.parse(stdout).snapshots[0].memStats.HeapAlloc).toBe(4927520);
    expect(loaded.filter((m) => lazyBuiltins.test(m))).toEqual([]);
    expect(fsExtra).toBe('false');
  });

  it('loads fs-extra when it walks a directory', () => {
    const r = spawnSync(process.execPath, ['-r', probe, CLI, 'test/fixtures/corpus/go1.23/seed'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    expect(/^FS-EXTRA (.*)$/m.exec(r.stderr)?.[1]).toBe('true');
  });

  it("computes Chevrotain's character buckets instead of filling its 65,536-entry table (scripts/bundle.mjs patched it)", () => {
    const script = readFileSync(join(ROOT, 'dist/bundle/heapdoc.cjs'), 'utf8');
    expect(script).not.toContain('charCodeToOptimizedIdxMap');
    expect(script).toContain('255+~~(charCode/255)');
  });

  it('is ASCII, its CommonJS wrapper in the file, and the launcher reads it as Latin-1 (no UTF-8 decode, no copy joined to a wrapper)', () => {
    const script = readFileSync(join(ROOT, 'dist/bundle/heapdoc.cjs'), 'latin1');
    expect(/[^\x00-\x7f]/.exec(script)).toBeNull();
    expect(script.startsWith('(function (exports, require, module, __filename, __dirname, __heapdocUrl) {\n')).toBe(true);
    expect(script.endsWith('\n})')).toBe(true);
    expect(readFileSync(join(ROOT, 'dist/bundle/heapdoc.js'), 'utf8')).toMatch(/readFileSync\)\(SCRIPT, "latin1"\)/);
  });

  it('has no import() in its script: node:vm runs it without a dynamic import callback', () => {
    expect(readFileSync(join(ROOT, 'dist/bundle/heapdoc.cjs'), 'utf8').match(/\bimport\s*\(/g) ?? []).toEqual([]);
  });
});
