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
 * `the estimate rests on 2 → 6 samples: ±2.0 MiB` for a sampled site whose growth (first to last)
 * is within ROUGH_GROWTH_SHARE of its sampling error; undefined for exact counts and firmer estimates.
 */
export function roughEstimateWords(site: Pick<SiteTrend, 'inuseBytes' | 'inuseObjects' | 'samples' | 'growthBytes'>): string | undefined {
  const samples = site.samples;
  if (!samples || site.growthBytes <= 0) return undefined;
  const gained = (values: readonly number[]): number => (values[values.length - 1] ?? 0) - (values[0] ?? 0);
  const error = changeSamplingError({ objects: gained(site.inuseObjects), bytes: site.growthBytes, samples: gained(samples) });
  if (error < ROUGH_GROWTH_SHARE * site.growthBytes) return undefined;
  const count = (n: number): string => String(Math.round(n));
  return `the estimate rests on ${count(samples[0] ?? 0)} → ${count(samples[samples.length - 1] ?? 0)} samples: ±${formatBytes(error)}`;
}

/** What the report's Growing allocation sites table says in brackets under a site: an old copy freed (oldcopy.ts, in the verdict too), a rough estimate (above). */
export function growingSiteNotes(site: Pick<SiteTrend, 'inuseBytes' | 'inuseObjects' | 'samples' | 'growthBytes' | 'oldCopyAt' | 'mapBuckets'>): string[] {
  return [oldCopyHint(site), roughEstimateWords(site)].filter((w): w is string => w !== undefined);
}
