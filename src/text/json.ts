/**
 * JSON with exact big integers: LastGC and PauseEnd are unix nanoseconds (≈1.8e18) and must be
 * written digit for digit, which JSON.stringify cannot do with bigint. A bigint beyond a double's
 * exact integers is swapped for a unique placeholder string, then the placeholder (quotes
 * included) for the digits; one within them is written as the number (the same digits).
 *
 * The value is first copied into what JSON.stringify writes as it is (bigints as above, Maps as
 * objects, non-finite numbers as null), so that JSON.stringify runs without a replacer: a
 * replacer is a call per key, several times slower on a report of thousands of snapshots.
 */
import { randomBytes } from 'node:crypto';

export function stringifyJson(value: unknown, indent = 2): string {
  const writer = new JsonWriter();
  return writer.write(value, indent);
}

/**
 * The same text as stringifyJson(value) for an object, in pieces: each top-level property, and
 * each element of a top-level array property, is stringified when its turn comes. A report of
 * thousands of snapshots is then never one string (nor one copy of itself ready to be written).
 * `elements[key]`, when given, makes each element of array property `key` into what is written,
 * when its turn comes (so the whole array of JSON objects is never built either).
 */
export function* stringifyJsonParts(value: Readonly<Record<string, unknown>>, elements: Readonly<Record<string, (element: never) => unknown>> = {}): Generator<string> {
  const writer = new JsonWriter();
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  let first = true;
  for (const [key, v] of entries) {
    yield `${first ? '{' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!Array.isArray(v) || v.length === 0) {
      yield writer.write(v, 2, 1);
      continue;
    }
    const make = elements[key] as ((element: unknown) => unknown) | undefined;
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '[' : ','}\n    `;
      const element: unknown = make ? make(v[i]) : v[i];
      // In an array, what JSON.stringify cannot write is null.
      yield element === undefined || typeof element === 'function' || typeof element === 'symbol' ? 'null' : writer.write(element, 2, 2);
    }
    yield '\n  ]';
  }
  yield '\n}';
}

/** What wraps a value `depth` arrays deep, written with an indent of 2: it is then indented as `depth` levels of a document. */
const WRAPPING = [[0, 0], [4, 2], [10, 6]] as const;

class JsonWriter {
  private marker: string | undefined;
  private marked = false;

  /** `value` as JSON; with `depth` (indent 2 only), as written `depth` levels deep in a document. */
  write(value: unknown, indent: number, depth: 0 | 1 | 2 = 0): string {
    this.marked = false;
    let plain = this.plain(value);
    for (let d = 0; d < depth; d++) plain = [plain];
    // JSON.stringify(undefined) is undefined, not a string; callers pass values.
    const [head, tail] = WRAPPING[depth];
    const whole = JSON.stringify(plain, null, indent);
    const text = depth === 0 ? whole : whole.slice(head, whole.length - tail);
    return this.marked && this.marker ? text.replace(new RegExp(`"${this.marker}(-?\\d+)"`, 'g'), '$1') : text;
  }

  /** `value` as JSON.stringify writes it without a replacer. */
  private plain(value: unknown): unknown {
    switch (typeof value) {
      case 'bigint':
        if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
        this.marked = true;
        this.marker ??= `__bigint_${randomBytes(6).toString('hex')}_`;
        return `${this.marker}${value.toString()}`;
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'object': {
        if (value === null) return null;
        const json = (value as { toJSON?: unknown }).toJSON;
        if (typeof json === 'function') return this.plain((json as () => unknown).call(value));
        if (Array.isArray(value)) {
          const out = new Array<unknown>(value.length);
          for (let i = 0; i < value.length; i++) out[i] = this.plain(value[i]);
          return out;
        }
        if (value instanceof Map) return this.plain(Object.fromEntries(value));
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          const v = this.plain((value as Record<string, unknown>)[key]);
          // A parsed document may have a `__proto__` key: an own property, as JSON.stringify wrote it.
          if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
          else out[key] = v;
        }
        return out;
      }
      default:
        return value;
    }
  }
}
