/**
 * Option values as people write them in heapdoc.config.json and on the command line: sizes
 * (`"512MiB"`, or bytes), durations (`"5ms"`, or nanoseconds), fractions (`0.05` or `"5%"`), counts.
 * Every parser returns the value or a phrase saying what was expected; none throws.
 */
import type { RuleOptionKind } from '../analyze/rules/index.js';
import { parseBytes } from '../text/units.js';

type Parsed = { value: number } | { error: string };

const NS_PER: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** `10ms`, `1.5s`, `250us`; a bare number is nanoseconds (PauseNs is in nanoseconds). */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|\u00b5s|ms|s|m|h)?\s*$/.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (NS_PER[match[2] ?? 'ns'] ?? 1));
}

const SECONDS_PER: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86400 };

/** `10MiB/h`, `512KiB/min`, `1MB/s`, `100MiB/d` as bytes per hour; a bare number is bytes per hour. */
export function parseRate(text: string): number | undefined {
  const bare = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (bare) return Number(bare[1]);
  const match = /^\s*([^/]+?)\s*\/\s*(s|min|h|d)\s*$/.exec(text);
  const per = match ? SECONDS_PER[match[2] ?? ''] : undefined;
  const bytes = match ? parseBytes(match[1] ?? '') : undefined;
  if (bytes === undefined || per === undefined) return undefined;
  return (bytes * 3600) / per;
}

/** `0.05` or `5%`. */
export function parseFraction(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) / (match[2] ? 100 : 1);
  return value <= 1 ? value : undefined;
}

/** What each kind of option value looks like, for messages and the config schema (schema.ts). */
export const EXPECTED: Record<RuleOptionKind, string> = {
  bytes: 'a size: bytes (536870912) or a string with a unit ("512MiB", "1.5GiB")',
  duration: 'a duration: nanoseconds (5000000) or a string with a unit ("5ms", "1.5s")',
  fraction: 'a fraction between 0 and 1 (0.05) or a percentage ("5%")',
  count: 'a whole number (10000)',
  number: 'a non-negative number',
  rate: 'a growth rate: a size per second, minute, hour or day ("10MiB/h", "512KiB/min", "1GiB/d"), or bytes per hour (10485760)',
};

/** Parses one option value (a JSON value from the config, or the text of a --rule flag). */
export function parseOptionValue(kind: RuleOptionKind, raw: unknown): Parsed {
  const fail: Parsed = { error: `expected ${EXPECTED[kind]}, got ${describe(raw)}` };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return fail;
    if ((kind === 'bytes' || kind === 'count' || kind === 'duration') && !Number.isInteger(raw)) return fail;
    if (kind === 'fraction' && raw > 1) return fail;
    return { value: raw };
  }
  if (typeof raw !== 'string') return fail;
  const value =
    kind === 'bytes' ? parseBytes(raw)
    : kind === 'duration' ? parseDuration(raw)
    : kind === 'fraction' ? parseFraction(raw)
    : kind === 'rate' ? parseRate(raw)
    : /^\s*\d+(?:\.\d+)?\s*$/.test(raw) && (kind === 'number' || /^\s*\d+\s*$/.test(raw)) ? Number(raw)
    : undefined;
  return value === undefined ? fail : { value };
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'object') return 'an object';
  return JSON.stringify(raw) ?? String(raw);
}
