/** heapdoc.config.json and --rule: what is accepted, and the exact message for each mistake. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeapdocError } from '../../src/input/errors.js';
import { activeRules, applyRuleFlags, lineColumn, loadConfig, locateConfig, parseConfig, parseRuleFlag } from '../../src/lint/config.js';
import { parseDuration, parseFraction, parseOptionValue, parseRate } from '../../src/lint/options.js';
import { readBaseline } from '../../src/lint/baseline.js';

const F = 'heapdoc.config.json';

/** The error a config text raises, as `message — hint` (the line printed on stderr). */
function configError(text: string): string {
  try {
    parseConfig(text, F);
  } catch (error) {
    if (error instanceof HeapdocError) return error.hint ? `${error.message} — ${error.hint}` : error.message;
    throw error;
  }
  throw new Error('no error');
}

function flagError(spec: string): string {
  try {
    parseRuleFlag(spec);
  } catch (error) {
    if (error instanceof HeapdocError) return error.hint ? `${error.message} — ${error.hint}` : error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('config: what is accepted', () => {
  it('reads levels, ESLint numbers and options with units', () => {
    const rules = parseConfig(`{
  "$schema": "ignored",
  "rules": {
    "idle-heap-retained": "off",
    "gc-cpu-high": 2,
    "heap-fragmentation": ["warn"],
    "max-live-heap": ["error", { "limit": "512MiB" }],
    "max-retained": ["warn", { "limit": 1073741824 }],
    "max-gc-pause": ["error", { "limit": "5ms" }],
    "max-gc-cpu-fraction": ["error", { "limit": "5%" }],
    "max-goroutines": ["info", { "limit": 10000 }],
    "stack-heavy": ["warn", { "stackMinBytes": "64MiB", "stackMinShare": 0.5 }]
  }
}`, F);
    expect(Object.fromEntries(rules)).toEqual({
      'idle-heap-retained': { level: 'off', options: {} },
      'gc-cpu-high': { level: 'error', options: {} },
      'heap-fragmentation': { level: 'warning', options: {} },
      'max-live-heap': { level: 'error', options: { limit: 512 * 1024 * 1024 } },
      'max-retained': { level: 'warning', options: { limit: 1073741824 } },
      'max-gc-pause': { level: 'error', options: { limit: 5_000_000 } },
      'max-gc-cpu-fraction': { level: 'error', options: { limit: 0.05 } },
      'max-goroutines': { level: 'info', options: { limit: 10000 } },
      'stack-heavy': { level: 'warning', options: { stackMinBytes: 64 * 1024 * 1024, stackMinShare: 0.5 } },
    });
  });

  it('runs every rule but the budgets by default, and budgets once configured', () => {
    const ids = (rules: ReturnType<typeof activeRules>): string[] => rules.map((a) => a.rule.meta.id);
    const byDefault = ids(activeRules(new Map()));
    expect(byDefault).toContain('parse-error');
    expect(byDefault).toContain('idle-heap-retained');
    expect(byDefault.filter((id) => id.startsWith('max-'))).toEqual([]);
    const configured = activeRules(parseConfig('{"rules": {"idle-heap-retained": "off", "max-live-heap": ["error", {"limit": "1GiB"}]}}', F));
    expect(ids(configured)).not.toContain('idle-heap-retained');
    expect(configured.find((a) => a.rule.meta.id === 'max-live-heap')).toMatchObject({ severity: 'error', options: { limit: 1 << 30 } });
    expect(configured.find((a) => a.rule.meta.id === 'gc-cpu-high')?.severity).toBeUndefined(); // the rule's own severities
  });

  it('--rule overrides the config, and keeps its options when it gives none', () => {
    const config = parseConfig('{"rules": {"max-live-heap": ["error", {"limit": "512MiB"}], "gc-cpu-high": "off"}}', F);
    const merged = applyRuleFlags(config, ['max-live-heap=warn', 'gc-cpu-high=error', 'max-retained=error:2GiB', 'stack-heavy=warn:stackMinBytes=32MiB,stackMinShare=10%']);
    expect(merged.get('max-live-heap')).toEqual({ level: 'warning', options: { limit: 512 * 1024 * 1024 } });
    expect(merged.get('gc-cpu-high')).toEqual({ level: 'error', options: {} });
    expect(merged.get('max-retained')).toEqual({ level: 'error', options: { limit: 2 * 1024 ** 3 } });
    expect(merged.get('stack-heavy')).toEqual({ level: 'warning', options: { stackMinBytes: 32 * 1024 * 1024, stackMinShare: 0.1 } });
    expect(parseRuleFlag('max-goroutines=2:5000')).toEqual(['max-goroutines', { level: 'error', options: { limit: 5000 } }]);
    expect(parseRuleFlag('idle-heap-retained=0')).toEqual(['idle-heap-retained', { level: 'off', options: {} }]);
  });

  it('a series budget takes one of its options, a rate per hour or a size per GC', () => {
    expect(parseRuleFlag('heap-growth=error:perHour=10MiB/h')).toEqual(['heap-growth', { level: 'error', options: { perHour: 10 * 1024 * 1024 } }]);
    expect(parseRuleFlag('heap-growth=warn:perGC=64KiB,perHour=1GiB/d')).toEqual(['heap-growth', { level: 'warning', options: { perGC: 65536, perHour: 1024 ** 3 / 24 } }]);
    expect(flagError('heap-growth=error')).toBe('--rule heap-growth=error: needs "perHour" or "perGC" (a budget) — write "heap-growth": ["error", { "perHour": "10MiB/h" }], or --rule heap-growth=error:perHour=10MiB/h');
    expect(activeRules(applyRuleFlags(new Map(), [])).map((a) => a.rule.meta.id)).not.toContain('heap-growth');
    expect(activeRules(applyRuleFlags(new Map(), [])).map((a) => a.rule.meta.id)).toEqual(expect.arrayContaining(['leak-suspected', 'goroutine-growth']));
  });

  it('finds heapdoc.config.json upward from the working directory, or none', () => {
    const root = mkdtempSync(join(tmpdir(), 'heapdoc-config-'));
    const deep = join(root, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(locateConfig(undefined, deep)).toBeUndefined();
    writeFileSync(join(root, F), '{"rules": {"gc-cpu-high": "error"}}');
    expect(locateConfig(undefined, deep)).toBe(join(root, F));
    expect(loadConfig(undefined, deep).rules.get('gc-cpu-high')).toEqual({ level: 'error', options: {} });
    expect(locateConfig(false, deep)).toBeUndefined();
  });

  it('parses option values by kind', () => {
    expect(parseDuration('10ms')).toBe(10_000_000);
    expect(parseDuration('1.5s')).toBe(1_500_000_000);
    expect(parseDuration('250us')).toBe(250_000);
    expect(parseDuration('250µs')).toBe(250_000); // U+00B5, as Go prints it
    expect(parseDuration('250μs')).toBeUndefined(); // U+03BC, the Greek letter: not a unit
    expect(parseDuration('42')).toBe(42);
    expect(parseDuration('10 parsecs')).toBeUndefined();
    expect(parseFraction('5%')).toBe(0.05);
    expect(parseFraction('0.25')).toBe(0.25);
    expect(parseFraction('150%')).toBeUndefined();
    expect(parseOptionValue('bytes', '1.5GiB')).toEqual({ value: 1.5 * 1024 ** 3 });
    expect(parseOptionValue('count', 12.5)).toEqual({ error: 'expected a whole number (10000), got 12.5' });
    // Rates are bytes per hour.
    expect(parseRate('10MiB/h')).toBe(10 * 1024 ** 2);
    expect(parseRate('512KiB/min')).toBe(512 * 1024 * 60);
    expect(parseRate('1 MB / s')).toBe(1024 ** 2 * 3600);
    expect(parseRate('1GiB/d')).toBe(1024 ** 3 / 24);
    expect(parseRate('1048576')).toBe(1048576);
    expect(parseRate('10MiB')).toBeUndefined();
    expect(parseRate('10MiB/week')).toBeUndefined();
    expect(parseOptionValue('rate', '10MiB/fortnight')).toEqual({ error: 'expected a growth rate: a size per second, minute, hour or day ("10MiB/h", "512KiB/min", "1GiB/d"), or bytes per hour (10485760), got "10MiB/fortnight"' });
  });

  it('computes line:column from offsets', () => {
    expect(lineColumn('ab\ncd\n', 0)).toBe('1:1');
    expect(lineColumn('ab\ncd\n', 4)).toBe('2:2');
  });
});

describe('config: JSONC', () => {
  it('accepts comments and trailing commas, as tsconfig.json, and a "$schema" key', () => {
    const rules = parseConfig('{\n  "$schema": "./node_modules/heapdoc/schema/heapdoc.config.schema.json",\n  // budgets\n  "rules": {\n    /* CI machines are small */\n    "gc-cpu-high": "warn",\n    "max-live-heap": ["error", { "limit": "512MiB", }],\n  },\n}\n', F);
    expect([...rules.keys()]).toEqual(['gc-cpu-high', 'max-live-heap']);
    expect(rules.get('gc-cpu-high')).toEqual({ level: 'warning', options: {} });
    expect(rules.get('max-live-heap')).toEqual({ level: 'error', options: { limit: 512 * 1024 * 1024 } });
  });
});

describe('config: exact errors', () => {
  it('bad JSON, with line:column', () => {
    expect(configError('{\n  "rules": { "gc-cpu-high" "warn" }\n}'))
      .toBe(`${F}:2:28: invalid JSON: expected ':' after the key — a heapdoc config is JSON with comments (JSONC, as tsconfig.json): keys in double quotes`);
    expect(configError('{\n  "rules": { gc-cpu-high: "warn" }\n}')).toMatch(/^heapdoc\.config\.json:2:14: invalid JSON: /);
    expect(configError('')).toMatch(/^heapdoc\.config\.json:1:1: invalid JSON: expected a value — /);
  });

  it('a config that is not an object, or has other keys', () => {
    expect(configError('[]')).toBe(`${F}:1:1: the config must be a JSON object — write { "rules": { "<rule-id>": "warn" } }`);
    expect(configError('{"rule": {}}')).toBe(`${F}:1:2: unknown key "rule" — the config has one key, "rules"`);
    expect(configError('{"rules": ["gc-cpu-high"]}')).toBe(`${F}:1:11: "rules" must be an object mapping rule ids to levels — write { "rules": { "<rule-id>": "warn" } }`);
  });

  it('an unknown rule id, with close matches', () => {
    expect(configError('{\n  "rules": {\n    "max-heap": "error"\n  }\n}'))
      .toBe(`${F}:3:5: unknown rule "max-heap" — did you mean max-live-heap? heapdoc explain lists the rules`);
    expect(configError('{"rules": {"idle-heap-retianed": "warn"}}'))
      .toBe(`${F}:1:12: unknown rule "idle-heap-retianed" — did you mean idle-heap-retained? heapdoc explain lists the rules`);
    expect(configError('{"rules": {"zzz": "warn"}}')).toBe(`${F}:1:12: unknown rule "zzz" — heapdoc explain lists the rules`);
  });

  it('a rule configured twice', () => {
    expect(configError('{"rules": {"gc-cpu-high": "warn", "gc-cpu-high": "off"}}')).toBe(`${F}:1:35: rule "gc-cpu-high" is configured twice — keep one of the two entries`);
  });

  it('a bad level', () => {
    expect(configError('{"rules": {"gc-cpu-high": "warning"}}'))
      .toBe(`${F}:1:27: gc-cpu-high: bad level "warning" — use "off", "info", "warn" or "error" (or 0, 1, 2)`);
    expect(configError('{"rules": {"gc-cpu-high": [3]}}')).toBe(`${F}:1:28: gc-cpu-high: bad level 3 — use "off", "info", "warn" or "error" (or 0, 1, 2)`);
    expect(configError('{"rules": {"gc-cpu-high": true}}')).toBe(`${F}:1:27: gc-cpu-high: bad level true — use "off", "info", "warn" or "error" (or 0, 1, 2)`);
  });

  it('bad options', () => {
    expect(configError('{"rules": {"max-live-heap": ["error", {"max": "1GiB"}]}}'))
      .toBe(`${F}:1:40: max-live-heap: unknown option "max" — max-live-heap takes limit`);
    expect(configError('{"rules": {"max-live-heap": ["error", {"limit": "lots"}]}}'))
      .toBe(`${F}:1:49: max-live-heap: option limit: expected a size: bytes (536870912) or a string with a unit ("512MiB", "1.5GiB"), got "lots" — the largest HeapAlloc allowed, e.g. "512MiB"`);
    expect(configError('{"rules": {"max-gc-cpu-fraction": ["error", {"limit": 5}]}}'))
      .toBe(`${F}:1:55: max-gc-cpu-fraction: option limit: expected a fraction between 0 and 1 (0.05) or a percentage ("5%"), got 5 — the largest GCCPUFraction allowed, e.g. 0.05 or "5%"`);
    expect(configError('{"rules": {"gc-cpu-high": ["warn", {"limit": 0.1}]}}'))
      .toBe(`${F}:1:37: gc-cpu-high: unknown option "limit" — gc-cpu-high takes gcCpuFraction, gcCpuMinCycles`);
    expect(configError('{"rules": {"no-memstats": ["warn", {"x": 1}]}}'))
      .toBe(`${F}:1:37: no-memstats: unknown option "x" — no-memstats takes no options`);
    expect(configError('{"rules": {"gc-cpu-high": ["warn", 0.1]}}'))
      .toBe(`${F}:1:36: gc-cpu-high: the options must be an object — write "gc-cpu-high": "warn", or "gc-cpu-high": ["warn", { "gcCpuFraction": …, "gcCpuMinCycles": … }]`);
    expect(configError('{"rules": {"gc-cpu-high": ["warn", {}, {}]}}'))
      .toBe(`${F}:1:27: gc-cpu-high: expected "level" or ["level", { options }] — write "gc-cpu-high": "warn", or "gc-cpu-high": ["warn", { "gcCpuFraction": …, "gcCpuMinCycles": … }]`);
  });

  it('a budget enabled without its limit', () => {
    expect(configError('{"rules": {"max-live-heap": "error"}}'))
      .toBe(`${F}:1:29: max-live-heap: needs a "limit" option — write "max-live-heap": ["error", { "limit": "512MiB" }], or --rule max-live-heap=error:512MiB`);
    expect(configError('{"rules": {"max-goroutines": ["warn", {}]}}'))
      .toBe(`${F}:1:30: max-goroutines: needs a "limit" option — write "max-goroutines": ["warn", { "limit": 10000 }], or --rule max-goroutines=warn:10000`);
    // memory-limit-pressure needs no gomemlimit: without one it reads the limit the process reports (a scrape's go_gc_gomemlimit_bytes).
    expect(parseConfig('{"rules":{"memory-limit-pressure":"warn"}}', F).get('memory-limit-pressure')).toEqual({ level: 'warning', options: {} });
    expect(configError('{"rules":{"memory-limit-pressure":["warn", 3]}}'))
      .toBe(`${F}:1:44: memory-limit-pressure: the options must be an object — write "memory-limit-pressure": "warn", or "memory-limit-pressure": ["warn", { "gomemlimit": …, "memoryLimitShare": … }]`);
    expect(() => parseConfig('{"rules": {"max-live-heap": "off"}}', F)).not.toThrow();
  });
});

describe('config and baseline files that are not small regular files (a fuzzer found each)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-config-files-'));
  const loadError = (option: string | undefined, cwd = dir): string => {
    try {
      loadConfig(option, cwd);
    } catch (error) {
      if (error instanceof HeapdocError) return `${error.message} — ${error.hint ?? ''}`;
      throw error;
    }
    throw new Error('no error');
  };

  it('a device, a directory, a loop of links and a FIFO are one line each, never read (/dev/zero grew to 8 GB)', () => {
    const hint = 'give --config a heapdoc.config.json you can read, or --no-config';
    expect(loadError('/dev/zero')).toBe(`/dev/zero: cannot read the config: not a regular file (a device, a FIFO or a socket) — ${hint}`);
    expect(loadError(dir)).toBe(`${dir}: cannot read the config: a directory, not a file — ${hint}`);
    const loop = join(dir, 'loop');
    mkdirSync(loop);
    symlinkSync(F, join(loop, F)); // a link to itself, found upward: reported, not skipped
    expect(loadError(undefined, loop)).toBe(`${F}: cannot read the config: a loop of symbolic links — ${hint}`);
    const fifo = join(dir, 'fifo');
    mkdirSync(fifo);
    execFileSync('mkfifo', [join(fifo, F)]);
    expect(loadError(undefined, fifo)).toBe(`${F}: cannot read the config: not a regular file (a device, a FIFO or a socket) — ${hint}`);
    expect(loadError(join(dir, 'missing.json'))).toBe(`--config ${join(dir, 'missing.json')}: no such file — write a heapdoc.config.json, or leave --config out to find one upward from the working directory`);
  });

  it('a config nested thousands of levels deep is one error, not a stack overflow', () => {
    expect(configError(`{"rules": ${'['.repeat(100_000)}`)).toBe(`${F}: invalid config: nested too deeply — a heapdoc config nests a few levels: { "rules": { "<rule-id>": ["warn", { … }] } }`);
  });

  it('an option that is no number JSON holds, or named __proto__', () => {
    expect(configError('{"rules": {"max-live-heap": ["error", {"limit": 1e400}]}}')).toBe(`${F}:1:49: max-live-heap: option limit: a number beyond what JSON numbers hold (about 1.8e308) — the largest HeapAlloc allowed, e.g. "512MiB"`);
    expect(configError('{"rules": {"max-live-heap": ["error", {"__proto__": {}}]}}')).toBe(`${F}:1:40: max-live-heap: unknown option "__proto__" — max-live-heap takes limit`);
  });

  it('a baseline that is a device is refused before it is read', () => {
    expect(() => readBaseline('/dev/zero')).toThrow('--baseline /dev/zero: not a regular file (a device, a FIFO or a socket)');
  });
});

describe('--rule: exact errors', () => {
  it('an option without a value, and an option given twice', () => {
    expect(flagError('stack-heavy=warn:stackMinBytes=1MiB,stackMinShare'))
      .toBe('--rule stack-heavy=warn:stackMinBytes=1MiB,stackMinShare: stack-heavy: option "stackMinShare" has no value — write each option as name=value, separated by commas: stack-heavy takes stackMinBytes, stackMinShare');
    expect(flagError('max-live-heap=error:limit=5MiB,limit=6MiB')).toBe('--rule max-live-heap=error:limit=5MiB,limit=6MiB: max-live-heap: option "limit" given twice — give each option once');
  });

  it('says what is wrong with the flag', () => {
    expect(flagError('gc-cpu-high')).toBe('--rule gc-cpu-high: expected id=level — e.g. --rule idle-heap-retained=off or --rule max-live-heap=error:512MiB');
    expect(flagError('max-heap=error:1GiB')).toBe('--rule max-heap=error:1GiB: unknown rule "max-heap" — did you mean max-live-heap? heapdoc explain lists the rules');
    expect(flagError('gc-cpu-high=loud')).toBe('--rule gc-cpu-high=loud: bad level "loud" — use "off", "info", "warn" or "error" (or 0, 1, 2)');
    expect(flagError('max-live-heap=error')).toBe('--rule max-live-heap=error: needs a "limit" option — write "max-live-heap": ["error", { "limit": "512MiB" }], or --rule max-live-heap=error:512MiB');
    // A level alone: memory-limit-pressure then reads the limit the process reports (a scrape's), or --gomemlimit's.
    expect(applyRuleFlags(new Map(), ['memory-limit-pressure=warn']).get('memory-limit-pressure')).toEqual({ level: 'warning', options: {} });
    expect(flagError('heap-growth=warn')).toBe('--rule heap-growth=warn: needs "perHour" or "perGC" (a budget) — write "heap-growth": ["warn", { "perHour": "10MiB/h" }], or --rule heap-growth=warn:perHour=10MiB/h');
    expect(flagError('max-live-heap=error:huge'))
      .toBe('--rule max-live-heap=error:huge: max-live-heap: option limit: expected a size: bytes (536870912) or a string with a unit ("512MiB", "1.5GiB"), got "huge" — the largest HeapAlloc allowed, e.g. "512MiB"');
    expect(flagError('gc-pause-long=warn:5ms'))
      .toBe('--rule gc-pause-long=warn:5ms: gc-pause-long: unknown option "limit" — gc-pause-long takes gcPauseNs; write --rule gc-pause-long=warn:name=value');
    expect(flagError('max-gc-pause=error:5 fortnights'))
      .toBe('--rule max-gc-pause=error:5 fortnights: max-gc-pause: option limit: expected a duration: nanoseconds (5000000) or a string with a unit ("5ms", "1.5s"), got "5 fortnights" — the longest pause allowed, e.g. "5ms" (a number is nanoseconds)');
  });
});
