/** Which command modules a command line loads (they are loaded on demand for start-up time). */
import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../src/cli/argv.js';
import { buildProgram } from '../../src/cli/program.js';

const argv = (...args: string[]): string[] => ['node', 'heapdoc', ...args];

describe('commandsFor', () => {
  it('loads the one command named, analyze by default, nothing for --version, all for help', () => {
    expect(commandsFor(argv('lint', 'dumps/'))).toEqual(['lint']);
    expect(commandsFor(argv('--debug', 'escape', 'm.txt'))).toEqual(['escape']);
    expect(commandsFor(argv('dump.txt', '--format', 'json'))).toEqual(['analyze']);
    expect(commandsFor(argv('--format', 'json', 'dump.txt'))).toEqual(['analyze']);
    expect(commandsFor(argv())).toEqual(['analyze']);
    expect(commandsFor(argv('--version'))).toEqual([]);
    expect(commandsFor(argv('--help'))).toEqual(['analyze', 'diff', 'escape', 'lint', 'explain', 'watch', 'demo']);
    expect(commandsFor(argv('lint', '--help'))).toHaveLength(7);
    expect(commandsFor(argv('help', 'lint'))).toHaveLength(7);
    expect(commandsFor(argv('--color', 'never', 'lint', 'dumps/'))).toEqual(['lint']);
    expect(commandsFor(argv('--color=never', 'diff', 'a', 'b'))).toEqual(['diff']);
    expect(commandsFor(argv('demo', 'peak'))).toEqual(['demo']);
  });
});

describe('global options', () => {
  it('lists --color and --no-color in every command\'s help', async () => {
    const program = await buildProgram(argv('--help'));
    expect(program.commands.map((c) => c.name())).toEqual(['analyze', 'diff', 'escape', 'lint', 'explain', 'watch', 'demo']);
    for (const command of program.commands) {
      const help = command.helpInformation();
      expect(help, command.name()).toContain('--color <when>');
      expect(help, command.name()).toContain('--no-color');
    }
  });
});
