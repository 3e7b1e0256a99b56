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
    // The two rss.txt are VmRSS readings, said as such with how to give them (--rss FILE: rss45), as lint says them too.
    const rss = 'heapdoc: skipped 2 files of VmRSS readings (an RSS file): plain/rss.txt, gc1/rss.txt — the RSS of each snapshot: heapdoc analyze DUMPS --rss FILE (a VmRSS line per snapshot, naming its dump or t=NN; docs/contract.md)\n';
    expect(analyze.stderr).toBe(rss);
    expect(lint.stderr).toBe(rss);
    expect(separately.stderr).toBe(rss);
    // The capture's folder: the walk finds gc1/ first.
    expect(folder.stderr).toBe('heapdoc: skipped 2 files not in a format heapdoc analyze reads: README.txt, entries.txt; --format json lists them\n'
      + `${rss.replace('plain/rss.txt, gc1/rss.txt', 'gc1/rss.txt, plain/rss.txt')}`
      + 'heapdoc: skipped 1 file of source code or documentation (.go)\n');
  });
});
