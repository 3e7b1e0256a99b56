import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EOF } from './chevrotain.js';

/** A token as a reader would name it: its label (`an integer`), or its text in quotes. */
function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the input';
  if (/^\r?\n$/.test(token.image)) return 'the end of the line';
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}…` : token.image;
  return JSON.stringify(image);
}

function describeType(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function oneOf(names: string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? 'nothing';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/**
 * Chevrotain's default messages name token types (`--> RBracket <--`); these name what a person
 * would look for (`']'`, `an integer`) and the kind of line being read (`a MemStats line`).
 */
export function errorMessageProvider(ruleDescriptions: Readonly<Record<string, string>>): IParserErrorMessageProvider {
  const inRule = (ruleName: string): string => {
    const what = ruleDescriptions[ruleName];
    return what ? ` in ${what}` : '';
  };
  return {
    buildMismatchTokenMessage: ({ expected, actual, ruleName }) =>
      `expected ${describeType(expected)}${inRule(ruleName)}, found ${describeToken(actual)}`,
    buildNotAllInputParsedMessage: ({ firstRedundant, ruleName }) =>
      `unexpected ${describeToken(firstRedundant)}${inRule(ruleName)}`,
    buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) => {
      const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((path) => (path[0] ? describeType(path[0]) : '')));
      const found = actual[0] ? describeToken(actual[0]) : 'nothing';
      return `expected ${oneOf(firsts.filter(Boolean))}${inRule(ruleName)}, found ${found}`;
    },
    buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) => {
      const firsts = expectedIterationPaths.map((path) => (path[0] ? describeType(path[0]) : ''));
      const found = actual[0] ? describeToken(actual[0]) : 'nothing';
      return `expected at least one ${oneOf(firsts.filter(Boolean))}${inRule(ruleName)}, found ${found}`;
    },
  };
}
