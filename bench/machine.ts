/**
 * What this machine can give two threads right now. A shared virtual machine's cores do not keep
 * one speed: on the 2-core machine of issue 13, the same fixed loop took 0.8 s or 3.6 s, seconds
 * apart, alone or beside another, on either core. A speed-up of two threads over one cannot
 * exceed what two processes that share nothing reach at the same moment, so the lint bench
 * measures that beside its own runs, with two loops: one of pure JavaScript (no allocation, no
 * I/O, nothing for V8's helper threads to do), and one that writes to memory it has just
 * allocated, one byte a 4 KiB page: the page faults every process pays for memory it takes for
 * the first time (a growing heap, new typed arrays). On the issue's machine the first loop ran two
 * at once at ~1.9× one alone while the second ran at ~0.5×: page faults there do not run side by
 * side, and a lint run takes ~20,000 of them.
 */
import { measureNode, measureNodeAtOnce } from './process.js';

/** A loop the probe runs alone and two at once; `what` names it in the printed line. */
export interface ProbeLoop {
  what: string;
  code: string;
}

/** ~0.5 s on an idle core of the issue's machine; `x` is printed so that no engine drops the loop. */
export const PURE_JAVASCRIPT: ProbeLoop = {
  what: 'two fixed loops of pure JavaScript',
  code: 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i) | 0; if (x === 1) console.log(x);',
};

/** 256 MiB of new memory, 4 MiB at a time, one write a page (~0.3 s alone on an idle core of the issue's machine). */
export const FRESH_MEMORY: ProbeLoop = {
  what: 'two loops writing to fresh memory (page faults)',
  code: 'let x = 0; for (let r = 0; r < 64; r++) { const b = new Uint8Array(4 << 20); for (let i = 0; i < b.length; i += 4096) b[i] = 1; x += b[4096]; } if (x === 1) console.log(x);',
};

/**
 * A round whose two lone runs differ by more than this share measured two machines, not one: its
 * ratio says nothing (a lone run at the slow speed and two at the fast one gave 7–8×, which two
 * cores cannot).
 */
const STEADY_SPREAD = 0.25;

/** Wall seconds of one loop alone before and after two loops at once (until both end). */
export interface ProbeRound {
  aloneBefore: number;
  together: number;
  aloneAfter: number;
}

export interface MachineProbe {
  rounds: ProbeRound[];
  /** The rounds whose lone runs agree (STEADY_SPREAD): the machine kept one speed through them. */
  steady: ProbeRound[];
  /** Median over the steady rounds of 2 × alone / together: the most two threads can reach here now; undefined if none was steady. */
  ceiling: number | undefined;
}

/** One round of `loop`: alone, two at once, alone. The lint bench runs one of each loop after each of its rounds. */
export async function probeRound(loop: ProbeLoop = PURE_JAVASCRIPT): Promise<ProbeRound> {
  const aloneBefore = measureNode(['-e', loop.code]).wallSeconds;
  const together = (await measureNodeAtOnce([['-e', loop.code], ['-e', loop.code]])).wallSeconds;
  const aloneAfter = measureNode(['-e', loop.code]).wallSeconds;
  return { aloneBefore, together, aloneAfter };
}

const alone = (r: ProbeRound): number => (r.aloneBefore + r.aloneAfter) / 2;
const ratioOf = (r: ProbeRound): number => (2 * alone(r)) / r.together;
const isSteady = (r: ProbeRound): boolean =>
  Math.abs(r.aloneBefore - r.aloneAfter) <= STEADY_SPREAD * Math.min(r.aloneBefore, r.aloneAfter);

export function probeOf(rounds: ProbeRound[]): MachineProbe {
  const steady = rounds.filter(isSteady);
  const ratios = steady.map(ratioOf).sort((a, b) => a - b);
  return { rounds, steady, ceiling: ratios.length === 0 ? undefined : ratios[Math.floor(ratios.length / 2)] };
}

/** One line: `two fixed loops … reach 1.62× one (steady rounds 1.62 1.80 0.95; 2 of 5 …)`. */
export function describeProbe(probe: MachineProbe, loop: ProbeLoop = PURE_JAVASCRIPT): string {
  const unsteady = probe.rounds.length - probe.steady.length;
  const dropped = unsteady === 0 ? '' : `; ${unsteady} of ${probe.rounds.length} rounds left out: the loop alone took `
    + `${probe.rounds.filter((r) => !isSteady(r)).map((r) => `${r.aloneBefore.toFixed(2)} then ${r.aloneAfter.toFixed(2)} s`).join(', ')}, `
    + 'the machine changed speed within them';
  if (probe.ceiling === undefined) return `${loop.what} at once: no steady round${dropped}`;
  return `${loop.what} at once reach ${probe.ceiling.toFixed(2)}× one (steady rounds `
    + `${probe.steady.map((r) => ratioOf(r).toFixed(2)).join(' ')}; one alone ${probe.steady.map((r) => alone(r).toFixed(2)).join(' ')} s${dropped})`;
}
