/**
 * Keys → actions, as a pure function of what Ink's `useInput` reports and the mode the UI is in
 * (help shown, a filter being typed). `KEY_HELP` is the one list of keys: the help overlay
 * and docs/tui.md show it.
 */
/** The fields of Ink's `Key` the keymap reads (so tests can build keys without Ink). */
export interface KeyLike {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
  /** The mouse wheel (SGR mouse reports, which the UI turns on). */
  wheel?: 'up' | 'down';
}

export type Move = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** What a key does: the reducer's actions other than a raw key (state/reducer.ts). */
export type KeyCommand =
  | { type: 'focus-next' }
  | { type: 'focus-prev' }
  | { type: 'focus'; index: number }
  /** A pane by its letter (`t` the Tree), whatever its number among the panes there are. */
  | { type: 'focus-pane'; pane: 'tree' }
  /** The Tree: callers instead of callees, or back. */
  | { type: 'invert' }
  | { type: 'move'; by: Move }
  | { type: 'enter' }
  /** → and l: like Enter, except on an opened row of the Tree, where it steps into it. */
  | { type: 'expand' }
  | { type: 'back' }
  | { type: 'sort-next' }
  | { type: 'sort-reverse' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-accept' }
  | { type: 'filter-cancel' }
  | { type: 'help-toggle' }
  | { type: 'help-close' }
  | { type: 'snapshot-prev' }
  | { type: 'snapshot-next' }
  | { type: 'quit' }
  | { type: 'edit' }
  | { type: 'copy' }
  | { type: 'suspend' };

export interface KeyMode {
  help: boolean;
  editing: boolean;
}

export const KEY_HELP: readonly (readonly [keys: string, what: string])[] = [
  ['↑ ↓  j k', 'move the selection (or scroll a detail)'],
  ['PgUp PgDn  Home End  g G', 'move by a page, to the top, to the bottom'],
  ['Tab  Shift-Tab  1-9', 'next / previous pane, or pane by number'],
  ['t', 'the Tree: memory by function, flat and cumulative'],
  ['Enter  →  l', 'open: expand a finding or a function, drill into a site, a group; in its detail, select a frame (its source, -m) or pick a heap site'],
  ['Esc  ←  h  Backspace', 'back out of a detail (or of its frames), collapse; clear the filter'],
  ['i', 'in the Tree: callers instead of callees (and back)'],
  ['/', 'filter the list (Enter keeps it, Esc clears it)'],
  ['s  S', 'sort by the next column / turn the order around'],
  ['[  ]', 'previous / next snapshot and its own findings'],
  ['e', 'open the file of the row or frame in $VISUAL / $EDITOR, at its line'],
  ['y', 'copy the row (function and file:line), a frame\'s file:line (OSC 52)'],
  ['Ctrl-Z', 'suspend (fg brings it back); the mouse wheel scrolls'],
  ['?', 'this help (? Esc or Enter closes it)'],
  ['q  Ctrl-C', 'quit'],
];

/**
 * Ink hands over text that arrived in one read as one input (`jj\r` when keys are typed fast or
 * held down). Outside the filter each character is a key of its own: this splits such text
 * into single keys (Enter, Tab and Backspace included). Escape sequences arrive on their own.
 */
export function splitKeys(input: string, key: KeyLike): { input: string; key: KeyLike }[] {
  // SGR mouse reports (ESC [ < button ; x ; y M): the wheel is buttons 64 (up) and 65 (down).
  const mouse = [...input.matchAll(/\u001b?\[<(\d+);\d+;\d+[Mm]/g)];
  if (mouse.length > 0 && mouse.map((m) => m[0]).join('') === input) {
    return mouse.flatMap((m): { input: string; key: KeyLike }[] => {
      const button = Number(m[1]);
      return button === 64 ? [{ input: '', key: { wheel: 'up' } }] : button === 65 ? [{ input: '', key: { wheel: 'down' } }] : [];
    });
  }
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta || key.escape) return [{ input, key }];
  return chars.map((c) => {
    switch (c) {
      case '\r':
      case '\n': return { input: '', key: { return: true } };
      case '\t': return { input: '', key: { tab: true } };
      case '\u007f': return { input: '', key: { delete: true } };
      case '\b': return { input: '', key: { backspace: true } };
      default: return { input: c, key: /^[A-Z]$/.test(c) ? { shift: true } : {} };
    }
  });
}

function navigation(input: string, key: KeyLike): KeyCommand | undefined {
  if (key.wheel) return { type: 'move', by: key.wheel };
  if (key.upArrow) return { type: 'move', by: 'up' };
  if (key.downArrow) return { type: 'move', by: 'down' };
  if (key.pageUp) return { type: 'move', by: 'page-up' };
  if (key.pageDown) return { type: 'move', by: 'page-down' };
  if (key.home) return { type: 'move', by: 'top' };
  if (key.end) return { type: 'move', by: 'bottom' };
  if (key.tab) return key.shift ? { type: 'focus-prev' } : { type: 'focus-next' };
  if (key.ctrl && input === 'd') return { type: 'move', by: 'page-down' };
  if (key.ctrl && input === 'u') return { type: 'move', by: 'page-up' };
  return undefined;
}

export function keyToCommand(input: string, key: KeyLike, mode: KeyMode): KeyCommand | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.ctrl && input === 'z') return { type: 'suspend' };
  if (mode.help) {
    if (input === 'q') return { type: 'quit' };
    if (input === '?' || key.escape || key.return) return { type: 'help-close' };
    const nav = navigation(input, key);
    if (nav?.type === 'move') return nav;
    if (input === 'j') return { type: 'move', by: 'down' };
    if (input === 'k') return { type: 'move', by: 'up' };
    if (input === 'g') return { type: 'move', by: 'top' };
    if (input === 'G') return { type: 'move', by: 'bottom' };
    return undefined;
  }
  if (mode.editing) {
    if (key.return) return { type: 'filter-accept' };
    if (key.escape) return { type: 'filter-cancel' };
    // Terminals send DEL (0x7f) for Backspace; Ink calls it `delete`.
    if (key.backspace || key.delete) return { type: 'filter-backspace' };
    const nav = navigation(input, key);
    if (nav) return nav.type === 'focus-next' || nav.type === 'focus-prev' ? { type: 'filter-accept' } : nav;
    if (key.ctrl || key.meta || input === '') return undefined;
    return { type: 'filter-input', text: input };
  }
  const nav = navigation(input, key);
  if (nav) return nav;
  if (key.return) return { type: 'enter' };
  if (key.rightArrow) return { type: 'expand' };
  if (key.escape || key.leftArrow || key.backspace || key.delete) return { type: 'back' };
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'q': return { type: 'quit' };
    case '?': return { type: 'help-toggle' };
    case 'j': return { type: 'move', by: 'down' };
    case 'k': return { type: 'move', by: 'up' };
    case 'g': return { type: 'move', by: 'top' };
    case 'G': return { type: 'move', by: 'bottom' };
    case 'l': return { type: 'expand' };
    case 'h': return { type: 'back' };
    case '/': return { type: 'filter-start' };
    case 's': return { type: 'sort-next' };
    case 'S': return { type: 'sort-reverse' };
    case 'e': return { type: 'edit' };
    case 'y': return { type: 'copy' };
    case '[': return { type: 'snapshot-prev' };
    case ']': return { type: 'snapshot-next' };
    case 't': return { type: 'focus-pane', pane: 'tree' };
    case 'i': return { type: 'invert' };
    default:
      if (/^[1-9]$/.test(input)) return { type: 'focus', index: Number(input) - 1 };
      return undefined;
  }
}
