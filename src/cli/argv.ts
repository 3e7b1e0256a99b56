/**
 * What a command line asks for, read without the argument parser: program.ts loads only the
 * commands it names, and the bundle's launcher (launch.ts) keeps a compiled-code cache per
 * command. No imports, so that the launcher stays small.
 */

/** heapdoc's commands, in the order of `heapdoc --help`. */
export const COMMAND_NAMES = ['analyze', 'tui', 'diff', 'escape', 'lint', 'explain', 'watch', 'demo'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The commands an argument list needs: all for help, none for --version, else the one named (analyze by default). */
export function commandsFor(argv: readonly string[]): CommandName[] {
  const args = beforeOperands(argv.slice(2));
  if (args.includes('--help') || args.includes('-h') || args[0] === 'help') return [...COMMAND_NAMES];
  if (isVersionOnly(argv)) return [];
  return [namedCommand(args) ?? 'analyze'];
}

/** The command the arguments name: their first word that is neither an option nor the value of the program's --color. */
function namedCommand(args: readonly string[]): CommandName | undefined {
  const first = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--color');
  return COMMAND_NAMES.find((name) => name === first);
}

/** The arguments before `--`: after it every argument is an operand (POSIX), never a command's name. */
function beforeOperands(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end < 0 ? args : args.slice(0, end);
}

/**
 * The argument list with `analyze` named when a `--` comes before any command's name: Commander
 * dispatches the operand after it (`heapdoc -- lint`, a file named lint) to the command of that
 * name, and hands the default command its operands without the `--` (`heapdoc -- -x.txt`).
 */
export function withCommandNamed(argv: readonly string[]): readonly string[] {
  const args = argv.slice(2);
  if (!args.includes('--') || namedCommand(beforeOperands(args)) !== undefined) return argv;
  return [...argv.slice(0, 2), 'analyze', ...args];
}

/** `heapdoc --version` alone (or -V). */
export function isVersionOnly(argv: readonly string[]): boolean {
  return argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
}
