/** Baselines: keys without line numbers or message text, counts, round trip, and the messages of a bad file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRule, type Rule } from '../../src/analyze/rules/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { HeapdocError } from '../../src/input/errors.js';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline } from '../../src/lint/baseline.js';
import { createHeapLinter } from '../../src/lint/engine.js';
import { fingerprint } from '../../src/lint/fingerprint.js';
import type { FileResult, LintMessage } from '../../src/lint/types.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function m(ruleId: string, message: string, line: number, subject?: string): LintMessage {
  return { ruleId, severity: 'warning', message, why: '', fix: '', docsUrl: '', line, column: 3, fingerprint: fingerprint(ruleId, subject) };
}

function rule(id: string): Rule {
  const found = findRule(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** The rule as a later heapdoc version could word it: same facts, other prose. */
function reworded(r: Rule): Rule {
  return { ...r, check: (facts, context) => r.check(facts, context).map((x) => ({ ...x, message: `Reworded: ${x.message.toUpperCase()}` })) };
}

/** Lints a corpus dump (optionally edited) with `rules`, as one file result under /repo. */
function lintCorpus(rel: string, rules: readonly Rule[], edit: (text: string) => string = (t) => t): FileResult {
  const { dump, diagnostics } = parseHeapDump(edit(readCorpus(rel)), rel);
  const messages = createHeapLinter(rules.map((r) => ({ rule: r, severity: undefined, options: {} })))(rel, heapSnapshot(dump), diagnostics);
  return { source: rel, path: `/repo/${rel}`, kind: 'heap', messages, suppressed: [] };
}

/** Breaks HeapSys = HeapInuse + HeapIdle and HeapReleased ≤ HeapIdle in a real dump. */
const breakTwoIdentities = (text: string): string => text.replace(/^# HeapIdle = \d+$/m, '# HeapIdle = 1');

const file = (path: string, messages: LintMessage[]): FileResult => ({ source: path, path, kind: 'heap', messages, suppressed: [] });

describe('fingerprints', () => {
  it('are the rule id and the subject, nothing of the message', () => {
    // sha256 of "idle-heap-retained", and of "inconsistent-dump\nHeapReleased ≤ HeapIdle": the first 16 hex digits.
    expect(fingerprint('idle-heap-retained', undefined)).toBe('60016dc975e0fd7c');
    expect(fingerprint('inconsistent-dump', 'HeapReleased ≤ HeapIdle')).toBe('3f9b5b872c6be52d');
    expect(fingerprint('a', undefined)).not.toBe(fingerprint('b', undefined));
    expect(fingerprint('inconsistent-dump', 'HeapSys = HeapInuse + HeapIdle')).not.toBe(fingerprint('inconsistent-dump', 'HeapReleased ≤ HeapIdle'));
    expect(fingerprint('a', 'x')).not.toBe(fingerprint('a', undefined));
  });

  it('a reworded message keeps a real dump\'s baseline valid', () => {
    const rel = 'go1.23/peak/default.after-gc.heap-debug1.txt';
    const rules = [rule('idle-heap-retained'), rule('inconsistent-dump')];
    const before = lintCorpus(rel, rules, breakTwoIdentities);
    expect(before.messages.map((x) => x.ruleId)).toEqual(['inconsistent-dump', 'inconsistent-dump']);
    const baseline = buildBaseline([before], '/repo');
    const after = lintCorpus(rel, rules.map(reworded), breakTwoIdentities);
    expect(after.messages.map((x) => x.message.slice(0, 10))).toEqual(['Reworded: ', 'Reworded: ']);
    const applied = applyBaseline([after], baseline, '/repo');
    expect(applied.results[0]?.messages).toEqual([]);
    expect(applied.results[0]?.suppressed).toHaveLength(2);
    expect(applied.unmatched).toBe(0);
  });

  it('another subject of the same rule in the same file is a new finding', () => {
    const rel = 'go1.23/peak/default.after-gc.heap-debug1.txt';
    const rules = [rule('inconsistent-dump')];
    const one = lintCorpus(rel, rules, (t) => t.replace(/^# HeapReleased = \d+$/m, '# HeapReleased = 999999999999'));
    const two = lintCorpus(rel, rules, breakTwoIdentities);
    expect(one.messages.map((x) => x.message)).toEqual(['The dump breaks the identity HeapReleased ≤ HeapIdle.']);
    const applied = applyBaseline([two], buildBaseline([one], '/repo'), '/repo');
    expect(applied.results[0]?.messages.map((x) => x.message)).toEqual(['The dump breaks the identity HeapSys = HeapInuse + HeapIdle.']);
  });
});

describe('baseline', () => {
  const dir = '/repo';
  const results = [
    file('/repo/dumps/a.txt', [m('idle-heap-retained', '296.2 MiB of idle heap is retained.', 15), m('gc-cpu-high', 'The GC has used 10.2% of the CPU.', 137)]),
    file('/repo/dumps/b.txt', [m('inconsistent-dump', 'The dump breaks the identity A.', 21, 'A'), m('inconsistent-dump', 'The dump breaks the identity A.', 22, 'A')]),
    file('/repo/dumps/clean.txt', []),
  ];

  it('records file (relative, POSIX), rule, fingerprint and count, sorted', () => {
    const b = buildBaseline(results, dir);
    expect(b.entries.map((e) => [e.file, e.ruleId, e.count])).toEqual([
      ['dumps/a.txt', 'gc-cpu-high', 1],
      ['dumps/a.txt', 'idle-heap-retained', 1],
      ['dumps/b.txt', 'inconsistent-dump', 2],
    ]);
    expect(b.entries[0]?.message).toBe('The GC has used 10.2% of the CPU.');
  });

  it('suppresses what it records even when lines and numbers moved, and reports what is new', () => {
    const b = buildBaseline(results, dir);
    const later = [
      file('/repo/dumps/a.txt', [m('idle-heap-retained', '310.0 MiB of idle heap is retained.', 17), m('stack-heavy', 'Goroutine stacks take 20 MiB.', 22)]),
      file('/repo/dumps/b.txt', [1, 2, 3].map((line) => m('inconsistent-dump', 'The dump breaks the identity A.', line, 'A'))),
    ];
    const applied = applyBaseline(later, b, dir);
    expect(applied.results.map((r) => r.messages.map((x) => `${x.ruleId}:${x.line}`))).toEqual([['stack-heavy:22'], ['inconsistent-dump:3']]);
    expect(applied.results.map((r) => r.suppressed.length)).toEqual([1, 2]);
    expect(applied.unmatched).toBe(1); // gc-cpu-high no longer occurs
  });

  it('round-trips through its file, and keys by path relative to the baseline file', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'heapdoc-baseline-'));
    const path = join(tmp, 'baseline.json');
    const b = buildBaseline(results, dir);
    writeFileSync(path, serializeBaseline(b));
    expect(readBaseline(path)).toEqual(b);
    // The same dumps seen from a baseline in /repo/dumps: the keys differ, nothing matches.
    expect(applyBaseline(results, b, '/repo/dumps').unmatched).toBe(4);
  });

  it('says what is wrong with a baseline file', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'heapdoc-baseline-'));
    const err = (text: string | undefined): string => {
      const path = join(tmp, `b${Math.random()}.json`);
      if (text !== undefined) writeFileSync(path, text);
      try {
        readBaseline(path);
      } catch (error) {
        if (error instanceof HeapdocError) return `${error.message.replace(path, 'FILE')} — ${error.hint ?? ''}`;
        throw error;
      }
      return 'no error';
    };
    // A missing file is an empty baseline (a CI workflow before its baseline is committed); lint says so.
    expect(err(undefined)).toBe('no error');
    expect(readBaseline(join(tmp, 'none.json'))).toEqual({ version: 2, entries: [], missing: true });
    // Where, as line:column (as the config's errors), not JSON.parse's "at position 1".
    // --update-baseline refuses to replace a file that is not a baseline: the step given moves it out of the way first.
    const fix = 'delete it or name another file, then run with --update-baseline';
    expect(err('{')).toBe(`--baseline FILE:1:2: not a heapdoc baseline (not JSON: expected '}') — ${fix}`);
    expect(err('{nope')).toBe(`--baseline FILE:1:2: not a heapdoc baseline (not JSON: unexpected character) — ${fix}`);
    expect(err('{\n  "version": 2,\n  "entries": [1,]\n}')).toBe(`--baseline FILE:3:17: not a heapdoc baseline (not JSON: expected a value) — ${fix}`);
    expect(err('{"version": 3, "entries": []}')).toBe(`--baseline FILE: not a heapdoc baseline (version 2) — ${fix}`);
    expect(err('{"version": 2, "entries": [{"file": "a", "ruleId": "x", "fingerprint": "f", "count": 0}]}')).toBe(`--baseline FILE: not a heapdoc baseline (version 2) — ${fix}`);
    expect(readBaseline(join(tmp, 'missing.json'), true)).toEqual({ version: 2, entries: [], missing: true });
  });

  it('refuses a version 1 baseline (message fingerprints) with how to regenerate it, and lets --update-baseline replace it', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'heapdoc-baseline-'));
    const path = join(tmp, 'old.json');
    writeFileSync(path, '{"version": 1, "entries": [{"file": "a.txt", "ruleId": "gc-cpu-high", "fingerprint": "1f3a9c0e8b7d6a52", "count": 1, "message": "m"}]}');
    expect(() => readBaseline(path)).toThrow(HeapdocError);
    try {
      readBaseline(path);
    } catch (error) {
      expect(`${(error as HeapdocError).message} — ${(error as HeapdocError).hint ?? ''}`).toBe(
        `--baseline ${path}: a version 1 baseline, keyed on message text that heapdoc no longer fingerprints — regenerate it: heapdoc lint <the same inputs> --baseline ${path} --update-baseline (it records every current finding)`,
      );
    }
    expect(readBaseline(path, true)).toEqual({ version: 2, entries: [] });
  });
});
