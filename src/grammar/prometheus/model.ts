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

export interface Sample {
  /** The sample's own name (`go_gc_duration_seconds_sum`, not the family's). */
  name: string;
  /** Label pairs in the order written, unescaped; the target labels (job, instance) included. */
  labels: readonly (readonly [string, string])[];
  value: SampleValue;
  /** Milliseconds since 1970 (0.0.4 writes ms; an OpenMetrics timestamp in seconds is converted). */
  timestampMs: number | undefined;
  position: Position;
}

/** One exposition of one target. */
export interface Scrape {
  /** `job` and `instance` label values when the samples carry them (federation); otherwise empty. */
  target: Readonly<Record<string, string>>;
  samples: Sample[];
  /** Where the scrape's first line is. */
  position: Position;
}

export interface Exposition {
  /** `openmetrics` when a `# EOF` line or a `# UNIT` line was seen. */
  format: '0.0.4' | 'openmetrics';
  families: ReadonlyMap<string, MetricFamily>;
  scrapes: Scrape[];
  /** Samples not kept (the reader's `keep` filter said no). */
  skippedSamples: number;
  lineCount: number;
}

/** The labels that name a target when several are in one input (Prometheus's own target labels). */
export const TARGET_LABELS = ['job', 'instance'] as const;
