import { brokenIdentities } from '../breakdown.js';
import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';
import { captureEndpoint } from '../../input/snapshot.js';

export const inconsistentDump: Rule = {
  meta: {
    id: 'inconsistent-dump',
    defaultSeverity: 'error',
    description: 'The MemStats numbers break identities the runtime always keeps: the dump was edited or corrupted.',
    docsUrl: DOCS.memStats,
    options: {
      identityToleranceBytes: { kind: 'bytes', description: 'how far the two sides of an identity may differ (default 8KiB, one page)' },
    },
  },
  check(facts, { thresholds: t }) {
    if (!facts.stats) return [];
    return brokenIdentities(facts.stats, t.identityToleranceBytes).map((c) => ({
      message: `The dump breaks the identity ${c.identity}.`,
      why: `The left side is ${formatCount(c.left)} and the right side ${formatCount(c.right)}; runtime.ReadMemStats computes these fields together, so a real dump always satisfies it.`,
      fix: `Do not reason from this dump: capture it again from ${captureEndpoint(facts.exposed)} without editing it.`,
      position: facts.positionOf(c.identity.split(' ')[0] ?? ''),
      subject: c.identity,
      evidence: { identity: c.identity, left: evidenceNumber(c.left), right: evidenceNumber(c.right) },
    }));
  },
};

/** A number where a double holds it exactly, else its digits (a counter near the uint64 maximum). */
function evidenceNumber(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}
