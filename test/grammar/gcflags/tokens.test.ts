/** The gcflags lexer: two tokens a positioned line, line openers only at a line's start, and the hints (test/helpers/lexer-hints.ts). */
import { describe, expect, it } from 'vitest';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { gcflagsGrammar } from '../../../src/grammar/gcflags/parser.js';
import { allTokens, messageText } from '../../../src/grammar/gcflags/tokens.js';
import { describeLexerHints } from '../../helpers/lexer-hints.js';

describeLexerHints('gcflags', allTokens);

/** Each token as `Type:image`, and the first lexing error's offset (lexed with recovery, as a line on its own is). */
function lex(text: string): { tokens: string[]; error: number | undefined } {
  const { tokens, errors } = gcflagsGrammar.tokenize(text, true);
  return { tokens: tokens.map((t) => `${t.tokenType.name}:${t.image}`), error: errors[0]?.offset };
}

describe('gcflags lexer', () => {
  it('lexes a positioned line as its position and one message token that takes the line end', () => {
    expect(lex('./a.go:1:2: inlining call to f\n./a.go:3:4: x does not escape\r\n')).toEqual({
      tokens: ['Position:./a.go:1:2: ', 'InliningCall:inlining call to f\n', 'Position:./a.go:3:4: ', 'DoesNotEscape:x does not escape\r\n'],
      error: undefined,
    });
    expect(lex('# p\n\n  \n$ go build .\nmoved to heap: x\n')).toEqual({
      tokens: ['PackageHeader:# p', 'Newline:\n', 'Newline:\n', 'Newline:\n', 'CommandLine:$ go build .', 'Newline:\n', 'MovedToHeap:moved to heap: x\n'],
      error: undefined,
    });
  });

  it('takes line openers only at the start of a line: a message is never a position, header, command or blank line', () => {
    expect(lex('./a.go:1:2: "a:1: b" escapes to heap\n').tokens).toEqual(['Position:./a.go:1:2: ', 'EscapesToHeap:"a:1: b" escapes to heap\n']);
    expect(lex('./a.go:1:2: b.go:3: x\n').tokens).toEqual(['Position:./a.go:1:2: ', 'UnrecognizedText:b.go:3: x\n']);
    expect(lex('./a.go:1:2: # p\n').tokens).toEqual(['Position:./a.go:1:2: ', 'UnrecognizedText:# p\n']);
    expect(lex('./a.go:1:2: go build .\n').tokens).toEqual(['Position:./a.go:1:2: ', 'UnrecognizedText:go build .\n']);
    expect(lex('./a.go:1:2:   \n').tokens).toEqual(['Position:./a.go:1:2: ', 'UnrecognizedText:  \n']);
    expect(lex('./a.go:1:2: \n').tokens).toEqual(['Position:./a.go:1:2: ', 'Newline:\n']);
  });

  it('stops at a lone carriage return, where no token matches, whatever template the text before it would be', () => {
    expect(lex('./a.go:1:2: inlining call to f\rg\n')).toEqual({
      tokens: ['Position:./a.go:1:2: ', 'TextBeforeCarriageReturn:inlining call to f', 'UnrecognizedText:g\n'],
      error: 30,
    });
    expect(parseGcflags('# p\n./a.go:1:2: x escapes to heap\r\r\n', 'cr').diagnostics.map((p) => `${p.line}:${p.column} ${p.message}`))
      .toEqual(['2:30 unexpected character "\\r"']);
  });

  it('messageText drops the line end, LF or CRLF', () => {
    expect(messageText('moved to heap: x\n')).toBe('moved to heap: x');
    expect(messageText('moved to heap: x\r\n')).toBe('moved to heap: x');
    expect(messageText('x\n')).toBe('x');
  });
});
