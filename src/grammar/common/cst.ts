/**
 * Reading a Chevrotain CST node's children. Visitors only run on nodes the parser accepted, so a
 * missing child is a bug in heapdoc, not in the input: `token` and `node` throw, `optionalToken`
 * is for the grammar's OPTION and OR branches.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';

export type Children = Record<string, CstElement[] | undefined>;

export function optionalToken(children: Children, name: string, index = 0): IToken | undefined {
  const element = children[name]?.[index];
  return element && 'image' in element ? element : undefined;
}

export function token(children: Children, name: string, index = 0): IToken {
  const element = optionalToken(children, name, index);
  if (!element) throw new Error(`internal: CST has no token ${name}[${index}]`);
  return element;
}

export function node(children: Children, name: string): CstNode {
  const element = children[name]?.[0];
  if (!element || 'image' in element) throw new Error(`internal: CST has no node ${name}`);
  return element;
}
