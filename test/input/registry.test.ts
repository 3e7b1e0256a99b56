/**
 * The input registry and pipeline over the real corpus: every file named after its endpoint is
 * detected as that format and read with zero error diagnostics into what the format feeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/input/detect.js';
import { readInput } from '../../src/input/pipeline.js';
import { FORMATS, feedsAny, formatOf } from '../../src/input/registry.js';
import { corpusFiles, corpusPath, FIXTURES, readCorpus } from '../helpers/fixtures.js';

/** The corpus names files after the endpoint they came from. */
const BY_NAME: [RegExp, string][] = [
  [/\.(heap|allocs)-debug1\.txt$/, 'heap'],
  [/\.goroutine-debug1\.txt$/, 'goroutine'],
  [/\.goroutineleak-debug1\.txt$/, 'goroutineleak'],
  [/\.goroutine-debug2\.txt(\.gz)?$/, 'goroutine-traceback'],
  [/\.gcflags-(m|m2|m-m|all-m)\.txt(\.gz)?$/, 'escape'],
  [/\/metrics\.\d+\.txt$/, 'prometheus'],
  [/\/vars\.\d+\.json$/, 'expvar'],
  [/\/gctrace[^/]*\.log$/, 'gctrace'],
];

function expectedKind(rel: string): string | undefined {
  return BY_NAME.find(([re]) => re.test(rel))?.[1];
}

describe('the format registry', () => {
  it('has one entry per kind, each described and labelled', () => {
    const kinds = FORMATS.map((f) => f.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(['heap', 'goroutine', 'goroutineleak', 'goroutine-traceback', 'prometheus', 'expvar', 'gctrace', 'pprof', 'other-profile', 'escape']);
    expect(formatOf('goroutine-traceback')?.label).toBe('goroutine?debug=2');
    expect(formatOf('gzip')).toBeUndefined();
  });

  it('says what each format feeds', () => {
    expect(feedsAny('heap', ['memstats'])).toBe(true);
    expect(feedsAny('goroutineleak', ['memstats', 'sites'])).toBe(false);
    expect(feedsAny('goroutineleak', ['goroutines'])).toBe(true);
    // Recognised, but read by the escape analyzer as it streams, not into a model.
    expect(feedsAny('escape', ['compiler-messages'])).toBe(false);
    expect(feedsAny('other-profile', ['memstats', 'sites', 'goroutines'])).toBe(false);
  });

  it('detects /debug/vars whose program variables sort before cmdline and memstats, also saved compact', () => {
    const text = readFileSync(`${FIXTURES}/captured/go1.19-expvar-app/vars.json`, 'utf8');
    expect(text.startsWith('{\n"app_requests": 5,\n"build_info": "v1.2.3",\n"cmdline": ')).toBe(true);
    expect(detectKind(Buffer.from(text)).kind).toBe('expvar');
    expect(detectKind(Buffer.from(JSON.stringify(JSON.parse(text)))).kind).toBe('expvar');
    expect(detectKind(Buffer.from('{"app_requests": 5, "other": {"a": 1}}')).kind).not.toBe('expvar');
  });

  const files = corpusFiles((rel) => expectedKind(rel) !== undefined);
  it('detects every corpus file of a known endpoint as its format', () => {
    expect(files.length).toBeGreaterThanOrEqual(286);
    const wrong = files.filter((rel) => detectKind(Buffer.from(readCorpus(rel).slice(0, 65536))).kind !== expectedKind(rel));
    expect(wrong).toEqual([]);
  });

  it('reads a dump of each kind and Go version into what it feeds, without errors', async () => {
    // One file per (Go version, kind): the grammar tests parse every corpus file; this checks the wiring.
    const seen = new Set<string>();
    const dumps = files.filter((rel) => {
      const key = `${rel.split('/')[0]} ${expectedKind(rel)}`;
      if (expectedKind(rel) === 'escape' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(dumps.length).toBeGreaterThanOrEqual(13);
    let heaps = 0;
    let goroutines = 0;
    for (const rel of dumps) {
      const read = await readInput({ type: 'file', name: rel, path: corpusPath(rel) }, { accepts: ['memstats', 'sites', 'goroutines', 'gc-events'], commandReads: 'test' });
      expect(read?.kind, rel).toBe(expectedKind(rel));
      expect(read?.diagnostics.filter((d) => d.severity === 'error'), rel).toEqual([]);
      if (read?.heap || read?.metrics || read?.vars || read?.gcLog) heaps++;
      if (read?.goroutines) goroutines++;
    }
    expect(heaps + goroutines).toBe(dumps.length);
    expect(goroutines).toBe(dumps.filter((rel) => expectedKind(rel)?.startsWith('goroutine')).length);
  });
});

describe('detectKind reads the first line from the first 4 KiB, the whole head only when it must', () => {
  const HEAP = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
  const kind = (text: string): [string, string] => {
    const { kind: k, firstLine } = detectKind(Buffer.from(text));
    return [k, firstLine];
  };

  it('the first non-empty line, however far it is and whatever the line ends', () => {
    expect(kind(HEAP)).toEqual(['heap', 'heap profile: 6: 2688 [9: 2928] @ heap/1048576']);
    expect(kind(`\uFEFF\r\n  \r\n${HEAP}`)).toEqual(['heap', 'heap profile: 6: 2688 [9: 2928] @ heap/1048576']);
    // Past the first 4 KiB: read from the whole head.
    expect(kind(`${'\n'.repeat(5000)}${HEAP}`)).toEqual(['heap', 'heap profile: 6: 2688 [9: 2928] @ heap/1048576']);
    expect(kind(`${' \r\n'.repeat(1365)}${HEAP}`)).toEqual(['heap', 'heap profile: 6: 2688 [9: 2928] @ heap/1048576']);
    expect(kind('\n\n  \n')).toEqual(['empty', '']);
    expect(kind(`${'\n'.repeat(5000)}`)).toEqual(['empty', '']);
  });

  it('a first line longer than 4 KiB, cut in the middle of a character there, is read whole', () => {
    const line = `# ${'é'.repeat(3000)}`; // 6,002 bytes: byte 4,096 falls inside an 'é'
    expect(kind(`${line}\nx`)).toEqual(['unknown', line.slice(0, 120)]);
  });

  it('the detectors that need more lines than the first still get them (a gctrace log after other output)', () => {
    const gctrace = 'gc 1 @0.012s 2%: 0.011+1.2+0.003 ms clock, 0.022+0.35/1.1/0.41+0.007 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P';
    expect(kind(`${'starting server\n'.repeat(400)}${gctrace}\n`)[0]).toBe('gctrace');
  });

  it('a gctrace log behind a log collector\'s prefix (journald, kubectl --timestamps) is a gctrace log', () => {
    const gctrace = 'gc 1 @0.012s 2%: 0.011+1.2+0.003 ms clock, 0.022+0.35/1.1/0.41+0.007 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P';
    expect(kind(`Dec 05 00:49:00 host prog[1234]: ${gctrace}\n`)[0]).toBe('gctrace');
    expect(kind(`2026-12-05T00:49:00.123456789Z ${gctrace}\n`)[0]).toBe('gctrace');
    expect(kind('2026-12-05T00:49:01.5Z scav 0 KiB work, 3872 KiB total, 62% util\n')[0]).toBe('gctrace');
    expect(kind(`Dec 05 00:49:00 host prog[1234]: starting\n`)[0]).toBe('unknown');
  });
});

describe('readInput', () => {
  const mixed = `${FIXTURES}/lint/mixed`;

  it('refuses a named input of a kind the command does not take, with what it is', async () => {
    const rel = 'go1.23/seed/routine3.after-free.heap-debug1.txt';
    await expect(readInput({ type: 'file', name: rel, path: corpusPath(rel) }, { accepts: ['goroutines'], commandReads: 'this command reads goroutine dumps' }))
      .rejects.toThrow(`${rel}: a heap dump, but this command reads goroutine dumps`);
  });

  it('skips what a directory walk found that is not a dump: empty, a gzip of other text, JSON', async () => {
    for (const name of ['empty.txt', 'profile.pb.gz', 'start.json']) {
      const ref = { type: 'file', name, path: `${mixed}/${name}`, expanded: true } as const;
      expect(await readInput(ref, { accepts: ['memstats', 'sites', 'goroutines'], commandReads: 'test' })).toBeUndefined();
    }
  });

  it('refuses a gzip file a directory walk found that cannot be unpacked, as when it is named (cut short; a bad checksum)', async () => {
    const damaged = `${FIXTURES}/captured/go1.19-auditC/damaged-gz`;
    const cases: [string, string][] = [['01.heap.pb.gz', 'unexpected end of file'], ['02.heap.pb.gz', 'incorrect data check']];
    for (const [name, why] of cases) {
      for (const expanded of [true, false]) {
        const ref = { type: 'file', name, path: `${damaged}/${name}`, ...(expanded ? { expanded } : {}) } as const;
        const read = readInput(ref, { accepts: ['memstats', 'sites', 'goroutines'], commandReads: 'test' });
        await expect(read).rejects.toThrow(`${name}: the gzip data is damaged: ${why}`);
        await expect(read).rejects.toMatchObject({ hint: 'check that the file was copied whole' });
      }
    }
  });

  it('reads a gzipped dump through gunzip', async () => {
    const rel = 'go1.19/stacks/deep.goroutine-debug2.txt.gz';
    const read = await readInput({ type: 'file', name: rel, path: corpusPath(rel) }, { accepts: ['goroutines'], commandReads: 'test' });
    expect(read?.kind).toBe('goroutine-traceback');
    expect(read?.goroutines && 'traceback' in read.goroutines ? read.goroutines.traceback.goroutineCount : 0).toBe(1004);
  });
});

describe('the formats Go services expose', () => {
  const scenario = `${FIXTURES}/scenarios/heap-leak`;
  const accepts = ['memstats', 'sites', 'goroutines', 'gc-events'] as const;

  it('reads a gzipped protobuf profile as kind pprof, into sites without MemStats', async () => {
    const read = await readInput({ type: 'file', name: 'p', path: `${scenario}/03-t3.heap.pb.gz` }, { accepts, commandReads: 'test' });
    expect(read?.kind).toBe('pprof');
    expect(read?.profile?.sites.header?.encoding).toBe('protobuf');
    expect(read?.profile?.sites).not.toHaveProperty('memStats');
  });

  it('a gzipped tar archive (an npm .tgz kept beside the dumps) is binary data, not a protobuf profile', () => {
    // Its first header begins with a file name, whose first byte reads as a protobuf tag ('p': field 14, varint).
    const header = new Uint8Array(512);
    header.set(Buffer.from('package/package.json'), 0);
    header.set(Buffer.from('ustar\u000000'), 257);
    expect(detectKind(header)).toEqual({ kind: 'binary', firstLine: '' });
    header.fill(0, 257, 263);
    expect(detectKind(header)).toEqual({ kind: 'binary', firstLine: '', protobuf: true });
  });

  it('reads /metrics (0.0.4 and OpenMetrics), /debug/vars and a gctrace log', async () => {
    const kinds: [string, string][] = [['03-t3.metrics.txt', 'prometheus'], ['03-t3.openmetrics.txt', 'prometheus'], ['03-t3.vars.json', 'expvar'], ['gctrace.log', 'gctrace']];
    for (const [file, kind] of kinds) {
      const read = await readInput({ type: 'file', name: file, path: `${scenario}/${file}` }, { accepts, commandReads: 'test' });
      expect([file, read?.kind, read?.diagnostics]).toEqual([file, kind, []]);
      expect(read?.metrics?.scrapes[0]?.samples.length ?? read?.gcLog?.cycles.length ?? (read?.vars ? 1 : undefined)).toBeGreaterThan(0);
    }
  });
});
