/**
 * A finding's identity across runs, for baselines and SARIF `partialFingerprints`: the rule id
 * and the message with its numbers taken out. Line numbers are not part of it (a re-captured
 * dump moves lines), nor are the numbers (they change with every capture), so "the same problem
 * in the same file" stays the same finding; a different identity, field or function is another.
 */
import { createHash } from 'node:crypto';

/** Numbers with their units and separators: 1,234 · 16.0 MiB · 5.31% · 12 ms · 3× */
const NUMBER = /\d[\d,]*(?:\.\d+)?(?:\s*(?:[KMGT]iB|B|ns|µs|ms|s|%|×))?/g;

export function normalizeMessage(message: string): string {
  return message.replace(NUMBER, '#');
}

export function fingerprint(ruleId: string, message: string): string {
  return createHash('sha256').update(`${ruleId}\n${normalizeMessage(message)}`).digest('hex').slice(0, 16);
}
