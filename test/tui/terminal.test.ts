import { describe, expect, it } from 'vitest';
import { canDrawUi, isCi, maybeRunTui, openKeyboard } from '../../src/tui/index.js';
import { seedReport } from './reports.js';

describe('when the UI may run', () => {
  it('reads CI as Ink does', () => {
    expect(isCi({})).toBe(false);
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: '' })).toBe(true);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CONTINUOUS_INTEGRATION: 'yes' })).toBe(true);
  });

  it('draws only on a terminal, outside CI, when TERM is not dumb', () => {
    expect(canDrawUi({ isTTY: true }, {})).toBe(true);
    expect(canDrawUi({ isTTY: false }, {})).toBe(false);
    expect(canDrawUi({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(canDrawUi({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
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
