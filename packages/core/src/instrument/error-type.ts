import { FeatureStoreError } from '../errors.js';

/**
 * The `error.type` value for an error: a driver's string code (`ER_LOCK_DEADLOCK`, `57014`) when it
 * has one, else its class name; `_OTHER` when neither exists. featurescope's own errors report their
 * class name (`InvalidInputError`). Codes and class names are low-cardinality.
 */
export function errorTypeOf(error: unknown): string {
  if (error instanceof FeatureStoreError) return error.name;
  if (error !== null && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && name.length > 0 && name.length <= 64 && name !== 'Error') return name;
  }
  return '_OTHER';
}
