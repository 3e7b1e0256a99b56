/**
 * Audit 48 #4: a folder holding several programs' capture folders (go1.19-audit48-huge and -shrink,
 * each with gc1/ plain/ vars/ goroutine/) was refused with sub-folders to run on, "heapdoc huge/gc1,
 * heapdoc huge/goroutine, heapdoc huge/plain and 5 more": a goroutine folder has no heap, plain/ alone
 * loses the ?gc=1 dumps. Each program is now named by the top-most folder that holds only its
 * dumps (series/identity.ts byCaptureFolder): "heapdoc huge, heapdoc shrink".
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CAPTURED = 'test/fixtures/captured';
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heapdoc-programs-'));
  for (const name of ['huge', 'shrink']) {
    for (const part of ['gc1', 'plain', 'vars', 'goroutine']) cpSync(`${CAPTURED}/go1.19-audit48-${name}/${part}`, join(dir, name, part), { recursive: true });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a folder of two programs\' captures', () => {
  it('names one folder per program, the runs a user can make', async () => {
    const r = await runCli(['analyze', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('heapdoc: error: the inputs hold dumps of more than one program: huge (25), shrink (25) (main.main is defined in /tmp/audit48/captures/shrink/main.go in shrink, /tmp/audit48/captures/huge/main.go in huge) — run heapdoc on each folder for its series verdict (heapdoc huge, heapdoc shrink); --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)');
  });

  it('each folder named is one program: heapdoc huge gives its series verdict', async () => {
    const r = await runCli(['analyze', 'huge'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]?.startsWith('A one-off peak, not a leak')).toBe(true);
  });
});
