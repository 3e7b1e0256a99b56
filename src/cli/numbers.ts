/** Whole-number options (--top, --count…), read one way on every command. */
import { HeapdocError } from '../input/errors.js';

/** `--NAME TEXT` as a whole number at least `min` (digits only: `0x10`, `1e3` and `-3` are refused). */
export function wholeNumber(name: string, text: string, min: number, hint?: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min) throw new HeapdocError(`--${name} ${text}: not a whole number${min > 0 ? ` ≥ ${min}` : ''}`, hint);
  return n;
}

/** --top of analyze and diff: how many allocation sites a report lists; 0 lists them all (as escape's --limit 0). */
export function topSites(text: string): number {
  const top = wholeNumber('top', text, 0, 'give how many allocation sites to list, e.g. --top 20 (0: all)');
  return top === 0 ? Infinity : top;
}
