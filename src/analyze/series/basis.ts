/**
 * What a growing site's estimate rests on, said where it is rough (reasoning.md §4, §7): a sampled
 * profile records about one allocation per MemProfileRate bytes, so a site's growth of a few
 * samples is a count of rare events, its error about √samples of them. The captured
 * go1.19-audit44-twoleaks' main.leakSlow (4 KiB every 200 ms), 2 → 6 samples, read "+2.0 MiB" where
 * it kept +1.2 MiB; the report's table gives the basis under the site, as the goroutine descriptors' estimate does
 * (combine.ts descriptorsBeyondAlive: "The estimate above rests on N samples").
 */
import { formatBytes } from '../../text/units.js';
import { changeSamplingError } from '../unsample.js';
import type { SiteTrend } from './model.js';
import { oldCopyHint } from './oldcopy.js';

/** A growth whose sampling error (unsample.ts changeSamplingError, ~95 %) is this share of it or more is said with its basis. */
export const ROUGH_GROWTH_SHARE = 0.5;

/**
 * A growth whose sampling error is this share of it or more is said rough in the headline too (roughEstimateNote): the
 * growth may be a quarter of what is said, about 7 samples gained or fewer (the error of n samples is about 2/√n of the
 * growth). Twoleaks' main.leakSlow, 4 samples gained, is; intern's main.ingest, 14 gained (±53%), is said in the table only.
 */
export const ROUGH_HEADLINE_SHARE = 0.75;

/** The sampling error of a sampled site's growth (first to last) when it is `share` of it or more; undefined for exact counts and firmer estimates. */
function roughError(site: Pick<SiteTrend, 'inuseObjects' | 'samples' | 'growthBytes'>, share = ROUGH_GROWTH_SHARE): number | undefined {
  const samples = site.samples;
  if (!samples || site.growthBytes <= 0) return undefined;
  const gained = (values: readonly number[]): number => (values[values.length - 1] ?? 0) - (values[0] ?? 0);
  const error = changeSamplingError({ objects: gained(site.inuseObjects), bytes: site.growthBytes, samples: gained(samples) });
  return error < share * site.growthBytes ? undefined : error;
}

const sampleCount = (n: number): string => String(Math.round(n));

/**
 * `the estimate rests on 2 → 6 samples: ±2.0 MiB` for a sampled site whose growth (first to last)
 * is within ROUGH_GROWTH_SHARE of its sampling error; undefined for exact counts and firmer estimates.
 */
export function roughEstimateWords(site: Pick<SiteTrend, 'inuseBytes' | 'inuseObjects' | 'samples' | 'growthBytes'>): string | undefined {
  const error = roughError(site);
  if (error === undefined) return undefined;
  const samples = site.samples ?? [];
  return `the estimate rests on ${sampleCount(samples[0] ?? 0)} → ${sampleCount(samples[samples.length - 1] ?? 0)} samples: ±${formatBytes(error)}`;
}

/**
 * `rough: 2 → 6 samples` after a growing site the headline names whose estimate is rougher still (ROUGH_HEADLINE_SHARE): the verdict's short
 * caveat of the table's basis (audit 44 F9: go1.19-audit44-twoleaks' "main.leakSlow +2.0 MiB" kept +1.2 MiB).
 */
export function roughEstimateNote(site: Pick<SiteTrend, 'inuseObjects' | 'samples' | 'growthBytes'>): string | undefined {
  const samples = site.samples ?? [];
  return roughError(site, ROUGH_HEADLINE_SHARE) === undefined ? undefined : `rough: ${sampleCount(samples[0] ?? 0)} → ${sampleCount(samples[samples.length - 1] ?? 0)} samples`;
}

/** What the report's Growing allocation sites table says in brackets under a site: an old copy freed (oldcopy.ts, in the verdict too), a rough estimate (above). */
export function growingSiteNotes(site: Pick<SiteTrend, 'inuseBytes' | 'inuseObjects' | 'samples' | 'growthBytes' | 'oldCopyAt' | 'mapBuckets'>): string[] {
  return [oldCopyHint(site), roughEstimateWords(site)].filter((w): w is string => w !== undefined);
}
