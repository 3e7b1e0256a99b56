/**
 * The gcflags parser's `lines` rule repeats `line`'s alternatives in place (no rule call a line):
 * a chunk parsed whole records, line by line, what `line` records of each line parsed alone (the
 * path a chunk with an error takes, whose diagnostics are `line`'s).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gcflagsGrammar, gcflagsParser } from '../../../src/grammar/gcflags/parser.js';

/** Each line's record as `Type:image` of its main token, and its position's image (or '-'). */
function wholeChunk(text: string): string[] {
  const lexed = gcflagsGrammar.tokenize(text, false);
  expect(lexed.errors).toEqual([]);
  const parsed = gcflagsGrammar.parseLines(lexed.tokens);
  expect(parsed.error).toBeUndefined();
  return Array.from({ length: parsed.count }, (_, i) => record(parsed.lines[i], gcflagsParser.details[i]));
}

function lineByLine(text: string): string[] {
  return text.split(/(?<=\n)/).map((line) => {
    const parsed = gcflagsGrammar.parseLine(gcflagsGrammar.tokenize(line, false).tokens);
    expect(parsed.error).toBeUndefined();
    return record(parsed.line, gcflagsParser.details[0]);
  });
}

function record(main: { tokenType: { name: string }; image: string } | undefined, position: { image: string } | undefined): string {
  return `${main?.tokenType.name}:${JSON.stringify(main?.image)} ${position?.image ?? '-'}`;
}

describe('gcflags parser: a chunk parsed whole', () => {
  it.each([
    ['test/fixtures/corpus/go1.19/compiler/seed.gcflags-m2.txt', 210],
    ['test/fixtures/gcflags/windows-crlf.m2.txt', 10],
    ['test/fixtures/gcflags/generics-and-orphans.m2.txt', 21],
  ])('%s: one record a line (%i), each what the line rule records of that line alone', (file, lines) => {
    const text = readFileSync(file, 'utf8');
    const whole = wholeChunk(text);
    expect(whole).toHaveLength(lines);
    expect(whole).toEqual(lineByLine(text));
  });

  it('records the command line, the header, a positioned message and a -m=2 step as their lines say', () => {
    const whole = wholeChunk(readFileSync('test/fixtures/corpus/go1.19/compiler/seed.gcflags-m2.txt', 'utf8'));
    expect(whole.slice(0, 4)).toEqual([
      'CommandLine:"$ go build -gcflags=-m=2 ." -',
      'PackageHeader:"# seed" -',
      'CanInline:"can inline routine1 with cost 65 as: func() { (*sync.WaitGroup).Done(wghoge) }\\n" ./main.go:26:6: ',
      'InliningCall:"inlining call to sync.(*WaitGroup).Done\\n" ./main.go:26:30: ',
    ]);
    expect(whole.filter((r) => r.startsWith('FlowStep:') || r.startsWith('FromStep:'))).toHaveLength(110);
  });
});
