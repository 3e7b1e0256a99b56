/**
 * The UI's state hook: useReducer over `tuiReducer`. Each action is reduced with the context
 * of the state it applies to (the screen that state shows), so keys typed faster than React
 * renders still move within the right list.
 */
import { useMemo, useReducer } from 'react';
import { buildScreen, type ScreenData } from '../view/screen.js';
import { initialTuiState, tuiReducer, type PaneId, type TuiAction, type TuiState } from './reducer.js';

function reduceWithData(data: ScreenData): (state: TuiState, action: TuiAction) => TuiState {
  return (state, action) => tuiReducer(state, { action, context: buildScreen(data, state).context });
}

export function useTuiState(data: ScreenData, initialPane: PaneId = 'overview'): [TuiState, (action: TuiAction) => void] {
  // The reducer changes with the data (a watch's new snapshot, a resize); React reduces with the latest one.
  const reducer = useMemo(() => reduceWithData(data), [data]);
  const [state, dispatch] = useReducer(reducer, initialPane, initialTuiState);
  return [state, dispatch];
}
