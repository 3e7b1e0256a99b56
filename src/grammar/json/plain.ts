// Apart from the grammar, so that its users (expvar's reader) do not build Chevrotain's lexer and parser to import it.
import type { JsonValue } from './parser.js';

/**
 * A JSON value as a plain JavaScript value, for vars heapdoc only shows as published: numbers as
 * numbers, but an integer past a double's exact ones (an expvar.Int counter beyond 2^53) as a
 * bigint, which the JSON report writes digit for digit (text/json.ts).
 */
export function plainJson(value: JsonValue): unknown {
  switch (value.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of value.entries) setEntry(out, k, plainJson(v));
      return out;
    }
    case 'array': return value.items.map(plainJson);
    case 'number': return exactNumber(value.text);
    case 'null': return null;
    default: return value.value;
  }
}

/** `out[key] = value` as Object.fromEntries sets it: a key `__proto__` is an own property, not the prototype. */
export function setEntry(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

const INTEGER_TEXT = /^-?\d+$/;

/** The number `text` says: a bigint for an integer a double would round (9007199254740993). */
function exactNumber(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) || !INTEGER_TEXT.test(text) ? n : BigInt(text);
}
