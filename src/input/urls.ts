/**
 * URLs as the command line gives them (analyze's INPUTs, watch's URL): what heapdoc refuses, what
 * it guesses was meant, and how it echoes them.
 */
import { HeapdocError } from './errors.js';

/** `text` with the userinfo of a URL in it (`user:password@`) masked: a password is never echoed. */
export function maskCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}

/**
 * A URL with credentials, refused: Node's fetch does not send them, and heapdoc would keep the
 * password in its messages and reports. `fix` says what to do instead.
 */
export function refuseCredentials(url: URL, spec: string, fix: (plain: string) => string): void {
  if (url.username === '' && url.password === '') return;
  const plain = new URL(url.href);
  plain.username = '';
  plain.password = '';
  throw new HeapdocError(`${maskCredentials(spec)}: URLs with credentials (user:password@) are not supported`, fix(plain.href));
}

/** `text` as one word of a shell command line: as it is when nothing in it is special to the shell, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The scheme of an argument written as a URL (`http`, `ftp`, `file`), undefined for a path or `-`. */
export function schemeOf(spec: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec)?.[1];
}

/** `localhost:6060`, `127.0.0.1:6060/debug/pprof/heap?debug=1`, `[::1]:6060/…`: an address without its `http://`. */
export function looksLikeAddress(spec: string): boolean {
  return /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\]):\d{1,5}(?:[/?].*)?$/i.test(spec);
}

/**
 * The hint for an address given without its scheme: the command again, with `http://`; the URL
 * alone where the command is not known (analyze, diff and lint read inputs alike).
 */
export function addSchemeHint(spec: string, command?: string): string {
  return `add http:// to fetch it: ${command !== undefined ? `${command} ` : ''}'http://${spec}'`;
}

/**
 * The text form of a profile URL given without `?debug=1` (`…/debug/pprof/heap` serves the binary
 * protobuf, which holds no MemStats): the same URL with `debug=1` (its other parameters, `gc=1`,
 * kept); undefined for a path, `-`, or a URL that asks for the text already.
 */
export function textFormUrl(spec: string): string | undefined {
  const scheme = schemeOf(spec)?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    return undefined;
  }
  const debug = url.searchParams.get('debug');
  if (debug !== null && /^\+?\d+$/.test(debug) && Number(debug) > 0) return undefined;
  url.searchParams.set('debug', '1');
  url.hash = '';
  return maskCredentials(url.href);
}
