/**
 * The captured scenarios (test/fixtures/scenarios, README there: the truth table) through the
 * built CLI, as a user runs it: each answer below is the truth table's.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const S = 'test/fixtures/scenarios';
const heap = (scenario: string, ...snaps: string[]): string[] => snaps.map((n) => `${S}/${scenario}/${n}.heap-debug1.txt`);

describe('--rss as /proc/PID/status prints it', () => {
  it('the VmRSS line pasted whole is read as kB; a bare number from it is called a likely unit mistake', async () => {
    const [line, bare, bad] = await Promise.all([
      runCli([...heap('heap-leak', '06-t6'), '--rss', 'VmRSS:\t   60280 kB']),
      runCli([...heap('heap-leak', '06-t6'), '--rss', '60280']),
      runCli([...heap('heap-leak', '06-t6'), '--rss', 'VmRSS: lots']),
    ]);
    expect(line.code).toBe(0);
    expect(line.stdout.split('\n')[2]).toBe("The OS counts 58.9 MiB of RSS, in line with what Go holds (plus the binary's own pages).");
    expect(bare.code).toBe(0);
    expect(bare.stdout.split('\n').slice(2, 4)).toEqual([
      'The --rss 60280 looks like kB as /proc/PID/status prints it: 58.9 MiB?',
      "As bytes it is only 58.9 KiB, below a quarter of the 59.3 MiB Go holds — likely a unit mistake: pass --rss 60280kB, or the VmRSS line whole (--rss 'VmRSS: 60280 kB').",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('heapdoc: error: --rss VmRSS: lots: not a size — write it as bytes or with a unit: 48MiB, 49152k, 1.5G\n');
  });
});
