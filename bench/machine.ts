/**
 * What this machine can give two threads right now. A shared virtual machine's cores do not keep
 * one speed: on the 2-core machine of issue 13, the same fixed loop took 1.4 s and 8.9 s a few
 * seconds apart, alone or beside another, on either core. A speed-up of two threads over one
 * cannot exceed what two processes that share nothing reach at the same moment, so the lint bench
 * measures that beside its own runs, with the least two processes can share: a loop of pure
 * JavaScript (no allocation, no I/O, nothing for V8's helper threads to do).
 */
import { measureNode, measureNodeAtOnce } from './process.js';

/** ~0.5 s on an idle core of the machine; `x` is printed so that no engine drops the loop. */
const FIXED_LOOP = 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i) | 0; if (x === 1) console.log(x);';

export interface MachineProbe {
  /** Per round: wall seconds of one loop alone, and of two loops started at once (until both end). */
  rounds: { alone: number; together: number }[];
  /** Median over the rounds of 2 × alone / together: the most two threads can reach here now. */
  ceiling: number;
}

/** One round: one loop alone, then two at once. The lint bench runs one beside each of its rounds. */
export async function probeRound(): Promise<{ alone: number; together: number }> {
  const alone = measureNode(['-e', FIXED_LOOP]).wallSeconds;
  const together = (await measureNodeAtOnce([['-e', FIXED_LOOP], ['-e', FIXED_LOOP]])).wallSeconds;
  return { alone, together };
}

export function probeOf(rounds: { alone: number; together: number }[]): MachineProbe {
  const ratios = rounds.map((m) => (2 * m.alone) / m.together).sort((a, b) => a - b);
  return { rounds, ceiling: ratios[Math.floor(ratios.length / 2)] as number };
}

/** One line: `two fixed loops at once: 1.62× one (rounds 1.62 1.80 0.95)`. */
export function describeProbe(probe: MachineProbe): string {
  return `two fixed loops of pure JavaScript at once reach ${probe.ceiling.toFixed(2)}× one (rounds `
    + `${probe.rounds.map((m) => ((2 * m.alone) / m.together).toFixed(2)).join(' ')}; one alone `
    + `${probe.rounds.map((m) => m.alone.toFixed(2)).join(' ')} s)`;
}
