import { distinctName } from '../common/stems.js';
import { baseName } from '../common/paths.js';

/** Byte counts as people read them: binary units (the runtime's pages and size classes are powers of two). */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

export function formatBytes(bytes: number, digits = 1): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  // The unit is chosen on the rounded value: 1048575 bytes is "1.0 MiB", not "1024.0 KiB". Rounding
  // moves a value of 1024 or more only to 1024 or more, and one below 1023 only below 1024: only
  // between the two is the rounded text made (it is a string and a parse per unit, per number).
  while (unit < UNITS.length - 1 && (value >= 1024 || (value >= 1023 && Number(value.toFixed(unit === 0 ? 0 : digits)) >= 1024))) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${sign}${Math.round(value)} B` : `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** `1 record`, `2 records`, `1,024 goroutines`: a count with its noun, singular for one. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** The first `shown` items joined by commas, and how many more there are: `a, b, c and 2 more`. */
export function firstOf(items: readonly string[], shown: number): string {
  const listed = items.slice(0, shown).join(', ');
  return items.length > shown ? `${listed} and ${formatCount(items.length - shown)} more` : listed;
}

/**
 * An exact count with thousands separators: 33,641,736 (as `toLocaleString('en-US')` writes it,
 * at most three decimals, but without loading ICU's locale data: 100 ms of a CLI's start-up).
 */
export function formatCount(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isFinite(n)) return n.toLocaleString('en-US');
  const text = typeof n === 'bigint' || Number.isInteger(n) ? n.toString() : String(Number(n.toFixed(3)));
  if (/e/i.test(text)) return n.toLocaleString('en-US'); // 1e+21 and beyond: rare enough to pay for ICU
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : text.slice(dot));
}

/** A change: `+9.0 MiB`, `−1.2 MiB`, `±0` (bytes; a count with `bytes` false: `+1,024`). */
export function formatChange(n: number, bytes = true): string {
  const text = bytes ? formatBytes(Math.abs(n)) : formatCount(Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : '±0';
}

export function formatPercent(part: number, whole: number, digits = 1): string {
  if (whole <= 0) return '–';
  return `${((part / whole) * 100).toFixed(digits)}%`;
}

/**
 * A part's share of a whole it belongs to (a bucket of Sys): '–' when the part exceeds the whole,
 * which only numbers that cannot all be true make (an inconsistent dump's HeapAlloc of 2^64 − 1
 * was "41289720276471.8%" of Sys).
 */
export function formatShare(part: number, whole: number, digits = 1): string {
  return part > whole ? '–' : formatPercent(part, whole, digits);
}

/** Nanoseconds as ms / µs / s. */
export function formatDuration(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}

/**
 * A duration read from a GODEBUG=gctrace=1 log (its span, a cycle's stop-the-world time), with no
 * digits the log does not have: its times are whole ms (`@0.656s`) and its phases two significant
 * digits (runtime fmtNSAsMS), so `656 ms`, `66 ms`, `1.2 ms`, `0.05 ms`, `0.239 ms` (a sum of
 * phases keeps the digits of each: three at most), `2.4 s`; never `656.00 ms`.
 */
export function formatLogDuration(ns: number): string {
  const ms = ns / 1e6;
  if (Math.round(ms) >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  // Below the log's resolution (1 µs) only 0 is written: 1e-7 would read "1e-7 ms".
  if (ms < 0.001) return ns <= 0 ? '0 ms' : `${Math.round(ns)} ns`;
  return `${Number(ms.toPrecision(3))} ms`;
}

/** Parses `512MiB`, `1.5GB`, `300m`, `1048576` into bytes (binary units: `MB` is MiB, as /proc's `kB` is KiB; GOMEMLIMIT itself takes `MiB` only). */
export function parseBytes(text: string): number | undefined {
  return parseSize(text)?.bytes;
}

/**
 * Like parseBytes, and says whether the text named a unit: `109824` alone is bytes, but it is
 * also how /proc/PID/status prints kB, a mistake worth catching where it can be (--rss).
 */
export function parseSize(text: string): { bytes: number; unit: boolean } | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$/i.exec(text);
  if (!match) return undefined;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[(match[2] ?? '').toLowerCase()] ?? 0;
  return { bytes: Math.round(Number(match[1]) * 1024 ** power), unit: `${match[2] ?? ''}${match[3] ?? ''}` !== '' };
}

/** How many files' names one line shows (filesNamed). */
const SHOWN_FILES = 3;

/**
 * The names of the files one line says something of (skipped, or one problem of each): each file when all are shown, those of one
 * name with the folder that tells them apart (`plain/rss.txt, gc1/rss.txt`: both findable); else
 * each name once with how many files bear it, the most borne first (`RUN.txt ×9, main.go.txt ×9,
 * capture.sh.txt ×3`): the kinds of file skipped, which the first three paths hid when many share a
 * name (`01-lru/RUN.txt, 01-lru/main.go.txt, 02-subslice/RUN.txt and 18 more`). --format json lists each.
 */
export function filesNamed(sources: readonly string[]): string {
  if (sources.length <= SHOWN_FILES) return sources.map((s) => distinctName(s, sources)).join(', ');
  const borne = new Map<string, number>();
  for (const source of sources) borne.set(baseName(source), (borne.get(baseName(source)) ?? 0) + 1);
  // A stable sort: names borne as often keep the order they were found in.
  const names = [...borne].sort((a, b) => b[1] - a[1]).map(([name, count]) => (count > 1 ? `${name} ×${formatCount(count)}` : name));
  return firstOf(names, SHOWN_FILES);
}

