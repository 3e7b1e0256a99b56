/**
 * The chunk loop reads the first error of each parse through firstParseError (linereader.ts), which
 * reads Chevrotain's own list (`_errors`) instead of the `errors` getter's copy. These tests fail
 * if Chevrotain renames that field (the getter would then be used again, correct but slower) or if
 * the error given differs from the getter's.
 */
import { describe, expect, it } from 'vitest';
import { firstParseError } from '../../../src/grammar/common/linereader.js';
import { heapGrammar, heapParser } from '../../../src/grammar/heap/parser.js';
import { goroutineProfileGrammar, goroutineProfileParser } from '../../../src/grammar/goroutine/parser.js';

describe('firstParseError', () => {
  it('reads the parser\'s own list: Chevrotain 11.2 keeps it as `_errors`', () => {
    for (const parser of [heapParser, goroutineProfileParser]) expect(Array.isArray((parser as unknown as { _errors?: unknown })._errors)).toBe(true);
  });

  it('gives the error the `errors` getter gives, for a recording and a CST grammar', () => {
    // A record without its stack, after a good one: the parse stops at the second line's end.
    const parsed = heapGrammar.parseLines(heapGrammar.tokenize('1: 8 [1: 8] @ 0x1\n1: 8 [1: 8]\n', false).tokens);
    expect(parsed.error?.message).toBe("expected a stack '@ 0x… 0x…' or '@' in a heap record, found the end of the line");
    expect(parsed.error?.token.startOffset).toBe(29);
    expect(parsed.error).toBe(heapParser.errors[0]);
    expect(heapParser.errors).toHaveLength(1);
    // A frame line without its line end.
    const frames = goroutineProfileGrammar.parseLines(goroutineProfileGrammar.tokenize('#\t0x1\tmain.f+0x1\t/x.go:1', false).tokens);
    expect(frames.error?.message).toBe('expected the end of the line in a frame line, found "/x.go:1"');
    expect(frames.error?.token.startOffset).toBe(17);
    expect(frames.error).toBe(goroutineProfileParser.errors[0]);
    expect(firstParseError(goroutineProfileParser)).toBe(frames.error);
  });

  it('gives nothing after a parse without errors', () => {
    const parsed = heapGrammar.parseLines(heapGrammar.tokenize('1: 8 [1: 8] @ 0x1\n', false).tokens);
    expect(parsed.error).toBeUndefined();
    expect(parsed.count).toBe(1);
    expect(firstParseError(heapParser)).toBeUndefined();
  });
});
