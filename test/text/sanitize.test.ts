/** What a crafted dump may put in a name before it reaches a terminal (src/text/sanitize.ts). */
import { describe, expect, it } from 'vitest';
import { stripControl } from '../../src/text/sanitize.js';

describe('stripControl', () => {
  it('replaces C0 and C1 controls, keeps tabs and newlines as spaces', () => {
    expect(stripControl('main.f\u001b[2J\u0007\u009b1m\tfile.go\r\nx')).toBe('main.f?[2J??1m file.go x');
  });

  it('replaces bidi overrides, zero-width characters and the Unicode line separators', () => {
    expect(stripControl('main.\u202eevil\u202c')).toBe('main.?evil?');
    expect(stripControl('main.(*T).Ser\u200bve\u200c\u200d\u2060\ufeff')).toBe('main.(*T).Ser?ve????');
    expect(stripControl('a\u2028b\u2029c\u2066d\u2069')).toBe('a?b?c?d?');
  });

  it('leaves what Go names and paths hold: letters of any script, and the middle dot of Plan 9 paths', () => {
    expect(stripControl('main.処理·run /home/ünïcode/main.go')).toBe('main.処理·run /home/ünïcode/main.go');
  });
});
