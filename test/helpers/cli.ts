/** Runs the built heapdoc binary as a user would, capturing stdout, stderr and the exit code. */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { expect } from 'vitest';
import { CLI, ROOT } from './fixtures.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `cwd`: another working directory than the repository (config discovery, relative paths, an
 * installed package). `stdoutFile`: stdout redirected to this file, as `> FILE` in a shell does
 * (`stdout` is then empty); `stdinFile`: stdin read from this file or directory, as `< FILE` does.
 */
export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string; stdoutFile?: string; stdinFile?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
    const stdinFd = options.stdinFile === undefined ? undefined : openSync(options.stdinFile, 'r');
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      // CI has no TTY and no stdin: never leave the child waiting on one.
      stdio: [stdinFd ?? (options.input === undefined ? 'ignore' : 'pipe'), stdoutFd ?? 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', CI: 'true', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // The child has its own.
    if (stdoutFd !== undefined) closeSync(stdoutFd);
    if (stdinFd !== undefined) closeSync(stdinFd);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined && child.stdin) child.stdin.end(options.input);
  });
}

/** The text report's lines of a run, which must exit 0. */
export async function reportLines(args: string[]): Promise<string[]> {
  const r = await runCli(args);
  expect(r.code).toBe(0);
  return r.stdout.split('\n');
}

/** The JSON report of a run (`--format json` added), which must exit 0. */
export async function reportJson<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}
