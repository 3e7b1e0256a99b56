/**
 * The typed model of a Prometheus text exposition (0.0.4 or OpenMetrics). Several expositions
 * may be concatenated in one input (`curl a/metrics; curl b/metrics`, or a federation dump with
 * `job`/`instance` labels): each is a `Scrape` of its own target.
 */
import type { Position } from '../common/positions.js';

/** Metric types of both formats (`untyped` is 0.0.4's, `unknown` OpenMetrics's name for it). */
export const METRIC_TYPES = ['counter', 'gauge', 'summary', 'histogram', 'untyped', 'unknown', 'gaugehistogram', 'stateset', 'info'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export interface MetricFamily {
  name: string;
  type: MetricType | undefined;
  help: string | undefined;
  /** OpenMetrics `# UNIT`. */
  unit: string | undefined;
  position: Position;
}

export interface SampleValue {
  /** The value as a float (NaN and ±Infinity included). */
  number: number;
  /** The value as written (`4.245528e+06`), for exact integers (common/decimal.ts). */
  text: string;
}

/** Label pairs in the order written, unescaped. */
export type Labels = readonly (readonly [string, string])[];

export interface Sample {
  /** The sample's own name (`go_gc_duration_seconds_sum`, not the family's). */
  name: string;
  /** Label pairs in the order written, unescaped; the target labels (job, instance) included. */
  labels: Labels;
  value: SampleValue;
  /** Milliseconds since 1970 (0.0.4 writes ms; an OpenMetrics timestamp in seconds is converted). */
  timestampMs: number | undefined;
  position: Position;
}

/**
 * The samples of one scrape, column by column (a struct of arrays): a kept sample is a few array
 * slots and its value's text, not an object with its own labels array, value object and position
 * (~250 bytes each). Names and label sets are shared by every sample and scrape that has them
 * (the reader interns them), so a series of scrapes costs the few numbers each sample carries.
 */
export class SampleColumns {
  readonly names: string[] = [];
  readonly labels: Labels[] = [];
  /** The values as floats (NaN and ±Infinity included). */
  readonly numbers: number[] = [];
  /** The values as written (`4.245528e+06`), for exact integers (common/decimal.ts). */
  readonly texts: string[] = [];
  /** Milliseconds since 1970, NaN for a sample without a timestamp. */
  readonly timestamps: number[] = [];
  readonly lines: number[] = [];
  readonly columns: number[] = [];

  get length(): number {
    return this.names.length;
  }

  push(name: string, labels: Labels, number: number, text: string, timestampMs: number | undefined, line: number, column: number): void {
    this.names.push(name);
    this.labels.push(labels);
    this.numbers.push(number);
    this.texts.push(text);
    this.timestamps.push(timestampMs ?? NaN);
    this.lines.push(line);
    this.columns.push(column);
  }

  timestampAt(i: number): number | undefined {
    const t = this.timestamps[i] ?? NaN;
    return Number.isNaN(t) ? undefined : t;
  }

  positionAt(i: number): Position {
    return { line: this.lines[i] ?? 0, column: this.columns[i] ?? 0 };
  }

  /** Sample `i` as an object (built on each call). */
  at(i: number): Sample {
    return {
      name: this.names[i] ?? '',
      labels: this.labels[i] ?? [],
      value: { number: this.numbers[i] ?? NaN, text: this.texts[i] ?? '' },
      timestampMs: this.timestampAt(i),
      position: this.positionAt(i),
    };
  }
}

/** One exposition of one target. */
export class Scrape {
  /** The samples, column by column. */
  readonly columns = new SampleColumns();

  constructor(
    /** `job` and `instance` label values when the samples carry them (federation); otherwise empty. */
    readonly target: Readonly<Record<string, string>>,
    /** Where the scrape's first line is. */
    readonly position: Position,
  ) {}

  /** The samples as objects, built on each read (the columns are what is kept). */
  get samples(): Sample[] {
    return Array.from({ length: this.columns.length }, (_v, i) => this.columns.at(i));
  }
}

export interface Exposition {
  /** `openmetrics` when a `# EOF` line or a `# UNIT` line was seen. */
  format: '0.0.4' | 'openmetrics';
  families: ReadonlyMap<string, MetricFamily>;
  /** The scrapes, in the order they started (none when they were handed to PrometheusOptions.onScrape as they closed). */
  scrapes: Scrape[];
  /** How many scrapes were read (kept in `scrapes` or handed over). */
  scrapeCount: number;
  /** Samples not kept (the reader's `keep` filter said no). */
  skippedSamples: number;
  lineCount: number;
}

/** The labels that name a target when several are in one input (Prometheus's own target labels). */
export const TARGET_LABELS = ['job', 'instance'] as const;
