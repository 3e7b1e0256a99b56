import { mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CAPTURED = 'test/fixtures/captured';

describe('audit 47 #14: two runs started within one second are told apart to the millisecond', () => {
  // gogc10 and gogc400 are one binary started 0.1 s apart: their ?gc=1 dumps interleaved in one folder.
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-mixed47-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const t of ['06', '16', '26']) {
    copyFileSync(`${CAPTURED}/go1.19-audit47-gogc10/gc1/heap-t${t}.txt`, join(dir, `heap-${t}-a.txt`));
    copyFileSync(`${CAPTURED}/go1.19-audit47-gogc400/gc1/heap-t${t}.txt`, join(dir, `heap-${t}-b.txt`));
  }

  it('names each run by the millisecond its GC 1 ended', async () => {
    const r = await runCli([dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain(' holds dumps of 2 runs or processes: run 1 (GC 1 ended 22:02:29.061 UTC): heap-06-b.txt, heap-16-b.txt, heap-26-b.txt; run 2 (GC 1 ended 22:02:29.107 UTC): heap-06-a.txt, heap-16-a.txt, heap-26-a.txt; ');
  });
});

describe("audit 47 #15: go tool pprof's text reports, and lint --fail-on", () => {
  const HOSTILE = `${CAPTURED}/go1.19-audit47-hostile`;
  const hint = 'give heapdoc the profile pprof read (the .pb.gz from /debug/pprof/heap), or better the text dump from /debug/pprof/heap?debug=1, which carries the MemStats too';

  it.each([
    ['pprof-top.txt', 'File: prog'],
    ['pprof-traces.txt', 'File: prog'],
    ['pprof-raw.txt', 'PeriodType: space bytes'],
  ])('%s is named as pprof text output, one line, exit 2', async (file, first) => {
    const r = await runCli([`${HOSTILE}/${file}`]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `heapdoc: error: ${HOSTILE}/${file}: go tool pprof's text output, not a dump heapdoc reads (the first line is "${first}"): pprof printed it from a profile, without the runtime's MemStats — ${hint}\n`,
    });
  });

  it('lint --fail-on says what lint does instead (exit 2), not "unknown option"', async () => {
    const r = await runCli(['lint', `${CAPTURED}/go1.19-audit47-bigcache/gc1`, '--fail-on', 'warning']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'heapdoc: error: --fail-on warning: an option of heapdoc analyze, not of lint, whose exit code follows its findings: 1 when one is at level error (leak-suspected is), or when warnings exceed --max-warnings — fail on warnings too with --max-warnings 0, raise a rule with --rule ID=error; or run heapdoc analyze DUMPS --fail-on leak\n',
    });
  });
});

describe('audit 47 #3, #9: a peak partly freed before the level the heap held is said, not hidden in "rose … then stayed"', () => {
  const BIGCACHE = `${CAPTURED}/go1.19-audit47-bigcache`;

  it('the ?gc=1 series: rose to 251.2 MiB, fell to 149.2 MiB at snapshot 4, held', async () => {
    const r = await runCli([`${BIGCACHE}/gc1`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('A plateau, not a leak: the live heap rose from 52.2 MiB to 251.2 MiB at snapshot 3, fell to 149.2 MiB at snapshot 4 (−102.0 MiB), then stayed near 149.2 MiB through snapshot 7, with no site or goroutine group growing steadily: it grew at 2 steps, peaked, fell back part of the way, and held there.');
  });

  it('the GC log: 251 MB at gc 8, 149 MB from gc 9 on — no "between 149 and 251 MB" band', async () => {
    const r = await runCli([`${BIGCACHE}/gctrace.log`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${BIGCACHE}/gctrace.log: A plateau, not a leak: the live heap after GC rose 3 → 251 MB (gc 8), fell to 149 MB at gc 9 and stayed at 149 MB for its last 4 of 12 GCs, 32.0 s of the log's 66.9 s, while 13 MB were allocated per GC on average: a peak, part of it freed, then a level that held.`);
  });
});

describe('audit 47 #4: a profile older than its MemStats is no reading of its moment (bigstable plain/)', () => {
  const BIGSTABLE = `${CAPTURED}/go1.19-audit47-bigstable`;

  it('a site that grew only through the catch-up is no growing site: no "Grew, then held: main.build +128.4 MiB"', async () => {
    const r = await runCli([`${BIGSTABLE}/plain`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain("  The heap profiles' allocated bytes rose 149.0 MiB from heap-t06.txt to heap-t16.txt, TotalAlloc only 31.9 MiB: heap-t06.txt's profile was older than its MemStats (a heap profile is as of the GC before last): a site that grew only from it to heap-t16.txt is no growing site, as what that profile lacked was not growth.");
    expect(lines.filter((l) => l.includes('Grew, then held') || l.includes('+128.4 MiB'))).toEqual([]);
    const j = JSON.parse((await runCli([`${BIGSTABLE}/plain`, '--format', 'json'])).stdout) as { series: { profileCaughtUp: unknown; trendSources: string[] } };
    expect(j.series.profileCaughtUp).toEqual({ before: `${BIGSTABLE}/plain/heap-t06.txt`, after: `${BIGSTABLE}/plain/heap-t16.txt`, profileRise: 156_189_212, totalAllocRise: 33_411_216 });
    expect(j.series.trendSources[0]).toBe(`${BIGSTABLE}/plain/heap-t06.txt`);
  });
});
