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
 * backslash-escaped.
 */
export function markdownText(text: string): string {
  return stripControl(text)
    .replace(/[&<>]/g, (ch) => HTML[ch] ?? ch)
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`);
}

/**
 * Text shown as code (a function name). A backtick code span cannot hold every name: inside one,
 * entities and escapes are shown as typed, and a `|` still ends a table cell. An HTML `<code>`
 * element with escaped text can, and renders the name exactly.
 */
export function markdownCode(text: string): string {
  return `<code>${markdownText(text)}</code>`;
}
