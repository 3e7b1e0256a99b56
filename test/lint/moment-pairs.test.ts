/**
 * MomentPairs (src/lint/pairs.ts): a binary heap profile and the /debug/vars of its moment are
 * linted as one snapshot, as analyze reads them, once both are read, in whatever order the
 * threads finish; the halves are held only until their moment is judged.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeRules } from '../../src/lint/config.js';
import { createHeapLinter } from '../../src/lint/engine.js';
import { MomentPairs } from '../../src/lint/pairs.js';
import { fileLinter } from '../../src/lint/runner.js';
import type { SeriesFile } from '../../src/lint/series.js';
import { FIXTURES } from '../helpers/fixtures.js';

const active = activeRules(new Map());
const lint = fileLinter({ active, series: false });
const PAIRED = join(FIXTURES, 'lint/paired-moment');
const WHEAP = join(FIXTURES, 'captured/go1.19-auditF/wheap');

async function lintFiles(paths: readonly string[]): Promise<SeriesFile[]> {
  return Promise.all(paths.map(async (p) => (await lint({ type: 'file', name: p, path: p })) as SeriesFile));
}

const located = (files: readonly SeriesFile[]): string[] => files.flatMap((f) => f.result.messages.map((m) => `${f.result.source.replace(/.*\//, '')}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId}`));

describe('MomentPairs', () => {
  it('judges a profile and the vars of its moment as one snapshot once both are read, whichever comes first, and holds nothing after', async () => {
    const paths = [join(PAIRED, '01-t1.heap.pb.gz'), join(PAIRED, '01-t1.vars.json')];
    for (const order of [[0, 1], [1, 0]]) {
      const files = await lintFiles(paths);
      // Alone: the vars file knows no profile (no profile-before-first-gc), the profile no MemStats.
      expect(located(files)).toEqual(['01-t1.heap.pb.gz:0:0 no-memstats', '01-t1.vars.json:3:352 profiling-buckets']);
      const pairs = new MomentPairs(paths, createHeapLinter(active));
      const [first, second] = order as [number, number];
      pairs.settle(first, files[first]);
      expect(pairs.held).toBe(1);
      expect(files[first]?.halves).toBeUndefined();
      pairs.settle(second, files[second]);
      expect(pairs.held).toBe(0);
      expect(located(files)).toEqual(['01-t1.vars.json:3:352 profiling-buckets', '01-t1.vars.json:3:1610 profile-before-first-gc']);
      // The rate and records are the profile's (analyze's words), no longer "this input has no profile to say".
      expect(files[1]?.result.messages[0]?.why).toContain('MemProfileRate is 512.0 KiB: a sampled allocation\'s stack adds a bucket the first time it is seen; this profile has 6 records, a bucket each.');
    }
  });

  it('holds a profile that pairs with nothing by name only while it may be the directory\'s only one; a second lets both go', async () => {
    const paths = [1, 2, 3].map((n) => join(WHEAP, `wheap.${n}.pb.gz`));
    const files = await lintFiles(paths);
    const pairs = new MomentPairs(paths, createHeapLinter(active));
    pairs.settle(0, files[0]);
    expect(pairs.held).toBe(1);
    pairs.settle(1, files[1]);
    expect(pairs.held).toBe(0);
    pairs.settle(2, files[2]);
    expect(pairs.held).toBe(0);
    pairs.close(WHEAP);
    expect(located(files)).toEqual(['wheap.1.pb.gz:0:0 no-memstats', 'wheap.2.pb.gz:0:0 no-memstats', 'wheap.3.pb.gz:0:0 no-memstats']);
  });

  it('pairs the only profile and the only vars of a directory when it closes, and says when they are not of one moment', async () => {
    // wheap's last profile (24.1 MiB in use) beside its first vars (HeapAlloc 7.9 MiB), under other stems.
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-pairs-'));
    const paths = [join(dir, 'a.heap.pb.gz'), join(dir, 'b.vars.json')];
    copyFileSync(join(WHEAP, 'heap.5.pb.gz'), paths[0] as string);
    copyFileSync(join(WHEAP, 'vars.1.json'), paths[1] as string);
    const files = await lintFiles(paths);
    const pairs = new MomentPairs(paths, createHeapLinter(active));
    pairs.settle(1, files[1]);
    pairs.settle(0, files[0]);
    expect(pairs.held).toBe(2);
    expect(located(files)).toEqual(['a.heap.pb.gz:0:0 no-memstats']);
    pairs.close(dir);
    expect(pairs.held).toBe(0);
    expect(located(files)).toEqual(['a.heap.pb.gz:0:0 parse-error']);
    expect(files[0]?.result.messages[0]).toMatchObject({
      severity: 'warning',
      message: `Its sites hold 24.1 MiB in use, more than twice the HeapAlloc of ${paths[1]} (7.9 MiB): they were not captured at one moment.`,
      fix: 'Give the MemStats captured with the profile (the same file stem: 03-t3.heap.pb.gz and 03-t3.vars.json).',
    });
    expect(files[0]?.result.messages[0]?.why).toMatch(/^A binary profile's in-use bytes are those of the last GC/);
  });
});
