/**
 * The prefix a log collector writes before each line of a program's stderr, which the GC log
 * grammar skips (and detection looks past): journald's `Dec 05 00:49:00 host prog[1234]: `
 * (`journalctl -u UNIT`, also `-o short-iso` and `-o short-precise`), an RFC 3339 time and a space
 * (`kubectl logs --timestamps`, `docker logs -t`), a CRI log file's time, stream and tag
 * (`…Z stderr F `, the files under /var/log/pods), and `docker compose logs`' `app-1  | `. Apart from the tokens, so that detection
 * does not load Chevrotain.
 */
export const LOG_PREFIX_SOURCE = String.raw`(?:(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d))(?: \S+ [^\s:[]+(?:\[\d+\])?:| std(?:out|err) [FP])?|[\w.-]+ +\|) `;
