/**
 * A one-line progress counter on stderr, only for a person watching: stderr is a TTY and CI is
 * not set (text/terminal.ts; clig.dev: no animation when not a TTY). Redrawn at most every 100 ms, erased at the end.
 */
import { inCi } from '../text/terminal.js';

export interface Progress {
  /** `linting 3/40 files…` */
  update(done: number, total: number): void;
  /** Any one-line status: `reading dump.txt: 48.0 MiB…` */
  say(text: string, final?: boolean): void;
  clear(): void;
}

const NONE: Progress = { update: () => undefined, say: () => undefined, clear: () => undefined };

export function progressEnabled(stream: Pick<NodeJS.WriteStream, 'isTTY'> = process.stderr, env: NodeJS.ProcessEnv = process.env, ci: boolean = inCi): boolean {
  return stream.isTTY === true && !ci && env.TERM !== 'dumb';
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env, ci: boolean = inCi): Progress {
  if (!progressEnabled(stream, env, ci)) return NONE;
  let last = 0;
  let shown = false;
  // Ctrl-C (or a kill) while the line is shown would leave it on the screen, the shell's prompt
  // after it: it is erased, then the signal is raised again with no handler, so the process ends
  // as it would have (exit status 130 or 143 in the shell), no report half-written.
  const onSignal = (signal: NodeJS.Signals): void => {
    erase();
    process.kill(process.pid, signal);
  };
  const erase = (): void => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
  const say = (text: string, final = false): void => {
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    if (!shown) for (const signal of SIGNALS) process.once(signal, onSignal);
    shown = true;
    stream.write(`\r\u001b[2K${text}`);
  };
  return {
    update: (done, total) => say(`linting ${done}/${total} files…`, done >= total),
    say,
    clear: erase,
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
