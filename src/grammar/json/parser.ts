/**
 * The JSON grammar (the shape of Chevrotain's own JSON example), with embedded actions that
 * build the value tree directly: a JSON document is not line-based, and a CST of a large array
 * would be thrown away at once. Numbers keep their text (tokens.ts).
 */
import type { IToken } from 'chevrotain';
import { EmbeddedActionsParser } from '../common/chevrotain.js';
import { errorMessageProvider } from '../common/errors.js';
import { Colon, Comma, False, LCurly, LSquare, Null, NumberLiteral, RCurly, RSquare, StringLiteral, True, allTokens } from './tokens.js';
import type { Position } from '../common/positions.js';

export type JsonValue =
  | { kind: 'object'; entries: [string, JsonValue][]; position: Position }
  | { kind: 'array'; items: JsonValue[]; position: Position }
  | { kind: 'string'; value: string; position: Position }
  | { kind: 'number'; text: string; position: Position }
  | { kind: 'boolean'; value: boolean; position: Position }
  | { kind: 'null'; position: Position }
  /** A value only passed on (a program's own expvar var): plain JavaScript (plain.ts), no positions inside. */
  | { kind: 'plain'; value: unknown; position: Position };

const RULE_DESCRIPTIONS: Record<string, string> = {
  value: 'a JSON value',
  object: 'a JSON object',
  array: 'a JSON array',
};

function at(tok: IToken): Position {
  return { line: tok.startLine ?? 0, column: tok.startColumn ?? 0 };
}

/** A JSON string's value (the token is valid JSON, so JSON.parse cannot fail on it). */
export function unquote(image: string): string {
  return image.includes('\\') ? (JSON.parse(image) as string) : image.slice(1, -1);
}

export class JsonParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, errorMessageProvider: errorMessageProvider(RULE_DESCRIPTIONS) });
    this.performSelfAnalysis();
  }

  public value = this.RULE('value', (): JsonValue => this.OR([
    { ALT: () => this.SUBRULE(this.object) },
    { ALT: () => this.SUBRULE(this.array) },
    { ALT: () => { const t = this.CONSUME(StringLiteral); return { kind: 'string', value: this.ACTION(() => unquote(t.image)), position: at(t) }; } },
    { ALT: () => { const t = this.CONSUME(NumberLiteral); return { kind: 'number', text: t.image, position: at(t) }; } },
    { ALT: () => { const t = this.CONSUME(True); return { kind: 'boolean', value: true, position: at(t) }; } },
    { ALT: () => { const t = this.CONSUME(False); return { kind: 'boolean', value: false, position: at(t) }; } },
    { ALT: () => { const t = this.CONSUME(Null); return { kind: 'null', position: at(t) }; } },
  ]));

  public object = this.RULE('object', (): JsonValue => {
    const open = this.CONSUME(LCurly);
    const entries: [string, JsonValue][] = [];
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        const key = this.CONSUME(StringLiteral);
        this.CONSUME(Colon);
        const value = this.SUBRULE(this.value);
        this.ACTION(() => entries.push([unquote(key.image), value]));
      },
    });
    this.CONSUME(RCurly);
    return { kind: 'object', entries, position: at(open) };
  });

  public array = this.RULE('array', (): JsonValue => {
    const open = this.CONSUME(LSquare);
    const items: JsonValue[] = [];
    this.MANY_SEP({ SEP: Comma, DEF: () => { const v = this.SUBRULE(this.value); this.ACTION(() => items.push(v)); } });
    this.CONSUME(RSquare);
    return { kind: 'array', items, position: at(open) };
  });
}

let parser: JsonParser | undefined;
/** The one JSON parser, built on first use (see jsonLexer). */
export function jsonParser(): JsonParser {
  return (parser ??= new JsonParser());
}
