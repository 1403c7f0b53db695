import { FeatureStoreError } from '@featurescope/core';
import type { MilvusStatus } from './milvus-types.js';

/**
 * Milvus answered a call with a failed status instead of throwing. The instrumentation records it on
 * the span (`error.type` is the Milvus error code) and hands the caller the SDK's response unchanged:
 * the caller never sees this error, it exists so the failure is typed in telemetry.
 */
export class MilvusStatusError extends FeatureStoreError {
  static override readonly kind: string = 'MilvusStatusError';
  override readonly name: string = 'MilvusStatusError';
  /** Milvus's error code (`CollectionNotExists`, `IllegalArgument`, or the numeric `code`). */
  readonly code: string;
  /** The SDK's response, returned to the caller as it was. */
  readonly response: unknown;

  constructor(status: MilvusStatus, response: unknown) {
    const code = typeof status.error_code === 'string' && status.error_code !== '' ? status.error_code : `code ${String(status.code ?? status.error_code ?? 'unknown')}`;
    // The code only: reasons can quote ids or expressions.
    super(`Milvus answered with a failed status: ${code}`);
    this.code = code;
    this.response = response;
  }
}

/** Whether a status says the call worked (missing status: the SDK returned data, so yes). */
export function isSuccess(status: MilvusStatus | undefined): boolean {
  if (status === undefined || status === null) return true;
  if (status.error_code !== undefined) return status.error_code === 'Success' || status.error_code === 0;
  return status.code === undefined || status.code === 0;
}
