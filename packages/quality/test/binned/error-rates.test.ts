import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES, markdownTable, runCase, type TrialRow } from './error-rates.js';

const doc = readFileSync(new URL('../../../../docs/data-quality.md', import.meta.url), 'utf8');

describe('detection and false alarms of the shared rule, 200 seeded trials per case', () => {
  const rows: TrialRow[] = [];
  for (const [i, c] of CASES.entries()) {
    it(c.name, () => {
      const row = runCase(c, 1000 + i);
      rows.push(row);
      expect(row.nonFinite).toBe(false);
      if (c.kind === 'detect') expect(row.states[2]).toBeGreaterThanOrEqual(0.95);
      if (c.kind === 'stable') expect(row.states[2]).toBeLessThanOrEqual(0.05);
      if (c.extra !== undefined) expect(row.changedByExtra).toBe(0);
      if (c.kind === 'report') expect(row.states[2]).toBe(0);
    });
  }

  it('is the table printed in docs/data-quality.md', () => {
    const table = markdownTable(rows);
    if (!doc.includes(table)) console.log(table);
    expect(doc.includes(table), 'paste the table printed above into docs/data-quality.md').toBe(true);
  });
});
