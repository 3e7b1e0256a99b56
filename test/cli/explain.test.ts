/** `heapdoc explain`: rule pages and MemStats fields from the built binary, from any working directory. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyze/rules/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const runIn = (cwd: string, args: string[]): Promise<CliResult> => runCli(args, { cwd });

describe('heapdoc explain', () => {
  it('prints the page of a rule, read from the package (any working directory)', async () => {
    const r = await runIn(mkdtempSync(join(tmpdir(), 'heapdoc-explain-')), ['explain', 'idle-heap-retained']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/rules/idle-heap-retained.md'), 'utf8'));
    expect(r.stdout).toContain('## How to fix it');
  });

  it('prints a budget rule page', async () => {
    const r = await runCli(['explain', 'max-retained']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# max-retained\n\nBudget: the memory the Go runtime holds/);
  });

  it('prints a MemStats field with the identities it takes part in, whatever the case', async () => {
    const r = await runCli(['explain', 'HeapIdle']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'HeapIdle (runtime.MemStats, bytes)',
      '',
      'Bytes in idle heap spans: spans with no objects in them.',
      '',
      'Idle spans can go back to the OS (then they count in HeapReleased too) or be reused for new objects or stacks. HeapIdle − HeapReleased is memory the runtime keeps backed by RAM for reuse; freed stack spans also end up here.',
      '',
      'In a heap?debug=1 dump: # HeapIdle = N',
      '',
      'Identities:',
      '  HeapSys = HeapInuse + HeapIdle',
      '  HeapReleased ≤ HeapIdle',
      '  idle = HeapIdle − HeapReleased',
      '',
      'Go documentation: https://pkg.go.dev/runtime#MemStats',
      '',
    ].join('\n'));
    expect((await runCli(['explain', 'heapidle'])).stdout).toBe(r.stdout);
    const stack = await runCli(['explain', 'StackInuse']);
    expect(stack.stdout).toContain('In a heap?debug=1 dump: # Stack = StackInuse / StackSys');
    const maxRss = (await runCli(['explain', 'MaxRSS'])).stdout;
    expect(maxRss).toContain('(printed since go1.15)');
    // Not headed "runtime.MemStats" and linked to its docs while it says it is no MemStats field.
    expect(maxRss.split('\n')[0]).toBe('MaxRSS (getrusage, printed by runtime/pprof, not runtime.MemStats, bytes)');
    expect(maxRss.trimEnd().split('\n').pop()).toBe('Documentation: https://man7.org/linux/man-pages/man2/getrusage.2.html');
  });

  it('lists rules and fields without an id', async () => {
    const r = await runCli(['explain']);
    expect(r.code).toBe(0);
    for (const rule of RULES) expect(r.stdout).toContain(`  ${rule.meta.id} `);
    expect(r.stdout).toMatch(/ {2}max-live-heap +off {6}Budget: the live heap/);
    expect(r.stdout).toContain('  GCCPUFraction ');
  });

  it('names close matches for an unknown id, exit 2', async () => {
    expect(await runCli(['explain', 'max-heap'])).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: unknown rule or MemStats field "max-heap" — did you mean max-live-heap? run heapdoc explain for the list\n' });
    expect((await runCli(['explain', 'HeapIdel'])).stderr).toBe('heapdoc: error: unknown rule or MemStats field "HeapIdel" — did you mean HeapIdle? run heapdoc explain for the list\n');
    expect((await runCli(['explain', 'qqqqqqqq'])).stderr).toBe('heapdoc: error: unknown rule or MemStats field "qqqqqqqq" — run heapdoc explain for the list\n');
  });
});
