import { describe, expect, it } from 'vitest';
import { countOf, formatBytes, formatLogDuration, formatShare, parseBytes, parseSize } from '../../src/text/units.js';

describe('formatBytes', () => {
  it('chooses the unit after rounding: 1048575 bytes is 1.0 MiB', () => {
    expect(formatBytes(1048575)).toBe('1.0 MiB');
    expect(formatBytes(1048525)).toBe('1.0 MiB'); // 1023.95 KiB rounds to 1024.0
    expect(formatBytes(1048473)).toBe('1023.9 KiB');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1023.6)).toBe('1.0 KiB');
    expect(formatBytes(1023.4)).toBe('1023 B');
    expect(formatBytes(1023.5)).toBe('1.0 KiB');
    expect(formatBytes(1048524)).toBe('1023.9 KiB'); // 1023.94 KiB
    expect(formatBytes(1048524, 2)).toBe('1023.95 KiB');
    expect(formatBytes(1048575, 2)).toBe('1.00 MiB'); // 1023.999 KiB
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(-1048575)).toBe('-1.0 MiB');
    expect(formatBytes(33641736)).toBe('32.1 MiB');
    expect(formatBytes(0)).toBe('0 B');
  });
});

describe('formatLogDuration', () => {
  it('says a gctrace time with the digits the log has: whole ms from 10 ms, three significant digits below, s from a second', () => {
    const ns = [656e6, 48e6, 66e6, 11_005_000, 1.2e6, 0.05e6, 0.239e6, 0.005e6, 9_996_000, 999_600_000, 2.4e9, 15.5e9, 0, 500];
    expect(ns.map(formatLogDuration)).toEqual(['656 ms', '48 ms', '66 ms', '11 ms', '1.2 ms', '0.05 ms', '0.239 ms', '0.005 ms', '10 ms', '1.0 s', '2.4 s', '15.5 s', '0 ms', '500 ns']);
  });
});

describe('formatShare', () => {
  it('is a percent of the whole, and – for a part beyond it (numbers that cannot all be true) or no whole', () => {
    expect(formatShare(24_975_360, 44_676_360)).toBe('55.9%');
    expect(formatShare(44_676_360, 44_676_360)).toBe('100.0%');
    expect(formatShare(2 ** 64 - 1, 44_676_360)).toBe('–');
    expect(formatShare(1, 0)).toBe('–');
  });
});

describe('countOf', () => {
  it('is singular for one only', () => {
    expect(countOf(1, 'record')).toBe('1 record');
    expect(countOf(0, 'record')).toBe('0 records');
    expect(countOf(12345, 'goroutine')).toBe('12,345 goroutines');
  });
});

describe('parseSize / parseBytes', () => {
  it('reads units in binary (kB as /proc/PID/status means it), and says whether one was given', () => {
    expect(parseSize('109824')).toEqual({ bytes: 109824, unit: false });
    expect(parseSize('109824kB')).toEqual({ bytes: 109824 * 1024, unit: true });
    expect(parseSize(' 109824 kB')).toEqual({ bytes: 109824 * 1024, unit: true });
    expect(parseSize('107MiB')).toEqual({ bytes: 107 * 1024 * 1024, unit: true });
    expect(parseSize('1.5G')).toEqual({ bytes: 1.5 * 1024 ** 3, unit: true });
    expect(parseSize('49152k')).toEqual({ bytes: 49152 * 1024, unit: true });
    expect(parseBytes('512B')).toBe(512);
    expect(parseBytes('lots')).toBeUndefined();
    expect(parseBytes('VmRSS: 1 kB')).toBeUndefined(); // the label is the --rss flag's business
  });
});
