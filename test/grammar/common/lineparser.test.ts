/**
 * LineParser.cstInvocationStateUpdate (common/lineparser.ts) overrides a Chevrotain 11.2 internal
 * so that CST children are plain objects: these tests fail if Chevrotain stops calling it, if its
 * own version changes, or if a grammar names something like a property of Object.prototype.
 * (The heap, gctrace, gcflags and prometheus grammars build no CST: their parsers are EmbeddedActionsParsers.)
 */
import { describe, expect, it } from 'vitest';
import { CstParser } from '../../../src/grammar/common/chevrotain.js';
import { LineParser } from '../../../src/grammar/common/lineparser.js';
import type { LineGrammar } from '../../../src/grammar/common/linereader.js';
import { goroutineProfileGrammar, goroutineProfileParser } from '../../../src/grammar/goroutine/parser.js';
import { tracebackGrammar, tracebackParser } from '../../../src/grammar/traceback/parser.js';

const grammars: [string, LineGrammar, LineParser][] = [
  ['goroutine', goroutineProfileGrammar, goroutineProfileParser],
  ['traceback', tracebackGrammar, tracebackParser],
];

type Update = (this: unknown, name: string) => void;
const ours = (LineParser.prototype as unknown as { cstInvocationStateUpdate: Update }).cstInvocationStateUpdate;

describe('LineParser.cstInvocationStateUpdate', () => {
  it('builds CST nodes whose children are plain objects (Chevrotain still calls it)', () => {
    const lexed = goroutineProfileGrammar.tokenize('#\t0x1\tmain.f+0x1\t/x.go:1\n\n');
    const { lines, error } = goroutineProfileGrammar.parseLines(lexed.tokens);
    expect(error).toBeUndefined();
    expect(lines.map((line) => Object.getPrototypeOf(line.children) === Object.prototype)).toEqual([true, true]);
    expect(lines.map((line) => Object.keys(line.children))).toEqual([['FrameLine', 'Newline'], ['Newline']]);
  });

  it.each(grammars)('is the one every line grammar uses: %s', (_name, grammar, parser) => {
    expect((parser as unknown as { cstInvocationStateUpdate: Update }).cstInvocationStateUpdate).toBe(ours);
    const { lines, error } = grammar.parseLines(grammar.tokenize('\n').tokens); // every grammar takes a blank line
    expect(error).toBeUndefined();
    expect(lines.map((line) => [line.name, Object.getPrototypeOf(line.children) === Object.prototype])).toEqual([['line', true]]);
  });

  it('builds the same node as the Chevrotain method it overrides, but for the children object (no Chevrotain change is lost)', () => {
    type Node = { children: object; location?: unknown };
    const setInitialNodeLocation = (node: Node): void => {
      node.location = { startOffset: 0 };
    };
    // What the method reads and writes of the parser, and the nodes it leaves on the stack.
    const run = (update: Update): unknown => {
      const touched: string[] = [];
      const stack: Node[] = [];
      const parser = new Proxy({ CST_STACK: stack, setInitialNodeLocation }, {
        get: (target, key, receiver) => (touched.push(`get ${String(key)}`), Reflect.get(target, key, receiver)),
        set: (target, key, value, receiver) => (touched.push(`set ${String(key)}`), Reflect.set(target, key, value, receiver)),
      });
      update.call(parser, 'line');
      return { touched, stack: stack.map((node) => ({ ...node, children: { ...node.children } })) };
    };
    const chevrotains = (CstParser.prototype as unknown as { cstInvocationStateUpdate: Update }).cstInvocationStateUpdate;
    expect(ours).not.toBe(chevrotains);
    expect(run(chevrotains)).toEqual({ touched: ['get setInitialNodeLocation', 'get CST_STACK'], stack: [{ name: 'line', children: {}, location: { startOffset: 0 } }] });
    expect(run(ours)).toEqual(run(chevrotains));
  });

  it.each(grammars)('%s names no rule, token or label like a property of Object.prototype (CST children are plain objects)', (_name, _grammar, parser) => {
    const serialized = JSON.stringify(parser.getSerializedGastProductions());
    // The keys of CST children: rule and token names, and the LABELs of CONSUME and SUBRULE.
    const names = [...serialized.matchAll(/"(?:name|terminalLabel|label)":"([^"]*)"/g)].map((match) => match[1]);
    expect(names).toEqual(expect.arrayContaining(['line', 'lines', 'Newline']));
    expect(names.filter((name) => name !== undefined && name in Object.prototype)).toEqual([]);
  });

  it('finds the rule and token names of the goroutine grammar (the test above reads them)', () => {
    const serialized = JSON.stringify(goroutineProfileParser.getSerializedGastProductions());
    const names = [...serialized.matchAll(/"(?:name|terminalLabel|label)":"([^"]*)"/g)].map((match) => match[1]);
    expect(names).toEqual(expect.arrayContaining(['record', 'header', 'FrameLine', 'StackPcs']));
  });
});
