/**
 * Baselines: `--baseline FILE --update-baseline` records the current findings; `--baseline FILE`
 * then reports only findings the file does not record, so CI fails on new problems only.
 *
 * An entry is keyed by the dump's path (relative to the baseline file, POSIX separators), the
 * rule id and the finding's fingerprint (fingerprint.ts: rule id and subject, never the message),
 * with a count: line numbers are not part of the key, so a re-captured dump with the same problems
 * still matches, and a third occurrence where two were recorded is one new finding.
 *
 * Version 1 files fingerprinted the message text; they are refused with how to regenerate them
 * (and replaced by --update-baseline).
 */
import { readSmallFile, type SmallFileProblem } from './files.js';
import { jsonErrorAt } from './config.js';
import * as path from 'node:path';
import { HeapdocError } from '../input/errors.js';
import type { FileResult, LintMessage } from './types.js';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  count: number;
  /** The message when recorded, for people reading the file; not part of the key. */
  message: string;
}

/** Version 2: fingerprints from rule id and subject (version 1 hashed the message). */
const VERSION = 2;

export interface Baseline {
  version: typeof VERSION;
  entries: BaselineEntry[];
  /** Read from a file that does not exist (yet): empty. Never written. */
  missing?: true;
}

/** How a result's file is named in a baseline kept in `baselineDir`. */
function baselineFile(result: FileResult, baselineDir: string): string {
  if (!result.path) return result.source;
  return path.relative(baselineDir, result.path).split(path.sep).join('/');
}

/**
 * Where an entry records `m`: its file; a series finding of a directory, the directory (`dumps/`,
 * `./`): the series' findings are at its last file, which changes with every snapshot added, and a
 * known leak must not be new at each capture.
 */
function recordedAt(result: FileResult, m: LintMessage, baselineDir: string): string {
  const file = baselineFile(result, baselineDir);
  if (m.scope !== 'series' || !result.path) return file;
  const slash = file.lastIndexOf('/');
  return slash < 0 ? './' : file.slice(0, slash + 1);
}

const keyOf = (file: string, ruleId: string, fp: string): string => `${file}\u0000${ruleId}\u0000${fp}`;

export function buildBaseline(results: readonly FileResult[], baselineDir: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const result of results) {
    for (const m of [...result.messages, ...result.suppressed]) {
      const file = recordedAt(result, m, baselineDir);
      const key = keyOf(file, m.ruleId, m.fingerprint);
      const entry = entries.get(key);
      if (entry) entry.count++;
      else entries.set(key, { file, ruleId: m.ruleId, fingerprint: m.fingerprint, count: 1, message: m.message });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: VERSION, entries: sorted };
}

export interface Applied {
  results: FileResult[];
  /** Recorded occurrences no current finding matched (fixed problems, or dumps no longer linted). */
  unmatched: number;
}

/** Moves the findings the baseline records into each result's `suppressed`. */
export function applyBaseline(results: readonly FileResult[], baseline: Baseline, baselineDir: string): Applied {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    const key = keyOf(e.file, e.ruleId, e.fingerprint);
    remaining.set(key, (remaining.get(key) ?? 0) + e.count);
  }
  const out = results.map((result) => {
    const messages: LintMessage[] = [];
    const suppressed: LintMessage[] = [...result.suppressed];
    for (const m of result.messages) {
      const key = keyOf(recordedAt(result, m, baselineDir), m.ruleId, m.fingerprint);
      const left = remaining.get(key) ?? 0;
      if (left > 0) {
        remaining.set(key, left - 1);
        suppressed.push(m);
      } else {
        messages.push(m);
      }
    }
    return { ...result, messages, suppressed };
  });
  let unmatched = 0;
  for (const left of remaining.values()) unmatched += left;
  return { results: out, unmatched };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/**
 * The fix for a --baseline file that is not a baseline: --update-baseline refuses to replace it (a
 * mistyped path must not overwrite something else), so the step is to move it out of the way first.
 */
const NOT_A_BASELINE = 'delete it or name another file, then run with --update-baseline';

/** The most of a baseline read: ~200 bytes a finding, so about a million findings. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/**
 * Reads and checks a baseline file. A missing file is an empty baseline (`missing`: the caller says
 * so). When `updating` (--update-baseline), one of version 1 is fine too: it is about to be replaced. A file that is not a baseline is refused
 * even then, so that a mistyped path does not overwrite something else.
 */
export function readBaseline(file: string, updating = false): Baseline {
  let text: string;
  try {
    text = readSmallFile(file, MAX_BASELINE_BYTES);
  } catch (error) {
    const problem = error as SmallFileProblem;
    // Missing: no finding recorded yet (a CI workflow set up before its baseline is committed).
    if (problem.code === 'ENOENT') return { version: VERSION, entries: [], missing: true };
    throw new HeapdocError(`--baseline ${file}: ${problem.message}`, 'create it with --baseline FILE --update-baseline');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorAt(text);
    throw new HeapdocError(`--baseline ${file}${where ? `:${where.at}` : ''}: not a heapdoc baseline (not JSON: ${where ? where.words : (error as Error).message})`, NOT_A_BASELINE);
  }
  const b = data as { version?: unknown; entries?: unknown } | null;
  if (b !== null && typeof b === 'object' && b.version === 1 && Array.isArray(b.entries)) {
    if (updating) return { version: VERSION, entries: [] };
    throw new HeapdocError(`--baseline ${file}: a version 1 baseline, keyed on message text that heapdoc no longer fingerprints`,
      `regenerate it: heapdoc lint <the same inputs> --baseline ${file} --update-baseline (it records every current finding)`);
  }
  const valid = b !== null && typeof b === 'object' && b.version === VERSION && Array.isArray(b.entries)
    && b.entries.every((e: Partial<BaselineEntry> | null) => e !== null && typeof e === 'object'
      && typeof e.file === 'string' && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string'
      && typeof e.count === 'number' && Number.isInteger(e.count) && e.count > 0);
  if (!valid) throw new HeapdocError(`--baseline ${file}: not a heapdoc baseline (version ${VERSION})`, NOT_A_BASELINE);
  return b as Baseline;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
