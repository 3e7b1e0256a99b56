/**
 * A finding's identity across runs, for baselines and SARIF `partialFingerprints`: the rule id
 * and, when the rule can find several things in one input, the finding's subject (an identity,
 * a function, a goroutine group: Finding.subject). Never the message: rewording one must not
 * invalidate a baseline. Nor line numbers or values, which change with every capture; the file
 * is the baseline entry's own key.
 */
import { createHash } from 'node:crypto';

export function fingerprint(ruleId: string, subject: string | undefined): string {
  return createHash('sha256').update(subject === undefined ? ruleId : `${ruleId}\n${subject}`).digest('hex').slice(0, 16);
}
