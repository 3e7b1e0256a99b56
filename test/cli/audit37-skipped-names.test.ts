/**
 * Audit 37: a folder of two captures, each with an rss.txt beside its dumps
 * (test/fixtures/captured/go1.19-audit37/creep-rss), said "skipped 3 files …: README.txt,
 * rss.txt" — two files named once, neither findable. Files of one name are each named with their
 * folder (common/stems.ts distinctName), a name of its own stays bare.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit37/creep-rss';

describe('skipped files that share a name are each named with their folder', () => {
  it('analyze and lint of the folder; analyze of the two subfolders', async () => {
    const [analyze, lint, both] = await Promise.all([
      runCli(['analyze', D]),
      runCli(['lint', D]),
      runCli(['analyze', `${D}/plain`, `${D}/gc1`, '--separately']),
    ]);
    expect([analyze.code, lint.code, both.code]).toEqual([0, 0, 0]);
    expect(analyze.stderr).toBe('heapdoc: skipped 3 files not in a format heapdoc analyze reads: README.txt, gc1/rss.txt, plain/rss.txt; --format json lists them\n');
    expect(lint.stderr).toBe('heapdoc: skipped 3 files not in a format heapdoc lint reads: README.txt, gc1/rss.txt, plain/rss.txt; --format json lists them\n');
    expect(both.stderr).toBe('heapdoc: skipped 2 files not in a format heapdoc analyze reads: plain/rss.txt, gc1/rss.txt; --format json lists them\n');
  });
});
