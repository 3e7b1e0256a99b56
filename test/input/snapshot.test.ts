/** The snapshot input carries the Go version and the process facts with where each came from; flags override. */
import { describe, expect, it } from 'vitest';
import { analysisInput } from '../../src/exposition/snapshot.js';
import { snapshotsFromExposition } from '../../src/exposition/prometheus.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parsePrometheus } from '../../src/grammar/prometheus/index.js';
import { parseGoVersion } from '../../src/input/goversion.js';
import { heapSnapshot, withGivenFacts } from '../../src/input/snapshot.js';
import { readCorpus } from '../helpers/fixtures.js';

function scrapeInput(): ReturnType<typeof analysisInput> {
  const { snapshots } = snapshotsFromExposition(parsePrometheus(readCorpus('go1.19/exposition/leak/metrics.5.txt')).exposition, 'metrics.txt');
  const [snapshot] = snapshots;
  if (!snapshot) throw new Error('no snapshot');
  return analysisInput(snapshot);
}

describe('snapshot input facts', () => {
  it('a heap dump: the Go version inferred from its frames, no process facts', () => {
    const input = heapSnapshot(parseHeapDump(readCorpus('go1.23/memrate/rate-1.heap-debug1.txt')).dump);
    expect([input.goVersion, input.process]).toEqual([{ major: 1, minor: 23, source: 'inferred from the toolchain path /build/go-1.23.2/src/runtime/' }, undefined]);
  });

  it('a development toolchain\'s path (go-1.26-devel) gives its version', () => {
    const input = heapSnapshot(parseHeapDump(readCorpus('go1.26-devel/seed/routine1.after-free.heap-debug1.txt')).dump);
    expect(input.goVersion).toEqual({ major: 1, minor: 26, source: 'inferred from the toolchain path /build/go-1.26-devel/src/net/' });
  });

  it('a scrape: the version (go_info), RSS and goroutines it reports, marked reported', () => {
    const input = scrapeInput();
    expect([input.goVersion, input.process]).toEqual([{ major: 1, minor: 19, source: 'reported' }, { rss: 23101440, goroutines: 7, origin: { rss: 'reported' } }]);
  });

  it('flags override the input and say so; what they do not give stays the input\'s', () => {
    const given = withGivenFacts(scrapeInput(), { goVersion: parseGoVersion('1.15'), process: { rss: 1000, rssWithoutUnit: true, gomemlimit: 2000 } });
    expect([given.goVersion, given.process]).toEqual([
      { major: 1, minor: 15, source: 'flag' },
      { rss: 1000, rssWithoutUnit: true, gomemlimit: 2000, goroutines: 7, origin: { rss: 'flag', gomemlimit: 'flag' } },
    ]);
    const limitOnly = withGivenFacts(scrapeInput(), { process: { gomemlimit: 2000 } });
    expect([limitOnly.goVersion?.source, limitOnly.process]).toEqual(['reported', { rss: 23101440, goroutines: 7, gomemlimit: 2000, origin: { rss: 'reported', gomemlimit: 'flag' } }]);
    const none = scrapeInput();
    expect(withGivenFacts(none, {})).toBe(none);
  });
});
