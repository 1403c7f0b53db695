import { RETRYABLE_NETWORK_CODES } from '@featurescope/core';

/**
 * PostgreSQL classification for core's shared retry module: SQLSTATEs of transient failures.
 * Everything else (syntax 42601, unique 23505, string too long 22001, …) reaches the caller at once.
 */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Whether a failed attempt over `pg` may be retried. */
export function isRetryablePgError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return RETRYABLE_SQLSTATES.has(code) || RETRYABLE_NETWORK_CODES.has(code);
  // pg reports a socket closed under it as a plain Error without a code.
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /^Connection terminated|^Client has encountered a connection error/.test(message);
}
