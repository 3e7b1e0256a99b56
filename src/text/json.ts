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
import { randomHex } from '../common/builtins.js';

/**
 * DEL and the C1 controls (U+007F–U+009F), which JSON.stringify writes as they are: a terminal
 * acts on some (U+009B is CSI, the start of an escape sequence), and a function name or label
 * from a dump may hold them. Every JSON heapdoc writes has them escaped (`\u009b`: the same
 * string to a JSON reader), like the controls below U+0020 JSON.stringify escapes itself.
 */
const TERMINAL_CONTROLS = /[\u007f-\u009f]/;
const TERMINAL_CONTROLS_ALL = /[\u007f-\u009f]/g;

/**
 * `json` (JSON.stringify's text) with DEL and the C1 controls escaped. Outside strings JSON is
 * ASCII punctuation, digits and words: these characters can only be inside a string.
 */
export function escapeTerminalControls(json: string): string {
  return TERMINAL_CONTROLS.test(json) ? json.replace(TERMINAL_CONTROLS_ALL, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json;
}

export function stringifyJson(value: unknown, indent = 2): string {
  return writeJson(plain(value), indent);
}

/**
 * An element of `stringifyJsonParts` that its maker made ready itself: every value in it is what
 * JSON.stringify writes as it is (no bigint: `jsonBigint`'s number or placeholder instead; no
 * Map; nothing with a toJSON method), so it is written without `plain`'s walk over it (for a
 * report's thousands of snapshots, most of the time after JSON.stringify itself).
 */
export class JsonReady {
  constructor(readonly value: unknown) {}
}

/** An element of `stringifyJsonParts` that its maker wrote itself, as it is written two levels deep (an element of a top-level array). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** An element of `stringifyJsonParts` written in pieces (as JsonText's, two levels deep), made as they are written: a snapshot's 100,000 sites are never one string. */
export class JsonParts {
  constructor(readonly parts: Iterable<string>) {}
}

/** `value` as JSON (indent 2) whose lines after the first are `spaces` deeper: a value nested that deep in a document. */
export function jsonAtIndent(value: unknown, spaces: number): string {
  const text = writeJson(plain(value), 2);
  return spaces === 0 ? text : text.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

/**
 * The same text as stringifyJson(value) for an object, in pieces: each top-level property, and
 * each element of a top-level array property, is stringified when its turn comes. A report of
 * thousands of snapshots is then never one string (nor one copy of itself ready to be written).
 * `elements[key]`, when given, makes each element of array property `key` into what is written,
 * when its turn comes (so the whole array of JSON objects is never built either); it may give a
 * `JsonReady`, written as it is, a `JsonText`, the element already written, or `JsonParts`, the
 * element written in pieces.
 */
export function* stringifyJsonParts(value: Readonly<Record<string, unknown>>, elements: Readonly<Record<string, (element: never) => unknown>> = {}): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  let first = true;
  for (const [key, v] of entries) {
    yield `${first ? '{' : ','}\n  ${escapeTerminalControls(JSON.stringify(key))}: `;
    first = false;
    if (!Array.isArray(v) || v.length === 0) {
      yield* valueInParts(v, 1);
      continue;
    }
    const make = elements[key] as ((element: unknown) => unknown) | undefined;
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '[' : ','}\n    `;
      // In an array, what JSON.stringify cannot write (undefined, a function) is null: writeJson gives that too.
      const element = make ? make(v[i]) : v[i];
      if (element instanceof JsonParts) yield* element.parts;
      else yield element instanceof JsonText ? element.text : writeJson(element instanceof JsonReady ? element.value : plain(element), 2, 2);
    }
    yield '\n  ]';
  }
  yield '\n}';
}

/**
 * An array at least this long, in a plain object (a series' points: one per snapshot), is written
 * an element at a time: as one string, 16,743 scrapes' points were 7.7 MB of JSON, and the copy
 * `plain` made of them, built at once and kept until written.
 */
const LONG_ARRAY = 1024;

/** Whether JSON.stringify leaves this property out of an object (and writes null for it in an array). */
function unwritable(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** An object JSON.stringify writes property by property as it is: no Map, no toJSON, no class of ours. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether `value` holds a LONG_ARRAY, itself or in a plain object's properties (at any depth). */
function holdsLongArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.length >= LONG_ARRAY;
  if (!isPlainRecord(value)) return false;
  for (const key of Object.keys(value)) if (holdsLongArray(value[key])) return true;
  return false;
}

/**
 * `value` (not unwritable) as stringifyJson writes it `depth` levels deep in a document (indent 2), in
 * pieces when it holds a long array (LONG_ARRAY), else in one.
 */
function* valueInParts(value: unknown, depth: number): Generator<string> {
  if (!holdsLongArray(value)) {
    yield depth <= 2 ? writeJson(plain(value), 2, depth as 0 | 1 | 2) : jsonAtIndent(value, 2 * depth);
    return;
  }
  const inner = '\n' + '  '.repeat(depth + 1);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}${inner}`;
      const element: unknown = value[i];
      if (unwritable(element)) yield 'null';
      else yield* valueInParts(element, depth + 1);
    }
    yield `\n${'  '.repeat(depth)}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => !unwritable(record[key]));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    yield `${i === 0 ? '{' : ','}${inner}${escapeTerminalControls(JSON.stringify(key))}: `;
    yield* valueInParts(record[key], depth + 1);
  }
  yield keys.length === 0 ? '{}' : `\n${'  '.repeat(depth)}}`;
}

/** What wraps a value `depth` arrays deep, written with an indent of 2: it is then indented as `depth` levels of a document. */
const WRAPPING = [[0, 0], [4, 2], [10, 6]] as const;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * The placeholder of a bigint beyond a double's exact integers: a string JSON.stringify writes as
 * `"<marker><digits>"`, replaced by the digits in the written text. One per process, made when
 * the first such bigint is met (random: no input text holds it).
 */
let marker: string | undefined;
/** The marker with the digits it carries, quotes included (made once: a RegExp per value costs more than writing it). */
let markerPattern: RegExp | undefined;

/** `value` as JSON.stringify is to write it: the number when within a double's exact integers (the same digits), else a placeholder writeJson replaces by the digits. */
function jsonBigint(value: bigint): number | string {
  if (value <= MAX_SAFE && value >= MIN_SAFE) return Number(value);
  marker ??= `__bigint_${randomHex(6)}_`;
  return `${marker}${value.toString()}`;
}

/** A `JsonReady` value's text as written `depth` levels deep in a document (indent 2): for an element's `JsonText` made of parts. */
export function readyJsonText(ready: JsonReady, depth: 0 | 1 | 2): string {
  return writeJson(ready.value, 2, depth);
}

/** `plained` (what JSON.stringify writes as it is, placeholders included) as JSON; with `depth` (indent 2 only), as written `depth` levels deep in a document. */
function writeJson(plained: unknown, indent: number, depth: 0 | 1 | 2 = 0): string {
  let wrapped = plained;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  // JSON.stringify(undefined) is undefined, not a string; callers pass values.
  const [head, tail] = WRAPPING[depth];
  const whole = JSON.stringify(wrapped, null, indent);
  const text = escapeTerminalControls(depth === 0 ? whole : whole.slice(head, whole.length - tail));
  if (marker === undefined || !text.includes(marker)) return text;
  markerPattern ??= new RegExp(`"${marker}(-?\\d+)"`, 'g');
  return text.replace(markerPattern, '$1');
}

/** `object[key] = value` as an own property, `__proto__` included (a parsed document may have that key). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/**
 * `entries` as an object JSON.stringify writes as it is (a `JsonReady` part): a bigint is
 * `jsonBigint`'s number or placeholder, an object or array `plain`'s copy (a MemStats ring of
 * bigints), others are as given (`__proto__` an own key, as Object.fromEntries makes it). For many small records (a
 * report's MemStats per snapshot), that is one object made instead of two.
 */
export function jsonRecord(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) setOwn(out, key, typeof value === 'bigint' ? jsonBigint(value) : typeof value === 'object' && value !== null ? plain(value) : value);
  return out;
}

/**
 * `value` as JSON.stringify writes it without a replacer (bigints as `jsonBigint` makes them,
 * Maps as objects, toJSON called); an object or array that holds nothing to change is itself
 * (copied only from the first property that changes).
 */
export function plain(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return jsonBigint(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (value === null) return null;
      const json = (value as { toJSON?: unknown }).toJSON;
      if (typeof json === 'function') return plain((json as () => unknown).call(value));
      if (Array.isArray(value)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const original: unknown = value[i];
          const v = plain(original);
          if (out === undefined && v !== original) out = value.slice(0, i);
          if (out !== undefined) out.push(v);
        }
        return out ?? value;
      }
      if (value instanceof Map) return plain(Object.fromEntries(value));
      const keys = Object.keys(value);
      const record = value as Record<string, unknown>;
      let out: Record<string, unknown> | undefined;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const original = record[key];
        const v = plain(original);
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
