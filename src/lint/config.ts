/**
 * Lint configuration, ESLint-like: `heapdoc.config.json` (found upward from the working
 * directory, or named with --config) maps rule ids to a level, or to `[level, { options }]`:
 *
 *   { "rules": { "idle-heap-retained": "off", "max-live-heap": ["error", { "limit": "512MiB" }] } }
 *
 * and `--rule id=level[:limit | :name=value,…]` flags override it. Every mistake is one
 * HeapdocError naming the file, line and column (or the flag), what is wrong and what to write.
 * The file is JSONC, as tsconfig.json: line and block comments and trailing commas are allowed.
 */
import { lstatSync } from 'node:fs';
import { readSmallFile, type SmallFileProblem } from './files.js';
import * as path from 'node:path';
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { RULES, findRule, offUntilConfigured, type Rule, type RuleOptions } from '../analyze/rules/index.js';
import type { Severity } from '../grammar/common/diagnostic.js';
import { HeapdocError } from '../input/errors.js';
import { parseOptionValue } from './options.js';
import { closeMatches } from '../common/suggest.js';
import { leavesDirectory } from '../common/paths.js';

export const CONFIG_FILE = 'heapdoc.config.json';

export type Level = 'off' | Severity;

export interface RuleSetting {
  level: Level;
  options: RuleOptions;
}

/** Rule id → setting; rules not in the map keep their defaults. */
export type RuleSettings = ReadonlyMap<string, RuleSetting>;

export interface LoadedConfig {
  /** The config file read, as shown in messages; undefined when there is none. */
  file: string | undefined;
  rules: Map<string, RuleSetting>;
}

/** A rule that will run, with what the configuration says about it. */
export interface ActiveRule {
  rule: Rule;
  /** The configured level; undefined keeps each finding's own severity (the rule's default). */
  severity: Severity | undefined;
  options: RuleOptions;
}

const LEVELS = new Map<unknown, Level>([
  ['off', 'off'], [0, 'off'],
  ['info', 'info'],
  ['warn', 'warning'], [1, 'warning'],
  ['error', 'error'], [2, 'error'],
]);

/** A level as the config writes it: `warn`, not the finding's `warning`. */
export function levelWord(level: Level): string {
  return level === 'warning' ? 'warn' : level;
}

const LEVEL_HINT = 'use "off", "info", "warn" or "error" (or 0, 1, 2)';

/** The most of a config file read: a config is a few KiB. */
const MAX_CONFIG_BYTES = 1 << 20;

/** The config file to use: --config FILE, none with --no-config (`false`), else the nearest heapdoc.config.json upward. */
export function locateConfig(option: string | false | undefined, cwd: string = process.cwd()): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return option;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    // lstat: a broken or looping link named heapdoc.config.json is found (and reported), not skipped.
    if (lstatSync(candidate, { throwIfNoEntry: false }) !== undefined) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function loadConfig(option: string | false | undefined, cwd: string = process.cwd(), given: ReadonlySet<string> = NONE_GIVEN): LoadedConfig {
  const file = locateConfig(option, cwd);
  if (file === undefined) return { file: undefined, rules: new Map() };
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    text = readSmallFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    const problem = error as SmallFileProblem;
    if (option !== undefined && problem.code === 'ENOENT') {
      throw new HeapdocError(`--config ${option}: no such file`, `write a ${CONFIG_FILE}, or leave --config out to find one upward from the working directory`);
    }
    throw new HeapdocError(`${shown}: cannot read the config: ${problem.message}`, `give --config a ${CONFIG_FILE} you can read, or --no-config`);
  }
  return { file: shown, rules: parseConfig(text, shown, given) };
}

/** Parses and validates the text of a config file; `file` is how messages name it. */
export function parseConfig(text: string, file: string, given: ReadonlySet<string> = NONE_GIVEN): Map<string, RuleSetting> {
  const at = (offset: number): string => `${file}:${lineColumn(text, offset)}`;
  const errors: ParseError[] = [];
  let root: ReturnType<typeof parseTree>;
  try {
    root = parseTree(text.replace(/^\uFEFF/, ' '), errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses once per nesting level: thousands of levels overflow the stack.
    if (!(error instanceof RangeError)) throw error;
    throw new HeapdocError(`${file}: invalid config: nested too deeply`, 'a heapdoc config nests a few levels: { "rules": { "<rule-id>": ["warn", { … }] } }');
  }
  const first = errors[0];
  if (first) {
    throw new HeapdocError(`${at(first.offset)}: invalid JSON: ${describeJsonError(printParseErrorCode(first.error))}`,
      'a heapdoc config is JSON with comments (JSONC, as tsconfig.json): keys in double quotes');
  }
  if (!root || root.type !== 'object') {
    throw new HeapdocError(`${at(root?.offset ?? 0)}: the config must be a JSON object`, 'write { "rules": { "<rule-id>": "warn" } }');
  }
  const rules = new Map<string, RuleSetting>();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (key.value === '$schema') continue;
    if (key.value !== 'rules') throw new HeapdocError(`${at(key.offset)}: unknown key ${JSON.stringify(key.value)}`, 'the config has one key, "rules"');
    if (value.type !== 'object') throw new HeapdocError(`${at(value.offset)}: "rules" must be an object mapping rule ids to levels`, 'write { "rules": { "<rule-id>": "warn" } }');
    for (const entry of value.children ?? []) {
      const [idNode, settingNode] = entry.children ?? [];
      if (!idNode || !settingNode) continue;
      const id = String(idNode.value);
      const rule = findRule(id);
      if (!rule) throw unknownRule(`${at(idNode.offset)}: unknown rule ${JSON.stringify(id)}`, id);
      if (rules.has(id)) throw new HeapdocError(`${at(idNode.offset)}: rule ${JSON.stringify(id)} is configured twice`, 'keep one of the two entries');
      rules.set(id, settingFromJson(rule, settingNode, at, given));
    }
  }
  return rules;
}

function settingFromJson(rule: Rule, node: Node, at: (offset: number) => string, given: ReadonlySet<string>): RuleSetting {
  const id = rule.meta.id;
  let levelNode = node;
  let optionsNode: Node | undefined;
  if (node.type === 'array') {
    const items = node.children ?? [];
    const [first, second, extra] = items;
    if (!first || extra) throw new HeapdocError(`${at(node.offset)}: ${id}: expected "level" or ["level", { options }]`, exampleSetting(rule));
    levelNode = first;
    optionsNode = second;
  }
  const level = LEVELS.get(levelNode.value);
  if (level === undefined || (levelNode.type !== 'string' && levelNode.type !== 'number')) {
    throw new HeapdocError(`${at(levelNode.offset)}: ${id}: bad level ${rawText(levelNode)}`, LEVEL_HINT);
  }
  const options: Record<string, number> = {};
  if (optionsNode) {
    if (optionsNode.type !== 'object') throw new HeapdocError(`${at(optionsNode.offset)}: ${id}: the options must be an object`, exampleSetting(rule));
    for (const property of optionsNode.children ?? []) {
      const [nameNode, valueNode] = property.children ?? [];
      if (!nameNode || !valueNode) continue;
      const name = String(nameNode.value);
      const meta = optionMeta(rule, name);
      if (!meta) throw new HeapdocError(`${at(nameNode.offset)}: ${id}: unknown option ${JSON.stringify(name)}`, optionsHint(rule));
      // JSON.parse makes 1e400 Infinity, which the message would show as null.
      if (valueNode.type === 'number' && !Number.isFinite(valueNode.value)) throw new HeapdocError(`${at(valueNode.offset)}: ${id}: option ${name}: a number beyond what JSON numbers hold (about 1.8e308)`, meta.description);
      const parsed = parseOptionValue(meta.kind, valueJson(valueNode));
      if ('error' in parsed) throw new HeapdocError(`${at(valueNode.offset)}: ${id}: option ${name}: ${parsed.error}`, meta.description);
      options[name] = parsed.value;
    }
  }
  requireOptions(rule, level, options, (what) => `${at(node.offset)}: ${id}: ${what}`, given);
  return { level, options };
}

/**
 * `--rule id=level`, `--rule id=level:VALUE` (VALUE is the `limit` of a budget rule) or
 * `--rule id=level:name=value,name=value`. `base` is the config's setting for the rule: a flag
 * without options keeps the config's options.
 */
export function parseRuleFlag(spec: string, base?: RuleSetting, given: ReadonlySet<string> = NONE_GIVEN): [string, RuleSetting] {
  const where = `--rule ${spec}`;
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new HeapdocError(`${where}: expected id=level`, 'e.g. --rule idle-heap-retained=off or --rule max-live-heap=error:512MiB');
  const id = spec.slice(0, eq).trim();
  const rule = findRule(id);
  if (!rule) throw unknownRule(`${where}: unknown rule ${JSON.stringify(id)}`, id);
  const rest = spec.slice(eq + 1);
  const colon = rest.indexOf(':');
  const levelText = (colon < 0 ? rest : rest.slice(0, colon)).trim();
  const level = LEVELS.get(levelText) ?? LEVELS.get(Number(levelText === '' ? NaN : levelText));
  if (level === undefined) throw new HeapdocError(`${where}: bad level ${JSON.stringify(levelText)}`, LEVEL_HINT);
  let options: Record<string, number> = { ...(base?.options ?? {}) };
  if (colon >= 0) {
    options = {};
    const optionText = rest.slice(colon + 1);
    const pairs = optionText.includes('=')
      ? optionText.split(',').map((pair) => {
        const i = pair.indexOf('=');
        if (i < 0) throw new HeapdocError(`${where}: ${id}: option ${JSON.stringify(pair.trim())} has no value`, `write each option as name=value, separated by commas: ${optionsHint(rule)}`);
        return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()] as const;
      })
      : [['limit', optionText.trim()] as const];
    for (const [name, value] of pairs) {
      if (Object.hasOwn(options, name)) throw new HeapdocError(`${where}: ${id}: option ${JSON.stringify(name)} given twice`, 'give each option once');
      const meta = optionMeta(rule, name);
      if (!meta) {
        throw new HeapdocError(`${where}: ${id}: unknown option ${JSON.stringify(name)}`,
          name === 'limit' && pairs.length === 1 ? `${optionsHint(rule)}; write --rule ${id}=${levelText}:name=value` : optionsHint(rule));
      }
      const parsed = parseOptionValue(meta.kind, value);
      if ('error' in parsed) throw new HeapdocError(`${where}: ${id}: option ${name}: ${parsed.error}`, meta.description);
      options[name] = parsed.value;
    }
  }
  requireOptions(rule, level, options, (what) => `${where}: ${what}`, given);
  return [id, { level, options }];
}

/**
 * The config's settings with the --rule flags applied on top. `given`: the names of options the
 * command line gives every rule that takes them (lint --gomemlimit: `gomemlimit`), which a setting
 * then need not repeat (see activeRules).
 */
export function applyRuleFlags(config: ReadonlyMap<string, RuleSetting>, flags: readonly string[], given: ReadonlySet<string> = NONE_GIVEN): Map<string, RuleSetting> {
  const out = new Map(config);
  for (const spec of flags) {
    const id = spec.slice(0, Math.max(0, spec.indexOf('='))).trim();
    const [ruleId, setting] = parseRuleFlag(spec, out.get(id), given);
    out.set(ruleId, setting);
  }
  return out;
}

/**
 * The rules that run, in registry order: configured ones at their level, the others at their
 * defaults; budgets only when configured. `given`: options the command line gives every rule that
 * takes them (lint --gomemlimit: memory-limit-pressure's `gomemlimit`), over the configured ones;
 * a rule they give all its required options runs, at its default level, as if configured.
 */
export function activeRules(settings: RuleSettings, rules: readonly Rule[] = RULES, given: RuleOptions = {}): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = settings.get(rule.meta.id);
    const own = Object.fromEntries(Object.entries(given).filter(([name]) => optionMeta(rule, name) !== undefined));
    if (setting) {
      if (setting.level === 'off') continue;
      active.push({ rule, severity: setting.level, options: { ...setting.options, ...own } });
    } else if (!offUntilConfigured(rule.meta) || ((rule.meta.requires ?? []).every((name) => own[name] !== undefined) && (rule.meta.requiresOneOf ?? []).length === 0)) {
      active.push({ rule, severity: undefined, options: own });
    }
  }
  return active;
}

/** No option given by the command line: every required option must be in the setting. */
const NONE_GIVEN: ReadonlySet<string> = new Set();

function requireOptions(rule: Rule, level: Level, options: RuleOptions, where: (what: string) => string, given: ReadonlySet<string>): void {
  if (level === 'off') return;
  const missing = (rule.meta.requires ?? []).filter((name) => options[name] === undefined && !given.has(name));
  const first = missing[0];
  if (first !== undefined) throw new HeapdocError(where(`needs a "${first}" option`), exampleSetting(rule, level));
  const oneOf = rule.meta.requiresOneOf ?? [];
  if (oneOf.length > 0 && !oneOf.some((name) => options[name] !== undefined)) {
    throw new HeapdocError(where(`needs ${oneOf.map((n) => `"${n}"`).join(' or ')} (a budget)`), exampleSetting(rule, level));
  }
}

/**
 * A setting that works, in the config and as --rule. A rule with required options (a budget's
 * `limit`, memory-limit-pressure's `gomemlimit`, one of heap-growth's) gets them with an example
 * value each, at the level the user asked for (else the rule's default); `limit` alone is
 * --rule's short form (`ID=error:512MiB`). Other rules: a level, or a level and their options.
 */
function exampleSetting(rule: Rule, level?: Exclude<Level, 'off'>): string {
  const id = rule.meta.id;
  const required = rule.meta.requires !== undefined && rule.meta.requires.length > 0 ? rule.meta.requires : rule.meta.requiresOneOf?.slice(0, 1) ?? [];
  if (required.length === 0) {
    return `write "${id}": "warn", or "${id}": ["warn", { ${Object.keys(rule.meta.options ?? {}).map((n) => `"${n}": …`).join(', ')} }]`;
  }
  const severity = level ?? rule.meta.defaultSeverity;
  const word = severity === 'warning' ? 'warn' : severity;
  const examples = required.map((name) => [name, EXAMPLE_LIMITS[optionMeta(rule, name)?.kind ?? ''] ?? '…'] as const);
  const json = examples.map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`).join(', ');
  const flag = examples.length === 1 && examples[0]?.[0] === 'limit' ? String(examples[0][1]) : examples.map(([name, value]) => `${name}=${value}`).join(',');
  return `write "${id}": ["${word}", { ${json} }], or --rule ${id}=${word}:${flag}`;
}

const EXAMPLE_LIMITS: Record<string, string | number> = { bytes: '512MiB', duration: '5ms', fraction: '5%', count: 10000, rate: '10MiB/h' };

/** A rule's option by name: its own options only (`__proto__` is no option, though every object has one). */
function optionMeta(rule: Rule, name: string): NonNullable<Rule['meta']['options']>[string] | undefined {
  const options = rule.meta.options;
  return options !== undefined && Object.hasOwn(options, name) ? options[name] : undefined;
}

function optionsHint(rule: Rule): string {
  const names = Object.keys(rule.meta.options ?? {});
  return names.length === 0 ? `${rule.meta.id} takes no options` : `${rule.meta.id} takes ${names.join(', ')}`;
}

function unknownRule(message: string, id: string): HeapdocError {
  const close = closeMatches(id, RULES.map((r) => r.meta.id));
  return new HeapdocError(message, `${close.length > 0 ? `did you mean ${close.join(', ')}? ` : ''}heapdoc explain lists the rules`);
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a key in double quotes (a trailing comma?)',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the key",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the file after the object',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'bad \\u escape',
  InvalidEscapeCharacter: 'bad escape character',
  InvalidCharacter: 'control character in a string',
};

function describeJsonError(code: string): string {
  return JSON_ERRORS[code] ?? code;
}

/**
 * Where a text JSON.parse refused first goes wrong, as the config's errors say it: `line:column`
 * and words (strict JSON: no comments, no trailing comma). Undefined when jsonc-parser cannot say.
 */
export function jsonErrorAt(text: string): { at: string; words: string } | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined; // nested too deeply for its recursion
  }
  const first = errors[0];
  return first && { at: lineColumn(text, first.offset), words: describeJsonError(printParseErrorCode(first.error)) };
}

/** `line:column` (1-based; the column counts UTF-16 units, as editors do) of an offset in `text`. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}

function valueJson(node: Node): unknown {
  if (node.type === 'object' || node.type === 'array') return node.type === 'array' ? [] : {};
  return node.value as unknown;
}

function rawText(node: Node): string {
  if (node.type === 'object') return 'an object';
  if (node.type === 'array') return 'an array';
  return JSON.stringify(node.value) ?? 'null';
}

/** A path as messages show it: relative to the working directory when it is inside it. */
function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative !== '' && !leavesDirectory(relative) ? relative : path.resolve(cwd, file);
}
