/**
 * heapdoc's command line. Each command lives in commands/<name>.ts and registers itself here.
 * Errors meant for people (HeapdocError, usage errors) become one line on stderr and exit code 2;
 * anything else is a bug, shown with its stack only under --debug.
 */
import { Command, CommanderError, Option } from 'commander';
import { HeapdocError, HeapdocProblems } from '../input/errors.js';
import { packageVersion } from '../input/package.js';
import { chooseColor, COLOR_CHOICES, type ColorChoice } from '../text/color.js';
import { stripControl } from '../text/sanitize.js';
import { checkOutputOption, printProblem, sanitizeLines } from './output.js';
import { COMMAND_NAMES, commandsFor, withCommandNamed, type CommandName } from './argv.js';
import { closeMatches } from '../common/suggest.js';

type Register = (program: Command) => void;

/**
 * The commands, loaded on demand: a command module pulls in its grammars, analysis and
 * formatters, and `heapdoc --version` or `heapdoc lint` should not pay for all of them.
 * The order is the order of `heapdoc --help` (argv.ts).
 */
const COMMANDS: Record<CommandName, () => Promise<Register>> = {
  analyze: async () => (await import('./commands/analyze.js')).registerAnalyze,
  tui: async () => (await import('./commands/tui.js')).registerTui,
  diff: async () => (await import('./commands/diff.js')).registerDiff,
  escape: async () => (await import('./commands/escape.js')).registerEscape,
  lint: async () => (await import('./commands/lint.js')).registerLint,
  explain: async () => (await import('./commands/explain.js')).registerExplain,
  watch: async () => (await import('./commands/watch.js')).registerWatch,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
};

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('heapdoc')
    .description("Tells a Go developer where their process's memory went.\nReads heap?debug=1 dumps (with their runtime.MemStats block), goroutine dumps, /metrics scrapes, /debug/vars, GODEBUG=gctrace=1 logs, .pb.gz heap profiles and -gcflags=-m output.")
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'show stack traces for internal errors')
    .addOption(new Option('--color <when>', 'colour: auto (a terminal, unless NO_COLOR is set), always (even in a pipe) or never').choices(COLOR_CHOICES))
    .option('--no-color', 'no colour (as --color=never)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', `
Examples:
  curl -s http://127.0.0.1:6060/debug/pprof/heap?debug=1 | heapdoc
  curl -s 'http://127.0.0.1:6060/debug/pprof/heap?gc=1&debug=1' > snap1.txt   # ?gc=1: a GC first, the live heap
  heapdoc snap1.txt snap2.txt snap3.txt          # a series (each taken so): leak or peak?
  heapdoc tui dumps/ --escape m.txt              # verdict → site → stack → why
  heapdoc lint dumps/ --format sarif -o heapdoc.sarif
  heapdoc demo                                   # real dumps bundled with heapdoc

Exit codes: 0 success; 1 lint found errors, or analyze --fail-on matched the verdict;
2 a usage error, an input heapdoc could not read, or a report it could not write.
heapdoc COMMAND --help gives each command's options and examples.`)
    .exitOverride();
  // --color and --no-color are the program's, accepted before or after the command's name.
  program.hook('preAction', (_program, command) => {
    const color = program.opts<{ color?: ColorChoice | false }>().color;
    chooseColor(color === false ? 'never' : color ?? 'auto');
    checkOutputOption(program, command);
  });
  // A usage error is one line, as every other problem: what, then how to fix it. Commander's
  // messages quote the arguments (`--format $'x\e[2J'`): no control character reaches the terminal.
  program.configureOutput({ outputError: usageError('heapdoc') });
  for (const name of commandsFor(argv)) {
    (await COMMANDS[name]())(program);
  }
  // Each command's own usage errors point at its own help; a command named after options
  // (`heapdoc -f json lint DIR` runs analyze, with "lint" an input) is said so.
  const misplaced = misplacedCommand(argv);
  for (const command of program.commands) {
    command.configureOutput({ outputError: usageError(`heapdoc ${command.name()}`, command.name() === 'analyze' ? misplaced : undefined) });
  }
  for (const command of [program, ...program.commands]) {
    unknownOptionByName(command);
    plainDefaults(command);
  }
  return program;
}

/**
 * A default given as text (`--concurrency <n>`'s "8", `--max-bytes`' "512MiB") is shown as written,
 * `(default: 8)`: commander quotes a string default (`(default: "8")`) unless it has a description.
 */
function plainDefaults(command: Command): void {
  for (const option of command.options) {
    if (typeof option.defaultValue === 'string' && option.defaultValueDescription === undefined) option.defaultValueDescription = option.defaultValue;
  }
}

/**
 * Commander compares an unknown `--name=value` whole with the options' names, and found nothing
 * close for `--colour=always`: it is given the name alone, so it suggests `--color` as it does
 * for `--colour always`. (Commander's own method, not in its typings.)
 */
function unknownOptionByName(command: Command): void {
  const c = command as Command & { unknownOption(flag: string): never };
  const unknownOption = c.unknownOption.bind(c);
  c.unknownOption = (flag) => unknownOption(/^--[^=]+=/.test(flag) ? flag.slice(0, flag.indexOf('=')) : flag);
}

/** `heapdoc lint -f json DIR` for `heapdoc -f json lint DIR`: a command named after the options before it; undefined otherwise. */
function misplacedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  const at = args.findIndex((a) => (COMMAND_NAMES as readonly string[]).includes(a));
  if (at <= 0 || commandsFor(argv)[0] === args[at]) return undefined;
  return `heapdoc ${[args[at], ...args.slice(0, at), ...args.slice(at + 1)].join(' ')}`;
}

/**
 * Commander's usage error as heapdoc's one line: `heapdoc: error: what (did you mean …?) — run
 * heapdoc lint --help for usage`. Its sentences lose their final stop before the dash, and its
 * suggestion, on a line of its own, joins the line.
 */
function usageError(command: string, misplaced?: string): (text: string, write: (text: string) => void) => void {
  return (text, write) => {
    const line = text.trimEnd()
      .replace(/^error: /, 'heapdoc: error: ')
      .replace(/\s*\n\(Did you mean (.*)\)$/, ' (did you mean $1)')
      .replace(/\. Allowed choices are (.*?)\.?$/, ' (allowed: $1)')
      .replace(/\.$/, '');
    const fix = misplaced !== undefined ? `a command comes before its options: ${misplaced}` : `run ${command} --help for usage`;
    write(`${stripControl(line)} — ${stripControl(fix)}\n`);
  };
}

export async function run(argv: string[]): Promise<void> {
  try {
    // `heapdoc help NAME` of no command printed the whole help on stderr with no error line.
    const [word, topic] = argv.slice(2);
    if (word === 'help' && topic === 'help') argv = [...argv.slice(0, 2), '--help']; // `help help`: the help, as git says it
    else if (word === 'help' && topic !== undefined && !(COMMAND_NAMES as readonly string[]).includes(topic)) {
      const meant = closeMatches(topic, COMMAND_NAMES);
      throw new HeapdocError(`help ${JSON.stringify(topic)}: no such command`, `${meant.length > 0 ? `did you mean heapdoc help ${meant.join(', ')}? ` : ''}heapdoc --help lists the commands`);
    }
    argv = [...withCommandNamed(argv)];
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof HeapdocProblems) {
      for (const p of error.problems) printProblem(p.message, p.hint);
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof HeapdocError) {
      printProblem(error.message, error.hint);
      process.exitCode = error.exitCode;
      return;
    }
    const debug = argv.includes('--debug');
    printProblem(`internal error: ${(error as Error).message ?? String(error)}`, debug ? undefined : 'this is a bug in heapdoc; run again with --debug for details and report it');
    if (debug) process.stderr.write(`${sanitizeLines((error as Error).stack ?? '')}\n`);
    process.exitCode = 70;
  }
}

