import { describe, expect, it } from 'vitest';
import { KEY_HELP, keyToCommand, splitKeys } from '../../src/tui/input/keymap.js';

const normal = { help: false, editing: false };
const editing = { help: false, editing: true };
const help = { help: true, editing: false };

describe('keyToCommand', () => {
  it.each([
    ['arrow up', '', { upArrow: true }, { type: 'move', by: 'up' }],
    ['k', 'k', {}, { type: 'move', by: 'up' }],
    ['arrow down', '', { downArrow: true }, { type: 'move', by: 'down' }],
    ['j', 'j', {}, { type: 'move', by: 'down' }],
    ['PgDn', '', { pageDown: true }, { type: 'move', by: 'page-down' }],
    ['Ctrl-U', 'u', { ctrl: true }, { type: 'move', by: 'page-up' }],
    ['g', 'g', {}, { type: 'move', by: 'top' }],
    ['G', 'G', { shift: true }, { type: 'move', by: 'bottom' }],
    ['Tab', '', { tab: true }, { type: 'focus-next' }],
    ['Shift-Tab', '', { tab: true, shift: true }, { type: 'focus-prev' }],
    ['3', '3', {}, { type: 'focus', index: 2 }],
    ['9', '9', {}, { type: 'focus', index: 8 }],
    ['t', 't', {}, { type: 'focus-pane', pane: 'tree' }],
    ['i', 'i', {}, { type: 'invert' }],
    ['Enter', '', { return: true }, { type: 'enter' }],
    ['→', '', { rightArrow: true }, { type: 'expand' }],
    ['l', 'l', {}, { type: 'expand' }],
    ['Esc', '', { escape: true, meta: true }, { type: 'back' }],
    ['←', '', { leftArrow: true }, { type: 'back' }],
    ['Backspace (DEL)', '', { delete: true }, { type: 'back' }],
    ['/', '/', {}, { type: 'filter-start' }],
    ['s', 's', {}, { type: 'sort-next' }],
    ['?', '?', {}, { type: 'help-toggle' }],
    ['[', '[', {}, { type: 'snapshot-prev' }],
    [']', ']', {}, { type: 'snapshot-next' }],
    ['q', 'q', {}, { type: 'quit' }],
    ['Ctrl-C', 'c', { ctrl: true }, { type: 'quit' }],
  ] as const)('%s', (_name, input, key, command) => {
    expect(keyToCommand(input, key, normal)).toEqual(command);
  });

  it('ignores keys it does not know', () => {
    expect(keyToCommand('x', {}, normal)).toBeUndefined();
    expect(keyToCommand('a', { meta: true }, normal)).toBeUndefined();
  });

  it('types into the filter while it is edited', () => {
    expect(keyToCommand('q', {}, editing)).toEqual({ type: 'filter-input', text: 'q' });
    expect(keyToCommand('main.go', {}, editing)).toEqual({ type: 'filter-input', text: 'main.go' });
    expect(keyToCommand('', { delete: true }, editing)).toEqual({ type: 'filter-backspace' });
    expect(keyToCommand('', { backspace: true }, editing)).toEqual({ type: 'filter-backspace' });
    expect(keyToCommand('', { return: true }, editing)).toEqual({ type: 'filter-accept' });
    expect(keyToCommand('', { escape: true }, editing)).toEqual({ type: 'filter-cancel' });
    expect(keyToCommand('', { downArrow: true }, editing)).toEqual({ type: 'move', by: 'down' });
    expect(keyToCommand('', { tab: true }, editing)).toEqual({ type: 'filter-accept' });
    expect(keyToCommand('c', { ctrl: true }, editing)).toEqual({ type: 'quit' });
  });

  it('only scrolls, closes the help (or quits) while it is shown', () => {
    expect(keyToCommand('?', {}, help)).toEqual({ type: 'help-close' });
    expect(keyToCommand('', { escape: true }, help)).toEqual({ type: 'help-close' });
    expect(keyToCommand('q', {}, help)).toEqual({ type: 'quit' });
    expect(keyToCommand('j', {}, help)).toEqual({ type: 'move', by: 'down' });
    expect(keyToCommand('', { pageDown: true }, help)).toEqual({ type: 'move', by: 'page-down' });
    expect(keyToCommand('G', {}, help)).toEqual({ type: 'move', by: 'bottom' });
    expect(keyToCommand('', { tab: true }, help)).toBeUndefined();
    expect(keyToCommand('s', {}, help)).toBeUndefined();
  });

  it('documents every key it maps', () => {
    const documented = KEY_HELP.map(([keys]) => keys).join(' ');
    for (const key of ['j', 'k', 'g', 'G', 'Tab', 'Shift-Tab', 'Enter', 'Esc', '/', 's', '[', ']', '?', 'q', 'Ctrl-C', 'PgUp', 'Home', 'h', 'l']) {
      expect(documented).toContain(key);
    }
  });
});

describe('splitKeys', () => {
  it('splits keys that arrived in one read', () => {
    expect(splitKeys('jj\r', {})).toEqual([
      { input: 'j', key: {} },
      { input: 'j', key: {} },
      { input: '', key: { return: true } },
    ]);
    expect(splitKeys('G\t\u007f', {})).toEqual([
      { input: 'G', key: { shift: true } },
      { input: '', key: { tab: true } },
      { input: '', key: { delete: true } },
    ]);
  });

  it('leaves single keys and control sequences alone', () => {
    expect(splitKeys('j', {})).toEqual([{ input: 'j', key: {} }]);
    expect(splitKeys('', { upArrow: true })).toEqual([{ input: '', key: { upArrow: true } }]);
    expect(splitKeys('[A', { meta: true })).toEqual([{ input: '[A', key: { meta: true } }]);
  });
});
