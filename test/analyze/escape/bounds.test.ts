/**
 * Compiler output made to hurt: millions of messages at one line, one explanation of millions of
 * steps, thousands of copies of one explanation. Each is kept to a bound far above what real
 * output reaches (the limits' comments give the real maxima, from go1.19's -m=2 output of std),
 * and what is left out is counted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEscapeIndex, compareAllocationSite, escapesAt } from '../../../src/analyze/escape/join.js';
import { MESSAGES_PER_KIND } from '../../../src/analyze/escape/site-report.js';
import { describePath } from '../../../src/analyze/escape/cause.js';
import { ExplanationLinker } from '../../../src/analyze/escape/link.js';
import { EscapeAnalyzer } from '../../../src/analyze/escape/index.js';
import { parseGcflags, type CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { KEPT_STEPS_HEAD, KEPT_STEPS_TAIL } from '../../../src/grammar/gcflags/model.js';
import { runCli } from '../../helpers/cli.js';
import { corpusPath } from '../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-escape-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lines(n: number, line: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => line(i)).join('\n');
}

describe('the join keeps at most MESSAGES_PER_KIND of one kind at a line', () => {
  const text = `# seed\n${lines(300, (i) => `./main.go:29:${i + 1}: make([]byte, ${i}) escapes to heap`)}\n./main.go:29:400: x does not escape\n`;
  const index = buildEscapeIndex(parseGcflags(text).messages);

  it('256 heap values, the does-not-escape after them still kept, 44 counted', () => {
    const at = escapesAt(index, '/build/src/seed/main.go', 29);
    expect(MESSAGES_PER_KIND).toBe(256);
    expect(at.filter((d) => d.kind === 'escapes-to-heap')).toHaveLength(256);
    expect(at.filter((d) => d.kind === 'does-not-escape').map((d) => d.column)).toEqual([400]);
    const compared = compareAllocationSite(index, '/build/src/seed/main.go', 29);
    expect(compared.status).toBe('agrees');
    expect(compared.omitted).toBe(44);
    expect(compared.heap.at(-1)?.message).toBe('make([]byte, 255) escapes to heap');
  });

});

describe('one explanation of 1,000 steps', () => {
  const text = `# seed\n./main.go:29:32: make([]byte, 1000) escapes to heap:\n${lines(1000, (i) => `./main.go:29:32:   flow: v${i + 1} = &{storage for make([]byte, 1000)}:`)}\n./main.go:29:32: make([]byte, 1000) escapes to heap\n`;
  const { messages, diagnostics } = parseGcflags(text);

  it('keeps the first 100 steps and the last 100, and counts the 800 between', () => {
    expect(diagnostics).toEqual([]);
    const header = messages[0] as CompilerMessage;
    expect([KEPT_STEPS_HEAD, KEPT_STEPS_TAIL]).toEqual([100, 100]);
    expect(header.reasons).toHaveLength(200);
    expect(header.reasonsOmitted).toBe(800);
    expect(header.reasons?.[99]?.message).toBe('flow: v100 = &{storage for make([]byte, 1000)}');
    expect(header.reasons?.[100]?.message).toBe('flow: v901 = &{storage for make([]byte, 1000)}');
    expect(header.reasons?.at(-1)?.message).toBe('flow: v1000 = &{storage for make([]byte, 1000)}');
  });

  it('the join carries the count to the -m line it explains', () => {
    const [joined] = escapesAt(buildEscapeIndex(messages), '/build/src/seed/main.go', 29);
    expect(joined?.reasons).toHaveLength(200);
    expect(joined?.reasonsOmitted).toBe(800);
  });
});

describe('a chain in words', () => {
  it('names its first 32 and last 31 steps around "…" past 64', () => {
    const steps = Array.from({ length: 70 }, (_, i) => ({ message: `from x${i} (assign) at ./a.go:${i + 1}:1`, step: 'from' as const, expression: `x${i}`, note: 'assign', file: './a.go', line: i + 1, column: 1 }));
    const parts = describePath(steps).split(' → ');
    expect(parts).toHaveLength(64);
    expect(parts[31]).toBe('assigned to a variable at a.go:32:1');
    expect(parts[32]).toBe('…');
    expect(parts[33]).toBe('assigned to a variable at a.go:40:1');
  });
});

describe('thousands of explanations at one place', () => {
  function linked(count: number, distinct: number): CompilerMessage[] {
    const text = `# seed\n${lines(count, (i) => `./main.go:29:32: make([]byte, 1000) escapes to heap:\n./main.go:29:32:   flow: v${i % distinct} = &{storage for make([]byte, 1000)}:`)}\n./main.go:29:32: make([]byte, 1000) escapes to heap\n`;
    const linker = new ExplanationLinker();
    const groups = parseGcflags(text).messages.flatMap((d) => [...linker.add(d)]).concat(linker.flush());
    return groups.find((g) => !g.diagnostic.explanation)?.explanations ?? [];
  }

  it('5,000 different ones: the first 4,096 are held', () => {
    const held = linked(5000, 5000);
    expect(held).toHaveLength(4096);
    expect(held.at(-1)?.reasons?.[0]?.message).toBe('flow: v4095 = &{storage for make([]byte, 1000)}');
  });

  it('5,000 different ones: the group counts the 904 not held', () => {
    const text = `# seed\n${lines(5000, (i) => `./main.go:29:32: make([]byte, 1000) escapes to heap:\n./main.go:29:32:   flow: v${i} = &{storage for make([]byte, 1000)}:`)}\n./main.go:29:32: make([]byte, 1000) escapes to heap\n`;
    const linker = new ExplanationLinker();
    const groups = parseGcflags(text).messages.flatMap((d) => [...linker.add(d)]).concat(linker.flush());
    expect(groups.map((g) => [g.explanations.length, g.dropped])).toEqual([[4096, 904]]);
  });

  it('100 copies of 20: one of each, in the order they came', () => {
    expect(linked(100, 20).map((e) => e.reasons?.[0]?.message)).toEqual(Array.from({ length: 20 }, (_, i) => `flow: v${i} = &{storage for make([]byte, 1000)}`));
  });
});

describe('a value explained 5,000 times: its sentence says how many paths heapdoc held and how many it did not', () => {
  const text = `# seed\n${lines(5000, (i) => `./main.go:29:32: make([]byte, 1000) escapes to heap:\n./main.go:29:32:   flow: v${i} = &{storage for make([]byte, 1000)}:\n./main.go:29:32:     from &{storage for make([]byte, 1000)} (spill) at ./main.go:29:32`)}\n./main.go:29:32: make([]byte, 1000) escapes to heap\n`;
  const sentence = 'make([]byte, 1000) escapes: flows to v0 (4,095 more paths, and 904 explanations not kept)';

  it('heapdoc escape (the analysis)', () => {
    const analyzer = new EscapeAnalyzer();
    const read = parseGcflags(text, 'm2.txt', { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
    const analysis = analyzer.finish(read, 'm2.txt');
    expect(analysis.escapes.items.map((f) => [f.line, f.column, f.sentence])).toEqual([[29, 32, sentence]]);
  });

  it('heapdoc analyze --escape (the join)', () => {
    const [joined] = escapesAt(buildEscapeIndex(parseGcflags(text).messages), '/build/src/seed/main.go', 29);
    expect(joined?.sentence).toBe(sentence);
  });

  it('100 of them: no word of any not kept', () => {
    const few = text.split('\n').slice(0, 1 + 3 * 100).join('\n') + '\n./main.go:29:32: make([]byte, 1000) escapes to heap\n';
    const [joined] = escapesAt(buildEscapeIndex(parseGcflags(few).messages), '/build/src/seed/main.go', 29);
    expect(joined?.sentence).toBe('make([]byte, 1000) escapes: flows to v0 (99 more paths)');
  });
});

describe('heapdoc analyze --escape with 20,000 messages at the site\'s line', () => {
  const m = join(dir, 'one-line.m.txt');
  writeFileSync(m, `# seed\n${lines(20_000, (i) => `./main.go:29:${(i % 200) + 1}: make([]byte, ${i}) escapes to heap`)}\n`);
  const heap = corpusPath('go1.23/seed/routine4.after-wait.heap-debug1.txt');

  it('JSON: 256 messages at the site and escapeOmitted 19,744', async () => {
    const r = await runCli([heap, '--escape', m, '--format', 'json']);
    expect(r.code).toBe(0);
    const site = (JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; escape?: unknown[]; escapeOmitted?: number }[] } }[] })
      .snapshots[0]?.profile.sites.find((s) => s.function === 'main.routine4');
    expect(site?.escape).toHaveLength(256);
    expect(site?.escapeOmitted).toBe(19_744);
  });

  it('text: four messages under the site, then one line for the rest', async () => {
    const r = await runCli([heap, '--escape', m], { env: { COLUMNS: '200' } });
    expect(r.stdout).toContain('compiler: make([]byte, 3) escapes to heap\n');
    expect(r.stdout).not.toContain('make([]byte, 4) escapes to heap');
    expect(r.stdout).toContain('… 19,996 more compiler messages at this line (19,744 of them not kept: heapdoc keeps at most 256 of one kind a line)\n');
  });

  it('Markdown: the same line under the site\'s four messages', async () => {
    const r = await runCli([heap, '--escape', m, '--format', 'markdown']);
    expect(r.stdout).toContain('  - <code>make(\\[\\]byte, 3) escapes to heap</code>\n  - … 19,996 more compiler messages at this line (19,744 of them not kept: heapdoc keeps at most 256 of one kind a line)\n');
  });
});
