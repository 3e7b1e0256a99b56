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
import { ENTER_SCREEN, LEAVE_SCREEN, type Keyboard } from './terminal.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function runFullScreen(element: ReactElement, keyboard: Keyboard, stdout: NodeJS.WriteStream = process.stdout): Promise<void> {
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    keyboard.close();
    stdout.write(LEAVE_SCREEN);
  };
  stdout.write(ENTER_SCREEN);
  // Raw mode before the first frame: a key typed as soon as the screen shows must reach the UI as
  // that key (in line mode the terminal would hold it back and turn Enter into a line feed).
  if (keyboard.stream.isTTY) keyboard.stream.setRawMode(true);
  process.once('exit', restore);
  let instance: ReturnType<typeof render> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    instance?.unmount();
    restore();
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    instance = render(element, { stdin: keyboard.stream, stdout, exitOnCtrlC: true, patchConsole: true });
    await instance.waitUntilExit();
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', restore);
    restore();
  }
}

export async function runReport(report: AnalyzeReport, keyboard: Keyboard): Promise<void> {
  await runFullScreen(<HeapdocApp report={report} colors={colorEnabled()} />, keyboard);
}
