/**
 * A heap dump carries no Go version, but verdicts depend on it (MADV_FREE in 1.12–1.15, the
 * hugepage-aware scavenger of 1.21). It comes from --go-version, or is inferred from the dump:
 * toolchain paths in runtime frames (`/usr/lib/go-1.19/src/runtime/…`, `/build/go-1.23.2/src/…`, `/build/go-1.26-devel/src/…`),
 * and the record order (ascending in-use bytes since go1.23).
 */
import type { HeapStack } from '../grammar/heap/index.js';

export interface GoVersion {
  major: number;
  minor: number;
  /**
   * Where it came from: `flag` (--go-version), `reported` (the input says so: a scrape's
   * go_info), or how it was inferred (`inferred from the toolchain path …`).
   */
  source: string;
}

/** GoVersion.source for a version the process reported itself (go_info): not inferred. */
export const REPORTED = 'reported';

export function parseGoVersion(text: string, source = 'flag'): GoVersion | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), source };
}

export function formatGoVersion(v: GoVersion): string {
  return `go${v.major}.${v.minor}`;
}

export function atLeast(v: GoVersion | undefined, minor: number): boolean | undefined {
  return v === undefined ? undefined : v.major > 1 || v.minor >= minor;
}

const TOOLCHAIN_PATH = /\/go-?(1\.(\d+))(?:\.\d+)?(?:rc\d+|beta\d+|-devel)?\/src\/(?:runtime|internal|sync|net|os|time)\//;

export function inferGoVersion(stacks: readonly HeapStack[]): GoVersion | undefined {
  for (const stack of stacks) {
    for (let i = 0; i < stack.depth; i++) {
      const file = stack.fileAt(i);
      const m = file ? TOOLCHAIN_PATH.exec(file) : null;
      if (m?.[2]) return { major: 1, minor: Number(m[2]), source: `inferred from the toolchain path ${file?.slice(0, m.index + m[0].length)}` };
    }
  }
  return undefined;
}
