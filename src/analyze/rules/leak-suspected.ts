import { firstOf, formatBytes, formatCount } from '../../text/units.js';
import { waitAdvice } from '../goroutines/waits.js';
import { leakGroups } from '../series/verdict.js';
import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';
import { groupSpan, siteSpan, snapshotName, spanOf } from './series-words.js';

/**
 * The series verdict, for CI: snapshots of one process (the dumps of one directory, or one
 * GODEBUG=gctrace=1 log) whose verdict is "leak suspected" (analyze/series/verdict.ts weighs the
 * evidence: live heap, sites, goroutine groups, stacks). Reported at the last snapshot.
 */
export const leakSuspected: Rule = {
  meta: {
    id: 'leak-suspected',
    defaultSeverity: 'error',
    description: 'Snapshots of one process show a leak: live heap, allocation sites, goroutine groups or stacks keep growing.',
    docsUrl: DOCS.gcGuide,
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts) {
    const { verdict } = facts;
    if (verdict.leak !== 'suspected') return [];
    const first = facts.live[0];
    const last = facts.live[facts.live.length - 1];
    const groups = leakGroups(facts.growingGroups);
    const parts = verdict.evidence.flatMap((e): string[] => {
      if (facts.origin === 'gctrace') return [e.text];
      if (e.kind === 'live-heap' && first && last) return [`live heap ${formatBytes(first.bytes)} → ${formatBytes(last.bytes)} over ${facts.live.length} GC-separated snapshots`];
      if (e.kind === 'sites' && facts.leakSites.length > 0) return [`growing ${firstOf(facts.leakSites.map(siteSpan), 3)}`];
      if (e.kind === 'goroutine-groups' && groups.length > 0) return [`goroutines ${firstOf(groups.map((g) => groupSpan(g, groups)), 3)}`];
      return [e.text];
    });
    const where = facts.origin === 'gctrace'
      ? `in ${snapshotName(facts.sources[0])}`
      : `across ${facts.sources.length} snapshots, ${spanOf(facts.sources)}`;
    const named = [
      ...(first && last && facts.origin === 'snapshots' ? [`The GC-separated snapshots compared: ${facts.live.map((p) => snapshotName(p.source)).join(', ')}.`] : []),
      ...(facts.goroutines.length > 1 && groups.length > 0 ? [`The goroutine dumps compared: ${facts.goroutines.map((g) => snapshotName(g.source)).join(', ')}.`] : []),
    ];
    // Goroutines that pile up are the leak whether or not the heap grows: said as such when they are all the evidence.
    const goroutinesOnly = verdict.evidence.every((e) => e.kind === 'goroutine-groups' || e.kind === 'stack-inuse');
    const top = groups[0];
    const waits = top && waitAdvice(top.state, top.function);
    const start = top && waits
      ? `Start with ${top.function}${top.state ? ` [${top.state}]` : ''} (+${formatCount(top.growth)}): ${waits}.`
      : facts.leakSites[0] ? `Start with ${facts.leakSites[0].function} (+${formatBytes(facts.leakSites[0].growthBytes)}): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes.`
      : 'A map or slice that is never pruned, a cache without a bound, or goroutines blocked forever are the usual causes.';
    return [{
      message: `Leak suspected (${verdict.confidence} confidence) ${where}: ${parts.join('; ')}.`,
      why: `${verdict.summary}${named.length > 0 ? ` ${named.join(' ')}` : ''} ${goroutinesOnly
        ? 'Goroutines that keep accumulating wait forever: each keeps its stack and everything the stack references, a leak whether or not the heap grows.'
        : 'Memory that keeps growing after each garbage collection is held by something reachable: a leak, unlike a past peak (the live heap falls back) or churn (the live heap stays flat).'}`,
      fix: `${facts.origin === 'gctrace'
        ? goroutinesOnly
          ? 'A GC log tells how large the goroutine stacks grow, not whose they are: take goroutine dumps (goroutine?debug=1) of the process some time apart and compare them with heapdoc analyze A B, which lists the goroutine groups that grow with their stacks.'
          : 'A GC log tells how much stays live, not what holds it: take heap dumps (heap?debug=1) of the process some time apart and compare them with heapdoc analyze A B, which lists the growing sites with their stacks.'
        : `${start} heapdoc analyze on these files lists every growing site and goroutine group with its stacks.`}`,
      evidence: {
        confidence: verdict.confidence,
        ...(facts.origin === 'gctrace' ? { gcCycles: facts.live.length } : { snapshots: facts.sources.length }),
        first: facts.sources[0] ?? '',
        last: facts.sources[facts.sources.length - 1] ?? '',
        ...(first && last ? { firstLiveBytes: first.bytes, lastLiveBytes: last.bytes } : {}),
        ...(facts.leakSites[0] ? { topSite: facts.leakSites[0].function, topSiteGrowthBytes: facts.leakSites[0].growthBytes } : {}),
        ...(groups[0] ? { topGroup: groups[0].function, topGroupGrowth: groups[0].growth } : {}),
      },
    }];
  },
};
