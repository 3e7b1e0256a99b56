/** Which command modules a command line loads (they are loaded on demand for start-up time). */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsFor, withCommandNamed } from '../../src/cli/argv.js';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const DUMP = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';

const argv = (...args: string[]): string[] => ['node', 'heapdoc', ...args];

describe('commandsFor', () => {
  it('loads the one command named, analyze by default, nothing for --version, all for help', () => {
    expect(commandsFor(argv('lint', 'dumps/'))).toEqual(['lint']);
    expect(commandsFor(argv('--debug', 'escape', 'm.txt'))).toEqual(['escape']);
    expect(commandsFor(argv('dump.txt', '--format', 'json'))).toEqual(['analyze']);
    expect(commandsFor(argv('--format', 'json', 'dump.txt'))).toEqual(['analyze']);
    expect(commandsFor(argv())).toEqual(['analyze']);
    expect(commandsFor(argv('--version'))).toEqual([]);
    expect(commandsFor(argv('--help'))).toEqual(['analyze', 'tui', 'diff', 'escape', 'lint', 'explain', 'watch', 'demo']);
    expect(commandsFor(argv('lint', '--help'))).toHaveLength(8);
    expect(commandsFor(argv('help', 'lint'))).toHaveLength(8);
    expect(commandsFor(argv('tui', 'dumps/'))).toEqual(['tui']);
    expect(commandsFor(argv('--color', 'never', 'lint', 'dumps/'))).toEqual(['lint']);
    expect(commandsFor(argv('--color=never', 'diff', 'a', 'b'))).toEqual(['diff']);
    expect(commandsFor(argv('demo', 'peak'))).toEqual(['demo']);
  });

  it('after --, every argument is an operand (POSIX): `heapdoc -- lint` analyzes a file named lint', () => {
    expect(commandsFor(argv('--', 'lint'))).toEqual(['analyze']);
    expect(commandsFor(argv('--', 'tui'))).toEqual(['analyze']);
    expect(commandsFor(argv('--', '--help'))).toEqual(['analyze']);
    expect(commandsFor(argv('lint', '--', 'diff'))).toEqual(['lint']);
    expect(withCommandNamed(argv('--', 'lint'))).toEqual(argv('analyze', '--', 'lint'));
    expect(withCommandNamed(argv('--no-color', '--', '-x.txt'))).toEqual(argv('analyze', '--no-color', '--', '-x.txt'));
    expect(withCommandNamed(argv('lint', '--', 'diff'))).toEqual(argv('lint', '--', 'diff'));
    expect(withCommandNamed(argv('lint', 'dumps/'))).toEqual(argv('lint', 'dumps/'));
  });
});

describe('operands and unknown options (built CLI)', () => {
  it('`heapdoc -- lint` and `heapdoc -- -x.txt` read files of those names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-operands-'));
    for (const name of ['lint', '-x.txt']) copyFileSync(join(ROOT, DUMP), join(dir, name));
    const [lint, dash] = await Promise.all([runCli(['-f', 'json', '--', 'lint'], { cwd: dir }), runCli(['--no-color', '-f', 'json', '--', '-x.txt'], { cwd: dir })]);
    expect(lint.stderr).toBe('');
    expect((JSON.parse(lint.stdout) as { snapshots: { source: string }[] }).snapshots[0]?.source).toBe('lint');
    expect(dash.stderr).toBe('');
    expect((JSON.parse(dash.stdout) as { snapshots: { source: string }[] }).snapshots[0]?.source).toBe('-x.txt');
  });

  it('`heapdoc tui FILE` without a terminal: one line, exit 2, nothing on stdout; `heapdoc -- tui` reads a file named tui', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-tui-'));
    copyFileSync(join(ROOT, DUMP), join(dir, 'tui'));
    const [ui, file, missing] = await Promise.all([runCli(['tui', DUMP]), runCli(['-f', 'json', '--', 'tui'], { cwd: dir }), runCli(['--', 'tui'])]);
    expect([ui.code, ui.stdout, ui.stderr]).toEqual([2, '', 'heapdoc: error: tui: the interactive view needs a terminal, and standard output is not a terminal — for the report instead: heapdoc INPUT… (text), or add -f json or -f markdown\n']);
    expect(file.stderr).toBe('');
    expect((JSON.parse(file.stdout) as { snapshots: { source: string }[] }).snapshots[0]?.source).toBe('tui');
    // No "did you mean heapdoc tui?": after -- a file was meant.
    expect([missing.code, missing.stderr]).toEqual([2, 'heapdoc: error: tui: no such file or directory — pass a dump file, a directory, a glob, - for standard input, or an http(s) URL\n']);
  });

  it('an unknown --name=value gets the suggestion --name alone gets', async () => {
    const runs = await Promise.all([['--colour=always', DUMP], ['lint', DUMP, '--colour=never'], ['--colour', 'always', DUMP]].map((args) => runCli(args)));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [2, "heapdoc: error: unknown option '--colour' (did you mean --color?) — run heapdoc analyze --help for usage\n"],
      [2, "heapdoc: error: unknown option '--colour' (did you mean --color?) — run heapdoc lint --help for usage\n"],
      [2, "heapdoc: error: unknown option '--colour' (did you mean --color?) — run heapdoc analyze --help for usage\n"],
    ]);
  });
});

describe('global options', () => {
  it('lists --color and --no-color in every command\'s help', async () => {
    const program = await buildProgram(argv('--help'));
    expect(program.commands.map((c) => c.name())).toEqual(['analyze', 'tui', 'diff', 'escape', 'lint', 'explain', 'watch', 'demo']);
    for (const command of program.commands) {
      const help = command.helpInformation();
      expect(help, command.name()).toContain('--color <when>');
      expect(help, command.name()).toContain('--no-color');
    }
  });
});

describe('the top-level help', () => {
  it('wraps its description at the terminal width only: one line break, after the first sentence', async () => {
    const program = await buildProgram(argv('--help'));
    expect(program.description().split('\n')).toEqual([
      "Tells a Go developer where their process's memory went.",
      'Reads heap?debug=1 dumps (with their runtime.MemStats block), goroutine dumps, /metrics scrapes, /debug/vars, GODEBUG=gctrace=1 logs, .pb.gz heap profiles and -gcflags=-m output.',
    ]);
  });
});
