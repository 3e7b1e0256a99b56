/** The custom token patterns that lex a whole well-formed line as one token (grammar/common/chevrotain.ts). */
import { describe, expect, it } from 'vitest';
import { wholeLinePattern, wholeLineText } from '../../../src/grammar/common/chevrotain.js';

describe('wholeLineText', () => {
  const line = wholeLineText(/gc \d+ @\d+(?:\.\d+)?s(?=\r?\n)/y);
  const text = 'noise\ngc 12 @0.029s\ngc 13 @x\n';

  it('matches at the offset only, up to the line end, and gives the matched text', () => {
    expect(line.exec(text, 6)).toEqual(['gc 12 @0.029s']);
    expect(line.exec(text, 0)).toBeNull();
    expect(line.exec(text, 7)).toBeNull(); // sticky: not the next gc line
    expect(line.exec(text, 20)).toBeNull(); // `@x` is not the form
  });

  it('hands back one array, its text replaced on each match (Chevrotain reads [0] at once)', () => {
    const first = line.exec('gc 1 @1s\n', 0);
    const second = line.exec('gc 22 @2.5s\n', 0);
    expect(second).toBe(first);
    expect(second).toEqual(['gc 22 @2.5s']);
  });

  it('refuses a regex that is not sticky or has capture groups', () => {
    expect(() => wholeLineText(/gc \d+/)).toThrow('must be sticky, without capture groups');
    expect(() => wholeLineText(/gc (\d+)/y)).toThrow('must be sticky, without capture groups');
    expect(() => wholeLineText(/gc (?:\d+)/y)).not.toThrow();
  });
});

describe('wholeLinePattern', () => {
  it('hands the match with its groups to the parser as the payload', () => {
    const match = wholeLinePattern(/scav (\d+) KiB(?=\n)/y).exec('scav 64 KiB\n', 0) as RegExpExecArray & { payload?: RegExpExecArray };
    expect([...match]).toEqual(['scav 64 KiB', '64']);
    expect(match.payload).toBe(match);
  });
});
