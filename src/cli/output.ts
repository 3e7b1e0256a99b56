/**
 * How the CLI talks: data on stdout, one-line problems on stderr, colour as text/color.ts decides.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import { formatDiagnostic } from '../grammar/common/diagnostic.js';
import { colorEnabled, colors } from '../text/color.js';
import { stripControl } from '../text/sanitize.js';

/** Writes to stdout and resolves once the data is flushed (important before exiting into a pipe). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** One human line on stderr: `heapdoc: …` with the hint after a dash. */
export function printProblem(message: string, hint?: string): void {
  const c = colors(colorEnabled(process.stderr));
  process.stderr.write(`${c.red('heapdoc:')} ${stripControl(message)}${hint ? c.dim(` — ${stripControl(hint)}`) : ''}\n`);
}

export function printDiagnostic(d: Diagnostic): void {
  const c = colors(colorEnabled(process.stderr));
  const line = stripControl(formatDiagnostic(d));
  process.stderr.write(`${d.severity === 'error' ? c.red(line) : d.severity === 'warning' ? c.yellow(line) : line}\n`);
}
