/**
 * Validates SARIF against the SARIF 2.1.0 JSON schema that @microsoft/jest-sarif ships
 * (lib/schemas/sarif-2.1.0-rtm.5.json, the OASIS 2.1.0 schema, JSON Schema draft-04), with Ajv's
 * draft-04 class and ajv-formats for the uri/date-time formats.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';

const require = createRequire(import.meta.url);

type AjvClass = new (options: Record<string, unknown>) => { compile(schema: unknown): ValidateFunction };
type FormatsPlugin = (ajv: unknown) => unknown;

function interop<T>(module: unknown): T {
  return ((module as { default?: T }).default ?? module) as T;
}

const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: ValidateFunction | undefined;

export function sarifSchemaErrors(log: unknown): ErrorObject[] {
  if (!validate) {
    const Ajv = interop<AjvClass>(require('ajv-draft-04'));
    const addFormats = interop<FormatsPlugin>(require('ajv-formats'));
    // The schema's `language` pattern is not valid under the u flag: compile patterns without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return validate(log) ? [] : [...(validate.errors ?? [])];
}

export function sarifSchemaTitle(): string {
  return (JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { title: string }).title;
}
