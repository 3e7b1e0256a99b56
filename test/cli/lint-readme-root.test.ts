/**
 * A tree of run folders under a root that holds no dump of its own, only a README.md
 * (lint/series.ts DirectorySeries splitFamily): the README does not join the folders into one
 * family. Two copies of one process's dumps (go1.19-audit37/creep/plain) were read as one series
 * under a README — one leak-suspected for both folders — and each its own without it; each is its
 * own series either way now, as a folder with no input of its own (the corpus's go1.19/) joins none.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const PLAIN = join(FIXTURES, 'captured/go1.19-audit37/creep/plain');
/** Each run's GC pauses and leak at its own dumps (under the README they were run-b's alone). */
const FOUND = [
  'run-a/heap-05.txt gc-pause-long', 'run-a/heap-09.txt leak-suspected', 'run-a/heap-09.txt gc-pause-long',
  'run-b/heap-05.txt gc-pause-long', 'run-b/heap-09.txt leak-suspected', 'run-b/heap-09.txt gc-pause-long',
];

interface JsonFile { filePath: string; kind?: string; messages: { ruleId: string }[] }

/** `FOLDER/FILE RULE` of each finding. */
const found = (stdout: string, root: string): string[] => (JSON.parse(stdout) as JsonFile[])
  .flatMap((f) => f.messages.map((m) => `${f.filePath.slice(root.length + 1)} ${m.ruleId}`));

describe('a README.md at the root of a tree of run folders', () => {
  it('leaves each folder its own series, as without the README', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heapdoc-readme-root-'));
    for (const run of ['run-a', 'run-b']) {
      mkdirSync(join(root, run));
      for (const name of readdirSync(PLAIN).filter((n) => n.startsWith('heap-'))) copyFileSync(join(PLAIN, name), join(root, run, name));
    }
    const without = await runCli(['lint', '--no-config', root, '--format', 'json']);
    writeFileSync(join(root, 'README.md'), '# Two runs of creep\n');
    const withReadme = await runCli(['lint', '--no-config', root, '--format', 'json']);
    expect([without.code, withReadme.code]).toEqual([1, 1]);
    expect(found(withReadme.stdout, root)).toEqual(FOUND);
    expect(found(without.stdout, root)).toEqual(FOUND);
    expect(withReadme.stderr).toBe('heapdoc: skipped 1 file of source code or documentation (.md)\n');
  });
});
