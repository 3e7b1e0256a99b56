/** The thin input hook: each key Ink reports (pasted text split into keys) becomes a `key` action. */
import { useInput } from 'ink';
import type { TuiAction } from '../state/reducer.js';
import { splitKeys } from './keymap.js';

export function useTuiInput(dispatch: (action: TuiAction) => void, isActive = true): void {
  useInput((input, key) => {
    for (const k of splitKeys(input, key)) dispatch({ type: 'key', input: k.input, key: k.key });
  }, { isActive });
}
