/**
 * The JSON Schema of heapdoc.config.json (src/lint/schema.ts): every rule and option of the
 * registry is in it, typed; it accepts exactly what parseConfig accepts on the same texts
 * (validated with Ajv, draft-07); the build ships it; the CLI prints it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { findRule, RULES } from '../../src/analyze/rules/index.js';
import { parseConfig } from '../../src/lint/config.js';
import { configSchema } from '../../src/lint/schema.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);

type AjvInstance = { addVocabulary(words: string[]): unknown; compile(schema: unknown): ValidateFunction };

function validator(): ValidateFunction {
  const Ajv = ((m: unknown) => (m as { default?: unknown }).default ?? m)(require('ajv')) as new (o: Record<string, unknown>) => AjvInstance;
  // Strict, so a misspelt keyword fails; the words VS Code adds to JSON Schema are declared.
  // strictRequired off: `anyOf: [{ required: [a] }, { required: [b] }]` (one of two options) is meant.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, strictRequired: false });
  ajv.addVocabulary(['allowComments', 'allowTrailingCommas', 'enumDescriptions']);
  return ajv.compile(configSchema());
}

interface Schema {
  properties: { rules: { properties: Record<string, { description: string; anyOf: Array<{ items?: Array<{ properties?: Record<string, { description: string; allOf: Array<{ $ref: string }>; default?: number }> }> }> }> } };
}

describe('config schema', () => {
  const schema = configSchema() as unknown as Schema;
  const ruleSchemas = schema.properties.rules.properties;

  it('has every rule of the registry, with its description, and nothing else', () => {
    expect(Object.keys(ruleSchemas)).toEqual(RULES.map((r) => r.meta.id));
    for (const rule of RULES) expect(ruleSchemas[rule.meta.id]?.description.startsWith(rule.meta.description)).toBe(true);
  });

  it('types every option of every rule by its kind, with its description', () => {
    for (const rule of RULES) {
      const forms = ruleSchemas[rule.meta.id]?.anyOf ?? [];
      const options = forms.at(-1)?.items?.[1]?.properties ?? {};
      expect(Object.keys(options), rule.meta.id).toEqual(Object.keys(rule.meta.options ?? {}));
      for (const [name, meta] of Object.entries(rule.meta.options ?? {})) {
        expect(options[name]?.allOf[0]?.$ref, `${rule.meta.id}.${name}`).toBe(`#/definitions/${meta.kind}`);
        expect(options[name]?.description.startsWith(meta.description)).toBe(true);
      }
    }
    const stack = ruleSchemas['stack-heavy']?.anyOf[1]?.items?.[1]?.properties;
    expect(stack?.stackMinBytes?.default).toBe(16 * 1024 * 1024);
    expect(stack?.stackMinShare?.default).toBe(0.25);
  });

  // Each text: does parseConfig accept it? The schema must say the same.
  const CASES: Array<[string, boolean]> = [
    ['{}', true],
    ['{ "$schema": "./node_modules/heapdoc/schema/heapdoc.config.schema.json", "rules": {} }', true],
    ['{ "rules": { "idle-heap-retained": "off", "gc-cpu-high": 2, "heap-fragmentation": ["warn"], "stack-heavy": "info" } }', true],
    ['{ "rules": { "gc-cpu-high": "warning" } }', false],
    ['{ "rules": { "gc-cpu-high": 3 } }', false],
    ['{ "rules": { "gc-cpu-high": ["warn", {}, {}] } }', false],
    ['{ "rules": { "gc-cpu-high": [] } }', false],
    ['{ "rules": { "no-such-rule": "warn" } }', false],
    ['{ "rules": { "gc-cpu-high": "warn" }, "extends": "x" }', false],
    ['{ "rules": [] }', false],
    ['{ "rules": { "max-live-heap": ["error", { "limit": "512MiB" }] } }', true],
    ['{ "rules": { "max-live-heap": ["error", { "limit": "1.5gib" }] } }', true],
    ['{ "rules": { "max-live-heap": ["warn", { "limit": 1073741824 }] } }', true],
    ['{ "rules": { "max-live-heap": ["warn", { "limit": 1.5 }] } }', false],
    ['{ "rules": { "max-live-heap": ["warn", { "limit": -1 }] } }', false],
    ['{ "rules": { "max-live-heap": ["warn", { "limit": "lots" }] } }', false],
    ['{ "rules": { "max-live-heap": "error" } }', false],
    ['{ "rules": { "max-live-heap": ["error"] } }', false],
    ['{ "rules": { "max-live-heap": ["error", {}] } }', false],
    ['{ "rules": { "max-live-heap": "off" } }', true],
    ['{ "rules": { "max-live-heap": 0 } }', true],
    ['{ "rules": { "max-live-heap": ["off"] } }', true],
    ['{ "rules": { "max-live-heap": ["error", { "max": "1GiB" }] } }', false],
    ['{ "rules": { "max-gc-pause": ["error", { "limit": "5ms" }] } }', true],
    ['{ "rules": { "max-gc-pause": ["error", { "limit": "1.5 s" }] } }', true],
    ['{ "rules": { "max-gc-pause": ["error", { "limit": "5 days" }] } }', false],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": "5%" }] } }', true],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": "100%" }] } }', true],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": "150%" }] } }', false],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": 0.05 }] } }', true],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": "0.5" }] } }', true],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": "1.5" }] } }', false],
    ['{ "rules": { "max-gc-cpu-fraction": ["error", { "limit": 2 }] } }', false],
    ['{ "rules": { "max-goroutines": ["warn", { "limit": 10000 }] } }', true],
    ['{ "rules": { "max-goroutines": ["warn", { "limit": "10000" }] } }', true],
    ['{ "rules": { "max-goroutines": ["warn", { "limit": "10k" }] } }', false],
    ['{ "rules": { "stack-heavy": ["warn", { "stackMinBytes": "64MiB", "stackMinShare": 0.5 }] } }', true],
    ['{ "rules": { "stack-heavy": ["warn", { "stackMinShare": "50%" }] } }', true],
    ['{ "rules": { "stack-heavy": ["warn", { "stackMinShare": true }] } }', false],
    ['{ "rules": { "gc-pause-long": ["warn", { "gcPauseNs": "5ms" }] } }', true],
    // The micro sign, as Go prints µs (the sources write it as \u00b5: the bundle is ASCII).
    ['{ "rules": { "gc-pause-long": ["warn", { "gcPauseNs": "500µs" }] } }', true],
    ['{ "rules": { "gc-pause-long": ["warn", { "gcPauseNs": "500μs" }] } }', false],
    ['{ "rules": { "gc-pause-long": ["warn", { "limit": "5ms" }] } }', false],
  ];

  // The series budgets (rate options, one of two options required), once the registry has them.
  const SERIES_CASES: Array<[string, boolean]> = findRule('heap-growth') ? [
    ['{ "rules": { "heap-growth": ["error", { "perHour": "10MiB/h" }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": "512 KiB / min" }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": "1GiB/d" }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": 0.5 }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": 1048576 }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": "1048576" }] } }', true],
    ['{ "rules": { "heap-growth": ["error", { "perHour": "10MiB" }] } }', false],
    ['{ "rules": { "heap-growth": ["error", { "perHour": "10MiB/week" }] } }', false],
    ['{ "rules": { "heap-growth": ["error", { "perGC": "64KiB" }] } }', true],
    ['{ "rules": { "heap-growth": ["error", {}] } }', false],
    ['{ "rules": { "heap-growth": "error" } }', false],
    ['{ "rules": { "heap-growth": "off" } }', true],
  ] : [];

  it('accepts what heapdoc accepts, and refuses what it refuses', () => {
    const validate = validator();
    for (const [text, accepted] of [...CASES, ...SERIES_CASES]) {
      let parsed = true;
      try {
        parseConfig(text, 'heapdoc.config.json');
      } catch {
        parsed = false;
      }
      expect(parsed, `heapdoc on ${text}`).toBe(accepted);
      expect(validate(JSON.parse(text)), `schema on ${text}`).toBe(accepted);
    }
  });

  it('is shipped by the build as schema/heapdoc.config.schema.json, in the package files', () => {
    // test/global-setup.ts ran scripts/bundle.mjs, which writes it from the registry.
    expect(JSON.parse(readFileSync(join(ROOT, 'schema/heapdoc.config.schema.json'), 'utf8'))).toEqual(configSchema());
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, string> };
    expect(manifest.files).toContain('schema');
    expect(manifest.exports['./schema/heapdoc.config.schema.json']).toBe('./schema/heapdoc.config.schema.json');
  });
});

describe('heapdoc explain --schema', () => {
  it('prints the schema as JSON', async () => {
    const r = await runCli(['explain', '--schema']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(configSchema());
  });

  it('refuses an ID beside --schema', async () => {
    const r = await runCli(['explain', 'HeapIdle', '--schema']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heapdoc: error: explain --schema takes no ID (got "HeapIdle") — run heapdoc explain --schema alone\n');
  });

  it('lint honours a config whose "$schema" names the shipped schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-schema-'));
    const config = join(dir, 'heapdoc.config.json');
    writeFileSync(config, '{\n  "$schema": "./node_modules/heapdoc/schema/heapdoc.config.schema.json",\n  "rules": { "max-live-heap": ["error", { "limit": "1MiB" }] },\n}\n');
    const r = await runCli(['lint', '--config', config, '--format', 'json', 'samples/go1.23/seed/routine3/after-free.heap-debug1.txt']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    expect(results[0]?.messages.map((m) => m.ruleId)).toContain('max-live-heap');
  });
});
