/**
 * `heapdoc analyze --separately` (samples/): each dump is its own report, and its findings are said
 * under it, titled with its name — never in one list at the end under the last dump ("Findings
 * (latest snapshot)" once listed deep.heap-debug1.txt's stack-heavy under article-routine3's
 * report). The dumps are listed folder by folder, in the order their folders were given (within a
 * folder as before: TotalAlloc), each folder's GC logs, heap dumps and goroutine dumps together.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const SAMPLES = `${ROOT}samples`;
const PAIR = ['go1.23/stacks/deep.heap-debug1.txt', 'go1.8/article-routine3.memstats.txt', '--separately'];

/** The report's titles and each finding's first words. */
function outline(text: string): string[] {
  return text.split('\n').filter((l) => /^(Folder |Findings|Goroutine dump |GC log |go1\.)/.test(l) || /^ {2}(info|warning|error) /.test(l)).map((l) => l.replace(/^( {2}\S+ [\w-]+):.*/, '$1'));
}

interface Json {
  separately?: boolean;
  folders?: { folder: string; inputs: string[] }[];
  snapshots: { source: string }[];
  goroutines: { source: string }[];
  findings: { ruleId: string; source: string }[];
}

describe('analyze --separately', () => {
  it("text: each dump's findings under it, named, in the order given; no list at the end", async () => {
    const r = await runCli(PAIR, { cwd: SAMPLES });
    expect(r.code).toBe(0);
    expect(outline(r.stdout)).toEqual([
      'Folder go1.23/stacks (1 heap snapshot)',
      'go1.23/stacks/deep.heap-debug1.txt',
      'Findings of go1.23/stacks/deep.heap-debug1.txt',
      '  warning stack-heavy',
      '  info profile-before-first-gc',
      'Folder go1.8 (1 heap snapshot)',
      'go1.8/article-routine3.memstats.txt',
      'Findings of go1.8/article-routine3.memstats.txt',
      '  info released-memory-in-rss',
      '  info peak-retention',
    ]);
  });

  it('Markdown: the same sections, each finding under its dump', async () => {
    const r = await runCli([...PAIR, '--format', 'markdown'], { cwd: SAMPLES });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^#{2,3} (?!Allocation)|^- \*\*/.test(l)).map((l) => l.replace(/ — .*/, ''))).toEqual([
      '## Folder go1.23/stacks (1 heap snapshot)',
      '## go1.23/stacks/deep.heap-debug1.txt',
      '### Findings of go1.23/stacks/deep.heap-debug1.txt',
      '- **warning** `stack-heavy`',
      '- **info** `profile-before-first-gc`',
      '## Folder go1.8 (1 heap snapshot)',
      '## go1.8/article-routine3.memstats.txt',
      '### Findings of go1.8/article-routine3.memstats.txt',
      '- **info** `released-memory-in-rss`',
      '- **info** `peak-retention`',
    ]);
  });

  it('JSON: each finding names its dump; the folders and their inputs (additive), the findings in their order', async () => {
    const r = await runCli([...PAIR, '--format', 'json'], { cwd: SAMPLES });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.separately).toBe(true);
    expect(json.folders).toEqual([
      { folder: 'go1.23/stacks', inputs: ['go1.23/stacks/deep.heap-debug1.txt'] },
      { folder: 'go1.8', inputs: ['go1.8/article-routine3.memstats.txt'] },
    ]);
    expect(json.findings.map((f) => [f.ruleId, f.source])).toEqual([
      ['stack-heavy', 'go1.23/stacks/deep.heap-debug1.txt'],
      ['profile-before-first-gc', 'go1.23/stacks/deep.heap-debug1.txt'],
      ['released-memory-in-rss', 'go1.8/article-routine3.memstats.txt'],
      ['peak-retention', 'go1.8/article-routine3.memstats.txt'],
    ]);
  });

  it('all of samples/: folder by folder, each goroutine dump and GC log with its own folder, each profile-before-first-gc under its dump', async () => {
    const r = await runCli(['.', '--separately'], { cwd: SAMPLES });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // The headline: the input that needs the most attention, a GC log here, said as one of the set (was the log's verdict alone, as if of every dump's process).
    expect(lines[0]).toBe('53 dumps and 2 GC logs analyzed separately; the one that needs the most attention, go1.19/heap-leak/gctrace.log: Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log\'s time (0 → 8 → 17 MB).');
    expect(lines.filter((l) => /^(Folder|Goroutine dump|GC log) /.test(l))).toEqual([
      'Folder go1.8 (1 heap snapshot)',
      'Folder go1.19/burst (2 heap snapshots, 1 GC log)',
      'GC log go1.19/burst/gctrace.log: 7 GCs over 15.5 s',
      'Folder go1.19/goroutine-leak (6 heap snapshots, 6 goroutine dumps)',
      ...[1, 2, 3, 4, 5, 6].map((n) => `Goroutine dump go1.19/goroutine-leak/0${n}-t${n}.goroutine-debug1.txt`),
      'Folder go1.19/heap-leak (12 heap snapshots, 1 GC log)',
      'GC log go1.19/heap-leak/gctrace.log: 116 GCs over 12.3 s',
      'Folder go1.21/peak/default (6 heap snapshots)',
      'Folder go1.21/peak/madvdontneed0 (1 heap snapshot)',
      'Folder go1.23/leak (5 heap snapshots, 4 goroutine dumps)',
      'Goroutine dump go1.23/leak/snap1.goroutine-debug1.txt',
      'Goroutine dump go1.23/leak/snap1.goroutine-debug2.txt',
      'Goroutine dump go1.23/leak/snap5.goroutine-debug1.txt',
      'Goroutine dump go1.23/leak/snap5.goroutine-debug2.txt',
      'Folder go1.23/seed/routine1 (2 heap snapshots)',
      'Folder go1.23/seed/routine2 (2 heap snapshots)',
      'Folder go1.23/seed/routine3 (2 heap snapshots)',
      'Folder go1.23/seed/routine4 (2 heap snapshots)',
      'Folder go1.23/stacks (1 heap snapshot, 1 goroutine dump)',
      'Goroutine dump go1.23/stacks/deep.goroutine-debug1.txt',
    ]);
    // No list of every finding at the end.
    expect(lines.filter((l) => l.startsWith('Findings (') || l === 'Goroutines')).toEqual([]);
    const under = (rule: string): string[] => lines.flatMap((l, i) => (l.startsWith(`  ${rule}:`) ? [lines.slice(0, i).reverse().find((t) => t.startsWith('Findings of ')) ?? '?'] : []));
    expect(under('info profile-before-first-gc')).toEqual([
      'Findings of go1.21/peak/default/baseline.heap-debug1.txt',
      'Findings of go1.23/seed/routine1/after-wait.heap-debug1.txt',
      'Findings of go1.23/stacks/deep.heap-debug1.txt',
    ]);
    expect(under('error leak-suspected')).toEqual(['Findings of go1.19/heap-leak/gctrace.log']);
    expect(under('warning gc-pause-long').filter((t) => t.endsWith('gctrace.log'))).toEqual(['Findings of go1.19/burst/gctrace.log', 'Findings of go1.19/heap-leak/gctrace.log']);
  });

  it('JSON of samples/: the snapshots folder by folder (was TotalAlloc across programs), every finding after its folder', async () => {
    const r = await runCli(['.', '--separately', '--format', 'json'], { cwd: SAMPLES });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    const folderOf = (source: string): string => source.split(' + ')[0]?.replace(/\/[^/]*$/, '') ?? '';
    const runs = (sources: readonly string[]): string[] => sources.map(folderOf).filter((f, i, all) => f !== all[i - 1]);
    const folders = (json.folders ?? []).map((f) => f.folder);
    expect(folders).toEqual(['go1.8', 'go1.19/burst', 'go1.19/goroutine-leak', 'go1.19/heap-leak', 'go1.21/peak/default', 'go1.21/peak/madvdontneed0', 'go1.23/leak',
      'go1.23/seed/routine1', 'go1.23/seed/routine2', 'go1.23/seed/routine3', 'go1.23/seed/routine4', 'go1.23/stacks']);
    expect(json.snapshots).toHaveLength(42);
    expect(runs(json.snapshots.map((s) => s.source))).toEqual(folders);
    expect(runs(json.goroutines.map((s) => s.source))).toEqual(['go1.19/goroutine-leak', 'go1.23/leak', 'go1.23/stacks']);
    expect(runs(json.findings.map((f) => f.source))).toEqual(folders.filter((f) => f !== 'go1.23/leak'));
  });
});
