/**
 * A series of scrapes read as it streams (the reader hands each scrape over when it closes, the
 * analysis keeps only each scrape's analysis) says exactly what the same scrapes read whole say.
 */
import { describe, expect, it } from 'vitest';
import { PrometheusReader, type Scrape } from '../../src/grammar/prometheus/index.js';
import { isMemoryMetric } from '../../src/input/exposed.js';
import { ExposedInputs, PAIRABLE_SCRAPES } from '../../src/analyze/exposed.js';
import { combineReport } from '../../src/analyze/combine.js';
import type { InputContents } from '../../src/input/registry.js';
import { reportJson } from '../../src/report/json.js';
import { TargetTally } from '../../src/exposition/targets.js';
import { CompactFields } from '../../src/analyze/memstats.js';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readPprof } from '../../src/grammar/pprof/index.js';
import { HeapdocError } from '../../src/input/errors.js';
import { join } from 'node:path';
import { FIXTURES, readCorpus } from '../helpers/fixtures.js';
import { API, federate, WORKER_TARGET } from '../helpers/federate.js';

const LEAK = [1, 2, 3, 4, 5].map((n) => readCorpus(`go1.19/exposition/leak/metrics.${n}.txt`));

/** `text` read in chunks of `chunk` characters, the scrapes handed to `onScrape` when given. */
function read(text: string, chunk: number, onScrape?: (scrape: Scrape) => void): InputContents {
  const reader = new PrometheusReader('m.txt', { keep: isMemoryMetric, ...(onScrape ? { onScrape } : {}) });
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  const { exposition, diagnostics } = reader.end();
  return { metrics: exposition, diagnostics };
}

/** The JSON report of `text` analyzed as `heapdoc analyze` does: streamed, or read whole. */
function report(text: string, streamed: boolean, inputs = new ExposedInputs()): string {
  const sinks = inputs.sinks('m.txt');
  const contents = read(text, 4096, streamed ? sinks.scrape : undefined);
  inputs.add(contents, 'm.txt');
  return reportJson(combineReport(inputs.analyze()));
}

describe('the reader hands over each scrape when it closes', () => {
  it('in input order, none kept, each the same as read whole', () => {
    const text = LEAK.join('');
    const handed: Scrape[] = [];
    const streamed = read(text, 1000, (s) => handed.push(s));
    const whole = read(text, 1000);
    expect(streamed.metrics?.scrapes).toEqual([]);
    expect(streamed.metrics?.scrapeCount).toBe(5);
    expect(whole.metrics?.scrapeCount).toBe(5);
    expect(handed.map((s) => s.columns.length)).toEqual([40, 40, 40, 40, 40]);
    expect(handed.map((s) => s.position.line)).toEqual([1, 117, 233, 349, 465]);
    expect(handed.map((s) => s.columns.texts)).toEqual(whole.metrics?.scrapes.map((s) => s.columns.texts));
  });

  it('in the order they started when a page interleaves two targets', () => {
    const page = federate([[API, LEAK[0] ?? ''], [WORKER_TARGET, LEAK[1] ?? '']], 1_700_000_000_000);
    const handed: string[] = [];
    read(page + page, 512, (s) => handed.push(s.target.job ?? ''));
    expect(handed).toEqual(['api', 'worker', 'api', 'worker']);
  });
});

describe('a series of scrapes analyzed as they stream', () => {
  it('gives the same report, byte for byte, as the scrapes read whole', () => {
    const text = LEAK.join('');
    const streamed = report(text, true);
    expect(streamed).toBe(report(text, false));
    const parsed = JSON.parse(streamed) as { snapshots: { source: string }[]; verdict: { leak: string }; series: { points: unknown[] } };
    expect(parsed.snapshots.map((s) => s.source)).toEqual(['m.txt#1', 'm.txt#2', 'm.txt#3', 'm.txt#4', 'm.txt#5']);
    expect(parsed.series.points).toHaveLength(5);
    expect(parsed.verdict.leak).toBe('suspected');
  });

  it('names a page of one scrape after the input, as read whole', () => {
    const streamed = JSON.parse(report(LEAK[0] ?? '', true)) as { snapshots: { source: string; verdict: unknown }[] };
    const whole = JSON.parse(report(LEAK[0] ?? '', false)) as { snapshots: { source: string; verdict: unknown }[] };
    expect(streamed.snapshots.map((s) => s.source)).toEqual(['m.txt']);
    expect(streamed).toEqual(whole);
  });

  it('keeps the snapshot of the first scrapes only (for pairing with a profile), an analysis for every one', () => {
    const inputs = new ExposedInputs();
    const text = Array.from({ length: PAIRABLE_SCRAPES + 4 }, (_v, i) => LEAK[i % 5] ?? '').join('');
    const sinks = inputs.sinks('m.txt');
    inputs.add(read(text, 8192, sinks.scrape), 'm.txt');
    const given = (inputs as unknown as { given: { snapshot?: unknown; analysis?: unknown }[] }).given;
    expect(given).toHaveLength(20);
    expect(given.filter((g) => g.snapshot !== undefined)).toHaveLength(PAIRABLE_SCRAPES);
    expect(given.filter((g) => g.analysis !== undefined)).toHaveLength(20);
  });

  it('says, in one error, that a profile would pair with a scrape past the first PAIRABLE_SCRAPES', () => {
    const inputs = new ExposedInputs();
    const text = Array.from({ length: PAIRABLE_SCRAPES + 1 }, (_v, i) => LEAK[i % 5] ?? '').join('');
    inputs.add(read(text, 8192, inputs.sinks('m.txt').scrape), 'm.txt');
    const { sites } = readPprof(gunzipSync(readFileSync(join(FIXTURES, 'scenarios/goroutine-leak/01-t1.heap.pb.gz'))), 'p');
    if (!sites) throw new Error('the profile fixture has no sites');
    for (let i = 1; i <= PAIRABLE_SCRAPES + 1; i++) inputs.addProfile(`m.p${i}.pb.gz`, sites, undefined, []);
    expect(() => inputs.analyze()).toThrow(new HeapdocError('m.p17.pb.gz + m.txt#17: only the first 16 scrapes of a /metrics file are paired with binary profiles', 'give the profiles with the /metrics scrapes of the same moments, one file each'));
  });

  it('keeps the MemStats of each analysis compact, the same fields and values in the same order', () => {
    const inputs = new ExposedInputs();
    inputs.add(read(LEAK.join(''), 8192, inputs.sinks('m.txt').scrape), 'm.txt');
    const [first] = inputs.analyze();
    const fields = first?.stats?.fields;
    expect(fields).toBeInstanceOf(CompactFields);
    expect(fields?.size).toBe(25);
    expect(fields?.get('LastGC')).toBe(1796187846125796800n);
    expect(fields?.get('HeapAlloc')).toBe(6328256n);
    expect(fields?.get('GCCPUFraction')).toBeUndefined();
    expect([...(fields?.keys() ?? [])].slice(0, 4)).toEqual(['Alloc', 'TotalAlloc', 'Sys', 'Lookups']);
  });

  it('keeps the scrapes of the target --target picks, and says so when it picks none', () => {
    const page = federate([[API, LEAK[0] ?? ''], [WORKER_TARGET, LEAK[1] ?? '']], 1_700_000_000_000);
    const picked = new ExposedInputs({}, { job: 'worker' });
    picked.add(read(page + page, 512, picked.sinks('m.txt').scrape), 'm.txt');
    expect(picked.analyze().map((s) => s.source)).toEqual(['m.txt#2{instance="10.0.0.2:2112",job="worker"}', 'm.txt#4{instance="10.0.0.2:2112",job="worker"}']);
    const none = new ExposedInputs({}, { job: 'db' });
    none.add(read(page, 512, none.sinks('m.txt').scrape), 'm.txt');
    expect(() => none.analyze()).toThrow('the inputs: no target matches --target job="db"; the targets are {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.2:2112",job="worker"}');
  });

  it('keeps nothing of an input whose reading failed', () => {
    const inputs = new ExposedInputs();
    const sinks = inputs.sinks('m.txt');
    read(LEAK.join(''), 4096, sinks.scrape);
    inputs.abandon();
    expect(inputs.empty).toBe(true);
  });
});

describe('TargetTally', () => {
  it('counts what it sees and names the targets when the selector picks several', () => {
    const tally = new TargetTally({ job: 'api' });
    expect(tally.see({ source: 'a#1', target: { job: 'api', instance: 'x:1' } })).toBe(true);
    expect(tally.see({ source: 'a#2', target: { job: 'api', instance: 'y:1' } })).toBe(true);
    expect(tally.see({ source: 'a#3', target: { job: 'db', instance: 'z:1' } })).toBe(false);
    expect(tally.where).toBe('the inputs');
    expect(tally.problem('here')?.message).toBe('here: --target job="api" matches 2 targets: {job="api",instance="x:1"}, {job="api",instance="y:1"}');
  });
});

describe('CompactFields', () => {
  it('reads as the Map it was made from: integers as bigints, floats as numbers, in order', () => {
    const map = new Map<string, bigint | number>([['Sys', 2n ** 64n - 1n], ['GCCPUFraction', 0.25], ['NumGC', 3n]]);
    const compact = CompactFields.of(map);
    expect(compact && [...compact]).toEqual([['Sys', 18446744073709551615n], ['GCCPUFraction', 0.25], ['NumGC', 3n]]);
    expect(compact?.has('NumGC')).toBe(true);
    expect(compact?.has('Alloc')).toBe(false);
    expect(compact && Object.fromEntries(compact)).toEqual(Object.fromEntries(map));
  });

  it('reads right when the fields of one block differ from the previous block\'s (names, order or kind)', () => {
    const blocks = [
      new Map<string, bigint | number>([['Sys', 1n], ['NumGC', 2n]]),
      new Map<string, bigint | number>([['Sys', 3n], ['NumGC', 4n]]),
      new Map<string, bigint | number>([['NumGC', 5n], ['Sys', 6n]]),
      new Map<string, bigint | number>([['Sys', 7n], ['NumGC', 0.5]]),
      new Map<string, bigint | number>([['Sys', 8n]]),
      new Map<string, bigint | number>([['Sys', 9n], ['NumGC', 10n]]),
    ];
    expect(blocks.map((b) => { const c = CompactFields.of(b); return c && [...c]; })).toEqual([
      [['Sys', 1n], ['NumGC', 2n]],
      [['Sys', 3n], ['NumGC', 4n]],
      [['NumGC', 5n], ['Sys', 6n]],
      [['Sys', 7n], ['NumGC', 0.5]],
      [['Sys', 8n]],
      [['Sys', 9n], ['NumGC', 10n]],
    ]);
  });

  it('is not made for what two typed arrays cannot hold (a ring, a value past uint64)', () => {
    expect(CompactFields.of(new Map([['PauseNs', [1n, 2n]]]))).toBeUndefined();
    expect(CompactFields.of(new Map([['Sys', 2n ** 64n]]))).toBeUndefined();
    expect(CompactFields.of(new Map([['Sys', -1n]]))).toBeUndefined();
  });
});
