/**
 * What `heapdoc --help` loads: the program and every command's module (program.ts registers
 * them all for help), with what they import statically. None may reach Chevrotain (loading it
 * and building a grammar costs more than the rest of --help), Ink or React: grammars are
 * imported when an input of their kind is read, the UI when it starts (tui/load.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
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
