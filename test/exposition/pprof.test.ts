/** Binary heap profiles through pprof-format: the same sites and totals as the text form of the same moment. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPprof } from '../../src/grammar/pprof/index.js';
import { summarizeProfile } from '../../src/analyze/profile.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { FIXTURES, readFixture } from '../helpers/fixtures.js';

const bytes = (rel: string): Uint8Array => readFileSync(join(FIXTURES, rel));

describe('a Go 1.19 heap profile', () => {
  const read = readPprof(bytes('captured/go1.19-scavtrace/heap.3.pb.gz'), 'heap.3.pb.gz');

  it('decodes with the four heap sample types and the sampling rate', () => {
    expect(read.diagnostics).toEqual([]);
    expect(read.sampleTypes).toEqual(['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
    expect(read.sites?.header).toMatchObject({ format: 'heap', rate: 8192, encoding: 'protobuf' });
    expect(read.sites).not.toHaveProperty('memStats');
    expect(read.capturedAtMs).toBe(1796190823329);
  });

  it('gives the same totals and top sites as heap?debug=1 written at the same moment', () => {
    const text = summarizeProfile(parseHeapDump(readFixture('captured/go1.19-scavtrace/heap.3.txt')).dump);
    const binary = summarizeProfile(read.sites);
    expect(binary.samplingRate).toBe(4096);
    expect([binary.inuseBytes, binary.inuseObjects, binary.allocBytes, binary.allocObjects]).toEqual([text.inuseBytes, text.inuseObjects, text.allocBytes, text.allocObjects]);
    const top = (s: typeof text) => s.sites.slice(0, 3).map((x) => [x.function, x.line, x.inuseBytes, x.allocBytes]);
    expect(top(binary)).toEqual(top(text));
    expect(binary.sites[0]?.function).toBe('main.remember');
  });
});

describe('made-bad inputs', () => {
  it('garbage', () => {
    expect(readPprof(gzipSync(Buffer.from('not a protobuf at all')), 'x.pb.gz').diagnostics.map((d) => `${d.source}: ${d.severity}: ${d.message}`)).toEqual([
      'x.pb.gz: error: not a readable protobuf profile: Unrecognized value type: 6',
    ]);
  });

  it('a profile cut in half inside a whole gzip stream (it still decodes: its tables are missing)', () => {
    const whole = gunzipSync(bytes('scenarios/heap-leak/06-t6.heap.pb.gz'));
    const half = gzipSync(whole.subarray(0, whole.length >> 1));
    expect(readPprof(half, 'half.pb.gz')).toMatchObject({
      sites: undefined,
      diagnostics: [{ source: 'half.pb.gz', severity: 'error', message: 'the profile is damaged or cut short: 38 references to locations, functions or strings it does not hold' }],
    });
  });

  it('every scenario profile holds all it refers to', () => {
    for (const scenario of ['burst', 'heap-leak', 'churn']) {
      for (const phase of scenario === 'burst' ? ['01-baseline', '06-idle'] : ['01-t1', '05-t5']) {
        expect(readPprof(bytes(`scenarios/${scenario}/${phase}.heap.pb.gz`), phase).diagnostics).toEqual([]);
      }
    }
  });

  it('a cut gzip stream', () => {
    const whole = bytes('captured/go1.19-scavtrace/heap.3.pb.gz');
    const [d] = readPprof(whole.subarray(0, 100), 'cut.pb.gz').diagnostics;
    expect(d?.message).toBe('not a readable protobuf profile: unexpected end of file');
  });
});
