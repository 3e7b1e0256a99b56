/**
 * What Prometheus's /federate serves for several scraped targets: one `# TYPE … untyped` per
 * metric name, each target's sample under it with its labels sorted (instance, job, then its own)
 * and a timestamp. The samples are those of the real scrapes given.
 */
export function federate(pages: readonly (readonly [Readonly<Record<string, string>>, string])[], timestampMs: number): string {
  const byName = new Map<string, string[]>();
  for (const [target, text] of pages) {
    for (const line of text.split('\n')) {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) continue;
      const [, name = '', own = '', value = ''] = m;
      const labels = [...Object.entries(target).map(([k, v]) => `${k}="${v}"`), ...(own ? own.split(/,(?=[a-zA-Z_]+=")/) : [])].sort();
      const lines = byName.get(name) ?? [];
      lines.push(`${name}{${labels.join(',')}} ${value} ${timestampMs}`);
      byName.set(name, lines);
    }
  }
  return [...byName].map(([name, lines]) => `# TYPE ${name} untyped\n${lines.join('\n')}\n`).join('');
}

/** The two processes of the federation pages the tests build: heap-leak's scrapes as job "api", goroutine-leak's as "worker". */
export const API = { job: 'api', instance: '10.0.0.1:2112' } as const;
export const WORKER_TARGET = { job: 'worker', instance: '10.0.0.2:2112' } as const;
