/**
 * What a function's name says of where its code is, as the compiler's output and a heap profile
 * name it: the function a closure is declared in, and the package's initialisation, which runs its
 * package-level variables' initialisers.
 */

/**
 * The function the compiler's output is taken to call a package's initialisation by: go1.19 names
 * its package-level closures `glob..func1` and go1.22+ `init.func1`, and a profile's frame is
 * `main.init`. It is never declared (no `can inline init` line); a user's `func init()` is
 * `init.0`, `init.1` …, functions of their own.
 */
export const PACKAGE_INIT = 'init';

/**
 * Whether a profile frame's function is a package's initialisation (`main.init`,
 * `example.com/app/store.init`): the package path, then `.init`. Not a user's `func init()`
 * (`main.init.0`), nor a method named init (`main.(*T).init`, `main.T.init`).
 */
export function isPackageInit(frameFunction: string): boolean {
  if (!frameFunction.endsWith(`.${PACKAGE_INIT}`)) return false;
  const last = frameFunction.slice(frameFunction.lastIndexOf('/') + 1, -PACKAGE_INIT.length - 1);
  return last !== '' && !/[.()[\]*]/.test(last);
}

/** A function name with each type-argument list, nested brackets included (`Map[K,List[V]]`), read as `[...]`. */
export function withoutTypeArguments(name: string): string {
  if (!name.includes('[')) return name;
  let out = '';
  let depth = 0;
  for (const ch of name) {
    if (ch === '[') {
      if (depth === 0) out += '[...]';
      depth++;
    } else if (ch === ']') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      out += ch;
    }
  }
  return out;
}

/**
 * What a method value's closure is, after its name (EscapeFinding.methodValue): ` (the method value
 * (*Cache[int,*main.Record]).Put)`, ` (a method value)` when -m=2 names no method, '' for another function.
 */
export function methodValueWords(methodValue: string | undefined): string {
  if (methodValue === undefined) return '';
  return methodValue === '' ? ' (a method value)' : ` (the method value ${methodValue})`;
}

/**
 * A closure's name: `F.func1`, `F.gowrap1`, `F.deferwrap1` (go1.22+), a range-over-func loop's
 * body `F-range1` (go1.23+); nested, `F.func1.2`, `F.func1.gowrap1`, `F.func1-range1`. go1.22+
 * names a closure inlined with its function after the inlined calls (`wrap.wrap.func5.func6`).
 */
const CLOSURE_SUFFIX = /(?:\.(?:func|gowrap|deferwrap)?|-range)\d+$/;

/** A range-over-func loop's body (go1.23+): `F-range1`, `F.func1-range2`. */
const RANGE_BODY = /-range\d+$/;

/**
 * Whether a closure is a range-over-func loop's body. go1.23+ names those and the closures in them
 * after the function around the loop, not the body (ir.closureName's RangeParent): the body of a
 * loop nested in `parsePlusBuildExpr-range1` (go/build/constraint/expr.go:409:2) is
 * `parsePlusBuildExpr-range2` (411:3), not `parsePlusBuildExpr-range1-range1`.
 */
export function isRangeBody(name: string): boolean {
  return RANGE_BODY.test(name);
}

/**
 * A closure's enclosing function, from its name; undefined for a declared function. go1.19 names a
 * closure of a package-level variable's initialiser `glob..func1`: the package's initialisation
 * encloses it (PACKAGE_INIT; go1.22+ names it `init.func1`).
 */
export function closureParent(name: string): string | undefined {
  const parent = name.replace(CLOSURE_SUFFIX, '');
  if (parent === 'glob.') return PACKAGE_INIT;
  // A user's `func init()`: `init.0`, `init.1` … are declared functions, not closures of the initialisation.
  if (parent === PACKAGE_INIT && /^init\.\d+$/.test(name)) return undefined;
  return parent !== name && parent !== '' && !parent.endsWith('.') ? parent : undefined;
}

/**
 * A closure plain -m does not name (it declares only inlinable functions: `go func() { defer
 * wg.Done(); … }()` has no `can inline main.func1` line): its `func literal` message says where it
 * starts, `column` of the line of the message it holds; `parent`, the function it is in, when known.
 */
export interface UnnamedClosure {
  column: number;
  parent: string | undefined;
}

/**
 * What a heap value or leak's function is when the output does not say it alone: the compiler
 * printed no column on a line holding several functions' code (analyzer.ts
 * EscapeFinding.lineFunctions): `column not printed: in main or one of its 7 closures at this
 * line`; or, at plain -m, it is in a closure the output does not name (`closureAt`): `in the closure
 * that starts at column 6 of this line (in main), which plain -m does not name: …`. Undefined for the others.
 */
export function columnNote(f: { function?: string | undefined; lineFunctions?: number | undefined; closureAt?: UnnamedClosure | undefined }): string | undefined {
  const closure = f.closureAt;
  if (closure !== undefined) {
    return `not named by -m: in the closure that starts at column ${closure.column} of this line${closure.parent !== undefined ? ` (in ${closure.parent})` : ''}, which plain -m does not declare (it declares only inlinable functions; -m=2 declares every one)`;
  }
  const n = f.lineFunctions;
  if (n === undefined || n === 0) return undefined;
  if (f.function === undefined) return `column not printed: in one of ${n} functions at this line`;
  return `column not printed: in ${f.function} or ${n === 1 ? 'its closure' : `one of its ${n} closures`} at this line`;
}

/**
 * columnNote of a heap site's compiler message (join.ts JoinedDiagnostic): undefined unless the
 * analysis found that other functions could hold it (`sharedWith`), or that it is in a closure
 * plain -m does not name (`closureAt`).
 */
export function joinedColumnNote(d: { placedIn?: string | undefined; sharedWith?: readonly string[] | undefined; closureAt?: UnnamedClosure | undefined }): string | undefined {
  if (d.closureAt !== undefined) return columnNote({ closureAt: d.closureAt });
  return d.sharedWith === undefined ? undefined : columnNote({ function: d.placedIn, lineFunctions: d.sharedWith.length });
}
