import { describe, expect, it } from 'vitest';
import { canDrawUi, controllingTerminal, maybeRunTui, openKeyboard } from '../../src/tui/index.js';
import { seedReport } from './reports.js';

describe('when the UI may run', () => {
  it('draws only on a terminal, outside CI, when TERM is not dumb', () => {
    expect(canDrawUi({ isTTY: true }, {}, false)).toBe(true);
    expect(canDrawUi({ isTTY: false }, {}, false)).toBe(false);
    expect(canDrawUi({ isTTY: true }, {}, true)).toBe(false);
    expect(canDrawUi({ isTTY: true }, { TERM: 'dumb' }, false)).toBe(false);
  });

  it('reads keys from the controlling terminal: /dev/tty, or CONIN$ on Windows', () => {
    expect(controllingTerminal('linux')).toBe('/dev/tty');
    expect(controllingTerminal('darwin')).toBe('/dev/tty');
    expect(controllingTerminal('win32')).toBe('CONIN$');
  });

  it('takes keys from stdin when it is a terminal and not the data', () => {
    const stdin = { isTTY: true, setRawMode: () => stdin, pause: () => stdin } as unknown as NodeJS.ReadStream;
    expect(openKeyboard(false, { stdin })?.source).toBe('stdin');
  });

  it('has no keyboard when the data came on stdin and the terminal cannot be opened', () => {
    const stdin = { isTTY: false } as unknown as NodeJS.ReadStream;
    expect(openKeyboard(true, { stdin, ttyPath: '/nonexistent/tty' })).toBeUndefined();
    expect(openKeyboard(false, { stdin, ttyPath: '/nonexistent/tty' })).toBeUndefined();
    // Opened, but not a terminal.
    expect(openKeyboard(true, { stdin, ttyPath: '/dev/null' })).toBeUndefined();
  });

  it('leaves the plain report to the caller when --format was given or stdout is not a terminal', async () => {
    const report = seedReport();
    await expect(maybeRunTui(report, { formatGiven: true, stdinWasData: false })).resolves.toBe(false);
    // Under vitest stdout is a pipe.
    await expect(maybeRunTui(report, { formatGiven: false, stdinWasData: true })).resolves.toBe(false);
  });
});

describe('terminal control only where the UI draws', () => {
  it('drops the cursor-show restore-cursor writes to a stderr that is not a terminal (`2>err.txt` ended with ESC[?25h)', async () => {
    const { keepControlOffStderr } = await import('../../src/tui/run.js');
    const written: unknown[] = [];
    const file = { isTTY: false, write: (chunk: unknown) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    keepControlOffStderr(file);
    file.write('\u001b[?25h');
    file.write('heapdoc: error: x\n');
    expect(written).toEqual(['heapdoc: error: x\n']);
    const tty = { isTTY: true, write: (chunk: unknown) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    keepControlOffStderr(tty);
    tty.write('\u001b[?25h');
    expect(written).toEqual(['heapdoc: error: x\n', '\u001b[?25h']);
  });

  it('Ctrl-Z stops the whole job (the process group, as the terminal would), and fg draws the screen again', async () => {
    const { terminalControls } = await import('../../src/tui/run.js');
    const { ENTER_SCREEN, LEAVE_SCREEN, MOUSE_OFF, MOUSE_ON } = await import('../../src/tui/terminal.js');
    const raw: boolean[] = [];
    const keyboard = { stream: { isTTY: true, setRawMode: (on: boolean) => raw.push(on) }, source: 'stdin', close: () => undefined } as unknown as Parameters<typeof terminalControls>[0];
    const written: string[] = [];
    const stdout = { write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
    const sent: [number, string][] = [];
    // Under `npx heapdoc` node's own pid alone stopped node, and npm kept the terminal.
    const controls = terminalControls(keyboard, stdout, (pid, signal) => {
      sent.push([pid, signal]);
      setImmediate(() => process.emit('SIGCONT' as 'disconnect'));
    });
    await controls.stop();
    expect(sent).toEqual([[0, 'SIGTSTP']]);
    expect(written).toEqual([MOUSE_OFF + LEAVE_SCREEN, ENTER_SCREEN + MOUSE_ON]);
    expect(raw).toEqual([false, true]);
  });

  it('heapdoc tui says why the view cannot be drawn', async () => {
    const { noTerminalReason } = await import('../../src/cli/commands/tui.js');
    expect(noTerminalReason({ isTTY: true }, {}, false)).toBeUndefined();
    expect(noTerminalReason({ isTTY: false }, {}, false)).toBe('standard output is not a terminal');
    expect(noTerminalReason({ isTTY: true }, {}, true)).toBe('CI is set (a CI runner has no one at the keyboard)');
    expect(noTerminalReason({ isTTY: true }, { TERM: 'dumb' }, false)).toBe('TERM is dumb');
  });

  it('heapdoc tui says there is no keyboard: stdin not a terminal (or the data) and no controlling terminal', async () => {
    const { noKeyboardReason } = await import('../../src/cli/commands/tui.js');
    // setsid … </dev/null printed the whole text report and exited 0.
    expect(noKeyboardReason(['heap.txt'], { isTTY: false }, '/nonexistent/tty')).toBe('there is no keyboard: standard input is not a terminal and /nonexistent/tty cannot be opened (no controlling terminal)');
    expect(noKeyboardReason([], { isTTY: false }, '/nonexistent/tty')).toBe('there is no keyboard: standard input is the data and /nonexistent/tty cannot be opened (no controlling terminal)');
    expect(noKeyboardReason(['-'], { isTTY: true }, '/dev/null')).toBe('there is no keyboard: standard input is the data and /dev/null cannot be opened (no controlling terminal)');
    expect(noKeyboardReason(['heap.txt'], { isTTY: true }, '/nonexistent/tty')).toBeUndefined();
  });
});
