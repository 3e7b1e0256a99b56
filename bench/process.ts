/**
 * Whole-process measurements: wall time, CPU time (user + system) and peak RSS of one command,
 * as the operating system accounts them. Node processes report their own getrusage through a
 * preloaded module (usage.ts); other programs (go tool pprof) are run under GNU time when it is
 * installed (/usr/bin/time), else only their wall time is known.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export interface ProcessUsage {
  wallSeconds: number;
  /** Undefined when it could not be measured (no GNU time for a non-Node program). */
  cpuSeconds: number | undefined;
  peakRssMiB: number | undefined;
  /** Minor page faults: memory touched for the first time (undefined when not measured). */
  minorFaults?: number | undefined;
  exitCode: number | null;
  /** The first line of stderr, when the command failed. */
  error: string | undefined;
}

const USAGE_MODULE = fileURLToPath(new URL('./usage.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';

/** Runs `node ARGS…` with stdout thrown away; its own CPU time and peak RSS. */
export function measureNode(args: readonly string[], env: Record<string, string> = {}): ProcessUsage {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-bench-'));
  const file = join(dir, 'usage.json');
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', USAGE_MODULE, ...args], {
      env: { ...process.env, ...env, HEAPDOC_BENCH_USAGE: file },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 26,
    });
    return usageOf(file, (performance.now() - started) / 1000, child.status, child.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs several `node ARGS…` processes at the same time: the wall time until the last one ends,
 * their CPU time added up, the largest peak RSS, the first failure's exit code.
 */
export async function measureNodeAtOnce(runs: readonly (readonly string[])[], env: Record<string, string> = {}): Promise<ProcessUsage> {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-bench-'));
  try {
    const started = performance.now();
    const ended = await Promise.all(runs.map((args, i) => new Promise<ProcessUsage>((resolve) => {
      const file = join(dir, `usage-${i}.json`);
      const child = spawn(process.execPath, ['--import', USAGE_MODULE, ...args], {
        env: { ...process.env, ...env, HEAPDOC_BENCH_USAGE: file },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const stderr: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('close', (code) => resolve(usageOf(file, (performance.now() - started) / 1000, code, Buffer.concat(stderr))));
    })));
    const measured = (value: (u: ProcessUsage) => number | undefined): number[] | undefined => {
      const values = ended.map(value);
      return values.every((v) => v !== undefined) ? (values as number[]) : undefined;
    };
    const failed = ended.find((u) => u.exitCode !== 0);
    return {
      wallSeconds: Math.max(...ended.map((u) => u.wallSeconds)),
      cpuSeconds: measured((u) => u.cpuSeconds)?.reduce((a, b) => a + b, 0),
      peakRssMiB: measured((u) => u.peakRssMiB)?.reduce((a, b) => Math.max(a, b), 0),
      minorFaults: measured((u) => u.minorFaults)?.reduce((a, b) => a + b, 0),
      exitCode: failed?.exitCode ?? ended[0]?.exitCode ?? null, error: failed?.error,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Node process's figures, from the file the preloaded usage module wrote at its exit. */
function usageOf(file: string, wallSeconds: number, exitCode: number | null, stderr: Buffer | undefined): ProcessUsage {
  const usage = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { cpuSeconds: number; peakRssKiB: number; minorFaults?: number }) : undefined;
  return {
    wallSeconds, cpuSeconds: usage?.cpuSeconds, peakRssMiB: usage ? usage.peakRssKiB / 1024 : undefined, minorFaults: usage?.minorFaults,
    exitCode, error: exitCode === 0 ? undefined : firstLine(stderr),
  };
}

/** Runs any program with stdout thrown away, under GNU time when there is one. */
export function measureProgram(command: string, args: readonly string[]): ProcessUsage {
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const child = timed
    ? spawnSync(GNU_TIME, ['-f', 'HEAPDOC_BENCH %U %S %M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
    : spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wallSeconds = (performance.now() - started) / 1000;
  const stderr = child.stderr?.toString('utf8') ?? '';
  const m = /HEAPDOC_BENCH ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  return {
    wallSeconds,
    cpuSeconds: m ? Number(m[1]) + Number(m[2]) : undefined,
    peakRssMiB: m ? Number(m[3]) / 1024 : undefined,
    exitCode: child.status,
    error: child.status === 0 ? undefined : firstLine(child.stderr ?? child.error?.message),
  };
}

/** Whether a program is on PATH. */
export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function firstLine(text: Buffer | string | undefined): string | undefined {
  return text?.toString().split('\n').find((l) => l.trim() !== '');
}
