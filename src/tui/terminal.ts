/**
 * The terminal rules of the interactive UI, decided once (style.md, clig.dev):
 *  - Ink only when stdout is a terminal, not in CI (text/terminal.ts), TERM is not `dumb` (and, for analyze, no
 *    --format was asked for); otherwise the plain report. Ink 6 writes cursor escapes: never into a pipe.
 *  - Keys come from stdin when it is a terminal and not the data; when the data was piped in
 *    (`curl … | heapdoc`), from the controlling terminal (/dev/tty; CONIN$ on Windows). If it
 *    cannot be opened, the plain report it is.
 *  - The UI draws on the alternate screen; leaving it (q, Ctrl-C, a signal, an exception)
 *    restores the terminal as it was, with the cursor shown and raw mode off.
 * Nothing here imports Ink, so the CLI pays for React only when the UI really runs.
 */
import { closeSync, openSync } from 'node:fs';
import { ttyModule } from '../common/builtins.js';
import { inCi } from '../text/terminal.js';

/** May the UI draw on this stdout? `ci` is text/terminal.ts's one answer (tests pass their own). */
export function canDrawUi(stdout: Pick<NodeJS.WriteStream, 'isTTY'> = process.stdout, env: NodeJS.ProcessEnv = process.env, ci: boolean = inCi): boolean {
  return stdout.isTTY === true && !ci && env.TERM !== 'dumb';
}

/** The controlling terminal's name: /dev/tty, or the console input on Windows. */
export function controllingTerminal(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'CONIN$' : '/dev/tty';
}

export interface Keyboard {
  stream: NodeJS.ReadStream;
  /** Where the keys come from, for messages. */
  source: 'stdin' | 'tty';
  /** Raw mode off, and /dev/tty closed. Safe to call twice. */
  close(): void;
}

export interface KeyboardOptions {
  stdin?: NodeJS.ReadStream;
  /** The controlling terminal (tests point it elsewhere). */
  ttyPath?: string;
}

/**
 * Where the keys come from: stdin when it is a terminal and was not the data; otherwise the
 * controlling terminal. Undefined when there is none (a detached process, a CI runner).
 */
export function openKeyboard(stdinWasData: boolean, options: KeyboardOptions = {}): Keyboard | undefined {
  const stdin = options.stdin ?? process.stdin;
  if (!stdinWasData && stdin.isTTY) {
    return {
      stream: stdin,
      source: 'stdin',
      close: () => {
        if (stdin.isTTY) stdin.setRawMode(false);
        stdin.pause();
      },
    };
  }
  let fd: number | undefined;
  try {
    fd = openSync(options.ttyPath ?? controllingTerminal(), 'r');
    const { isatty, ReadStream } = ttyModule();
    if (!isatty(fd)) {
      closeSync(fd);
      return undefined;
    }
    const stream = new ReadStream(fd);
    let closed = false;
    return {
      stream: stream as unknown as NodeJS.ReadStream,
      source: 'tty',
      close: () => {
        if (closed) return;
        closed = true;
        try {
          stream.setRawMode(false);
        } catch {
          // the terminal is already gone (hangup)
        }
        stream.destroy();
      },
    };
  } catch {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    return undefined;
  }
}

/** xterm's alternate screen (tmux, iTerm2, VTE and Windows Terminal have it) and the cursor. */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';
/** Mouse button reports in SGR form, for the wheel (xterm, tmux, iTerm2, VTE; Shift-drag still selects text). */
export const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';
