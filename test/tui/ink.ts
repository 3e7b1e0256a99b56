/**
 * ink-testing-library with React 19: renders and effects (useInput's listener included) settle
 * after the write returns, so every key is sent after a pause and the frame is then polled for
 * the change it should cause (Shopify CLI's waitForInputsToBeReady / waitForChange habit).
 */
import type { render } from 'ink-testing-library';

type Instance = ReturnType<typeof render>;

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

export function pause(ms = 25): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last frame, as lines without trailing spaces. */
export function frameLines(instance: Instance): string[] {
  return (instance.lastFrame() ?? '').split('\n').map((l) => l.trimEnd());
}

export async function waitForFrame(instance: Instance, predicate: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = instance.lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() - started > timeoutMs) throw new Error(`the frame did not change as expected within ${timeoutMs} ms; last frame:\n${frame}`);
    await pause(10);
  }
}

/** Sends keys one by one, each after the UI had time to take the previous one. */
export async function press(instance: Instance, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await pause();
    instance.stdin.write(key);
  }
  await pause();
}
