/**
 * The stacked bar of `Sys`: how many cells each bucket gets, and the glyph and colour it is
 * drawn with. Each bucket has its own glyph, so the bar still reads without colour (NO_COLOR).
 */
import { BUCKETS, type Breakdown, type Bucket } from '../../analyze/breakdown.js';
import type { Colors } from '../../text/color.js';
import { bucketColor } from '../../report/text.js';
import type { Tone } from '../view/line.js';

export const BUCKET_GLYPH: Readonly<Record<Bucket, string>> = {
  live: '█',
  fragmentation: '▓',
  idle: '▒',
  released: '░',
  stacks: '▞',
  runtime: '▪',
};

/** The text report's colour for each bucket (report/text.ts bucketColor), as an Ink colour name. */
const TONE_NAMER = new Proxy({}, { get: (_target, name) => () => String(name) }) as Colors;

export function bucketTone(bucket: Bucket): Tone {
  return bucketColor(TONE_NAMER, bucket)('') as Tone;
}

export interface BarCell {
  bucket: Bucket;
  cells: number;
}

/**
 * Splits `cells` between the buckets in proportion to their bytes (largest remainder, so the
 * parts add up to the whole bar). The whole is Sys, or the buckets' sum if a dump's identities
 * do not hold and the buckets add up to more.
 */
export function barCells(b: Breakdown, cells: number): BarCell[] {
  const values = BUCKETS.map((bucket) => ({ bucket, value: Math.max(0, b[bucket]) }));
  const sum = values.reduce((a, v) => a + v.value, 0);
  const whole = Math.max(b.sys, sum);
  if (whole <= 0 || cells <= 0) return BUCKETS.map((bucket) => ({ bucket, cells: 0 }));
  const shares = values.map((v) => {
    const exact = (v.value / whole) * cells;
    return { bucket: v.bucket, cells: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  // Cells left for buckets beyond Sys (sum < whole): only as many as the buckets' own share.
  const target = Math.round((sum / whole) * cells);
  let given = shares.reduce((a, s) => a + s.cells, 0);
  const byRest = [...shares].sort((a, b) => b.rest - a.rest);
  for (const s of byRest) {
    if (given >= target) break;
    s.cells++;
    given++;
  }
  return shares.map(({ bucket, cells: c }) => ({ bucket, cells: c }));
}
