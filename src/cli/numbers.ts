/** Whole-number and size options (--top, --count, --rss, --gomemlimit…), read one way on every command. */
import { Option } from 'commander';
import { HeapdocError } from '../input/errors.js';
import { parseSize } from '../text/units.js';

/**
 * `--NAME TEXT` as a whole number at least `min` (digits only: `0x10`, `1e3` and `-3` are refused),
 * else one line that says what it must be (`--top -1: must be a whole number, 0 or more`).
 */
export function wholeNumber(name: string, text: string, min: number, hint?: string): number {
  const n = Number(text);
  if (/^\d+$/.test(text.trim()) && n >= min) return n;
  const wanted = min === 1 ? 'a positive whole number' : `a whole number, ${min} or more`;
  throw new HeapdocError(`--${name} ${text}: must be ${wanted}`, hint);
}

/** --top of analyze and diff: how many allocation sites a report lists; 0 lists them all (as escape's --limit 0). */
export function topSites(text: string): number {
  const top = wholeNumber('top', text, 0, 'give how many allocation sites to list, e.g. --top 20 (0: all)');
  return top === 0 ? Infinity : top;
}

/** `--gomemlimit <bytes>` of analyze (and tui) and lint: the GOMEMLIMIT the processes ran with (read by sizeFlag). */
export function gomemlimitOption(): Option {
  return new Option('--gomemlimit <bytes>', 'the GOMEMLIMIT the process ran with (e.g. 100MiB); without it, a report says when the dump bears the marks of one');
}

/**
 * `--NAME SIZE` (--rss, --gomemlimit): bytes, or a number with a unit (48MiB, 49152k, 1.5G);
 * anything else is one line, exit 2. `read`: the part of `text` that is the size, when not all.
 */
export function sizeFlag(name: string, text: string, read = text): { bytes: number; unit: boolean } {
  const size = parseSize(read);
  if (size === undefined) throw new HeapdocError(`--${name} ${text}: not a size`, 'write it as bytes or with a unit: 48MiB, 49152k, 1.5G');
  return size;
}
