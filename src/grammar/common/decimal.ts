/**
 * Exact integers from decimal text. Exposition formats print counters as floats
 * (`4.245528e+06`, `1.796187843240142e+09` seconds); read through a JavaScript number, a value
 * past 2^53 or a scaled one (seconds → nanoseconds) picks up binary rounding. These read the
 * decimal digits as written instead.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Beyond this many digits no MemStats counter (uint64) can be meant: no integer is made. */
const MAX_DIGITS = 40;

/**
 * The integer `text × 10^scale` exactly, or undefined when that is not an integer (or not a plain
 * decimal: NaN, Inf). `exactInteger('4.245528e+06')` is 4245528n; with scale 9, seconds become
 * nanoseconds: `exactInteger('1.796187843240142e+09', 9)` is 1796187843240142000n.
 */
export function exactInteger(text: string, scale = 0): bigint | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(m[4] ?? '0') + scale - fraction.length;
  let digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  if (exponent < 0) {
    const cut = digits.length + exponent;
    const dropped = cut > 0 ? digits.slice(cut) : digits;
    if (/[1-9]/.test(dropped)) return undefined;
    digits = cut > 0 ? digits.slice(0, cut) : '0';
  } else {
    if (digits.length + exponent > MAX_DIGITS && /[1-9]/.test(digits)) return undefined;
    if (/[1-9]/.test(digits)) digits += '0'.repeat(exponent);
  }
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}

/** A number as Go's strconv.ParseFloat reads it: also `+Inf`, `-inf`, `Infinity`, `NaN`. */
export function parseGoFloat(text: string): number {
  // A text ending in a digit or '.' is no infinity or NaN: a number as JavaScript reads it (every sample value, nearly).
  const last = text.charCodeAt(text.length - 1);
  if ((last >= 48 && last <= 57) || last === 46) return Number(text);
  const lower = text.toLowerCase();
  const sign = lower.startsWith('-') ? -1 : 1;
  const bare = lower.replace(/^[+-]/, '');
  if (bare === 'inf' || bare === 'infinity') return sign * Infinity;
  if (bare === 'nan') return NaN;
  return Number(text);
}
