/**
 * Where the reader starts a new scrape (a series seen again in its target's open scrape, in a page
 * of HELP/TYPE lines only right after its family's: elsewhere a duplicate) when the
 * pages repeat with their lines in another order, series come and go, targets interleave, labels
 * are escaped, comments come between: the reader's caches (the line and series text that followed
 * last time, one state per series, past 10,000 series a set per scrape) change none of it.
 */
import { describe, expect, it } from 'vitest';
import { parsePrometheus, PrometheusReader, type Exposition } from '../../../src/grammar/prometheus/index.js';

/** Each scrape: its first line, its target (job/instance values) and its samples as `name{labels}=value`. */
function scrapesOf(exposition: Exposition): string[] {
  return exposition.scrapes.map((s) => `${s.position.line} ${Object.values(s.target).join('/')}: ${s.samples.map((x) => `${x.name}{${x.labels.map(([n, v]) => `${n}=${v}`).join(',')}}=${x.value.text}`).join(' ')}`);
}

/**
 * The text read whole (one chunk: no line served from the HELP/TYPE cache, which holds the lines
 * of chunks read before) and pushed `size` characters at a time to a reader of 16-character chunks
 * (a HELP or TYPE line read before is served from the cache).
 */
function bothWays(text: string, size: number): [string[], string[]] {
  const whole = parsePrometheus(text, 'm.txt');
  const reader = new PrometheusReader('m.txt', {}, 16);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  const chunked = reader.end();
  expect(whole.diagnostics).toEqual([]);
  expect(chunked.diagnostics).toEqual([]);
  return [scrapesOf(whole.exposition), scrapesOf(chunked.exposition)];
}

describe('scrape boundaries', () => {
  it('follow the series, not the order of the lines, across pages that change', () => {
    const text = [
      '# HELP a A.', '# TYPE a gauge', 'a{x="1"} 1', 'a{x="2"} 2', '# a comment', '# HELP b B.', '# TYPE b gauge', 'b 3',
      // The same series in another order: b repeats first.
      '# HELP b B.', '# TYPE b gauge', 'b 4', '# HELP a A.', '# TYPE a gauge', 'a{x="2"} 5', 'a{x="1"} 6',
      // After a{x="1"} another series than last time, as long as a{x="2"}.
      'a{x="3"} 6.5',
      // a{x="1"} gone, an escaped series and a new one come: a{x="2"} repeats.
      '# HELP a A.', '# TYPE a gauge', 'a{x="2"} 7', 'a{x="q\\"1"} 8', '# HELP b B.', 'b 9', 'c 10',
      // Escaped again, written the other way round ({x=...} and the same labels reordered are one series);
      // the next page starts with its HELP line, as every page of a client does.
      'a{y="z",x="q\\"1"} 11', '# HELP a A.', 'a{x="q\\"1",y="z"} 12', 'c 13', 'a{x="2"} 14',
      '',
    ].join('\n');
    const [whole, chunked] = bothWays(text, 7);
    expect(whole).toEqual([
      '1 : a{x=1}=1 a{x=2}=2 b{}=3',
      '9 : b{}=4 a{x=2}=5 a{x=1}=6 a{x=3}=6.5',
      '17 : a{x=2}=7 a{x=q"1}=8 b{}=9 c{}=10 a{y=z,x=q"1}=11',
      '25 : a{x=q"1,y=z}=12 c{}=13 a{x=2}=14',
    ]);
    expect(chunked).toEqual(whole);
  });

  it('read a HELP or TYPE line not read before where another as long came last time', () => {
    const text = ['# HELP a A.\n# HELP b B.\na 1\nb 1', '# HELP a A.\n# HELP c C.\na 2\nc 2', '# HELP a A.\n# HELP b B.\na 3\nb 3', '# HELP a A.\n# HELP d D.\na 4\nd 4', ''].join('\n');
    const [whole, chunked] = bothWays(text, 6);
    expect(whole).toEqual(['1 : a{}=1 b{}=1', '5 : a{}=2 c{}=2', '9 : a{}=3 b{}=3', '13 : a{}=4 d{}=4']);
    expect(chunked).toEqual(whole);
    const reader = new PrometheusReader('m.txt', {}, 16);
    reader.push(text);
    expect([...reader.end().exposition.families.values()].map((f) => `${f.name} ${f.help} ${f.position.line}`)).toEqual(['a A. 1', 'b B. 2', 'c C. 6', 'd D. 14']);
  });

  it('are each target’s own when two targets interleave in a federation dump', () => {
    const api = 'job="api",instance="a:1"';
    const db = 'job="db",instance="b:1"';
    const text = [
      `go_goroutines{${api}} 1`, `go_goroutines{${db}} 2`, `go_threads{${db}} 3`, `go_threads{${api}} 4`,
      // db's second scrape starts, api's first goes on.
      `go_goroutines{${db}} 5`, `up{${api}} 6`, `go_threads{${db}} 7`,
      // api's second scrape, db's still open: go_threads missing from api's, up in db's.
      `go_goroutines{${api}} 8`, `up{${db}} 9`, `up{${api}} 10`, `go_goroutines{${db}} 11`,
      '',
    ].join('\n');
    const [whole, chunked] = bothWays(text, 5);
    expect(whole).toEqual([
      '1 api/a:1: go_goroutines{job=api,instance=a:1}=1 go_threads{job=api,instance=a:1}=4 up{job=api,instance=a:1}=6',
      '2 db/b:1: go_goroutines{job=db,instance=b:1}=2 go_threads{job=db,instance=b:1}=3',
      '5 db/b:1: go_goroutines{job=db,instance=b:1}=5 go_threads{job=db,instance=b:1}=7 up{job=db,instance=b:1}=9',
      '8 api/a:1: go_goroutines{job=api,instance=a:1}=8 up{job=api,instance=a:1}=10',
      '11 db/b:1: go_goroutines{job=db,instance=b:1}=11',
    ]);
    expect(chunked).toEqual(whole);
  });

  it('are found past the 10,000 series the reader keeps a state for', () => {
    const page = (from: number, to: number, value: number): string[] => Array.from({ length: to - from }, (_v, i) => `s{i="${from + i}"} ${value}`);
    // 10,010 series; the second page lacks the first five; a series past 10,000 repeats alone.
    const text = [...page(0, 10_010, 1), ...page(5, 10_010, 2), ...page(10_005, 10_006, 3), ...page(10_005, 10_006, 4), ''].join('\n');
    const { exposition, diagnostics } = parsePrometheus(text);
    expect(diagnostics).toEqual([]);
    expect(exposition.scrapes.map((s) => [s.position.line, s.columns.length, s.columns.texts[0], s.columns.texts.at(-1)])).toEqual([
      [1, 10_010, '1', '1'],
      [10_011, 10_005, '2', '2'],
      [20_016, 1, '3', '3'],
      [20_017, 1, '4', '4'],
    ]);
  });
});

describe('a series twice in one page', () => {
  /** Diagnostics as `line:column message`, and each scrape as `first line: name=value …`. */
  function read(text: string, chunk?: number): [string[], string[]] {
    const reader = new PrometheusReader('m.txt', {}, chunk);
    for (let i = 0; i < text.length; i += chunk ?? text.length) reader.push(text.slice(i, i + (chunk ?? text.length)));
    const { exposition, diagnostics } = reader.end();
    return [diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`), exposition.scrapes.map((x) => `${x.position.line}: ${x.samples.map((y) => `${y.name}=${y.value.text}`).join(' ')}`)];
  }

  const page = (n: number): string[] => ['# HELP a A.', '# TYPE a gauge', `a ${n}`, '# HELP h H.', '# TYPE h histogram', `h_bucket{le="+Inf"} ${n}`, `h_sum ${n}`, `h_count ${n}`];

  it('not after HELP/TYPE lines of its family: an error at it, the sample not used, one page', () => {
    const text = [...page(1).slice(0, 5), 'a 9', ...page(1).slice(5), ''].join('\n');
    const expected: [string[], string[]] = [
      ["6:1 the series a appears twice in one page (first at line 3), not after its family's HELP and TYPE lines: the second sample is not used"],
      ['1: a=1 h_bucket=1 h_sum=1 h_count=1'],
    ];
    expect(read(text)).toEqual(expected);
    // Pushed in pieces, the HELP and TYPE lines read before come from the cache: the same.
    expect(read(text, 5)).toEqual(expected);
    // After the samples, or a label set again: the same error.
    expect(read([...page(1), 'h_bucket{le="+Inf"} 9', ''].join('\n'))[0]).toEqual([
      '9:1 the series h_bucket{le="+Inf"} appears twice in one page (first at line 6), not after its family\'s HELP and TYPE lines: the second sample is not used',
    ]);
  });

  it('right after the HELP/TYPE lines of its family: the next page, also for a histogram\'s samples', () => {
    const pages = [...page(1), ...page(2), ...page(3).slice(3), ...page(3).slice(0, 3), ''].join('\n');
    const expected: [string[], string[]] = [[], ['1: a=1 h_bucket=1 h_sum=1 h_count=1', '9: a=2 h_bucket=2 h_sum=2 h_count=2', '17: h_bucket=3 h_sum=3 h_count=3 a=3']];
    expect(read(pages)).toEqual(expected);
    expect(read(pages, 7)).toEqual(expected);
  });
});

describe('a sample line lexed whole', () => {
  it('its series, value and timestamp cut out where label values hold spaces, braces and commas', () => {
    const text = [
      'a{path="/x y} z",code="200"} 1.5 1700000000000',
      'a{path="{ }",code=""} -Inf',
      'b NaN 1700000000001',
      'c{} 4.245528e+06',
      'd{x="a} 7"} +3',
      '',
    ].join('\n');
    const { exposition, diagnostics } = parsePrometheus(text, 'm.txt');
    expect(diagnostics).toEqual([]);
    const samples = exposition.scrapes.flatMap((s) => s.samples);
    expect(samples.map((x) => [x.name, x.labels, x.value.text, x.timestampMs, x.position])).toEqual([
      ['a', [['path', '/x y} z'], ['code', '200']], '1.5', 1700000000000, { line: 1, column: 1 }],
      ['a', [['path', '{ }'], ['code', '']], '-Inf', undefined, { line: 2, column: 1 }],
      ['b', [], 'NaN', 1700000000001, { line: 3, column: 1 }],
      ['c', [], '4.245528e+06', undefined, { line: 4, column: 1 }],
      ['d', [['x', 'a} 7']], '+3', undefined, { line: 5, column: 1 }],
    ]);
    expect(samples.map((x) => x.value.number)).toEqual([1.5, -Infinity, NaN, 4245528, 3]);
  });
});
