/**
 * heapdoc's command line. Each command lives in commands/<name>.ts and registers itself here.
 * Errors meant for people (HeapdocError, usage errors) become one line on stderr and exit code 2;
 * anything else is a bug, shown with its stack only under --debug.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { HeapdocError } from '../input/errors.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerDiff } from './commands/diff.js';
import { registerEscape } from './commands/escape.js';
import { registerExplain } from './commands/explain.js';
import { registerLint } from './commands/lint.js';
import { registerWatch } from './commands/watch.js';
import { printProblem } from './output.js';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('heapdoc')
    .description("Tells a Go developer where their process's memory went.\nReads heap?debug=1 dumps (with their runtime.MemStats block), goroutine dumps and -gcflags=-m output.")
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'show stack traces for internal errors')
    .showHelpAfterError('(run heapdoc --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'heapdoc: ')) });
  registerAnalyze(program);
  registerDiff(program);
  registerEscape(program);
  registerLint(program);
  registerExplain(program);
  registerWatch(program);
  return program;
}

export async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof HeapdocError) {
      printProblem(error.message, error.hint);
      process.exitCode = error.exitCode;
      return;
    }
    const debug = argv.includes('--debug');
    printProblem(`internal error: ${(error as Error).message ?? String(error)}`, debug ? undefined : 'this is a bug in heapdoc; run again with --debug for details and report it');
    if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = 70;
  }
}

