/** The progress line: only for a person at a terminal, never in CI or into a pipe. */
import { describe, expect, it } from 'vitest';
import { createProgress, progressEnabled } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const stream = { isTTY, written: '', write(text: string) { stream.written += text; return true; } };
  return stream as unknown as NodeJS.WriteStream & { written: string };
}

describe('progress', () => {
  it('is on for a terminal outside CI only', () => {
    expect(progressEnabled(fakeStream(true), {}, false)).toBe(true);
    expect(progressEnabled(fakeStream(false), {}, false)).toBe(false);
    expect(progressEnabled(fakeStream(true), {}, true)).toBe(false);
    expect(progressEnabled(fakeStream(true), { TERM: 'dumb' }, false)).toBe(false);
  });

  it('redraws one line and erases it at the end', () => {
    const tty = fakeStream(true);
    const p = createProgress(tty, {}, false);
    p.update(1, 3);
    p.update(2, 3); // within 100 ms: skipped
    p.update(3, 3); // the last one is always drawn
    p.clear();
    expect(tty.written).toBe('\r\u001b[2Klinting 1/3 files…\r\u001b[2Klinting 3/3 files…\r\u001b[2K');
    const pipe = fakeStream(false);
    const q = createProgress(pipe, {}, false);
    q.update(1, 1);
    q.clear();
    expect(pipe.written).toBe('');
  });
});

describe('say', () => {
  it('shows any status line on a terminal, throttled, with the final one always drawn', () => {
    const tty = fakeStream(true);
    const p = createProgress(tty, {}, false);
    p.say('reading a: 5.0 MiB…');
    p.say('reading a: 6.0 MiB…'); // within 100 ms: skipped
    p.say('done', true);
    p.clear();
    expect(tty.written).toBe('\r\u001b[2Kreading a: 5.0 MiB…\r\u001b[2Kdone\r\u001b[2K');
  });
});

describe('Ctrl-C', () => {
  it('has a handler only while the line is shown (it erases the line, then ends the process by the signal)', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const tty = fakeStream(true);
    const p = createProgress(tty, {}, false);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
    p.update(1, 3);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before.map((n) => n + 1));
    p.clear();
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
    // Not on a pipe: nothing drawn, nothing to erase.
    createProgress(fakeStream(false), {}, false).update(1, 3);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});
