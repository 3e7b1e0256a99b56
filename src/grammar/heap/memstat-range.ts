/**
 * The range of a MemStats value. Every integer field of runtime.MemStats is a uint64 (a few are
 * uint32), GCCPUFraction a float64 fraction of CPU time: a value outside that cannot come from the
 * runtime. The dump was edited or corrupted, and a report built on it would be confidently wrong,
 * so such a line is an error at the value's line:column and is not used.
 */
import type { IToken } from 'chevrotain';
import type { MemStatKind } from './model.js';
import type { MemStatValueTokens } from './parser.js';

export const UINT64_MAX = 2n ** 64n - 1n;

export interface RangeProblem {
  /** The value token at fault: its position is the diagnostic's. */
  token: IToken;
  message: string;
  hint: string;
}

const HINT = 'the line was skipped: the runtime never prints such a value; re-capture the dump with ?debug=1';

/**
 * The first value of a `# Name = value` line that its field cannot hold, if any. `values`: the
 * line's list as read, when the caller has it (a list is read before its range is checked: no
 * diagnostic comes of reading it); without it every element of a list is looked at.
 */
export function memStatRangeProblem(name: string, kind: MemStatKind | undefined, value: MemStatValueTokens, values?: readonly bigint[]): RangeProblem | undefined {
  // The leftmost integer at fault. A plain loop, no sort and no BigInt for the common value: the
  // PauseNs and PauseEnd arrays hold 256 integers each, read in every dump lint reads.
  if (value.list) return listProblem(value.list, values, name, kind);
  for (const token of value.first ? [value.first, value.second] : value.elements ?? []) {
    const problem = token && integerProblem(token, name, kind);
    if (problem) return problem;
  }
  if (value.float && kind === 'float') {
    const message = fractionRangeProblem(value.float.image, name);
    if (message !== undefined) return { token: value.float, message, hint: HINT };
  }
  return undefined;
}

/**
 * The first element of a list token that its field cannot hold. Nearly every list has none, which
 * its values, when already read, say; only then are elements looked at, each as a token of its
 * own so that the diagnostic points at its column.
 */
function listProblem(list: IToken, values: readonly bigint[] | undefined, name: string, kind: MemStatKind | undefined): RangeProblem | undefined {
  if (values && !values.some((v) => v < 0n || v > UINT64_MAX)) return undefined;
  for (const match of list.image.matchAll(/-?\d+/g)) {
    const element: IToken = {
      ...list,
      image: match[0],
      startOffset: list.startOffset + match.index,
      startColumn: (list.startColumn ?? NaN) + match.index,
      endOffset: list.startOffset + match.index + match[0].length - 1,
      endColumn: (list.startColumn ?? NaN) + match.index + match[0].length - 1,
    };
    const problem = integerProblem(element, name, kind);
    if (problem) return problem;
  }
  return undefined;
}

/** Fewer digits than UINT64_MAX's 20 always fit in a uint64. */
const UINT64_DIGITS = String(UINT64_MAX).length;

function integerProblem(token: IToken, name: string, kind: MemStatKind | undefined): RangeProblem | undefined {
  const message = integerRangeProblem(token.image, name, kind);
  return message === undefined ? undefined : { token, message, hint: HINT };
}

/**
 * What is wrong with the integer `digits` (`-?\d+`) as the value of MemStats field `name`: a
 * sentence, or undefined when the field can hold it. Shared by every reader of MemStats (the
 * dump's lines here, expvar's JSON).
 */
export function integerRangeProblem(digits: string, name: string, kind: MemStatKind | undefined): string | undefined {
  // GCCPUFraction printed as an integer (`= 0`, `= 1`, or `= 18446744073709551616`: not a fraction).
  if (kind === 'float') return fractionRangeProblem(digits, name);
  if (digits.charCodeAt(0) === 45 /* - */ && /[1-9]/.test(digits)) return `MemStats ${name} is ${shown(digits)}, but ${expected(kind)}`;
  if (digits.length >= UINT64_DIGITS && BigInt(digits) > UINT64_MAX) return `MemStats ${name} is ${shown(digits)}, more than a uint64 holds (${UINT64_MAX})`;
  return undefined;
}

/** What is wrong with `fraction` as GCCPUFraction (a fraction of CPU time): a sentence, or undefined. */
export function fractionRangeProblem(text: string, name: string): string | undefined {
  const fraction = Number(text);
  return Number.isFinite(fraction) && fraction >= 0 && fraction <= 1 ? undefined : `MemStats ${name} is ${shown(text)}, but ${expected('float')}`;
}

function expected(kind: MemStatKind | undefined): string {
  return kind === 'float' ? 'it is a fraction of CPU time, between 0 and 1' : 'it is an unsigned integer (0 to 18446744073709551615)';
}

/** A value as printed, its middle left out when it is longer than a line should be. */
function shown(image: string): string {
  return image.length <= 30 ? image : `${image.slice(0, 12)}…${image.slice(-6)} (${image.replace(/\D/g, '').length} digits)`;
}
