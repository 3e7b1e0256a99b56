/**
 * Impossible MemStats values in a real dump (routine3, go1.23, edited one line at a time): a value
 * outside its field's type is an error at its line:column and is not used; the uint64 maximum is
 * kept exact to the JSON; broken identities give the inconsistent-dump finding and a verdict that
 * draws no conclusion, and no bucket is ever negative.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { combineReport } from '../../src/analyze/combine.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { reportJson } from '../../src/report/json.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { reportText } from '../../src/report/text.js';
import { colors } from '../../src/text/color.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

const ROUTINE3 = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
const UINT64_MAX = '18446744073709551615';

/** routine3 with the line `# NAME = …` replaced. */
function edited(name: string, value: string): string {
  const pattern = new RegExp(`^# ${name} = .*$`, 'm');
  expect(ROUTINE3).toMatch(pattern);
  return ROUTINE3.replace(pattern, `# ${name} = ${value}`);
}

function errorsOf(text: string): string[] {
  return parseHeapDump(text, 'dump.txt').diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message} — ${d.hint ?? ''}`);
}

const SKIPPED = 'the line was skipped: the runtime never prints such a value; re-capture the dump with ?debug=1';

describe('a value its field cannot hold is an error at its line:column', () => {
  it.each([
    ['HeapAlloc', '-5', '20:15 MemStats HeapAlloc is -5, but it is an unsigned integer (0 to 18446744073709551615)'],
    ['HeapAlloc', '18446744073709551616', `20:15 MemStats HeapAlloc is 18446744073709551616, more than a uint64 holds (${UINT64_MAX})`],
    ['HeapAlloc', '9'.repeat(400), `20:15 MemStats HeapAlloc is 999999999999…999999 (400 digits), more than a uint64 holds (${UINT64_MAX})`],
    ['Sys', '-1', '16:9 MemStats Sys is -1, but it is an unsigned integer (0 to 18446744073709551615)'],
    ['Stack', '688128 / -688128', '26:20 MemStats Stack is -688128, but it is an unsigned integer (0 to 18446744073709551615)'],
    ['GCCPUFraction', '-1e400', '38:19 MemStats GCCPUFraction is -1e400, but it is a fraction of CPU time, between 0 and 1'],
    ['GCCPUFraction', '1e400', '38:19 MemStats GCCPUFraction is 1e400, but it is a fraction of CPU time, between 0 and 1'],
    ['GCCPUFraction', '1.5', '38:19 MemStats GCCPUFraction is 1.5, but it is a fraction of CPU time, between 0 and 1'],
    ['GCCPUFraction', '-1', '38:19 MemStats GCCPUFraction is -1, but it is a fraction of CPU time, between 0 and 1'],
  ])('%s = %s', (name, value, expected) => {
    const text = edited(name, value);
    expect(errorsOf(text)).toEqual([`${expected} — ${SKIPPED}`]);
    const fields = parseHeapDump(text, 'dump.txt').dump.memStats?.fields;
    const skipped = name === 'Stack' ? ['StackInuse', 'StackSys'] : [name];
    for (const field of skipped) expect(fields?.has(field), field).toBe(false);
    expect(fields?.get('TotalAlloc')).toBe(6561552n); // the rest of the block is read
  });

  it('a negative element of PauseNs, at its own column', () => {
    const ring = ['8172295', '-935806', ...Array.from({ length: 254 }, () => '0')];
    expect(errorsOf(edited('PauseNs', `[${ring.join(' ')}]`))).toEqual([`34:22 MemStats PauseNs is -935806, but it is an unsigned integer (0 to 18446744073709551615) — ${SKIPPED}`]);
  });

  it('non-numeric values are errors too', () => {
    expect(errorsOf(edited('HeapAlloc', 'lots'))).toEqual(["20:15 MemStats HeapAlloc must be an integer, found the word 'lots' — the line was skipped; fix the value or re-capture the dump with ?debug=1"]);
    expect(errorsOf(edited('HeapAlloc', '1e400'))).toEqual(['20:15 MemStats HeapAlloc must be an integer, found the decimal 1e400 — the line was skipped; fix the value or re-capture the dump with ?debug=1']);
  });

  it('"-0" and 0 are in range', () => {
    expect(errorsOf(edited('NumForcedGC', '-0'))).toEqual([]);
    expect(errorsOf(edited('GCCPUFraction', '0'))).toEqual([]);
  });

  it('without HeapAlloc no verdict is drawn from the rest', () => {
    const { dump, diagnostics } = parseHeapDump(edited('HeapAlloc', '-5'), 'dump.txt');
    const s = analyzeSnapshot('dump.txt', heapSnapshot(dump), diagnostics);
    expect(s.breakdown).toBeUndefined();
    expect(s.verdict.summary).toMatch(/^The runtime\.MemStats block lacks HeapAlloc: the memory cannot be split/);
  });
});

describe('exact values stay exact', () => {
  it('the uint64 maximum, in the model and in the JSON (memStats and breakdown)', () => {
    const text = edited('Alloc', UINT64_MAX).replace(/^# HeapAlloc = .*$/m, `# HeapAlloc = ${UINT64_MAX}`);
    const { dump, diagnostics } = parseHeapDump(text, 'dump.txt');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(dump.memStats?.fields.get('HeapAlloc')).toBe(2n ** 64n - 1n);
    const json = reportJson(combineReport([analyzeSnapshot('dump.txt', heapSnapshot(dump), diagnostics)]));
    expect(json).toContain(`"HeapAlloc": ${UINT64_MAX},`);
    expect(json).toContain(`"Alloc": ${UINT64_MAX},`);
    expect(json).toContain(`"live": ${UINT64_MAX},`);
    expect(json).not.toContain('18446744073709552000');
  });
});

describe('broken identities: the finding, no conclusion, nothing negative', () => {
  const cases: [string, string, string, string][] = [
    ['HeapReleased', '99999999999', 'HeapReleased ≤ HeapIdle', 'idle'],
    ['HeapInuse', '1', 'HeapAlloc ≤ HeapInuse', 'fragmentation'],
    ['HeapAlloc', UINT64_MAX, 'HeapAlloc ≤ HeapInuse', 'fragmentation'],
  ];
  it.each(cases)('%s = %s breaks %s', (name, value, identity, zeroBucket) => {
    const { dump, diagnostics } = parseHeapDump(edited(name, value), 'dump.txt');
    const s = analyzeSnapshot('dump.txt', heapSnapshot(dump), diagnostics);
    expect(s.findings.filter((f) => f.ruleId === 'inconsistent-dump').map((f) => f.message)).toContain(`The dump breaks the identity ${identity}.`);
    expect(s.verdict.leak).toBe('unknown');
    expect(s.verdict.summary).toMatch(/^The dump is inconsistent: it breaks .*, which the runtime always keeps, so no conclusion is drawn from it\./);
    expect(s.verdict.summary).toContain(identity);
    const b = s.breakdown;
    expect(b?.[zeroBucket as 'idle']).toBe(0);
    for (const [bucket, bytes] of Object.entries(b ?? {})) expect(bytes, bucket).toBeGreaterThanOrEqual(0);

    const report = combineReport([s]);
    const text = reportText(report, { width: 80, colors: colors(false), topSites: 3 });
    const breakdownLines = text.split('\n').filter((l) => /^ {2}(live|fragmentation|idle|released|stacks|runtime) /.test(l) || l.includes('Go holds'));
    expect(breakdownLines).toHaveLength(7);
    for (const line of breakdownLines) expect(line).not.toMatch(/-\d/);
    for (const line of breakdownLines) expect((line.match(/█/g) ?? []).length, line).toBeLessThanOrEqual(24);
    expect(reportMarkdown(report, 3)).not.toMatch(/\| -\d/);
    expect(reportJson(report)).not.toMatch(/"(live|fragmentation|idle|released|stacks|runtime|sys|retained)": -/);
  });
});
