import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as esm from '../src/index.js';

// The CommonJS build is a second copy of every class: `instanceof` must still hold across copies.
const cjs = createRequire(import.meta.url)('../dist/cjs/index.js') as typeof esm;

describe('typed errors', () => {
  it('keep name, message and cause', () => {
    const cause = new Error('socket closed');
    const error = new esm.StoreCapabilityError('vector', 'no VECTOR type on MariaDB 10.11', { cause });
    expect(error.name).toBe('StoreCapabilityError');
    expect(error.capability).toBe('vector');
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(esm.FeatureStoreError);
    expect(error).toBeInstanceOf(Error);
  });

  it('are instanceof across the ESM and CommonJS copies, without false positives', () => {
    const fromCjs = new cjs.UnknownCollectionError('emb');
    expect(fromCjs).toBeInstanceOf(esm.UnknownCollectionError);
    expect(fromCjs).toBeInstanceOf(esm.FeatureStoreError);
    expect(fromCjs).not.toBeInstanceOf(esm.StoreClosedError);
    expect(new esm.StoreClosedError()).toBeInstanceOf(cjs.StoreClosedError);
    expect(new Error('plain')).not.toBeInstanceOf(cjs.FeatureStoreError);
    expect({ name: 'StoreClosedError' }).not.toBeInstanceOf(esm.StoreClosedError);
  });
});
