// Apart from the grammar, so that its users (expvar's reader) do not build Chevrotain's lexer and parser to import it.
import type { JsonValue } from './parser.js';

/** A JSON value as a plain JavaScript value (numbers as numbers): for vars heapdoc only shows. */
export function plainJson(value: JsonValue): unknown {
  switch (value.kind) {
    case 'object': return Object.fromEntries(value.entries.map(([k, v]) => [k, plainJson(v)]));
    case 'array': return value.items.map(plainJson);
    case 'number': return Number(value.text);
    case 'null': return null;
    default: return value.value;
  }
}
