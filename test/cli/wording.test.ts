/**
 * How reports and usage errors word what they say (an audit of the installed package): a count of
 * one in the singular, a number option's error saying what the number must be, defaults in --help
 * as written, and a goroutine group's wait state escaped in Markdown as lint escapes it.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** The goleak program's first dump: `# NumGC = 1`, `# NumForcedGC = 1`. */
const ONE_GC = 'test/fixtures/captured/go1.19-mixed-cut/dumps/01.heap.txt';
const LEAK = 'test/fixtures/corpus/go1.23/leak';
const DEBUG2 = [1, 2, 3, 4, 5].map((n) => `${LEAK}/snap${n}.goroutine-debug2.txt`);

describe.concurrent('wording', () => {
  it('one GC cycle is singular, in text and Markdown', async () => {
    const [text, markdown] = await Promise.all([runCli([ONE_GC]), runCli([ONE_GC, '--format', 'markdown'])]);
    const line = 'GC: 1 GC cycle (1 forced) · last pause 86.0 µs · GC CPU 0.19% · next GC at 4.0 MiB · 836 objects allocated and not yet freed (Mallocs − Frees)';
    expect(text.stdout.split('\n')).toContain(line);
    expect(markdown.stdout.split('\n')).toContain(line);
  });

  it('a number option out of range says what it must be: 0 or more, or a positive whole number', async () => {
    const [top, concurrency, hex, warnings] = await Promise.all([
      runCli(['--top', '-1', ONE_GC]),
      runCli(['lint', '--concurrency', '0', ONE_GC]),
      runCli(['lint', '--concurrency', '0x10', ONE_GC]),
      runCli(['lint', '--max-warnings', '-3', ONE_GC]),
    ]);
    expect(top).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: --top -1: must be a whole number, 0 or more — give how many allocation sites to list, e.g. --top 20 (0: all)\n' });
    expect(concurrency).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: --concurrency 0: must be a positive whole number\n' });
    // Number('0x10') is 16: digits only, as --top and --max-warnings take them.
    expect(hex).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: --concurrency 0x10: must be a positive whole number\n' });
    expect(warnings).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: --max-warnings -3: must be a whole number, 0 or more (-1: no limit) — write --max-warnings 0 to fail on any warning\n' });
  });

  it('--help shows a default as written, not quoted', async () => {
    const helps = await Promise.all(['lint', 'analyze', 'diff', 'watch', 'escape', 'tui'].map((c) => runCli([c, '--help'])));
    expect(helps[0]?.stdout).toContain('  --concurrency <n>          how many dumps are read at once (at most 64)\n                             (default: 8)\n');
    expect(helps[1]?.stdout).toContain('  --timeout <seconds>     give up on a URL after this long (default: 15)\n');
    for (const h of helps) expect(h.stdout).not.toContain('default: "');
  });

  it('analyze\'s Markdown escapes a growing group\'s wait state as lint\'s Markdown does', async () => {
    const [analyze, lint] = await Promise.all([runCli([...DEBUG2, '--format', 'markdown']), runCli(['lint', '--no-config', ...DEBUG2, '--format', 'markdown'])]);
    const groups = analyze.stdout.split('\n').filter((l) => l.startsWith('- +155 '));
    expect(groups).toEqual([
      '- +155 <code>main.fetchWithTimeout.func1</code> \\[chan send\\] (41 → 80 → 118 → 157 → 196)',
      '- +155 <code>main.waitForLock</code> \\[sync.Mutex.Lock\\] (41 → 80 → 118 → 157 → 196)',
      '- +155 <code>main.waitForReply</code> \\[chan receive\\] (41 → 80 → 118 → 157 → 196)',
      '- +155 <code>main.waitForShutdown</code> \\[select\\] (41 → 80 → 118 → 157 → 196)',
    ]);
    expect(lint.stdout).toContain('main.fetchWithTimeout.func1 \\[chan send\\] 41 → 196, main.waitForLock \\[sync.Mutex.Lock\\] 41 → 196');
  });
});
