/**
 * Colour, decided once per process (clig.dev): `--color=always` forces it (even in a pipe),
 * `--color=never` / `--no-color` turns it off; `auto` (the default) colours a terminal whose TERM
 * is not 'dumb', unless NO_COLOR is set — FORCE_COLOR asks for it in a pipe too, and
 * FORCE_COLOR=0 (or false) turns it off on a terminal.
 */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export type ColorChoice = 'auto' | 'always' | 'never';

export const COLOR_CHOICES: readonly ColorChoice[] = ['auto', 'always', 'never'];

let chosen: ColorChoice = 'auto';

/** The --color flag's value, set once by the CLI before a command runs. */
export function chooseColor(choice: ColorChoice): void {
  chosen = choice;
}

export function colorEnabled(stream: Pick<NodeJS.WriteStream, 'isTTY'> = process.stdout, env: NodeJS.ProcessEnv = process.env, choice: ColorChoice = chosen): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // FORCE_COLOR as Node and chalk read it: 0 or false turns colour off, even on a terminal.
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR) return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}
