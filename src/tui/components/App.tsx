/**
 * The interactive report: state (useTuiState), keys (useTuiInput), size (useTerminalSize) and
 * the pure screen builder, drawn by LinesView. `heapdoc analyze` gives it a finished report;
 * `heapdoc watch` gives it a new one on every poll, with the live status.
 */
import { useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { AnalyzeReport } from '../../analyze/report.js';
import { copyToClipboard, openInEditor, type TerminalControls } from '../effects.js';
import { useTuiInput } from '../input/use-tui-input.js';
import { sourceCache, type SourceLookup } from '../model/source.js';
import type { PaneId } from '../state/reducer.js';
import { useTuiState } from '../state/use-tui-state.js';
import { buildScreen, type LiveStatus, type ScreenData } from '../view/screen.js';
import { LinesView } from './LinesView.js';
import { useTerminalSize, type Size } from './use-terminal-size.js';

export interface HeapdocAppProps {
  report: AnalyzeReport | undefined;
  colors: boolean;
  /** A fixed size (tests); otherwise the terminal's, one row short so Ink never scrolls it. */
  size?: Size;
  live?: LiveStatus;
  goroutineTotals?: readonly (number | undefined)[];
  initialPane?: PaneId;
  /** Called on q / Ctrl-C before the app exits. */
  onQuit?: () => void;
  /** The terminal, for e (editor), y (OSC 52) and Ctrl-Z; without it those keys say they cannot. */
  controls?: TerminalControls;
  /** The source files a selected frame shows (tests give fixed ones); by default read from this machine, lazily. */
  sources?: SourceLookup;
}

export function HeapdocApp({ report, colors, size, live, goroutineTotals, initialPane, onQuit, controls, sources: givenSources }: HeapdocAppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  // A file read for a selected frame draws the screen again when it arrives (never awaited by a key).
  const [sourcesRead, setSourcesRead] = useState(0);
  const sources = useMemo(() => givenSources ?? sourceCache(() => setSourcesRead((n) => n + 1)), [givenSources]);
  // Ink appends a newline after the frame: a frame as tall as the terminal would scroll it by one row.
  const height = size ? size.height : Math.max(1, terminal.height - 1);
  const data: ScreenData = useMemo(
    () => ({ report, width: terminal.width, height, sources, sourcesRead, ...(size ? {} : { terminalRows: terminal.height }), ...(live ? { live } : {}), ...(goroutineTotals ? { goroutineTotals } : {}) }),
    [report, terminal.width, height, terminal.height, size, live, goroutineTotals, sources, sourcesRead],
  );
  const [state, dispatch] = useTuiState(data, initialPane);
  const screen = useMemo(() => buildScreen(data, state), [data, state]);
  useTuiInput(dispatch);
  const request = state.request;
  useEffect(() => {
    if (!request) return;
    if (!controls) {
      dispatch({ type: 'request-done', message: 'not available here (no terminal)' });
      return;
    }
    if (request.kind === 'suspend') {
      void controls.stop().then(() => dispatch({ type: 'request-done', message: 'resumed' }));
      return;
    }
    const message = request.kind === 'edit' ? openInEditor(request.target, controls) : copyToClipboard(request.target, controls);
    dispatch({ type: 'request-done', message });
  }, [request, controls, dispatch]);
  useEffect(() => {
    if (!state.quit) return;
    onQuit?.();
    exit();
  }, [state.quit, onQuit, exit]);
  return <LinesView lines={screen.lines} width={terminal.width} colors={colors} />;
}
