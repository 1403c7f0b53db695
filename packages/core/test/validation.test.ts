import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  MAX_REPORTED_PROBLEMS,
  VectorCollections,
  isSqlIdentifier,
  UnknownCollectionError,
  validateLookupRequest,
  validateUpsertRequest,
  validateVectorSearchRequest,
  validateVectorUpsertRequest,
  type UpsertRequest,
} from '../src/index.js';

const problemsOf = (fn: () => void): InvalidInputError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected InvalidInputError');
};

describe('request validation', () => {
  it('accepts a valid batch, including null values and event times', () => {
    expect(() => validateUpsertRequest({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: null, eventTime: new Date() }] })).not.toThrow();
  });

  it('names every offending row, the field and the reason', () => {
    const error = problemsOf(() =>
      validateUpsertRequest({
        group: 'g',
        rows: [
          { entityId: 'ok', feature: 'f', value: 1 },
          { entityId: 'ok', feature: 'f', value: '3' as unknown as number },
          { entityId: 'ok', feature: 'f', value: 1, eventTime: new Date(Number.NaN) },
          null as unknown as UpsertRequest['rows'][number],
        ],
      }),
    );
    expect(error.problems).toEqual([
      { code: 'INVALID_VALUE_TYPE', index: 1, field: 'rows[1].value', message: 'must be a number or null, got a string of 1 characters' },
      { code: 'INVALID_EVENT_TIME', index: 2, field: 'rows[2].eventTime', message: 'must be a valid Date when given' },
      { code: 'INVALID_VALUE_TYPE', index: 3, field: 'rows[3]', message: 'must be an object' },
    ]);
    expect(error.message).toBe('Invalid input, nothing was written: rows[1].value: must be a number or null, got a string of 1 characters; rows[2].eventTime: must be a valid Date when given; rows[3]: must be an object');
    expect(error.code).toBe('INVALID_VALUE_TYPE');
    expect(error.name).toBe('InvalidInputError');
  });

  it('keeps at most MAX_REPORTED_PROBLEMS problems but counts them all', () => {
    const rows = Array.from({ length: 250 }, () => ({ entityId: '', feature: 'f', value: 1 }));
    const error = problemsOf(() => validateUpsertRequest({ group: 'g', rows }));
    expect(error.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(error.problemCount).toBe(250);
    expect(error.message).toContain('(and 247 more)');
  });

  it('rejects a missing group and a non-array rows field', () => {
    const error = problemsOf(() => validateUpsertRequest({ group: '', rows: 'x' } as unknown as UpsertRequest));
    expect(error.problems.map((p) => p.code)).toEqual(['INVALID_GROUP', 'NOT_AN_ARRAY']);
  });

  it('checks lookup ids and names', () => {
    const error = problemsOf(() => validateLookupRequest({ group: 'g', entityIds: ['a', 7 as unknown as string], features: [''] }));
    expect(error.problems.map((p) => p.field)).toEqual(['entityIds[1]', 'features[0]']);
  });

  it('checks vectors: dimension, finite components, metadata, query norm and topK', () => {
    const upsert = problemsOf(() =>
      validateVectorUpsertRequest(
        {
          collection: 'c',
          records: [
            { id: 'a', vector: [1, 2], metadata: { nested: {} as unknown as string } },
            { id: 'b', vector: new Float32Array([1, Number.POSITIVE_INFINITY]) },
          ],
        },
        2,
      ),
    );
    expect(upsert.problems.map((p) => [p.code, p.field])).toEqual([
      ['INVALID_METADATA', 'records[0].metadata.nested'],
      ['NON_FINITE_VECTOR_COMPONENT', 'records[1].vector[1]'],
    ]);
    const search = problemsOf(() => validateVectorSearchRequest({ collection: 'c', vector: [0, 0], topK: 1.5 }, 2));
    expect(search.problems.map((p) => p.code)).toEqual(['ZERO_QUERY_VECTOR', 'INVALID_TOP_K']);
  });

  it('validates collection declarations up front and rejects unknown collections', () => {
    expect(() => new VectorCollections([{ name: 'bad name', dimension: 3 }])).toThrow(/must match/);
    expect(() => new VectorCollections([{ name: 'ok', dimension: 0 }])).toThrow(/dimension/);
    expect(() => new VectorCollections([{ name: 'ok', dimension: 3 }, { name: 'ok', dimension: 3 }])).toThrow(/twice/);
    const collections = new VectorCollections([{ name: 'emb', dimension: 8 }]);
    expect(collections.dimensionOf('emb')).toBe(8);
    expect(() => collections.dimensionOf('nope')).toThrow(UnknownCollectionError);
  });

  it('accepts only plain SQL identifiers for table and column names', () => {
    expect(['feature_values', 'user_id', '_t$1', 'a'.repeat(63)].every((name) => isSqlIdentifier(name))).toBe(true);
    expect(['', '1abc', 'a-b', 'a b', 'x;drop', '"q"', 'schema.table', 'a'.repeat(64), 42].some((name) => isSqlIdentifier(name))).toBe(false);
    expect(isSqlIdentifier('a'.repeat(64), 64)).toBe(true);
  });
});
