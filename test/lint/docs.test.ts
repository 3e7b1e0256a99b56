/**
 * The rule pages (docs/rules/<id>.md) stay true: one per rule, their excerpts are verbatim lines
 * of the corpus file they name, and the `heapdoc lint …` output they show is what lint reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMSTATS_FIELDS } from '../../src/analyze/memstats-fields.js';
import { RULES } from '../../src/analyze/rules/index.js';
import { THRESHOLDS } from '../../src/analyze/thresholds.js';
import { KNOWN_MEMSTATS, PAIRED_MEMSTATS } from '../../src/grammar/heap/index.js';
import { activeRules, applyRuleFlags } from '../../src/lint/config.js';
import { ruleDoc, ruleDocPath } from '../../src/lint/docs.js';
import { lintInputs } from '../../src/lint/runner.js';
import { readFixture, ROOT } from '../helpers/fixtures.js';

const DOCS = join(ROOT, 'docs/rules');

describe('rule pages', () => {
  it('exist for every rule of the registry, and only for them', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
    expect(pages).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(ruleDocPath('gc-cpu-high')).toBe(join(DOCS, 'gc-cpu-high.md'));
    expect(ruleDoc('../package')).toBeUndefined();
  });

  it('are indexed in docs/rules.md', () => {
    const index = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
    for (const r of RULES) expect(index).toContain(`| [${r.meta.id}](rules/${r.meta.id}.md) |`);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      const page = ruleDoc(id) ?? '';

      it('opens with the id and the description, and links the Go documentation', () => {
        expect(page.startsWith(`# ${id}\n\n${rule.meta.description}\n`)).toBe(true);
        expect(page).toContain(rule.meta.docsUrl);
        for (const section of ['## What it finds', '## Why it matters', '## How to fix it', '## Example', '## Configuration']) expect(page).toContain(section);
        for (const option of Object.keys(rule.meta.options ?? {})) expect(page).toContain(`| \`${option}\` |`);
      });

      it('quotes its example verbatim from a real corpus file or capture', () => {
        const match = /From `([^`]+)` \([^]*?\):\n\n```text\n([^]*?)\n```/.exec(page);
        expect(match, 'an example excerpt').not.toBeNull();
        const [, file = '', excerpt = ''] = match ?? [];
        // The corpus, or a real capture kept beside it (gzipped when large).
        expect(file.startsWith('test/fixtures/corpus/') || file.startsWith('test/fixtures/captured/')).toBe(true);
        const lines = readFixture(file.slice('test/fixtures/'.length)).split('\n');
        for (const line of excerpt.split('\n')) {
          if (line.endsWith(' …')) expect(lines.some((l) => l.startsWith(line.slice(0, -2))), line).toBe(true);
          else expect(lines, line).toContain(line);
        }
      });

      const shown = /`heapdoc lint ([^`]+)` reports:\n\n```text\n([^]*?)\n```/.exec(page);
      if (shown) {
        it('shows what heapdoc lint reports', async () => {
          const args = (shown[1] ?? '').split(' ').filter((a) => a !== '--info');
          const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rule');
          const flags = args.filter((_a, i) => args[i - 1] === '--rule');
          const outcome = await lintInputs(files.map((f) => join(ROOT, f)), {
            active: activeRules(applyRuleFlags(new Map(), flags)), concurrency: 1, onProblem: (e) => { throw e; },
          });
          const rows = outcome.results.flatMap((r) => r.messages).filter((m) => m.ruleId === id)
            .map((m) => `${m.line === undefined ? '' : `${m.line}:${m.column ?? 0}  `}${m.severity}  ${m.message}  ${m.ruleId}`);
          expect(rows).toEqual((shown[2] ?? '').split('\n'));
        });
      }
    });
  }
});

describe('rule options', () => {
  it('of the threshold rules are THRESHOLDS keys; budgets require theirs', () => {
    for (const r of RULES) {
      for (const name of Object.keys(r.meta.options ?? {})) {
        // A budget's own options (`limit`, a series budget's `perHour`) are not thresholds.
        if (r.meta.requires?.includes(name) || r.meta.requiresOneOf?.includes(name) || r.meta.inputs?.includes('series')) continue;
        expect(Object.keys(THRESHOLDS), `${r.meta.id}.${name}`).toContain(name);
      }
      if (r.meta.id.startsWith('max-')) expect(r.meta.requires).toEqual(['limit']);
    }
  });
});

describe('MemStats field docs', () => {
  it('cover every field a dump prints', () => {
    for (const name of KNOWN_MEMSTATS.keys()) {
      const fields = PAIRED_MEMSTATS[name] ?? [name];
      for (const field of fields) expect(MEMSTATS_FIELDS.has(field), field).toBe(true);
    }
  });
});
