/**
 * JSON with exact big integers: LastGC and PauseEnd are unix nanoseconds (≈1.8e18) and must be
 * written digit for digit, which JSON.stringify cannot do with bigint. Each bigint is swapped for
 * a unique placeholder string, then the placeholder (quotes included) for the digits.
 */
import { randomBytes } from 'node:crypto';

export function stringifyJson(value: unknown, indent = 2): string {
  const marker = `__bigint_${randomBytes(6).toString('hex')}_`;
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${marker}${v.toString()}`;
      if (v instanceof Map) return Object.fromEntries(v);
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      return v;
    },
    indent,
  );
  return text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1');
}
