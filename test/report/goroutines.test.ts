import { describe, expect, it } from 'vitest';
import { notInSeries } from '../../src/report/goroutines.js';

describe('notInSeries: the snapshots a series table has no place for', () => {
  it('names three, then counts the rest ("and 2 more", was "and 2 mores")', () => {
    const sources = [1, 2, 3, 4, 5].map((n) => `cap/wheap.${n}.pb.gz`);
    expect(notInSeries(sources)).toBe('Not in the series: wheap.1.pb.gz, wheap.2.pb.gz, wheap.3.pb.gz and 2 more, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of their moments with the same file stem.');
    expect(notInSeries(sources.slice(0, 1))).toBe('Not in the series: wheap.1.pb.gz, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of its moment with the same file stem.');
  });
});
