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
