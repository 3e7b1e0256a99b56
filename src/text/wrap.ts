/**
 * Paragraphs of the text reports. On a terminal they are wrapped to its width, never between a
 * number and its unit ("10.1 MiB" stays whole). Into a pipe or a file (width Infinity) nothing is
 * wrapped: each sentence is one line, so grep finds it whole and the first line of a paragraph
 * is its first sentence (the verdict, for the report's first line).
 */

/** Units that stay on the line of the number before them (MB, KB: the GC log's own). */
const UNIT = /^(?:B|KiB|MiB|GiB|TiB|KB|MB|GB|bytes?|ns|\u00b5s|ms|s|%)[),.;:]*$/;

/** Words, with a number and its unit as one word: what a wrap may cut between (here and in the terminal UI). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const last = out.length - 1;
    if (last >= 0 && /\d$/.test(out[last] ?? '') && UNIT.test(word)) out[last] = `${out[last]} ${word}`;
    else out.push(word);
  }
  return out;
}

/** `text` with its first letter a capital: a message or hint made a sentence. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|vs|etc|cf|approx)\.$/i;

/** `text` cut after each sentence: a period, ! or ? followed by a space and a capital, digit or quote. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.trim().split(/(?<=[.!?])\s+(?=[A-Z0-9"'(`])/)) {
    const last = out.length - 1;
    if (last >= 0 && ABBREVIATION.test(out[last] ?? '')) out[last] = `${out[last]} ${piece}`;
    else out.push(piece.replace(/\s+/g, ' '));
  }
  return out;
}

/**
 * `text` wrapped to `width` columns, continuation lines indented by `indent` spaces, the first by
 * `firstIndent`. With width Infinity: one sentence per line.
 */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string {
  if (!Number.isFinite(width)) {
    return sentences(text).map((s, i) => ' '.repeat(i === 0 ? firstIndent : indent) + s).join('\n');
  }
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of words(text)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A hanging indent: `prefix` (kept exactly, padding included) then `text` wrapped so that
 * continuation lines start under the text.
 */
export function hang(prefix: string, text: string, width: number): string {
  const body = wrap(text, Math.max(20, width - prefix.length), 0, 0).split('\n');
  return body.map((line, i) => (i === 0 ? prefix : ' '.repeat(prefix.length)) + line).join('\n');
}
