/** Hand-made expositions: every form the format allows, and the exact diagnostic for each kind of damage. */
import { describe, expect, it } from 'vitest';
import { parsePrometheus, PrometheusReader } from '../../../src/grammar/prometheus/index.js';
import { exactInteger, parseGoFloat } from '../../../src/grammar/common/decimal.js';

function errors(text: string): string[] {
  return parsePrometheus(text, 'm.txt').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('valid forms', () => {
  it('reads label escapes, timestamps, NaN and the infinities', () => {
    const text = [
      '# HELP http_requests_total The total number of HTTP requests.\\nSecond line, a \\\\ backslash.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",path="/a \\"b\\"\\nc\\\\d"} 1027 1395066363000',
      'http_requests_total{method="get",} 3',
      'weird{} NaN',
      'up +Inf',
      'down -Inf -1',
      '  # a comment line',
      'something_else 1e3',
      '',
    ].join('\n');
    const { exposition, diagnostics } = parsePrometheus(text);
    expect(diagnostics).toEqual([]);
    expect(exposition.families.get('http_requests_total')?.help).toBe('The total number of HTTP requests.\nSecond line, a \\ backslash.');
    const samples = exposition.scrapes[0]?.samples ?? [];
    expect(samples.map((s) => [s.name, s.labels, s.value.number, s.timestampMs])).toEqual([
      ['http_requests_total', [['method', 'post'], ['path', '/a "b"\nc\\d']], 1027, 1395066363000],
      ['http_requests_total', [['method', 'get']], 3, undefined],
      ['weird', [], NaN, undefined],
      ['up', [], Infinity, undefined],
      ['down', [], -Infinity, -1],
      ['something_else', [], 1000, undefined],
    ]);
  });

  it('reads OpenMetrics: UNIT, counters without _total in TYPE, float-second timestamps, exemplars, # EOF', () => {
    const text = [
      '# TYPE go_memstats_alloc_bytes counter',
      '# UNIT go_memstats_alloc_bytes bytes',
      '# HELP go_memstats_alloc_bytes Total number of bytes allocated.',
      'go_memstats_alloc_bytes_total 6.24812e+06 1796187843.25',
      'go_memstats_alloc_bytes_created 1.79618784228e+09',
      'rpc_duration_seconds_bucket{le="+Inf"} 17 # {trace_id="oHg5SJYRHA0"} 9.8e-01 1520879607.789',
      '# EOF',
      '',
    ].join('\n');
    const { exposition, diagnostics } = parsePrometheus(text);
    expect(diagnostics).toEqual([]);
    expect(exposition.format).toBe('openmetrics');
    expect(exposition.families.get('go_memstats_alloc_bytes')).toMatchObject({ type: 'counter', unit: 'bytes' });
    const samples = exposition.scrapes[0]?.samples ?? [];
    expect(samples[0]?.timestampMs).toBe(1796187843250);
    expect(samples[2]?.labels).toEqual([['le', '+Inf']]);
  });

  it('reads quoted UTF-8 metric and label names', () => {
    const { exposition, diagnostics } = parsePrometheus('{"my.metric","label.name"="v",code="200"} 4\n');
    expect(diagnostics).toEqual([]);
    expect(exposition.scrapes[0]?.samples[0]).toMatchObject({ name: 'my.metric', labels: [['label.name', 'v'], ['code', '200']] });
  });

  it('splits a federation dump into one scrape per job and instance', () => {
    const text = [
      'go_goroutines{job="api",instance="a:9090"} 7',
      'go_goroutines{job="db",instance="b:9090"} 12',
      'go_threads{job="api",instance="a:9090"} 9',
      'go_goroutines{job="api",instance="a:9090"} 8',
      '',
    ].join('\n');
    const { exposition } = parsePrometheus(text);
    expect(exposition.scrapes.map((s) => [s.target, s.samples.map((x) => `${x.name}=${x.value.number}`)])).toEqual([
      [{ job: 'api', instance: 'a:9090' }, ['go_goroutines=7', 'go_threads=9']],
      [{ job: 'db', instance: 'b:9090' }, ['go_goroutines=12']],
      [{ job: 'api', instance: 'a:9090' }, ['go_goroutines=8']],
    ]);
  });

  it('starts a new scrape after # EOF and where a series repeats, not where a family is typed again', () => {
    const om = '# TYPE a gauge\na 1\n# EOF\n# TYPE a gauge\na 2\n# EOF\n';
    expect(parsePrometheus(om).exposition.scrapes.map((s) => s.position.line)).toEqual([1, 4]);
    const plain = '# TYPE a gauge\na{x="1"} 1\n# TYPE a gauge\na{x="1"} 2\n';
    expect(parsePrometheus(plain).exposition.scrapes.map((s) => s.position.line)).toEqual([1, 3]);
    // client_golang's OpenMetrics: one family name typed as a gauge and as a counter.
    const twice = '# TYPE a_bytes gauge\na_bytes 1\n# TYPE a_bytes counter\na_bytes_total 2\n# EOF\n';
    expect(parsePrometheus(twice).exposition.scrapes).toHaveLength(1);
  });
});

describe('made-bad inputs: one diagnostic each, at the exact place', () => {
  it('a value that is not a number', () => {
    expect(errors('go_goroutines seven\n')).toEqual(['1:15 error expected a number in a sample value, found "seven"']);
  });

  it('a missing value', () => {
    expect(errors('go_goroutines\n')).toEqual(["1:14 error expected a number in a sample value, found the end of the line"]);
  });

  it('an unclosed label set', () => {
    expect(errors('a{x="1" 2\n')).toEqual(["1:9 error expected '}' in the labels '{name=\"value\",…}', found \"2\""]);
  });

  it('an invalid escape in a label value', () => {
    expect(errors('a{x="c:\\temp"} 2\n')).toEqual(["1:8 error invalid escape sequence '\\t' in a label value"]);
  });

  it('an unknown TYPE', () => {
    expect(errors('# TYPE a meter\na 1\n')).toEqual(["1:10 error unknown metric type 'meter'"]);
  });

  it('a label name with a colon, a duplicate label', () => {
    expect(errors('a{b:c="1"} 2\na{x="1",x="2"} 3\n')).toEqual([
      "1:3 error 'b:c' is not a label name (a ':' is allowed only in metric names)",
      "2:9 error label 'x' appears twice in one sample",
    ]);
  });

  it('a cut last line says so; good lines around a bad one are kept', () => {
    const { exposition, diagnostics } = parsePrometheus('a 1\nb{x="1\nc 3\nd', 'm.txt');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '2:5 unexpected character "\\""',
      '4:2 the input ends in the middle of this line (truncated?): expected a number in a sample value, found the end of the line',
    ]);
    expect(exposition.scrapes[0]?.samples.map((s) => s.name)).toEqual(['a', 'c']);
  });

  it('a last line without a line end: an error at its end, the line not used, what came before kept', () => {
    // A value cut short still reads: `2.` of 2.8231160e+07, `2` without its exponent.
    for (const [last, column] of [['go_memstats_heap_alloc_bytes 2.', 32], ['go_memstats_heap_alloc_bytes 2', 31], ['# HELP go_threads Number of OS thr', 35]] as const) {
      const { exposition, diagnostics } = parsePrometheus(`# TYPE go_goroutines gauge\ngo_goroutines 7\n${last}`, 'm.txt');
      expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} — ${d.hint}`)).toEqual([
        `3:${column} error the input ends without a line end, so this line may be cut short (truncated?); the line is not used — the scrape was cut short; fetch it again and make sure the whole response was saved`,
      ]);
      expect(exposition.scrapes.flatMap((s) => s.samples.map((x) => `${x.name}=${x.value.text}`))).toEqual(['go_goroutines=7']);
      expect(exposition.families.has('go_threads')).toBe(false);
    }
    // Pushed in pieces, a HELP line read before (served from the cache) is the last line: the same.
    const reader = new PrometheusReader('m.txt', {}, 16);
    for (const piece of ['# HELP a A.\na 1\n', '# HELP a A.\n', '# HELP a A.']) reader.push(piece);
    expect(reader.end().diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '4:12 the input ends without a line end, so this line may be cut short (truncated?); the line is not used',
    ]);
    // OpenMetrics may end without a line end after `# EOF`, and a line cut there is the one error.
    expect(errors('# TYPE a gauge\na 1\n# EOF')).toEqual([]);
    expect(errors('# TYPE a gauge\na 1\n# EOF\n# TYPE a gauge\na 2')).toEqual([
      '5:4 error the input ends without a line end, so this line may be cut short (truncated?); the line is not used',
    ]);
  });

  it('an OpenMetrics page cut at a line boundary: no # EOF', () => {
    const page = ['# HELP go_memstats_frees Total number of frees.', '# TYPE go_memstats_frees counter', 'go_memstats_frees_total 71538', '# HELP go_goroutines Number of goroutines.', '# TYPE go_goroutines gauge', 'go_goroutines 7'];
    const cut = parsePrometheus([...page, ''].join('\n'), 'om.txt');
    expect(cut.exposition.format).toBe('openmetrics'); // a counter typed without _total, its sample with it
    expect(cut.diagnostics.map((d) => `${d.source}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      "om.txt:6:1 error the OpenMetrics page does not end with '# EOF': the response was cut short",
    ]);
    expect(cut.exposition.scrapes[0]?.samples.map((x) => x.name)).toEqual(['go_memstats_frees_total', 'go_goroutines']);
    expect(parsePrometheus([...page, '# EOF', ''].join('\n')).diagnostics).toEqual([]);
    // 0.0.4 has no end marker: a page cut at a line boundary cannot be told from a whole one.
    expect(parsePrometheus('# TYPE go_memstats_frees_total counter\ngo_memstats_frees_total 71538\n').exposition.format).toBe('0.0.4');
  });

  it('a file that is no exposition at all', () => {
    expect(errors('')).toEqual(['1:1 error no metrics here: expected Prometheus text exposition lines (# HELP, # TYPE, name value)']);
  });
});

describe('exact integers from decimal text', () => {
  it.each([
    ['4.245528e+06', 0, 4245528n],
    ['6.24812e+06', 0, 6248120n],
    ['1.8446744073709552e+19', 0, 18446744073709552000n],
    ['1.796187843240142e+09', 9, 1796187843240142000n],
    ['0.000357691', 9, 357691n],
    ['32861', 0, 32861n],
    ['-3', 0, -3n],
    ['1.5', 0, undefined],
    ['NaN', 0, undefined],
    ['+Inf', 0, undefined],
    ['1e999999999', 0, undefined],
  ])('%s × 10^%d', (text, scale, expected) => {
    expect(exactInteger(text, scale)).toBe(expected);
  });

  it('reads Go float spellings', () => {
    expect([parseGoFloat('+Inf'), parseGoFloat('-inf'), parseGoFloat('Infinity'), parseGoFloat('NaN'), parseGoFloat('1e3')]).toEqual([Infinity, -Infinity, Infinity, NaN, 1000]);
  });
});

describe('a well-formed sample (one coarse token) and the same sample token by token', () => {
  it('give the same sample', () => {
    const coarse = 'http_requests_total{code="200",path="/a"} 4.245528e+06 1395066363000\n';
    const fine = coarse.replace('} ', '}  '); // two spaces: not the coarse token's form
    const [a] = parsePrometheus(coarse, 'm.txt').exposition.scrapes[0]?.samples ?? [];
    const [b] = parsePrometheus(fine, 'm.txt').exposition.scrapes[0]?.samples ?? [];
    expect(a).toEqual({
      name: 'http_requests_total', labels: [['code', '200'], ['path', '/a']],
      value: { number: 4245528, text: '4.245528e+06' }, timestampMs: 1395066363000, position: { line: 1, column: 1 },
    });
    expect(b).toEqual(a);
  });
});

describe('HELP and TYPE lines read before (served from a cache)', () => {
  it('still start the next scrape at their line; a bad one is reported every time', () => {
    const page = '# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines 7\n';
    const { exposition, diagnostics } = parsePrometheus(page + page + page, 'm.txt');
    expect(exposition.scrapes.map((s) => [s.position.line, s.samples[0]?.position.line])).toEqual([[1, 3], [4, 6], [7, 9]]);
    expect(exposition.families.get('go_goroutines')).toMatchObject({ type: 'gauge', help: 'Number of goroutines.', position: { line: 1, column: 8 } });
    expect(diagnostics).toEqual([]);
    expect(errors('# TYPE a gauges\na 1\n# TYPE a gauges\na 2\n')).toEqual([
      "1:10 error unknown metric type 'gauges'",
      "3:10 error unknown metric type 'gauges'",
    ]);
  });
});
