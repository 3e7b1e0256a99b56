/**
 * Runs an Ink element full-screen until it exits, and always gives the terminal back: on q, on
 * Ctrl-C (Ink's exitOnCtrlC: raw mode turns it into a key), on SIGINT/SIGTERM/SIGHUP from
 * outside, on an exception, and on process exit. Loaded only when the UI really runs.
 */
import { render } from 'ink';
import { constants } from 'node:os';
import type { ReactElement } from 'react';
import { colorEnabled } from '../text/color.js';
import type { AnalyzeReport } from '../analyze/report.js';
import { HeapdocApp } from './components/App.js';
import type { TerminalControls } from './effects.js';
import { ENTER_SCREEN, LEAVE_SCREEN, MOUSE_OFF, MOUSE_ON, type Keyboard } from './terminal.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** process.kill's shape, for tests. */
export type Kill = (pid: number, signal: NodeJS.Signals) => void;

/** The UI's terminal: the alternate screen, the mouse wheel, raw mode (and undoing all three). */
export function terminalControls(keyboard: Keyboard, stdout: NodeJS.WriteStream, kill: Kill = (pid, signal) => void process.kill(pid, signal)): TerminalControls & { enter(): void; leave(): void } {
  const raw = (on: boolean): void => {
    if (keyboard.stream.isTTY) keyboard.stream.setRawMode(on);
  };
  const enter = (): void => {
    stdout.write(ENTER_SCREEN + MOUSE_ON);
    // Raw mode before the first frame: a key typed as soon as the screen shows must reach the UI
    // as that key (in line mode the terminal would hold it back and turn Enter into a line feed).
    raw(true);
  };
  const leave = (): void => {
    raw(false);
    stdout.write(MOUSE_OFF + LEAVE_SCREEN);
  };
  const fd = (keyboard.stream as { fd?: number }).fd;
  return {
    enter,
    leave,
    suspendFor(fn) {
      leave();
      try {
        return fn(keyboard.source === 'stdin' || fd === undefined ? 'inherit' : fd);
      } finally {
        enter();
      }
    },
    stop() {
      leave();
      return new Promise((resolve) => {
        process.once('SIGCONT', () => {
          enter();
          resolve();
        });
        // What a shell expects of Ctrl-Z: the whole job stops, as the terminal's own Ctrl-Z would
        // stop it (vim and less do the same); `fg` sends SIGCONT. Pid 0 is the process group:
        // under `npx heapdoc` or a script, stopping node alone left npm and the shell waiting in
        // the foreground, and the terminal lost.
        kill(0, 'SIGTSTP');
      });
    },
    write: (text) => void stdout.write(text),
  };
}

const SHOW_CURSOR = '\u001b[?25h';

/**
 * Ink hides the cursor through cli-cursor, whose restore-cursor writes "show the cursor" to
 * process.stderr at exit, whatever stderr is (`2>err.txt` ended with ESC[?25h). The UI shows the
 * cursor on its own terminal (LEAVE_SCREEN), so that write is dropped when stderr is no terminal.
 */
export function keepControlOffStderr(stderr: NodeJS.WriteStream = process.stderr): void {
  if (stderr.isTTY) return;
  const write = stderr.write.bind(stderr) as (...args: unknown[]) => boolean;
  stderr.write = ((chunk: unknown, ...rest: unknown[]) => (chunk === SHOW_CURSOR ? true : write(chunk, ...rest))) as typeof stderr.write;
}

export async function runFullScreen(render_: (controls: TerminalControls) => ReactElement, keyboard: Keyboard, stdout: NodeJS.WriteStream = process.stdout): Promise<void> {
  keepControlOffStderr();
  const controls = terminalControls(keyboard, stdout);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(MOUSE_OFF);
    keyboard.close();
    stdout.write(LEAVE_SCREEN);
  };
  controls.enter();
  process.once('exit', restore);
  let instance: ReturnType<typeof render> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    instance?.unmount();
    restore();
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    instance = render(render_(controls), { stdin: keyboard.stream, stdout, exitOnCtrlC: true, patchConsole: true });
    await instance.waitUntilExit();
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', restore);
    restore();
  }
}

export async function runReport(report: AnalyzeReport, keyboard: Keyboard): Promise<void> {
  await runFullScreen((controls) => <HeapdocApp report={report} colors={colorEnabled()} controls={controls} />, keyboard);
}
