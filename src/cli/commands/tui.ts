/**
 * `heapdoc tui INPUT…`: the interactive view on the inputs, asked for by name. `heapdoc INPUT…`
 * opens it by itself on a terminal; this command is for when that is what you want, and says so
 * in one line (exit 2) where it cannot be drawn instead of printing the report.
 */
import type { Command } from 'commander';
import { HeapdocError } from '../../input/errors.js';
import { ANALYZE_INPUT_HINTS, type InputHints } from '../../input/sources.js';
import { inCi } from '../../text/terminal.js';
import { canDrawUi, controllingTerminal, openKeyboard } from '../../tui/index.js';
import { readingOptions, runAnalyze, type AnalyzeFlags } from './analyze.js';

/** Why the UI cannot be drawn here, in words; undefined when it can. */
export function noTerminalReason(stdout: Pick<NodeJS.WriteStream, 'isTTY'> = process.stdout, env: NodeJS.ProcessEnv = process.env, ci: boolean = inCi): string | undefined {
  if (canDrawUi(stdout, env, ci)) return undefined;
  if (stdout.isTTY !== true) return 'standard output is not a terminal';
  if (ci) return 'CI is set (a CI runner has no one at the keyboard)';
  return 'TERM is dumb';
}

/**
 * Why there would be no keyboard, in words; undefined when there is one: stdin when it is a
 * terminal and not the data, else the controlling terminal (a detached job, `docker run` without
 * -t, `setsid`: none). Asked before the inputs are read, as the UI would ask after.
 */
export function noKeyboardReason(inputs: readonly string[], stdin: Pick<NodeJS.ReadStream, 'isTTY'> = process.stdin, ttyPath?: string): string | undefined {
  // The data on stdin: `-`, or no input with stdin piped (defaultInputs).
  const stdinIsData = inputs.includes('-') || (inputs.length === 0 && stdin.isTTY !== true);
  if (!stdinIsData && stdin.isTTY === true) return undefined;
  const keyboard = openKeyboard(true, { stdin: stdin as NodeJS.ReadStream, ...(ttyPath !== undefined ? { ttyPath } : {}) });
  if (keyboard) {
    keyboard.close();
    return undefined;
  }
  const tty = ttyPath ?? controllingTerminal();
  return `there is no keyboard: standard input ${stdinIsData ? 'is the data' : 'is not a terminal'} and ${tty} cannot be opened (no controlling terminal)`;
}

export function registerTui(program: Command): void {
  const command = program
    .command('tui')
    .description('open the interactive view on the inputs (what heapdoc INPUT… opens by itself on a terminal)')
    .argument('[inputs...]', 'files, directories, globs, - for stdin, or http(s) URLs; with none, a piped stdin');
  readingOptions(command)
    .addHelpText('after', `
Examples:
  heapdoc tui dumps/                             # the snapshots of a directory, as a series
  heapdoc tui heap.txt --escape m.txt            # with the compiler's reasons (go build -gcflags=-m=2 2> m.txt)
  curl -s http://127.0.0.1:6060/debug/pprof/heap?debug=1 | heapdoc tui   # keys from the terminal

The view needs a terminal; for the report instead: heapdoc INPUT… (text), -f json or -f markdown.
heapdoc -- tui reads a file named tui.
Exit codes: as analyze's: 0 success; 2 usage error, no terminal, or an unreadable input.`)
    .action(async (inputs: string[], flags: AnalyzeFlags) => {
      const reason = noTerminalReason() ?? noKeyboardReason(inputs);
      if (reason !== undefined) {
        throw new HeapdocError(`tui: the interactive view needs a terminal, and ${reason}`, `for the report instead: heapdoc ${inputs.length > 0 ? 'INPUT…' : '< DUMP'} (text), or add -f json or -f markdown`);
      }
      await runAnalyze(inputs, flags, TUI_INPUT_HINTS);
    });
}

/** How tui's input errors say what to do: what curl fetches, or standard input, goes to tui, not analyze. */
const TUI_INPUT_HINTS: InputHints = {
  ...ANALYZE_INPUT_HINTS,
  command: 'heapdoc tui',
  fetchWith: (curl) => `pipe it in: ${curl} | heapdoc tui`,
  stdin: { pipe: 'curl -s …/heap?debug=1 | heapdoc tui', files: 'name the files: heapdoc tui DIR' },
};
