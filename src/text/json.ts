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
      // In an array, what JSON.stringify cannot write (undefined, a function) is null: write gives that too.
      yield writer.write(make ? make(v[i]) : v[i], 2, 2);
    }
    yield '\n  ]';
  }
  yield '\n}';
}

/** What wraps a value `depth` arrays deep, written with an indent of 2: it is then indented as `depth` levels of a document. */
const WRAPPING = [[0, 0], [4, 2], [10, 6]] as const;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** `object[key] = value` as an own property, `__proto__` included (a parsed document may have that key). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/**
 * `entries` as an object that stringifyJson writes without copying it: a bigint within a double's
 * exact integers is already the number (the same digits), others are as given (`__proto__` an
 * own key, as Object.fromEntries makes it). For many small records (a report's MemStats per
 * snapshot), that is one object made instead of two.
 */
export function jsonRecord(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) setOwn(out, key, typeof value === 'bigint' && value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value);
  return out;
}

class JsonWriter {
  private marker: string | undefined;
  /** The marker with the digits it carries, quotes included (made once: a RegExp per value costs more than writing it). */
  private markerPattern: RegExp | undefined;
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
    if (!this.marked || !this.marker) return text;
    this.markerPattern ??= new RegExp(`"${this.marker}(-?\\d+)"`, 'g');
    return text.replace(this.markerPattern, '$1');
  }

  /**
   * `value` as JSON.stringify writes it without a replacer; an object or array that holds nothing
   * to change is itself (copied only from the first property that changes).
   */
  private plain(value: unknown): unknown {
    switch (typeof value) {
      case 'bigint':
        if (value <= MAX_SAFE && value >= MIN_SAFE) return Number(value);
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
          let out: unknown[] | undefined;
          for (let i = 0; i < value.length; i++) {
            const original: unknown = value[i];
            const v = this.plain(original);
            if (out === undefined && v !== original) out = value.slice(0, i);
            if (out !== undefined) out.push(v);
          }
          return out ?? value;
        }
        if (value instanceof Map) return this.plain(Object.fromEntries(value));
        const keys = Object.keys(value);
        const record = value as Record<string, unknown>;
        let out: Record<string, unknown> | undefined;
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string;
          const original = record[key];
          const v = this.plain(original);
          if (out === undefined) {
            if (v === original && key !== '__proto__') continue;
            out = {};
            for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, record[keys[j] as string]);
          }
          setOwn(out, key, v);
        }
        return out ?? value;
      }
      default:
        return value;
    }
  }
}
