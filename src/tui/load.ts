/**
 * Loads the terminal UI's modules (Ink, React and the components), only when the UI runs.
 * In the bundle, the CLI runs as one script from a compiled-code cache (scripts/bundle.mjs,
 * src/cli/launch.ts), but Ink and React are ES modules with top-level await that a script
 * cannot hold: they are a module of their own (dist/bundle/ui.mjs), which the launcher loads
 * through the hook it leaves on globalThis, before the components that import them are
 * evaluated. Run unbundled, there is no hook and nothing to do first.
 */
import type * as ReportUi from './run.js';
import type * as WatchUi from './watch/run.js';

export const UI_HOOK = Symbol.for('heapdoc.ui');

async function uiModules(): Promise<void> {
  await (globalThis as { [UI_HOOK]?: { load(): Promise<void> } })[UI_HOOK]?.load();
}

export async function loadReportUi(): Promise<typeof ReportUi> {
  await uiModules();
  return import('./run.js');
}

export async function loadWatchUi(): Promise<typeof WatchUi> {
  await uiModules();
  return import('./watch/run.js');
}
