/**
 * Inputs of the audit 31 captures of a go1.19 program (go1.19-audit31-reqleak: README.md there).
 * A program's own output saved beside the captures (stdout.txt: `requests 50 0`) looked like a
 * /metrics page of samples only: analyze of the folder failed ("no Go memory metrics in this
 * /metrics page", exit 2) and lint warned no-memstats. A goroutine?debug=2 dump cut right after a
 * file line's number (go1.19-audit31-reqleak-cut) was read as whole.
 */
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/input/detect.js';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';

const R = 'test/fixtures/captured/go1.19-audit31-reqleak';
const CUT = 'test/fixtures/captured/go1.19-audit31-reqleak-cut/t5.goroutine2.txt';

describe("a program's output of `name value` lines is no /metrics page", () => {
  it('detection: samples only, with no # HELP/# TYPE line and no Go metric, are not Prometheus; with either, they are', () => {
    const stdout = readFixture('captured/go1.19-audit31-reqleak/stdout.txt');
    expect(stdout.split('\n').slice(0, 2)).toEqual(['requests 50 0', 'requests 100 0']);
    expect(detectKind(Buffer.from(stdout))).toEqual({ kind: 'unknown', firstLine: 'requests 50 0' });
    expect(detectKind(Buffer.from('records 30\nrecords 60\n')).kind).toBe('unknown');
    // A page of samples without comments (`grep -v '^#'`) that holds a Go metric, or comments past its first line.
    expect(detectKind(Buffer.from('app_requests_total 5\ngo_memstats_heap_alloc_bytes 1.2e+06\n')).kind).toBe('prometheus');
    expect(detectKind(Buffer.from('app_requests_total 5\n# TYPE app_up gauge\napp_up 1\n')).kind).toBe('prometheus');
    expect(detectKind(Buffer.from('process_resident_memory_bytes 5.3e+07\n')).kind).toBe('prometheus');
  });

  it('analyze of the folder skips stdout.txt, named once as not a format it reads, and reads the two dumps (was exit 2)', async () => {
    const r = await runCli([R, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`heapdoc: skipped ${R}/stdout.txt: not a format heapdoc analyze reads\nheapdoc: skipped 2 files of source code or documentation (.go, .md)\n`);
    const report = JSON.parse(r.stdout) as { snapshots: { source: string; memStats: { HeapAlloc: number } }[]; skipped: { source: string; reason: string }[]; diagnostics: unknown[] };
    expect(report.snapshots.map((s) => [s.source.slice(R.length + 1), s.memStats.HeapAlloc])).toEqual([['t1.heap-gc.txt', 24179256], ['t5.heap-gc.txt', 180062952]]);
    expect(report.skipped).toEqual([
      { source: `${R}/README.md`, reason: 'source code or documentation' },
      { source: `${R}/main.go`, reason: 'source code or documentation' },
      { source: `${R}/stdout.txt`, reason: 'not a format heapdoc analyze reads' },
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it('lint agrees: stdout.txt is skipped (a SARIF note, not a no-memstats warning)', async () => {
    const json = await runCli(['lint', R, '--format', 'json']);
    expect(json.code).toBe(0);
    const files = JSON.parse(json.stdout) as { filePath: string; kind?: string; messages: { ruleId: string }[] }[];
    expect(files.filter((f) => f.filePath.endsWith('stdout.txt')).map((f) => [f.kind, f.messages.map((m) => m.ruleId)])).toEqual([['skipped', []]]);
    expect(files.flatMap((f) => f.messages.map((m) => m.ruleId))).not.toContain('no-memstats');
    const sarif = await runCli(['lint', R, '--format', 'sarif']);
    const run = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[]; invocations: { toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] }).runs[0];
    expect(run?.results.map((x) => x.ruleId)).toEqual([]);
    expect(run?.invocations[0]?.toolExecutionNotifications.map((n) => `${n.level} ${n.locations[0]?.physicalLocation.artifactLocation.uri}: ${n.message.text}`)).toEqual([
      `note ${R}/README.md: source code or documentation`,
      `note ${R}/main.go: source code or documentation`,
      `note ${R}/stdout.txt: not a format heapdoc lint reads`,
    ]);
  });

  it('named alone, stdout.txt is an error: not a Go heap dump, its first line quoted', async () => {
    const r = await runCli(['analyze', `${R}/stdout.txt`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: ${R}/stdout.txt: not a Go heap dump (the first line is "requests 50 0") — expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, a /metrics page, /debug/vars JSON, a GODEBUG=gctrace=1 log, a .pb.gz heap profile, or go build -gcflags=-m output\n`);
  });
});

describe('a goroutine?debug=2 dump cut right after a file line\'s number', () => {
  it('is cut short, exit 2, as the cuts a few bytes later are (was exit 0 with a false group)', async () => {
    const r = await runCli(['analyze', CUT, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${CUT}:369:1: error: goroutine 333 is cut short: the dump ends inside its record (it ends in the middle of line 379); its stack is incomplete — the file is 20,000 bytes, not the 64 MiB the runtime's own cut leaves: it was cut after it was written (a download or a copy that stopped); capture it again and make sure the whole response was saved\n`);
    const report = JSON.parse(r.stdout) as { goroutines: { total: number; groups: { count: number; function: string; createdBy?: string }[] }[]; diagnostics: { line: number; cut?: boolean }[] };
    expect(report.diagnostics.map((d) => [d.line, d.cut])).toEqual([[369, true]]);
    expect(report.goroutines[0]?.total).toBe(26);
    expect(report.goroutines[0]?.groups.map((g) => `${g.count} ${g.function} ← ${g.createdBy ?? '-'}`)).toEqual([
      '21 main.slowHandler ← net/http.(*Server).Serve',
      '2 net/http.(*Server).Serve ← main.main',
      '1 main.main ← -',
      '1 main.slowHandler ← -',
      '1 runtime/pprof.writeGoroutineStacks ← net/http.(*Server).Serve',
    ]);
  });
});
