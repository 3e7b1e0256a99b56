/**
 * Markdown injection: text from a dump (a function name, a path, a source name) stays text in
 * every Markdown output. A `|` does not split a table cell; `<`, `>` and `&` are HTML entities.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeGoroutineProfile } from '../../src/analyze/goroutines/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { readGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { markdownCode, markdownText } from '../../src/text/markdown.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

const EVIL = 'main.x|<img src=x onerror=alert(1)>&amp;';

describe('the shared escapes', () => {
  it('text: entities for & < >, backslashes for Markdown syntax, no control characters', () => {
    expect(markdownText(EVIL)).toBe('main.x\\|&lt;img src=x onerror=alert(1)&gt;&amp;amp;');
    expect(markdownText('a*b_c`d[e]f~g\\h')).toBe('a\\*b\\_c\\`d\\[e\\]f\\~g\\\\h');
    expect(markdownText('x\u001b[2Jy')).toBe('x?\\[2Jy');
  });

  it('code: a <code> element holding the escaped text', () => {
    expect(markdownCode(EVIL)).toBe('<code>main.x\\|&lt;img src=x onerror=alert(1)&gt;&amp;amp;</code>');
    expect(markdownCode('main.(*T).`f`')).toBe('<code>main.(\\*T).\\`f\\`</code>');
  });
});

/** The pipes that split a row into cells: those not escaped with a backslash. */
function cellBorders(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length;
}

describe('analyze --format markdown with hostile names', () => {
  it('every table keeps its columns; no raw HTML from the dump', async () => {
    const heapText = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt').replaceAll('time.Sleep', EVIL).replaceAll('/build/go-1.23.2/src/runtime/time.go', '/src/a|b<i>.go');
    const heap = parseHeapDump(heapText, 'heap|<b>1</b>.txt');
    const goroutineText = readCorpus('go1.23/leak/snap1.goroutine-debug1.txt').replaceAll('main.waitForReply', 'main.wait|<script>x</script>');
    async function* once(): AsyncGenerator<string> {
      yield goroutineText;
    }
    const goroutines = await readGoroutineProfile(once(), 'g.txt');
    const report = combineReport([analyzeSnapshot('heap|<b>1</b>.txt', heapSnapshot(heap.dump), heap.diagnostics)], [summarizeGoroutineProfile(goroutines.profile, 'g.txt')]);
    report.diagnostics.push({ source: 'x|<svg onload=alert(1)>', line: 3, column: 1, severity: 'warning', message: 'a | b <u>c</u>' });
    const md = reportMarkdown(report, 10);

    expect(md).not.toMatch(/<(img|script|svg|b|i|u)\b/);
    expect(md).toContain('| 0 B | 0 | 1.5 MiB | <code>main.x\\|&lt;img src=x onerror=alert(1)&gt;&amp;amp;</code> | /src/a\\|b&lt;i&gt;.go:306 |');
    expect(md).toContain('| 40 | main.wait\\|&lt;script&gt;x&lt;/script&gt; |');
    expect(md).toContain('## heap\\|&lt;b&gt;1&lt;/b&gt;.txt');
    expect(md).toContain('- <code>x\\|&lt;svg onload=alert(1)&gt;:3:1</code> warning: a \\| b &lt;u&gt;c&lt;/u&gt;');

    // Each table: every row has as many cell borders as its header.
    const lines = md.split('\n');
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]?.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
      tables++;
      const borders = cellBorders(lines[i] ?? '');
      for (let j = i + 1; lines[j]?.startsWith('|'); j++) expect(cellBorders(lines[j] ?? ''), lines[j]).toBe(borders);
    }
    expect(tables).toBe(3); // buckets, allocation sites, goroutine groups
  });
});
