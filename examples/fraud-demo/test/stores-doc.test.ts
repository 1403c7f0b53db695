import { readFileSync } from 'node:fs';
import { CAPABILITY_NAMES } from '@featurescope/core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { DOC, renderedDoc, storeRows } from '../../../scripts/render-stores-doc.mjs';

type Rows = { rows: { packageName: string; capabilities: Record<string, { level: string; note: string }> }[] };

describe('docs/stores.md', () => {
  it('is exactly what the packages declare (regenerate: node scripts/render-stores-doc.mjs)', async () => {
    const current = readFileSync(DOC as string, 'utf8');
    expect(current).toBe(await (renderedDoc as (doc: string) => Promise<string>)(current));
  });

  it('has a row for every store package, each with every capability', async () => {
    const { rows } = (await (storeRows as () => Promise<Rows>)());
    expect(rows.map((r) => r.packageName)).toEqual(['@featurescope/core', '@featurescope/mysql2', '@featurescope/postgres', '@featurescope/redis', '@featurescope/milvus']);
    for (const row of rows) expect(Object.keys(row.capabilities)).toEqual([...CAPABILITY_NAMES]);
  });
});
