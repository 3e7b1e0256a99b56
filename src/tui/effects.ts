/**
 * What some keys do outside the UI's own state: `e` opens the file under the cursor in the
 * user's editor, `y` copies through the terminal (OSC 52), Ctrl-Z stops the process as any
 * full-screen program does. The reducer only asks (`state.request`); the app runs the request
 * here with the terminal's controls and shows the one-line outcome. No Ink here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { localCandidates } from '../common/paths.js';
import { stripControl } from '../text/sanitize.js';

/** What `e` and `y` act on: the item under the cursor, or the item opened. */
export interface Target {
  /** What `y` copies: `function file:line`, or a diagnostic's place and message. */
  text: string;
  file?: string | undefined;
  line?: number | undefined;
  /** The column, when the compiler's -m output gives one (`67:24`): editors that take it open there. */
  column?: number | undefined;
}

/** What the app needs from the terminal the UI runs in (tests give a fake). */
export interface TerminalControls {
  /** Leaves the UI's screen and raw mode, runs `fn` with the terminal (`stdin`: the keyboard's fd), and comes back. */
  suspendFor<T>(fn: (stdin: number | 'inherit') => T): T;
  /** Stops the process (Ctrl-Z); resolves once the shell continues it (`fg`), the screen restored. */
  stop(): Promise<void>;
  /** Writes control text to the terminal (OSC 52). */
  write(text: string): void;
}

/** The editor command: $VISUAL, else $EDITOR (either may carry arguments: `code -w`). */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const editor = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim();
  return editor || undefined;
}

/**
 * The local file a target names: the path itself, or — a dump names the paths of the machine it
 * was built on (`/build/src/leak/main.go`) — its longest tail that exists under the current
 * directory (`leak/main.go` in the module's parent, `main.go` in the package's directory).
 */
export function localFile(file: string | undefined, cwd = process.cwd()): string | undefined {
  const isFile = (path: string): boolean => {
    try {
      return existsSync(path) && statSync(path).isFile();
    } catch {
      return false;
    }
  };
  return localCandidates(file, cwd).find(isFile);
}

export { localCandidates };

export type Spawn = (command: string, args: readonly string[], stdin: number | 'inherit') => { status: number | null; error?: Error | undefined };

const shellSpawn: Spawn = (command, args, stdin) => {
  // The editor gets the keyboard: the controlling terminal, even when the dump came on stdin.
  const result = spawnSync('/bin/sh', ['-c', `${command} "$@"`, 'sh', ...args], { stdio: [stdin, 'inherit', 'inherit'] });
  return { status: result.status, error: result.error };
};

/** Opens the target's file at its line (`+LINE FILE`, which vi, vim, nano, emacs and code -g… accept); the outcome in one line. */
export function openInEditor(target: Target | undefined, controls: TerminalControls, env: NodeJS.ProcessEnv = process.env, spawn: Spawn = shellSpawn): string {
  if (!target?.file) return 'nothing to open here: this row names no file';
  const editor = editorCommand(env);
  if (!editor) return 'set $VISUAL or $EDITOR to open files with e';
  const path = localFile(target.file);
  if (!path) return `not on this machine: ${target.file}`;
  const args = editorArgs(editor, path, target.line, target.column);
  const result = controls.suspendFor((stdin) => spawn(editor, args, stdin));
  if (result.error) return `could not run ${editor}: ${result.error.message}`;
  if (result.status !== 0) return `${editor} exited with status ${result.status ?? 'unknown'}`;
  return `edited ${target.file}${target.line !== undefined ? `:${target.line}${target.column !== undefined ? `:${target.column}` : ''}` : ''}`;
}

/**
 * The editor's arguments for a file at a line and column: `+LINE FILE` (vi, nano, emacs…), with
 * the column where the editor is known to take it: vim and nvim (`+call cursor(L,C)`), emacs and
 * micro (`+L:C`), nano (`+L,C`), VS Code (`-g FILE:L:C`), Sublime and Helix (`FILE:L:C`).
 * Plain vi gets the line only (vim.tiny has no :call).
 */
export function editorArgs(editor: string, path: string, line: number | undefined, column: number | undefined): string[] {
  if (line === undefined) return [path];
  const name = (editor.trim().split(/\s+/)[0] ?? '').split('/').pop() ?? '';
  const at = column !== undefined ? `${line}:${column}` : `${line}`;
  // These take the place after the file's name (`+LINE` would be read as a file).
  if (/^(code|codium|code-insiders)$/.test(name)) return ['-g', `${path}:${at}`];
  if (/^(subl|hx|helix)$/.test(name)) return [`${path}:${at}`];
  if (column === undefined) return [`+${line}`, path];
  if (/^(vim|nvim|gvim|mvim|vimx)$/.test(name)) return [`+call cursor(${line},${column})`, path];
  if (/^(emacs|emacsclient|micro|kak)$/.test(name)) return [`+${at}`, path];
  if (name === 'nano') return [`+${line},${column}`, path];
  return [`+${line}`, path];
}

/** OSC 52: the terminal puts the text on the system clipboard (tmux with set-clipboard, iTerm2, kitty, WezTerm…). */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

export function copyToClipboard(target: Target | undefined, controls: TerminalControls): string {
  if (!target) return 'nothing to copy here';
  // What the status bar shows is what is copied: a dump's escape sequences must not reach the
  // clipboard (and whatever it is pasted into) any more than the screen.
  const text = stripControl(target.text);
  controls.write(osc52(text));
  return `copied: ${text}`;
}

/** The target of a row that names a function and where it is. */
export function codeTarget(fn: string, file: string | undefined, line: number | undefined, column?: number): Target {
  const where = file ? ` ${file}${line !== undefined ? `:${line}` : ''}` : '';
  return column !== undefined ? { text: `${fn}${where}`, file, line, column } : { text: `${fn}${where}`, file, line };
}
