/** Rule options are an input of the rule: resolved once, handed to `check` with the diagnostics, never shared between rules or dumps. */
import { describe, expect, it } from 'vitest';
import { configureRule, findRule, type Rule } from '../../src/analyze/rules/index.js';
import { snapshotFacts } from '../../src/analyze/snapshot.js';
import { THRESHOLDS } from '../../src/analyze/thresholds.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { createHeapLinter } from '../../src/lint/engine.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function rule(id: string): Rule {
  const found = findRule(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function parse(rel: string): ReturnType<typeof parseHeapDump> {
  return parseHeapDump(readCorpus(rel), rel);
}

const AFTER_GC = 'go1.23/peak/default.after-gc.heap-debug1.txt';

describe('configureRule', () => {
  it('replaces only the thresholds named by options, and keeps other options out of the thresholds', () => {
    const configured = configureRule(rule('idle-heap-retained'), { idleRetainedMinBytes: 1024, limit: 5 });
    expect(configured.thresholds).toEqual({ ...THRESHOLDS, idleRetainedMinBytes: 1024 });
    expect(configured.options).toEqual({ idleRetainedMinBytes: 1024, limit: 5 });
    expect(THRESHOLDS.idleRetainedMinBytes).toBe(16 * 1024 * 1024);
  });

  it('without options, a rule runs on the defaults', () => {
    expect(configureRule(rule('gc-cpu-high')).thresholds).toEqual({ ...THRESHOLDS });
  });
});

describe('a rule check reads its context, nothing else', () => {
  it('the same facts give a finding or none by the thresholds passed', () => {
    const { dump } = parse(AFTER_GC);
    const facts = snapshotFacts(AFTER_GC, heapSnapshot(dump));
    const idle = rule('idle-heap-retained');
    const base = configureRule(idle);
    const raised = configureRule(idle, { idleRetainedMinBytes: 512 << 20 });
    // HeapIdle 317374464 − HeapReleased 6766592; Sys 323323208 − HeapReleased.
    expect(idle.check(facts, { thresholds: base.thresholds, options: base.options, diagnostics: [] }).map((r) => r.evidence)).toEqual([
      { idleBytes: 310_607_872, retainedBytes: 316_556_616 },
    ]);
    expect(idle.check(facts, { thresholds: raised.thresholds, options: raised.options, diagnostics: [] })).toEqual([]);
  });

  it('parse-error reports the diagnostics it is given, whatever the facts', () => {
    const { dump } = parse(AFTER_GC);
    const results = rule('parse-error').check(snapshotFacts(AFTER_GC, heapSnapshot(dump)), {
      thresholds: { ...THRESHOLDS },
      options: {},
      diagnostics: [{ severity: 'error', message: 'unexpected text', line: 7, column: 3, source: AFTER_GC }],
    });
    expect(results.map((r) => [r.message, r.position])).toEqual([['Unexpected text.', { line: 7, column: 3 }]]);
  });
});

describe('createHeapLinter', () => {
  it('two linters with other options, used in turn, do not see each other', () => {
    const idle = rule('idle-heap-retained');
    const strict = createHeapLinter([{ rule: idle, severity: undefined, options: {} }]);
    const lax = createHeapLinter([{ rule: idle, severity: undefined, options: { idleRetainedMinBytes: 512 << 20 } }]);
    const { dump, diagnostics } = parse(AFTER_GC);
    expect(strict(AFTER_GC, heapSnapshot(dump), diagnostics).map((m) => m.line)).toEqual([15]);
    expect(lax(AFTER_GC, heapSnapshot(dump), diagnostics)).toEqual([]);
    expect(strict(AFTER_GC, heapSnapshot(dump), diagnostics).map((m) => m.line)).toEqual([15]);
  });

  it("each dump's parse problems are its own", () => {
    const lint = createHeapLinter([{ rule: rule('parse-error'), severity: undefined, options: {} }]);
    const cut = readCorpus(AFTER_GC).split('\n').slice(0, 5).join('\n').replace(/^(\d+): \d+/m, '$1: x');
    const broken = parseHeapDump(cut, 'cut.txt');
    const whole = parse(AFTER_GC);
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expect(lint('cut.txt', heapSnapshot(broken.dump), broken.diagnostics)).toHaveLength(broken.diagnostics.length);
    expect(lint(AFTER_GC, heapSnapshot(whole.dump), whole.diagnostics)).toEqual([]);
  });
});
