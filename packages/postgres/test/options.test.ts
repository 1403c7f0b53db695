import { describe, expect, it } from 'vitest';
import { createPostgresFeatureStore, type PostgresFeatureStoreOptions } from '../src/index.js';
import { parseConnectionUrl } from '../src/driver/connection-url.js';
import { resolve } from 'node:path';

async function rejection(options: PostgresFeatureStoreOptions): Promise<unknown> {
  return createPostgresFeatureStore(options).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('option validation (before any connection)', () => {
  it.each<[string, PostgresFeatureStoreOptions, RegExp]>([
    ['a table name with a quote', { table: 'feature"values' }, /table must be an SQL identifier/],
    ['a table name with a space', { table: 'feature values' }, /table must be an SQL identifier/],
    ['a three-part table name', { table: 'a.b.c' }, /table must be/],
    ['a table name over 63 bytes', { table: 'x'.repeat(64) }, /table must be .* at most 63 bytes/],
    ['an empty column', { columns: { entityId: '' } }, /columns\.entityId must be an SQL identifier/],
    ['an injected column', { columns: { value: 'value; DROP TABLE x' } }, /columns\.value must be/],
    ['duplicate columns', { columns: { value: 'entity_id' } }, /columns must be four distinct names/],
    ['an unknown column key', { columns: { group: 'g' } as never }, /unknown option columns\.group/],
    ['a bad group table', { groupTables: { cards: '1cards' } }, /groupTables\["cards"\] must be an SQL identifier/],
    ['a bad vector prefix', { vectorTablePrefix: 'v-' }, /vectorTablePrefix must be/],
    ['a too long vector table', { vectorTablePrefix: 'p'.repeat(60), collections: [{ name: 'four', dimension: 2 }] }, /vectorTablePrefix \+ collection "four"/],
    ['a bad collection', { collections: [{ name: 'bad-name', dimension: 2 }] }, /Vector collection name/],
    ['a bad pool size', { poolSize: 0 }, /poolSize must be an integer from 1 to/],
    ['a non-boolean namedStatements', { namedStatements: 'yes' as never }, /namedStatements must be a boolean/],
    ['a bad chunk size', { upsertChunkSize: 1.5 }, /upsertChunkSize must be an integer from 1 to/],
    ['an unknown URL scheme', { url: 'mysql://root:secret@localhost/db' }, /url must start with pglite:\/\/, postgres:\/\/ or postgresql:\/\/, got "mysql:\/\/\*\*\*@localhost\/db"/],
    ['both url and client', { url: 'pglite://memory', client: {} as never }, /either url or client/],
    ['a client that is neither PGlite nor a Pool', { client: { query: () => undefined } as never }, /client must be a PGlite instance or a pg Pool/],
  ])('rejects %s with a TypeError naming the option', async (_label, options, message) => {
    const error = await rejection(options);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
  });

  it('does not leak the password of an unsupported URL', async () => {
    const error = await rejection({ url: 'mssql://sa:hunter2@db/x' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('connection URLs', () => {
  it('parses pglite and postgres forms', () => {
    expect(parseConnectionUrl('pglite://memory')).toEqual({ kind: 'pglite', dataDir: undefined });
    expect(parseConnectionUrl('pglite:///var/lib/fs%20data')).toEqual({ kind: 'pglite', dataDir: '/var/lib/fs data' });
    expect(parseConnectionUrl('pglite://data/features')).toEqual({ kind: 'pglite', dataDir: resolve('data/features') });
    expect(parseConnectionUrl('postgres://u@h:5432/db')).toEqual({ kind: 'pg', connectionString: 'postgres://u@h:5432/db' });
    expect(parseConnectionUrl('postgresql://u@h/db')).toEqual({ kind: 'pg', connectionString: 'postgresql://u@h/db' });
    expect(() => parseConnectionUrl('pglite://')).toThrow(TypeError);
    expect(() => parseConnectionUrl('pglite:///%E0%A4%A')).toThrow(/malformed percent-encoding/);
  });
});
