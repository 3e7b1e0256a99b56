/**
 * A binary heap profile beside a heap?debug=1 dump of another moment (the captured go1.19 burst2
 * run: heap.3.pb.gz, heap.1.txt): the profile has no MemStats, and lint says so as analyze does,
 * with --separately or not. A text dump stands for a profile's moment only when it is of that
 * moment (the same stem): lint had paired them as "the only ones" and dropped the warning.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const S = `${FIXTURES}/captured/go1.19-auditC/cap-burst2`;

describe('a binary profile beside a text dump of another moment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-beside-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['heap.3.pb.gz', 'heap.1.txt']) copyFileSync(join(S, f), join(dir, f));

  for (const flags of [[], ['--separately']]) {
    it(`lint ${flags.join(' ')}: no-memstats on the profile, as analyze says`, async () => {
      const r = await runCli(['lint', ...flags, dir]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual([
        `${dir}/heap.1.txt`,
        '  55:3  warning  The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5).  gc-cpu-high',
        '',
        `${dir}/heap.3.pb.gz`,
        '    warning  A binary heap profile carries no runtime.MemStats: only its allocation sites can be read.  no-memstats',
        '',
        '✖ 2 problems (0 errors, 2 warnings)',
      ]);
      const a = await runCli([...flags, dir, '--format', 'json']);
      const findings = (JSON.parse(a.stdout) as { findings: { ruleId: string; source: string }[] }).findings;
      expect(findings.filter((f) => f.ruleId === 'no-memstats').map((f) => f.source)).toEqual([`${dir}/heap.3.pb.gz`]);
    });
  }

  it('lint: a text dump of the profile\'s own moment still stands for it (no no-memstats)', async () => {
    const same = mkdtempSync(join(tmpdir(), 'heapdoc-same-'));
    try {
      for (const f of ['heap.3.pb.gz', 'heap.3.txt']) copyFileSync(join(S, f), join(same, f));
      const r = await runCli(['lint', same]);
      expect(r.stdout).not.toContain('no-memstats');
      expect(r.stdout.trim().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning)');
    } finally {
      rmSync(same, { recursive: true, force: true });
    }
  });
});
