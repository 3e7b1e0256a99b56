/**
 * An -m output that is not of the profiled build: another program's file of the same name (real
 * corpus files), or the same program's after an edit moved its lines (a real -m=2 output with its
 * store/store.go lines shifted by 5). The join says so instead of a confident reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, readFixture } from '../helpers/fixtures.js';

interface Json { snapshots: { profile: { sites: { function: string; line: number; escapeStatus?: string; escapeExplanation?: string }[] } }[] }

async function sites(args: string[]): Promise<Array<[string, number, string | undefined, string | undefined]>> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as Json).snapshots[0]?.profile.sites.map((s) => [s.function, s.line, s.escapeStatus, s.escapeExplanation] as [string, number, string | undefined, string | undefined]) ?? [];
}

const REBUILD = 'rebuild with -gcflags=-m=2 from the source the profiled binary was built from';

describe('an -m output of another build', () => {
  it("another program's ./main.go (-m=2 declares every function): the leak program's sites are not in it", async () => {
    const C = `${FIXTURES}/corpus/go1.26-devel`;
    const all = await sites([`${C}/leak/snap5.heap-debug1.txt`, '--escape', `${C}/compiler/seed.gcflags-m2.txt`]);
    expect(all.filter(([f]) => f.startsWith('main.'))).toEqual([
      ['main.newSession', 50, 'not-covered', `this -m output is not of the profiled build: it has no main.newSession in ./main.go; line 50 is in phase there: ${REBUILD}`],
      ['main.remember', 59, 'not-covered', `this -m output is not of the profiled build: it has no main.remember in ./main.go; line 59 is in phase there: ${REBUILD}`],
      // serve.func2.deferwrap1 is a closure: the function it is declared in (serve) encloses line 87.
      ['main.fetchWithTimeout', 87, 'not-covered', `this -m output is not of the profiled build: it has no main.fetchWithTimeout in ./main.go; line 87 is in serve there: ${REBUILD}`],
    ]);
  });

  it('the same program after an edit moved its lines: a site outside its function in the output is not joined', async () => {
    const D = 'captured/go1.19-audit-esc';
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-other-build-'));
    const shifted = readFixture(`${D}/escprog.m2-pkgs.txt`).replace(/^((?:\.\/)?store\/store\.go):(\d+):/gm, (_m, file: string, line: string) => `${file}:${Number(line) + 5}:`);
    writeFileSync(join(dir, 'shifted.m2.txt'), shifted);
    const all = await sites([`${FIXTURES}/${D}/escprog.heap.txt`, '--escape', join(dir, 'shifted.m2.txt')]);
    expect(all.filter(([f]) => f === 'example.com/escprog/store.NewRecord').slice(0, 2)).toEqual([
      ['example.com/escprog/store.NewRecord', 33, 'not-covered', `this -m output is not of the profiled build: it declares example.com/escprog/store.NewRecord at store/store.go:35; line 33 is in store.(*Cache[go.shape.string_0,go.shape.*uint8_1]).Len there (the source changed since): ${REBUILD}`],
      ['example.com/escprog/store.NewRecord', 31, 'not-covered', `this -m output is not of the profiled build: it declares example.com/escprog/store.NewRecord at store/store.go:35; line 31 is in store.(*Cache[go.shape.string_0,go.shape.*uint8_1]).Put there (the source changed since): ${REBUILD}`],
    ]);
    // Unshifted, the same sites join: the compiler's reasons at 33 and 31.
    const own = await sites([`${FIXTURES}/${D}/escprog.heap.txt`, '--escape', `${FIXTURES}/${D}/escprog.m2-pkgs.txt`]);
    expect(own.filter(([f]) => f === 'example.com/escprog/store.NewRecord').map(([, line, status]) => [line, status])).toEqual([[33, 'agrees'], [31, 'agrees'], [35, 'agrees'], [32, 'agrees']]);
    rmSync(dir, { recursive: true, force: true });
  });
});
