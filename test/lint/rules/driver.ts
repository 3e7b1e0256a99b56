/**
 * The rule tester: one valid/invalid table per rule, run on real dumps of the corpus (edited
 * in place where the corpus has no dump that triggers the rule, the way a corrupted or cut
 * capture would look). Each case lints one dump with that rule alone, as `heapdoc lint` would.
 */
import { describe, expect, it } from 'vitest';
import { findRule, type RuleOptions } from '../../../src/analyze/rules/index.js';
import type { ProcessFacts } from '../../../src/input/snapshot.js';
import type { Severity } from '../../../src/grammar/common/diagnostic.js';
import { detectKind } from '../../../src/input/detect.js';
import { readText } from '../../../src/input/pipeline.js';
import { isGoroutineKind } from '../../../src/input/registry.js';
import type { ActiveRule } from '../../../src/lint/config.js';
import { goroutineFacts, lintGoroutineDump, lintHeapDump } from '../../../src/lint/engine.js';
import type { LintMessage } from '../../../src/lint/types.js';
import { readCorpus } from '../../helpers/fixtures.js';

export interface Case {
  /** A corpus file (relative to test/fixtures/corpus). */
  file: string;
  name?: string;
  options?: RuleOptions;
  /** The configured level (default: the rule's own severities). */
  level?: Severity;
  process?: ProcessFacts;
  /** Turns the real dump into the case (a corrupted line, a cut end…). */
  edit?: (text: string) => string;
}

export interface Expected {
  message?: string | RegExp;
  line?: number;
  column?: number;
  severity?: Severity;
  why?: string | RegExp;
  fix?: string | RegExp;
}

export interface InvalidCase extends Case {
  findings: Expected[];
}

export async function lintWithRule(id: string, c: Case): Promise<LintMessage[]> {
  const rule = findRule(id);
  if (!rule) throw new Error(`no rule ${id}`);
  const active: ActiveRule[] = [{ rule, severity: c.level, options: c.options ?? {} }];
  const raw = readCorpus(c.file);
  const text = c.edit ? c.edit(raw) : raw;
  const detection = detectKind(Buffer.from(text.slice(0, 65536)));
  const input = await readText(detection, text, c.file, ['memstats', 'sites', 'goroutines']);
  if (input?.heap) return lintHeapDump(c.file, input.heap, input.diagnostics, active, c.process ? { process: c.process } : {});
  if (input?.goroutines && isGoroutineKind(detection.kind)) return lintGoroutineDump(goroutineFacts(c.file, detection.kind, input.goroutines), input.diagnostics, active);
  const kind = detection.kind;
  throw new Error(`${c.file}: not a dump (${kind})`);
}

export function ruleTable(id: string, table: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(`rule ${id}`, () => {
    it('is in the registry', () => {
      expect(findRule(id)?.meta.id).toBe(id);
    });
    for (const c of table.valid) {
      it(`valid: ${c.name ?? c.file}`, async () => {
        expect((await lintWithRule(id, c)).filter((m) => m.ruleId === id)).toEqual([]);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name ?? c.file}`, async () => {
        const found = (await lintWithRule(id, c)).filter((m) => m.ruleId === id);
        expect(found, JSON.stringify(found.map((m) => m.message))).toHaveLength(c.findings.length);
        c.findings.forEach((expected, i) => {
          const m = found[i];
          if (!m) return;
          if (typeof expected.message === 'string') expect(m.message).toBe(expected.message);
          else if (expected.message) expect(m.message).toMatch(expected.message);
          if (expected.line !== undefined) expect(m.line).toBe(expected.line);
          if (expected.column !== undefined) expect(m.column).toBe(expected.column);
          if (expected.severity !== undefined) expect(m.severity).toBe(expected.severity);
          if (typeof expected.why === 'string') expect(m.why).toBe(expected.why);
          else if (expected.why) expect(m.why).toMatch(expected.why);
          if (typeof expected.fix === 'string') expect(m.fix).toBe(expected.fix);
          else if (expected.fix) expect(m.fix).toMatch(expected.fix);
          // Biome's three parts: what, why, what to do.
          expect(m.message.length).toBeGreaterThan(10);
          expect(m.why.length).toBeGreaterThan(10);
          expect(m.fix.length).toBeGreaterThan(10);
        });
      });
    }
  });
}
