/**
 * Text from a dump inside Markdown (a function name, a path, a compiler message): it must stay
 * text. A `|` would end a table cell and `<img src=x onerror=…>` would be live HTML in a Markdown
 * viewer, so every Markdown output writes dump text through these two functions only.
 */
import { stripControl } from './sanitize.js';

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text for a table cell or a paragraph: control characters replaced, `&`, `<`, `>` as HTML
 * entities, and the characters Markdown gives a meaning (`|` `\` `` ` `` `*` `_` `[` `]` `~`)
 * backslash-escaped; URLs and queries (URL_OR_QUERY) as code.
 */
export function markdownText(text: string): string {
  const clean = stripControl(text);
  let out = '';
  let from = 0;
  for (const m of clean.matchAll(URL_OR_QUERY)) {
    const token = m[0].replace(/[.,;:)]+$/, '');
    const at = m.index ?? 0;
    out += escaped(clean.slice(from, at)) + `\`${token}\``;
    from = at + token.length;
  }
  return out + escaped(clean.slice(from));
}

/**
 * A URL (`http://127.0.0.1:6060/debug/pprof/heap?debug=1`) or a query (`heap?debug=1&gc=1`,
 * `?gc=1`) in a sentence: shown as code, which keeps its `&` as typed (no `&amp;` for a reader of
 * the Markdown source) and its `_` unescaped. None holds a backtick, `|`, `<` or `>`.
 */
const URL_OR_QUERY = /\bhttps?:\/\/[^\s<>`|\\]+|[\w./:-]*\?\w+=[\w.%-]*(?:&\w+=[\w.%-]*)*/g;

function escaped(text: string): string {
  return text
    .replace(/[&<>]/g, (ch) => HTML[ch] ?? ch)
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`);
}

/**
 * Text shown as code (a function name). A backtick code span cannot hold every name: inside one,
 * entities and escapes are shown as typed, and a `|` still ends a table cell. An HTML `<code>`
 * element with escaped text can, and renders the name exactly.
 */
export function markdownCode(text: string): string {
  return `<code>${escaped(stripControl(text))}</code>`;
}
