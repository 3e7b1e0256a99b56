import { describe, expect, it } from 'vitest';
import { hang, sentences, wrap } from '../../src/text/wrap.js';

const VERDICT = 'Not a leak of reachable data: live 4.9 MiB of 52.4 MiB mapped (Go holds 10.4 MiB); 42.0 MiB of idle heap already released to the OS. Most of the memory is heap already released to the OS.';

describe('wrap', () => {
  it('never breaks between a number and its unit on a terminal', () => {
    // At 76 columns a plain word wrap would end the first line with "10.4" and start the next with "MiB);".
    expect(wrap(VERDICT, 76).split('\n')).toEqual([
      'Not a leak of reachable data: live 4.9 MiB of 52.4 MiB mapped (Go holds',
      '10.4 MiB); 42.0 MiB of idle heap already released to the OS. Most of the',
      'memory is heap already released to the OS.',
    ]);
    expect(wrap('a 3.5 ms pause, 12 % of CPU, 1,024 B', 8, 2, 0).split('\n')).toEqual(['a 3.5 ms', '  pause,', '  12 %', '  of', '  CPU,', '  1,024 B']);
    expect(wrap('pause 194.3 µs long', 10).split('\n')).toEqual(['pause', '194.3 µs', 'long']);
  });

  it('does not wrap at width Infinity (a pipe): one sentence per line, the first one first', () => {
    expect(wrap(VERDICT, Infinity, 2, 0).split('\n')).toEqual([
      'Not a leak of reachable data: live 4.9 MiB of 52.4 MiB mapped (Go holds 10.4 MiB); 42.0 MiB of idle heap already released to the OS.',
      '  Most of the memory is heap already released to the OS.',
    ]);
    expect(hang('    why: ', 'First one. Second, e.g. this one. 3 more.', Infinity).split('\n')).toEqual([
      '    why: First one.', '         Second, e.g. this one.', '         3 more.',
    ]);
  });

  it('splits sentences at . ! ? before a capital, digit or quote, not inside numbers or after e.g.', () => {
    expect(sentences('Go 1.21.5 is fine. It holds 4.9 MiB! Why? "Because."')).toEqual(['Go 1.21.5 is fine.', 'It holds 4.9 MiB!', 'Why?', '"Because."']);
    expect(sentences('Use a tool, e.g. Pprof, i.e. This one.')).toEqual(['Use a tool, e.g. Pprof, i.e. This one.']);
  });
});
