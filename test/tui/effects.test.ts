import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyToClipboard, editorCommand, localFile, openInEditor, osc52, type Spawn, type TerminalControls } from '../../src/tui/effects.js';
import { keyToCommand, splitKeys } from '../../src/tui/input/keymap.js';
import { initialTuiState, tuiReducer, type TuiContext } from '../../src/tui/state/reducer.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-effects-'));
mkdirSync(join(dir, 'leak'));
writeFileSync(join(dir, 'leak/main.go'), 'package main\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeTerminal(): TerminalControls & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    suspendFor: (fn) => {
      log.push('leave');
      try {
        return fn('inherit');
      } finally {
        log.push('enter');
      }
    },
    stop: async () => void log.push('stop'),
    write: (text) => void log.push(text),
  };
}

describe('e: the editor', () => {
  it('finds a dump\'s path here by its longest tail that exists', () => {
    expect(localFile('/build/run-go1.23/src/leak/main.go', dir)).toBe(join(dir, 'leak/main.go'));
    expect(localFile(join(dir, 'leak/main.go'), '/')).toBe(join(dir, 'leak/main.go'));
    expect(localFile('/build/run-go1.23/src/other/x.go', dir)).toBeUndefined();
    expect(localFile(undefined, dir)).toBeUndefined();
  });

  it('prefers $VISUAL to $EDITOR', () => {
    expect(editorCommand({ VISUAL: 'code -w', EDITOR: 'vi' })).toBe('code -w');
    expect(editorCommand({ EDITOR: 'vi' })).toBe('vi');
    expect(editorCommand({ VISUAL: ' ' })).toBeUndefined();
  });

  it('opens the file at its line with the UI suspended, and says what happened', () => {
    const calls: unknown[] = [];
    const spawn: Spawn = (command, args) => {
      calls.push([command, ...args]);
      return { status: 0 };
    };
    const terminal = fakeTerminal();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const target = { text: 'main.newSession', file: '/build/run-go1.23/src/leak/main.go', line: 50 };
      expect(openInEditor(target, terminal, { EDITOR: 'vi' }, spawn)).toBe('edited /build/run-go1.23/src/leak/main.go:50');
      expect(calls).toEqual([['vi', '+50', join(dir, 'leak/main.go')]]);
      expect(terminal.log).toEqual(['leave', 'enter']);
      expect(openInEditor(target, terminal, {}, spawn)).toBe('set $VISUAL or $EDITOR to open files with e');
      expect(openInEditor({ ...target, file: '/elsewhere/x.go' }, terminal, { EDITOR: 'vi' }, spawn)).toBe('not on this machine: /elsewhere/x.go');
      expect(openInEditor({ text: 'main.f' }, terminal, { EDITOR: 'vi' }, spawn)).toBe('nothing to open here: this row names no file');
      expect(openInEditor(target, terminal, { EDITOR: 'vi' }, () => ({ status: 3 }))).toBe('vi exited with status 3');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('y: OSC 52', () => {
  it('writes the text base64-encoded in an OSC 52 sequence, and confirms in one line', () => {
    expect(osc52('main.f x.go:3')).toBe('\u001b]52;c;bWFpbi5mIHguZ286Mw==\u0007');
    const terminal = fakeTerminal();
    expect(copyToClipboard({ text: 'main.f x.go:3' }, terminal)).toBe('copied: main.f x.go:3');
    expect(terminal.log).toEqual([osc52('main.f x.go:3')]);
  });

  it('copies what the status bar shows: a dump\'s control characters replaced, never its escape sequences', () => {
    const terminal = fakeTerminal();
    const name = 'main.new\u001b[2J\u001b]0;PWNED\u0007\u001b]52;c;cHduZWQ=\u0007Record';
    expect(copyToClipboard({ text: `${name} /p/main.go:35` }, terminal)).toBe('copied: main.new?[2J?]0;PWNED??]52;c;cHduZWQ=?Record /p/main.go:35');
    expect(terminal.log).toEqual([osc52('main.new?[2J?]0;PWNED??]52;c;cHduZWQ=?Record /p/main.go:35')]);
  });
});

describe('keys for e, y, Ctrl-Z and the wheel', () => {
  const mode = { help: false, editing: false };
  it('maps them, and SGR mouse reports to wheel moves', () => {
    expect(keyToCommand('e', {}, mode)).toEqual({ type: 'edit' });
    expect(keyToCommand('y', {}, mode)).toEqual({ type: 'copy' });
    expect(keyToCommand('z', { ctrl: true }, mode)).toEqual({ type: 'suspend' });
    expect(splitKeys('[<65;10;8M[<65;10;8M', {})).toEqual([{ input: '', key: { wheel: 'down' } }, { input: '', key: { wheel: 'down' } }]);
    expect(splitKeys('\u001b[<64;3;4M', {})).toEqual([{ input: '', key: { wheel: 'up' } }]);
    expect(splitKeys('[<0;3;4M', {})).toEqual([]);
    expect(keyToCommand('', { wheel: 'down' }, mode)).toEqual({ type: 'move', by: 'down' });
    // Typed into a filter, e and y are text.
    expect(keyToCommand('e', {}, { help: false, editing: true })).toEqual({ type: 'filter-input', text: 'e' });
  });

  it('asks the app through state.request; the outcome shows until the next key', () => {
    const target = { text: 'main.f x.go:3', file: 'x.go', line: 3 };
    const context: TuiContext = { panes: ['overview', 'sites'], list: { kind: 'cursor', count: 1, page: 1, target }, snapshots: 1 };
    let s = tuiReducer(initialTuiState('sites'), { action: { type: 'key', input: 'e', key: {} }, context });
    expect(s.request).toEqual({ kind: 'edit', target, seq: 1 });
    s = tuiReducer(s, { action: { type: 'request-done', message: 'edited x.go:3' }, context });
    expect([s.request, s.message]).toEqual([undefined, 'edited x.go:3']);
    s = tuiReducer(s, { action: { type: 'key', input: 'j', key: {} }, context });
    expect(s.message).toBeUndefined();
    expect(tuiReducer(s, { action: { type: 'key', input: 'z', key: { ctrl: true } }, context }).request?.kind).toBe('suspend');
  });
});
