/**
 * A capture's stem: its file name up to the first dot (`03-t3.heap.pb.gz` → `03-t3`). Tools that
 * capture several endpoints at one moment name their files so (`deep.heap-debug1.txt`,
 * `deep.goroutine-debug2.txt.gz`); heapdoc uses it only to pair inputs of one moment, never to
 * tell what an input is.
 */
export function captureStem(name: string): string {
  const base = name.split('/').pop() ?? name;
  return base.split('.')[0] ?? base;
}

/**
 * The one of `candidates` taken at the moment of `source`: the only candidate, or the one whose
 * file shares its stem (`deep.heap-debug1.txt` with `deep.goroutine-debug2.txt.gz`); none when
 * no single one does (a per-goroutine average of two moments means nothing).
 */
export function sameMoment<S extends { source: string }>(candidates: readonly S[], source: string): S | undefined {
  return candidates.length === 1 ? candidates[0] : sharingStem(candidates, source);
}

/** The one of `candidates` whose file shares the stem of `source`; none when no single one does. */
export function sharingStem<S extends { source: string }>(candidates: readonly S[], source: string): S | undefined {
  const stem = captureStem(source);
  const matching = candidates.filter((s) => captureStem(s.source) === stem);
  return matching.length === 1 ? matching[0] : undefined;
}
