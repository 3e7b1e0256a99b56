/**
 * Every real heap/allocs dump of the corpus parses with zero diagnostics, and the parsed
 * MemStats equal the numbers the capture script read from the same file (the JSON sidecars).
 */
import { describe, expect, it } from 'vitest';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { corpusFiles, parseJsonExact, readCorpus } from '../../helpers/fixtures.js';

const dumps = corpusFiles((f) => /\.(heap|allocs)-debug1\.txt$/.test(f) || /google-pprof\/.*\/(gobench|cppbench)\.heap$/.test(f));
const sidecars = corpusFiles((f) => /^go[^/]+\/(seed|leak|peak|stacks|memrate)\/[^/]+\.json$/.test(f));

describe('heap grammar on the real corpus', () => {
  it('finds every dump of the corpus', () => {
    expect(dumps.length).toBe(212); // 210 Go heap/allocs dumps, pprof's gobench.heap and gperftools' cppbench.heap
  });

  it.each(dumps)('%s parses with zero diagnostics', (file) => {
    const text = readCorpus(file);
    const { dump, diagnostics } = parseHeapDump(text, file);
    expect(diagnostics).toEqual([]);
    const recordLines = text.split('\n').filter((l) => /^\s*-?\d+: *-?\d+ *\[/.test(l)).length;
    expect(dump.recordCount).toBe(recordLines);
    const frameLines = text.split('\n').filter((l) => l.startsWith('#\t')).length;
    const framesKept = dump.stacks.reduce((n, s) => n + s.frames.length * s.buckets.reduce((r, b) => r + b.records, 0), 0);
    expect(framesKept).toBe(frameLines);
  });
});

interface Sidecar {
  memstats_source: string;
  memstats_from_dump: Record<string, unknown>;
}

describe('MemStats equal the file numbers exactly', () => {
  const withSource = sidecars
    .map((f) => ({ f, s: parseJsonExact(readCorpus(f)) as Sidecar }))
    .filter(({ s }) => typeof s.memstats_source === 'string');

  it('has sidecars to compare with', () => {
    expect(withSource.length).toBeGreaterThan(100);
  });

  it.each(withSource.map(({ f, s }) => [f, s] as const))('%s', (file, sidecar) => {
    const dir = file.slice(0, file.indexOf('/') + 1);
    const { dump } = parseHeapDump(readCorpus(dir + sidecar.memstats_source));
    const fields = dump.memStats?.fields;
    expect(fields).toBeDefined();
    for (const [name, expected] of Object.entries(sidecar.memstats_from_dump)) {
      if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
        const pair = expected as { inuse: number; sys: number };
        expect(fields?.get(`${name}Inuse`), `${name}Inuse`).toBe(BigInt(pair.inuse));
        expect(fields?.get(`${name}Sys`), `${name}Sys`).toBe(BigInt(pair.sys));
      } else if (Array.isArray(expected)) {
        // The sidecar keeps the non-zero entries of the 256-entry rings, in index order.
        const ring = fields?.get(name) as bigint[];
        expect(ring).toHaveLength(256);
        expect(ring.filter((v) => v !== 0n)).toEqual(expected.map((v) => BigInt(v as number | bigint)));
      } else if (typeof expected === 'boolean') {
        expect(fields?.get(name), name).toBe(expected);
      } else if (name === 'GCCPUFraction') {
        expect(fields?.get(name), name).toBe(Number(expected));
      } else {
        expect(fields?.get(name), name).toBe(BigInt(expected as number | bigint));
      }
    }
  });
});
