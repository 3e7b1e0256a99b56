/**
 * The report's snapshots written in parts (a scrape's compact MemStats by hand, the rest ready for
 * JSON.stringify without `plain`'s walk) are the same text as the snapshot object written by the
 * generic writer (`plain`, then JSON.stringify): pinned on real inputs of every kind and on
 * MemStats values at the edges of JSON's numbers.
 */
import { describe, expect, it } from 'vitest';
import { loadSnapshots } from '../../src/cli/commands/analyze.js';
import { DEFAULT_FETCH_OPTIONS } from '../../src/input/sources.js';
import { CompactFields, MemStats } from '../../src/analyze/memstats.js';
import type { SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { snapshotElement, snapshotJson } from '../../src/report/json.js';
import { JsonParts, JsonReady, JsonText, stringifyJsonParts } from '../../src/text/json.js';
import { corpusPath, readCorpus } from '../helpers/fixtures.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `snapshots` as the report writes them, and as the generic writer writes their objects. */
function bothWays(snapshots: SnapshotAnalysis[]): [string, string] {
  const written = [...stringifyJsonParts({ snapshots }, { snapshots: (s: SnapshotAnalysis) => snapshotElement(s) })].join('');
  const generic = [...stringifyJsonParts({ snapshots }, { snapshots: (s: SnapshotAnalysis) => snapshotJson(s) })].join('');
  return [written, generic];
}

async function load(...files: string[]): Promise<SnapshotAnalysis[]> {
  return (await loadSnapshots(files.map((f) => (f.startsWith('/') ? f : corpusPath(f))), { process: {} }, DEFAULT_FETCH_OPTIONS)).snapshots;
}

const EXPOSITION = 'go1.19/exposition/leak';

/** The five scrapes of the corpus's leak run in one file, as `curl` in a loop saves them: streamed, their MemStats kept compact. */
async function scrapes(): Promise<SnapshotAnalysis[]> {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-json-'));
  try {
    const file = join(dir, 'metrics.txt');
    writeFileSync(file, [1, 2, 3, 4, 5].map((n) => readCorpus(`${EXPOSITION}/metrics.${n}.txt`)).join(''));
    return await load(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A streamed scrape of the series with these compact MemStats instead of its own. */
async function scrapeWith(entries: [string, bigint | number][]): Promise<SnapshotAnalysis> {
  const [scrape] = await scrapes();
  const fields = CompactFields.of(new Map(entries));
  if (!scrape || !fields) throw new Error('no scrape, or the fields are not compact');
  return { ...scrape, stats: new MemStats(fields) };
}

describe('a snapshot written in parts', () => {
  it('with many sites, writes them one by one (JsonParts): the same text, for heap dumps and compact scrapes', async () => {
    const rate1 = await load('go1.23/memrate/rate-1.heap-debug1.txt');
    const [scrape] = await scrapes();
    if (!scrape || !rate1[0]) throw new Error('no snapshot');
    // A compact scrape given the dump's 118 sites: the parts path with hand-written MemStats.
    const compact: SnapshotAnalysis = { ...scrape, profile: rate1[0].profile };
    for (const s of [rate1[0], compact]) {
      expect(s.profile.sites.length).toBe(118);
      const element = snapshotElement(s, undefined, 100);
      expect(element).toBeInstanceOf(JsonParts);
      const parts = [...(element as JsonParts).parts];
      // One part per site and its separator, besides the head and the tail.
      expect(parts).toHaveLength(2 * 118 + 3);
      const [, generic] = bothWays([s]);
      const written = [...stringifyJsonParts({ snapshots: [s] }, { snapshots: (x: SnapshotAnalysis) => snapshotElement(x, undefined, 100) })].join('');
      expect(written).toBe(generic);
    }
    expect(snapshotElement(rate1[0], undefined, 119)).toBeInstanceOf(JsonReady);
  });

  it('is the generic writer’s text for a series of scrapes (compact MemStats), one scrape, /debug/vars, heap dumps and binary profiles', async () => {
    const series = await scrapes();
    expect(series.map((s) => snapshotElement(s) instanceof JsonText)).toEqual([true, true, true, true, true]);
    const others = await load(`${EXPOSITION}/metrics.1.txt`, `${EXPOSITION}/vars.1.json`, `${EXPOSITION}/heap.1.txt`, 'go1.23/leak/snap5.heap-debug1.txt', '../scenarios/heap-leak/01-t1.heap.pb.gz');
    expect(others.map((s) => snapshotElement(s) instanceof JsonReady)).toEqual([true, true, true, true, true]);
    for (const snapshots of [series, others]) {
      const [written, generic] = bothWays(snapshots);
      expect(written).toBe(generic);
    }
    expect(bothWays(series)[0]).toContain('\n        "LastGC": 1796187846125796800,\n');
  });

  it('writes MemStats numbers at the edges as JSON.stringify does (bigints beyond a double digit for digit)', async () => {
    const integers: [string, bigint][] = [['Zero', 0n], ['One', 1n], ['MaxSafe', 2n ** 53n - 1n], ['Beyond', 2n ** 53n + 1n], ['LastGC', 1796187854564362801n], ['Max', 2n ** 64n - 1n]];
    const floats: [string, number][] = [['Frac', 0.1], ['NegZero', -0], ['Tiny', 5e-324], ['Small', 1e-7], ['Big', 1e21], ['Huge', 1.5e300], ['NaN', Number.NaN], ['Inf', Number.POSITIVE_INFINITY], ['NegInf', Number.NEGATIVE_INFINITY]];
    const names: [string, bigint][] = [['__proto__', 7n], ['quote"back\\slash\u2028', 8n]];
    const edge = await scrapeWith([...integers, ...floats, ...names]);
    expect(snapshotElement(edge)).toBeInstanceOf(JsonText);
    const [written, generic] = bothWays([edge]);
    expect(written).toBe(generic);
    expect(written).toContain('"MaxSafe": 9007199254740991,\n        "Beyond": 9007199254740993,\n        "LastGC": 1796187854564362801,\n        "Max": 18446744073709551615,\n');
    expect(written).toContain('"Frac": 0.1,\n        "NegZero": 0,\n        "Tiny": 5e-324,\n        "Small": 1e-7,\n        "Big": 1e+21,\n        "Huge": 1.5e+300,\n        "NaN": null,\n        "Inf": null,\n        "NegInf": null,\n');
    expect(written).toContain('"__proto__": 7,\n        "quote\\"back\\\\slash\u2028": 8\n      },');
  });

  it('leaves MemStats with a name that is an array index to the generic writer (an object writes those first)', async () => {
    const odd = await scrapeWith([['Sys', 5n], ['7', 1n], ['07', 2n]]);
    expect(snapshotElement(odd)).toBeInstanceOf(JsonReady);
    const [written, generic] = bothWays([odd]);
    expect(written).toBe(generic);
    expect(written).toContain('"memStats": {\n        "7": 1,\n        "Sys": 5,\n        "07": 2\n      },');
  });
});
