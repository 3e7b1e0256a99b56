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
