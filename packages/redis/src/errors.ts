import { FeatureStoreError } from '@featurescope/core';

/** A hash under one of the batch's keys holds another type (WRONGTYPE); the rest of the batch was applied. */
export class RedisWrongTypeError extends FeatureStoreError {
  static override readonly kind: string = 'RedisWrongTypeError';
  override readonly name: string = 'RedisWrongTypeError';
  constructor(cause: unknown) {
    super('A key of the batch holds a non-hash value (WRONGTYPE): check the key layout or prefix', { cause });
  }
}
