/**
 * Keeps the structure between the folders: imports run one way, from the layer that knows least
 * to the one that knows most, and no module imports itself back through others. A new folder
 * under src/ must be given its place in LAYERS. See docs/architecture.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

/**
 * Lowest first: a folder may import from its own layer and those before it. `exposition` (what
 * /metrics, expvar and gctrace say, turned into MemStats and series) sits with analyze: input/
 * must not import it; a registry reader returns grammar output and analyze/ builds on it.
 */
const LAYERS: readonly (readonly string[])[] = [['common'], ['text'], ['grammar'], ['input'], ['analyze', 'exposition'], ['report'], ['lint'], ['tui'], ['cli']];

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative module a file imports (static, `export … from`, and `import()`), as src-relative paths without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1] as string);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.(js|jsx|ts|tsx)$/, ''));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [relative(SRC, f).replace(/\.tsx?$/, ''), importsOf(f)]));

function layerOf(module: string): number {
  const folder = module.split('/')[0] ?? '';
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

describe('imports', () => {
  it('every folder of src/ has a layer', () => {
    const folders = new Set([...graph.keys()].filter((m) => m.includes('/')).map((m) => m.split('/')[0] ?? ''));
    expect([...folders].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it(`run one way: ${LAYERS.map((l) => l.join('+')).join(' → ')}`, () => {
    const upward: string[] = [];
    for (const [module, imports] of graph) {
      for (const target of imports) {
        if (layerOf(target) > layerOf(module)) upward.push(`${module} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('form no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (module: string): void => {
      state.set(module, 'open');
      stack.push(module);
      for (const target of graph.get(module) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(module, 'done');
    };
    for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
    expect(cycles).toEqual([]);
  });

  it('the graph is read (a check of the check)', () => {
    expect(graph.get('cli/main')?.length).toBeGreaterThan(0);
    expect(graph.get('input/pipeline')).toContain('input/registry');
  });
});
