/**
 * pprof goroutine labels as the runtime prints them:
 *
 *   # labels: {"handler":"fetch", "route":"/a"}           goroutine?debug=1 (runtime/pprof labelMap.String: %q:%q, ", ")
 *   goroutine 8 [chan receive] {test.iter: 0, test.name: TestX}:       Go 1.27 traceback headers
 *   goroutine 9 [running] {pattern: "GET /panic"}:                     (a value that needs it is quoted)
 *
 * Keys and values are either Go-quoted strings (strconv.Quote escapes) or bare words; entries are
 * `key: value` or `key:value`, separated by commas. Both readers share this one parser.
 */

/** Label key → value. A plain object so that it serializes to JSON as is. */
export type Labels = Record<string, string>;

export interface LabelsParse {
  labels: Labels;
  /** The first problem, at a 0-based offset into the parsed text; the labels read before it are kept. */
  error?: { offset: number; message: string };
}

/** Parses `{…}` (the text must start with `{`). */
export function parseLabels(text: string): LabelsParse {
  const labels: Labels = {};
  let i = 0;
  const fail = (message: string): LabelsParse => ({ labels, error: { offset: Math.min(i, text.length), message } });
  const skipSpaces = (): void => {
    while (text.charCodeAt(i) === 32) i++;
  };
  if (text[i] !== '{') return fail("expected '{' to open the labels");
  i++;
  skipSpaces();
  if (text[i] === '}') return i === text.length - 1 ? { labels } : (i++, fail('unexpected text after the labels'));
  for (;;) {
    skipSpaces();
    const key = readWord(text, i, ':');
    if ('error' in key) {
      i = key.at;
      return fail(key.error);
    }
    i = key.end;
    skipSpaces();
    if (text[i] !== ':') return fail("expected ':' after a label key");
    i++;
    skipSpaces();
    const value = readWord(text, i, ',}');
    if ('error' in value) {
      i = value.at;
      return fail(value.error);
    }
    i = value.end;
    if (!Object.prototype.hasOwnProperty.call(labels, key.value)) {
      Object.defineProperty(labels, key.value, { value: value.value, enumerable: true, writable: true, configurable: true });
    }
    skipSpaces();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') {
      i++;
      return i === text.length ? { labels } : fail('unexpected text after the labels');
    }
    return fail("expected ',' or '}' after a label value");
  }
}

type Word = { value: string; end: number } | { error: string; at: number };

/** A quoted string, or bare text up to one of `stops` (trailing spaces dropped). */
function readWord(text: string, start: number, stops: string): Word {
  if (text[start] === '"') return unquote(text, start);
  let end = start;
  while (end < text.length && !stops.includes(text[end] ?? '')) end++;
  const value = text.slice(start, end).trimEnd();
  if (value === '') return { error: stops === ':' ? 'expected a label key' : 'expected a label value', at: start };
  return { value, end };
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** A Go double-quoted string starting at `start`: strconv.Quote's escapes, `\xNN` bytes as UTF-8. */
function unquote(text: string, start: number): Word {
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes = [];
    }
  };
  for (let i = start + 1; i < text.length; ) {
    const c = text[i] ?? '';
    if (c === '"') {
      flush();
      return { value: out, end: i + 1 };
    }
    if (c !== '\\') {
      flush();
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      flush();
      out += simple;
      i += 2;
      continue;
    }
    const hexDigits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexDigits > 0) {
      const hex = text.slice(i + 2, i + 2 + hexDigits);
      if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(hex)) return { error: `a bad \\${e} escape in a quoted label`, at: i };
      const code = parseInt(hex, 16);
      if (e === 'x') bytes.push(code);
      else {
        flush();
        if (code > 0x10ffff) return { error: 'a \\U escape beyond U+10FFFF in a quoted label', at: i };
        out += String.fromCodePoint(code);
      }
      i += 2 + hexDigits;
      continue;
    }
    if (/^[0-7]{3}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8) & 0xff);
      i += 4;
      continue;
    }
    return { error: `an unknown escape '\\${e}' in a quoted label`, at: i };
  }
  return { error: 'a quoted label is not closed', at: start };
}

/** A stable text form of a label set, for grouping keys: `k=v` pairs sorted by key. */
export function labelsKey(labels: Labels | undefined): string {
  if (!labels) return '';
  return Object.keys(labels).sort().map((k) => `${JSON.stringify(k)}=${JSON.stringify(labels[k])}`).join(',');
}
