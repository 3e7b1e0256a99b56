/** A goroutine dump alone: its headline counts the goroutines in words that fit the count. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('a goroutine dump alone', () => {
  it('one goroutine is "1 goroutine", not "1 goroutines"', async () => {
    const r = await runCli(['-'], { input: 'goroutine 1 [running]:\nmain.main()\n\t/tmp/x/main.go:5 +0x1d\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Goroutine dump only (1 goroutine): give a heap dump too for the memory picture, and several dumps over time to see growth.');
  });
});
