import { describe, expect, it } from 'vitest';
import { baseName } from '../../src/common/paths.js';

describe('baseName: a path\'s last segment, / or \\ separated', () => {
  it('of the captured inputs\' paths, a Windows path and a stack frame\'s file', () => {
    expect(baseName('test/fixtures/captured/go1.19-audit-work/01-lru/01-t3.vars.json')).toBe('01-t3.vars.json');
    expect(baseName('C:\\dumps\\t01.heap-debug1.txt')).toBe('t01.heap-debug1.txt');
    expect(baseName('/home/u/progs/mutexleak/main.go')).toBe('main.go');
    expect(baseName('vars.json')).toBe('vars.json');
  });
  it('the path itself when it ends with a separator, not an empty name', () => {
    expect(baseName('runs/a/')).toBe('runs/a/');
  });
});
