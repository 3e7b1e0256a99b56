/**
 * Audit 37: one capture's two folders of dumps, each with an rss.txt beside them
 * (test/fixtures/captured/go1.19-audit37/creep: plain/, gc1/), said "skipped 2 files …: rss.txt"
 * — two files named once, neither findable. Files of one name are each named with their folder
 * (common/stems.ts distinctName); a name of its own stays bare (README.txt, entries.txt). When they
 * do not all fit in the line, each name is said once with its count (cli/output.ts skippedNames).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured/go1.19-audit37/creep';

describe('skipped files that share a name are each named with their folder', () => {
  it('analyze and lint of the two subfolders, together and --separately; analyze of the capture\'s folder', async () => {
    const [analyze, lint, separately, folder] = await Promise.all([
      runCli(['analyze', `${C}/plain`, `${C}/gc1`]),
      runCli(['lint', `${C}/plain`, `${C}/gc1`]),
      runCli(['analyze', `${C}/plain`, `${C}/gc1`, '--separately']),
      runCli(['analyze', C]),
    ]);
    // lint exits 1: the two folders are one process's series, and it leaks (main.remember).
    expect([analyze.code, lint.code, separately.code, folder.code]).toEqual([0, 1, 0, 0]);
    expect(analyze.stderr).toBe('heapdoc: skipped 2 files not in a format heapdoc analyze reads: plain/rss.txt, gc1/rss.txt; --format json lists them\n');
    expect(lint.stderr).toBe('heapdoc: skipped 2 files not in a format heapdoc lint reads: plain/rss.txt, gc1/rss.txt; --format json lists them\n');
    expect(separately.stderr).toBe('heapdoc: skipped 2 files not in a format heapdoc analyze reads: plain/rss.txt, gc1/rss.txt; --format json lists them\n');
    // Four do not all fit: each name once, with how many bear it (those of the two rss.txt were "gc1/rss.txt and 1 more").
    expect(folder.stderr).toBe('heapdoc: skipped 4 files not in a format heapdoc analyze reads: rss.txt ×2, README.txt, entries.txt; --format json lists them\n'
      + 'heapdoc: skipped 1 file of source code or documentation (.go)\n');
  });
});
