/**
 * Text from a dump inside Markdown (analyze, diff and lint reports): control characters replaced,
 * and nothing that Markdown would read as markup — emphasis, links, HTML, or a `|` that ends a
 * table cell.
 */
import { stripControl } from './sanitize.js';

/** Inline text or a table cell. */
export function markdownText(text: string): string {
  return stripControl(text).replace(/[\\`*_[\]|<>]/g, (ch) => `\\${ch}`);
}

/** An inline code span (a function name, a rule id); a backtick inside becomes ', a | is escaped for tables. */
export function markdownCode(text: string): string {
  return `\`${stripControl(text).replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}
