/** `heapdoc watch` with the UI: polls in the background while the report is browsed; q stops both. */
import { colorEnabled } from '../../text/color.js';
import { runFullScreen } from '../run.js';
import type { Keyboard } from '../terminal.js';
import type { Watcher } from './poller.js';
import { WatchApp } from './WatchApp.js';

export async function runWatchUi(watcher: Watcher, keyboard: Keyboard): Promise<void> {
  const stop = new AbortController();
  const polling = watcher.run(() => undefined, stop.signal);
  try {
    await runFullScreen((controls) => <WatchApp source={watcher} colors={colorEnabled()} onQuit={() => stop.abort()} controls={controls} />, keyboard);
  } finally {
    stop.abort();
    await polling;
  }
}
