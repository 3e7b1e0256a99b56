/** The interactive report, fed by a Watcher: every poll re-renders it with the new report and status. */
import { useSyncExternalStore } from 'react';
import { HeapdocApp } from '../components/App.js';
import type { TerminalControls } from '../effects.js';
import type { Size } from '../components/use-terminal-size.js';
import type { WatchView } from './poller.js';

export interface WatchSource {
  subscribe(listener: () => void): () => void;
  view(): WatchView;
}

export interface WatchAppProps {
  source: WatchSource;
  colors: boolean;
  size?: Size;
  onQuit?: () => void;
  controls?: TerminalControls;
}

export function WatchApp({ source, colors, size, onQuit, controls }: WatchAppProps) {
  const view = useSyncExternalStore(source.subscribe, source.view);
  return (
    <HeapdocApp
      report={view.report}
      live={view.live}
      goroutineTotals={view.goroutineTotals}
      colors={colors}
      {...(size ? { size } : {})}
      {...(onQuit ? { onQuit } : {})}
      {...(controls ? { controls } : {})}
    />
  );
}
