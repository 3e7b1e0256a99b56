/**
 * `heapdoc` interactive (issue 6). `maybeRunTui` is what `heapdoc analyze` calls once its report
 * is ready: it decides whether the terminal UI may run and, if so, runs it until q. The UI
 * itself (Ink, React) is loaded only then, so the plain report pays nothing for it.
 */
import type { AnalyzeReport } from '../analyze/report.js';
import { loadReportUi } from './load.js';
import { canDrawUi, openKeyboard } from './terminal.js';

export interface TuiContextFlags {
  /** --format was given: the user asked for a report format, never the UI. */
  formatGiven: boolean;
  /** stdin was read as the data (`curl … | heapdoc`): keys must come from /dev/tty. */
  stdinWasData: boolean;
}

/**
 * Whether maybeRunTui may draw the interactive report (it may still find no keyboard): known
 * before the inputs are read, so that what only the UI shows need not be built otherwise.
 */
export function tuiMayRun(formatGiven: boolean): boolean {
  return !formatGiven && canDrawUi();
}

/**
 * Runs the interactive report when stdout is a terminal, CI is not set and no --format was
 * given, with keys from stdin or /dev/tty. Resolves true once the user quit, false when the
 * caller should print the plain report instead (nothing was written to the terminal).
 */
export async function maybeRunTui(report: AnalyzeReport, context: TuiContextFlags): Promise<boolean> {
  if (!tuiMayRun(context.formatGiven)) return false;
  const keyboard = openKeyboard(context.stdinWasData);
  if (!keyboard) return false;
  try {
    const { runReport } = await loadReportUi();
    await runReport(report, keyboard);
  } finally {
    keyboard.close();
  }
  return true;
}

export { canDrawUi, controllingTerminal, openKeyboard } from './terminal.js';
