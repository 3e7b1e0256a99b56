/**
 * The JSON Schema of heapdoc.config.json, built from the rule registry: every rule id a
 * property, its levels and its options typed, with their descriptions. An editor that reads it
 * (`"$schema"` in the file, or a VS Code `json.schemas` entry) completes rule and option names
 * and underlines mistakes before heapdoc runs. The build writes it to
 * schema/heapdoc.config.schema.json (scripts/bundle.mjs, through `heapdoc explain --schema`), so
 * a rule added to the registry is in the shipped schema without anyone editing it.
 *
 * Draft-07, the newest draft VS Code's JSON language service fully supports. It accepts what
 * config.ts accepts (test/lint/schema.test.ts checks both on the same texts); what a schema
 * cannot say (a key given twice) is left to heapdoc's own messages.
 */
import { RULES, offUntilConfigured, type Rule, type RuleOptionKind, type RuleOptionMeta } from '../analyze/rules/index.js';
import { THRESHOLDS } from '../analyze/thresholds.js';
import { levelWord } from './config.js';
import { EXPECTED } from './options.js';

type Schema = Record<string, unknown>;

/** The string forms parseOptionValue accepts, as ECMA-262 patterns (JSON Schema's dialect: no flags). */
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const SIZE_UNIT = '[kKmMgGtT]?[iI]?[bB]?';
const STRING_FORMS: Record<RuleOptionKind, string> & Readonly<Record<string, string>> = {
  bytes: String.raw`^\s*${NUMBER}\s*${SIZE_UNIT}\s*$`,
  // `10MiB/h`, `512KiB/min`, `1GiB/d`, or a bare number (bytes per hour): lint/options.ts parseRate
  rate: String.raw`^\s*${NUMBER}\s*(?:${SIZE_UNIT}\s*/\s*(?:s|min|h|d)\s*)?$`,
  duration: String.raw`^\s*${NUMBER}\s*(?:ns|us|\u00b5s|ms|s|m|h)?\s*$`,
  // 0…1, or 0%…100%
  fraction: String.raw`^\s*(?:0+(?:\.\d+)?|0*1(?:\.0+)?|(?:0*\d{1,2}(?:\.\d+)?|0*100(?:\.0+)?)\s*%)\s*$`,
  count: String.raw`^\s*\d+\s*$`,
  number: String.raw`^\s*${NUMBER}\s*$`,
};

const LEVEL_WORDS = ['off', 'info', 'warn', 'error'] as const;

const LEVEL: Schema = {
  description: 'off, info, warn or error (ESLint\'s 0, 1, 2 work too: off, warn, error)',
  enum: [...LEVEL_WORDS, 0, 1, 2],
  enumDescriptions: [
    'the rule does not run',
    'reported, not counted: lint shows it with --info',
    'a warning: lint exits 1 only with more than --max-warnings',
    'an error: lint exits 1',
    'off', 'warn', 'error',
  ],
};

const OFF: Schema = { description: 'off (0): the rule does not run', enum: ['off', 0] };
const ON: Schema = { description: 'info, warn or error (1, 2)', enum: ['info', 'warn', 'error', 1, 2] };

/** The schema of heapdoc.config.json for these rules (the registry's, by default). */
export function configSchema(rules: readonly Rule[] = RULES): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'heapdoc.config.json',
    description: 'heapdoc lint configuration: a level, or [level, { options }], per rule id. heapdoc explain ID describes a rule.',
    // VS Code's extensions: the file is JSONC, as heapdoc reads it.
    allowComments: true,
    allowTrailingCommas: true,
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'the JSON Schema of this file, for editors; heapdoc ignores it' },
      rules: {
        type: 'object',
        description: 'rule id → "level" or ["level", { options }]; rules not listed keep their defaults',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((rule) => [rule.meta.id, ruleSchema(rule)])),
      },
    },
    definitions: {
      level: LEVEL,
      ...Object.fromEntries(Object.entries(STRING_FORMS).map(([kind, pattern]) => [kind, valueSchema(kind as RuleOptionKind, pattern)])),
    },
  };
}

function ruleSchema(rule: Rule): Schema {
  // requiresOneOf: options of which one must be given (a series budget: per hour or per GC).
  const { id, defaultSeverity, description, docsUrl, options = {}, requires = [], requiresOneOf = [] } = rule.meta;
  const budget = offUntilConfigured(rule.meta);
  const level = budget ? 'Off until configured with its options' : `Default level: ${levelWord(defaultSeverity)}`;
  const optionsSchema = (required: boolean): Schema => ({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(options).map(([name, meta]) => [name, optionSchema(name, meta)])),
    ...(required && requires.length > 0 ? { required: requires } : {}),
    ...(required && requiresOneOf.length > 0 ? { anyOf: requiresOneOf.map((name) => ({ required: [name] })) } : {}),
  });
  const withOptions = (levelSchema: Schema, required: boolean): Schema => ({
    type: 'array',
    items: [levelSchema, optionsSchema(required)],
    minItems: required ? 2 : 1,
    additionalItems: false,
  });
  // A budget runs only with its options: a bare level can only turn it off.
  const forms = budget
    ? [OFF, withOptions(OFF, false), withOptions(ON, true)]
    : [{ $ref: '#/definitions/level' }, withOptions({ $ref: '#/definitions/level' }, false)];
  return {
    description: `${description} ${level}. More: heapdoc explain ${id}, ${docsUrl}`,
    anyOf: forms,
  };
}

function optionSchema(name: string, meta: RuleOptionMeta): Schema {
  const fallback = (THRESHOLDS as Record<string, number>)[name];
  return {
    description: `${meta.description} — ${EXPECTED[meta.kind]}`,
    ...(fallback !== undefined ? { default: fallback } : {}),
    // Draft-07 ignores keywords beside a $ref: the reference goes in an allOf.
    allOf: [{ $ref: `#/definitions/${meta.kind}` }],
  };
}

function valueSchema(kind: RuleOptionKind, pattern: string): Schema {
  const number: Schema = kind === 'fraction' ? { type: 'number', minimum: 0, maximum: 1 }
    : kind === 'bytes' || kind === 'duration' || kind === 'count' ? { type: 'integer', minimum: 0 }
    : { type: 'number', minimum: 0 };
  // EXPECTED names every kind of RuleOptionKind; a form listed here ahead of its kind has none yet.
  const expected = (EXPECTED as Partial<Record<string, string>>)[kind];
  return { ...(expected !== undefined ? { description: expected } : {}), anyOf: [number, { type: 'string', pattern }] };
}
