/** Baselines: keys without line numbers, counts, round trip, and the messages of a bad file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline } from '../../src/lint/baseline.js';
import { fingerprint, normalizeMessage } from '../../src/lint/fingerprint.js';
import type { FileResult, LintMessage } from '../../src/lint/types.js';
import { HeapdocError } from '../../src/input/errors.js';

function m(ruleId: string, message: string, line: number): LintMessage {
  return { ruleId, severity: 'warning', message, why: '', fix: '', docsUrl: '', line, column: 3, fingerprint: fingerprint(ruleId, message) };
}

const file = (path: string, messages: LintMessage[]): FileResult => ({ source: path, path, kind: 'heap', messages, suppressed: [] });

describe('fingerprints', () => {
  it('ignore numbers and their units, keep the words', () => {
    expect(normalizeMessage('296.2 MiB of idle heap is retained by the runtime for reuse (98.1% of what Go holds).'))
      .toBe('# of idle heap is retained by the runtime for reuse (# of what Go holds).');
    expect(normalizeMessage('A GC pause took 12.54 ms (GC cycle 3); 1 of the last 6 pauses exceeded 10.00 ms.'))
      .toBe('A GC pause took # (GC cycle #); # of the last # pauses exceeded #.');
    expect(fingerprint('idle-heap-retained', '296.2 MiB of idle heap is retained (98.1% of what Go holds).'))
      .toBe(fingerprint('idle-heap-retained', '1.2 GiB of idle heap is retained (50.0% of what Go holds).'));
    expect(fingerprint('inconsistent-dump', 'The dump breaks the identity HeapSys = HeapInuse + HeapIdle.'))
      .not.toBe(fingerprint('inconsistent-dump', 'The dump breaks the identity HeapReleased ≤ HeapIdle.'));
    expect(fingerprint('a', 'x')).not.toBe(fingerprint('b', 'x'));
  });
});

describe('baseline', () => {
  const dir = '/repo';
  const results = [
    file('/repo/dumps/a.txt', [m('idle-heap-retained', '296.2 MiB of idle heap is retained.', 15), m('gc-cpu-high', 'The GC has used 10.2% of the CPU.', 137)]),
    file('/repo/dumps/b.txt', [m('inconsistent-dump', 'The dump breaks the identity A.', 21), m('inconsistent-dump', 'The dump breaks the identity A.', 22)]),
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
      file('/repo/dumps/b.txt', [1, 2, 3].map((line) => m('inconsistent-dump', 'The dump breaks the identity A.', line))),
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
    expect(err(undefined)).toBe('--baseline FILE: no such file — create it with --baseline FILE --update-baseline');
    expect(err('{')).toMatch(/^--baseline FILE: not JSON \(.+\) — recreate it with --update-baseline$/);
    expect(err('{"version": 2, "entries": []}')).toBe('--baseline FILE: not a heapdoc baseline (version 1) — recreate it with --update-baseline');
    expect(err('{"version": 1, "entries": [{"file": "a", "ruleId": "x", "fingerprint": "f", "count": 0}]}')).toBe('--baseline FILE: not a heapdoc baseline (version 1) — recreate it with --update-baseline');
    expect(readBaseline(join(tmp, 'missing.json'), true)).toEqual({ version: 1, entries: [] });
  });
});
