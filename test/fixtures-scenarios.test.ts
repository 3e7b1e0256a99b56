/**
 * The captured scenario series (test/fixtures/scenarios/, made by samples/programs/capture.sh)
 * are complete and agree with themselves: every file of every snapshot is there and parses
 * cleanly, the sidecars carry the RSS, and each one-process series' cumulative counters rise.
 * The expected phases and goroutine totals below are read off the files (see the README's
 * truth table); the analysis of these series is tested where it lives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseGoroutineProfile } from '../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../src/grammar/heap/index.js';
import { parseTraceback } from '../src/grammar/traceback/index.js';
import { FIXTURES, parseJsonExact } from './helpers/fixtures.js';

const DIR = join(FIXTURES, 'scenarios');

interface Scenario {
  /** Snapshot name prefixes (`NN-phase`) in capture order, with the program that wrote each. */
  snapshots: Array<[string, string]>;
  /** `goroutine profile: total N` of each snapshot. */
  goroutines: number[];
  /** Snapshots that also have goroutine?debug=2. */
  debug2: boolean;
  /** The program's stderr, under this name (gctrace.log when run with GODEBUG=gctrace=1). */
  logs: string[];
}

const phases = (program: string, names: string[]): Array<[string, string]> =>
  names.map((name, i) => [`${String(i + 1).padStart(2, '0')}-${name}`, program]);

const SCENARIOS: Record<string, Scenario> = {
  burst: {
    snapshots: phases('burst', ['baseline', 'peak', 'after-wait', 'after-gc', 'after-free', 'idle']),
    goroutines: [4, 10004, 4, 4, 4, 4],
    debug2: false,
    logs: ['gctrace.log'],
  },
  'heap-leak': {
    snapshots: phases('heap-leak', ['t1', 't2', 't3', 't4', 't5', 't6']),
    goroutines: [4, 4, 4, 4, 4, 4],
    debug2: true,
    logs: ['gctrace.log'],
  },
  'goroutine-leak': {
    snapshots: phases('goroutine-leak', ['t1', 't2', 't3', 't4', 't5', 't6']),
    goroutines: [404, 804, 1204, 1604, 2004, 2404],
    debug2: true,
    logs: ['stderr.log'],
  },
  churn: {
    snapshots: phases('churn', ['t1', 't2', 't3', 't4', 't5']),
    goroutines: [4, 4, 4, 4, 4],
    debug2: true,
    logs: ['gctrace.log'],
  },
  memlimit: {
    snapshots: phases('churn', ['t1', 't2', 't3', 't4', 't5', 't6']),
    goroutines: [4, 4, 4, 4, 4, 4],
    debug2: true,
    logs: ['stderr.log'],
  },
  offheap: {
    snapshots: phases('offheap', ['baseline', 'mapped-256MiB', 'mapped-512MiB', 'unmapped']),
    goroutines: [4, 4, 4, 4],
    debug2: true,
    logs: ['stderr.log'],
  },
  'rare-gc': {
    snapshots: phases('rare-gc', ['t1', 't2', 't3', 't4']),
    goroutines: [4, 4, 4, 4],
    debug2: true,
    logs: ['stderr.log'],
  },
  mixed: {
    // Two processes captured alternately: heap-leak (odd NN) and churn (even NN).
    snapshots: ['t1', 't2', 't3', 't4', 't5', 't6'].flatMap((t, i): Array<[string, string]> => [
      [`${String(2 * i + 1).padStart(2, '0')}-${t}`, 'heap-leak'],
      [`${String(2 * i + 2).padStart(2, '0')}-${t}`, 'churn'],
    ]),
    goroutines: Array<number>(12).fill(4),
    debug2: false,
    logs: ['churn.stderr.log', 'heap-leak.stderr.log'],
  },
};

const SUFFIXES = ['heap-debug1.txt', 'goroutine-debug1.txt', 'vars.json', 'heap.pb.gz', 'json', 'metrics.txt', 'openmetrics.txt'];

interface Sidecar {
  program: string;
  phase: string;
  pid: number;
  files: Record<string, string>;
  proc_status_before_capture: { VmRSS_kB: number };
  proc_status_after_capture: { VmRSS_kB: number };
  memstats_from_dump: Record<string, unknown>;
}

const read = (scenario: string, name: string): string => readFileSync(join(DIR, scenario, name), 'utf8');
const sidecar = (scenario: string, snap: string): Sidecar => parseJsonExact(read(scenario, `${snap}.json`)) as Sidecar;

describe.each(Object.entries(SCENARIOS))('scenario %s', (scenario, spec) => {
  it('holds exactly the expected files', () => {
    const expected = spec.snapshots.flatMap(([snap]) => [
      ...SUFFIXES.map((s) => `${snap}.${s}`),
      ...(spec.debug2 ? [`${snap}.goroutine-debug2.txt`] : []),
    ]);
    expect(readdirSync(join(DIR, scenario)).sort()).toEqual([...expected, ...spec.logs].sort());
  });

  it.each(spec.snapshots)('%s: the heap dump parses cleanly and matches its sidecar', (snap, program) => {
    const { dump, diagnostics } = parseHeapDump(read(scenario, `${snap}.heap-debug1.txt`), snap);
    expect(diagnostics).toEqual([]);
    const side = sidecar(scenario, snap);
    expect(side.program).toBe(program);
    expect(`${snap}`.endsWith(side.phase)).toBe(true);
    expect(side.proc_status_before_capture.VmRSS_kB).toBeGreaterThan(1000);
    expect(side.proc_status_after_capture.VmRSS_kB).toBeGreaterThan(1000);
    const fields = dump.memStats?.fields;
    for (const name of ['Alloc', 'TotalAlloc', 'Sys', 'HeapAlloc', 'HeapSys', 'HeapIdle', 'HeapReleased', 'NextGC', 'NumGC']) {
      expect(fields?.get(name), name).toBe(BigInt(side.memstats_from_dump[name] as number));
    }
    expect(fields?.get('StackInuse')).toBe(BigInt((side.memstats_from_dump.Stack as { inuse: number }).inuse));
  });

  it('goroutine dumps parse cleanly with the expected totals', () => {
    const totals = spec.snapshots.map(([snap]) => {
      const { profile, diagnostics } = parseGoroutineProfile(read(scenario, `${snap}.goroutine-debug1.txt`), snap);
      expect(diagnostics).toEqual([]);
      if (spec.debug2) {
        const traceback = parseTraceback(read(scenario, `${snap}.goroutine-debug2.txt`), snap);
        expect(traceback.diagnostics).toEqual([]);
        expect(traceback.dump.goroutineCount).toBe(profile.recordTotal);
      }
      return profile.recordTotal;
    });
    expect(totals).toEqual(spec.goroutines);
  });

  it('vars, binary profile and metrics belong to the same process and moment', () => {
    for (const [snap, program] of spec.snapshots) {
      const side = sidecar(scenario, snap);
      const vars = JSON.parse(read(scenario, `${snap}.vars.json`)) as { cmdline: string[]; phase: string; memstats: { TotalAlloc: number } };
      expect(vars.cmdline[0]?.endsWith(`/${program}`)).toBe(true);
      expect(vars.phase).toBe(side.phase);
      // Fetched after the heap dump: the counter can only have moved on.
      expect(vars.memstats.TotalAlloc).toBeGreaterThanOrEqual(side.memstats_from_dump.TotalAlloc as number);
      const profile = gunzipSync(readFileSync(join(DIR, scenario, `${snap}.heap.pb.gz`))).toString('latin1');
      expect(profile).toContain('inuse_space');
      expect(read(scenario, `${snap}.metrics.txt`)).toMatch(/^go_info\{version="go1\.19\.8"\} 1$/m);
      expect(read(scenario, `${snap}.openmetrics.txt`)).toMatch(/# EOF\n$/);
    }
  });

  it('cumulative counters rise within each process', () => {
    const byPid = new Map<number, bigint[]>();
    for (const [snap] of spec.snapshots) {
      const side = sidecar(scenario, snap);
      byPid.set(side.pid, [...(byPid.get(side.pid) ?? []), BigInt(side.memstats_from_dump.TotalAlloc as number)]);
    }
    for (const totals of byPid.values()) {
      expect(totals.every((t, i) => i === 0 || t > (totals[i - 1] ?? 0n))).toBe(true);
    }
  });

  it('a gctrace log, where there is one, has a line per GC up to the last snapshot', () => {
    if (!spec.logs.includes('gctrace.log')) return;
    const log = read(scenario, 'gctrace.log');
    const last = spec.snapshots.at(-1)?.[0] ?? '';
    const numGC = Number(sidecar(scenario, last).memstats_from_dump.NumGC);
    const gcs = [...log.matchAll(/^gc (\d+) @/gm)].map((m) => Number(m[1]));
    expect(gcs.slice(0, numGC)).toEqual(Array.from({ length: numGC }, (_, i) => i + 1));
  });
});

it('mixed: the two processes\' cumulative counters all rise in file order, as if one process', () => {
  const names = SCENARIOS.mixed?.snapshots.map(([snap]) => snap) ?? [];
  const counters = ['TotalAlloc', 'Mallocs', 'Frees', 'NumGC', 'NumForcedGC'];
  const rows = names.map((snap) => counters.map((c) => BigInt(sidecar('mixed', snap).memstats_from_dump[c] as number)));
  for (let i = 1; i < rows.length; i++) {
    counters.forEach((c, j) => expect(rows[i]?.[j] ?? 0n, `${c} at ${names[i]}`).toBeGreaterThanOrEqual(rows[i - 1]?.[j] ?? 0n));
  }
  expect(new Set(names.map((snap) => sidecar('mixed', snap).pid)).size).toBe(2);
});

it('every scenario folder is described here', () => {
  const folders = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(folders.sort()).toEqual(Object.keys(SCENARIOS).sort());
  expect(existsSync(join(DIR, 'README.md'))).toBe(true);
});
