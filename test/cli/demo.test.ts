/**
 * `heapdoc demo` (the bundled samples, from any working directory) and what the npm package
 * holds: the bin, the samples the demos read, the config schema, LICENSE and CHANGELOG, and no
 * source maps or stale bundle chunks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

/** The built CLI run from a directory that is not the repository, as after `npm install -g`. */
const runElsewhere = (args: string[]): Promise<CliResult> => runCli(args, { cwd: mkdtempSync(join(tmpdir(), 'heapdoc-demo-')) });

describe('heapdoc demo', () => {
  it('analyzes the bundled leak samples from any directory, and says where they are', async () => {
    const r = await runElsewhere(['demo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`heapdoc: demo: five heap dumps and two goroutine dumps of a program that leaks (a map never pruned, goroutines blocked forever), from ${join(ROOT, 'samples/go1.23/leak')}\n`);
    expect(r.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): HeapAlloc 4.3 MiB → 16.5 MiB across 4 snapshots taken at different GCs (snapshots 1→4), each read between GCs; growing sites: main.newSession +2.5 MiB (rough: 7 → 12 samples); goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.');
    expect(r.stdout).toContain('+156    main.waitForReply (40 → 196)');
  });

  it('takes a demo name and analyze\'s output flags', async () => {
    const [peak, stacks] = await Promise.all([runElsewhere(['demo', 'peak', '--format', 'json']), runElsewhere(['demo', 'stacks', '-f', 'markdown'])]);
    expect(peak.code).toBe(0);
    const report = JSON.parse(peak.stdout) as { verdict: { leak: string; summary: string }; snapshots: { source: string; goVersion: { version: string; source: string } }[] };
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.snapshots.map((s) => [basename(s.source), s.goVersion.version, s.goVersion.source])).toEqual([['idle.heap-debug1.txt', 'go1.21', 'flag']]);
    expect(stacks.code).toBe(0);
    expect(stacks.stdout).toMatch(/^# heapdoc/);
    expect(stacks.stdout).toContain('125.4 MiB in goroutine stacks');
  });

  it('refuses an unknown demo in one line, exit 2', async () => {
    const r = await runElsewhere(['demo', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('heapdoc: error: demo "nope": no such demo — use one of leak, peak, stacks\n');
  });
});

describe('the npm package', () => {
  // What `npm pack` would put in the tarball (scripts off: test/global-setup.ts built dist already).
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
  const files = (packed[0]?.files ?? []).map((f) => f.path);

  it('ships the bin, the demo samples, the config schema, LICENSE and CHANGELOG; not the sources', () => {
    for (const f of ['dist/bundle/heapdoc.js', 'dist/bundle/heapdoc.cjs', 'dist/bundle/ui.mjs', 'dist/bundle/package.json', 'schema/heapdoc.config.schema.json', 'LICENSE', 'CHANGELOG.md', 'README.md',
      'samples/go1.23/leak/snap1.heap-debug1.txt', 'samples/go1.23/leak/snap5.goroutine-debug1.txt', 'samples/go1.21/peak/default/idle.heap-debug1.txt',
      'samples/go1.23/stacks/deep.heap-debug1.txt', 'docs/rules/idle-heap-retained.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('dist/src/'))).toEqual([]);
  });

  it('has no source maps, and no bundle chunk that nothing loads (a leftover of an older build)', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const bundle = files.filter((f) => f.startsWith('dist/bundle/'));
    const code = bundle.map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    const chunks = bundle.filter((f) => f.startsWith('dist/bundle/chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((f) => !code.includes(`/${basename(f)}`) && !code.includes(`"./${basename(f)}"`))).toEqual([]);
  });
});
