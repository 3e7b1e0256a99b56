import { describe, expect, it } from 'vitest';
import { captureMoment, heapAllocsTwins, heapEndpointName } from '../../src/common/stems.js';

describe('heapAllocsTwins: one capture saved from /debug/pprof/heap and /debug/pprof/allocs', () => {
  it('the same folder and name with the endpoint word swapped', () => {
    expect(heapAllocsTwins('runs/a/01-t1.allocs-debug1.txt', 'runs/a/01-t1.heap-debug1.txt')).toBe(true);
    expect(heapAllocsTwins('t3.heap.txt', 't3.allocs.txt')).toBe(true);
    expect(heapEndpointName('runs/a/01-t1.allocs-debug1.txt')).toBe('runs/a/01-t1.heap-debug1.txt');
    // The file's name only: a folder called allocs keeps its name.
    expect(heapAllocsTwins('allocs/01.allocs.txt', 'allocs/01.heap.txt')).toBe(true);
    expect(heapEndpointName('allocs/01.heap.txt')).toBe('allocs/01.heap.txt');
  });

  it('not two moments named alike, another folder, the same file, or a word that only contains "allocs"', () => {
    // The corpus's phases of one GC cycle, and numbered captures: two moments each.
    expect(heapAllocsTwins('default.after-gc.heap-debug1.txt', 'default.idle.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('heap.1.txt', 'heap.2.txt')).toBe(false);
    expect(heapAllocsTwins('leak/01-t1.allocs-debug1.txt', 'burst/01-t1.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('01-t1.heap-debug1.txt', '01-t1.heap-debug1.txt')).toBe(false);
    expect(heapAllocsTwins('01-t1.mallocs.txt', '01-t1.heap.txt')).toBe(false);
  });

  it('twins are one moment (captureMoment), as every capture of one folder and stem', () => {
    expect(captureMoment('runs/a/01-t1.allocs-debug1.txt')).toBe(captureMoment('runs/a/01-t1.heap-debug1.txt'));
  });
});
