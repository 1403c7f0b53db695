import { InvalidInputError, type FeatureStore } from '@featurescope/core';
import { errorCode, isStoreUnavailable, readJsonBody, withTransientRetry, type JsonLogger, type JsonResponse, type RouteSpec, type TransientRetryOptions } from '@featurescope/example-service-kit';
import { apiProblems, parseIngestBody, type IngestLimits } from './ingest-payload.js';

export interface IngestRouteOptions {
  readonly store: FeatureStore;
  /** Feature group every ingested value belongs to. */
  readonly group: string;
  readonly limits: IngestLimits;
  /** Largest request body, bytes. */
  readonly maxBodyBytes: number;
  readonly retry: TransientRetryOptions;
  readonly logger: JsonLogger;
}

/** `POST /v1/ingest`: validate everything, then one atomic upsert, retried while the database is transiently down. */
export function ingestRoute(options: IngestRouteOptions): RouteSpec {
  const { store, group, logger } = options;
  const retry: TransientRetryOptions = {
    ...options.retry,
    onRetry: ({ attempt, delayMs, error }) => logger.warn('store call failed, retrying', { attempt, delay_ms: Math.round(delayMs), error_code: errorCode(error) }),
  };
  return {
    method: 'POST',
    path: '/v1/ingest',
    handle: async ({ request }): Promise<JsonResponse> => {
      const body = await readJsonBody(request, options.maxBodyBytes);
      if (!body.ok) return body.response;
      const batch = Array.isArray(body.value);
      const parsed = parseIngestBody(body.value, options.limits, Date.now());
      if (!parsed.ok) {
        logger.info('rejected invalid ingest request', { problem_count: parsed.problemCount });
        return { status: 400, body: { error: 'invalid_request', problems: parsed.problems, problem_count: parsed.problemCount } };
      }
      const started = performance.now();
      try {
        const { written } = await withTransientRetry(() => store.upsert({ group, rows: parsed.rows }), retry);
        logger.info('ingested', { rows: written, duration_ms: Math.round(performance.now() - started) });
        return { status: 200, body: { written } };
      } catch (error) {
        if (error instanceof InvalidInputError) {
          // A `reject` rule of the quality engine (or the store's own checks): nothing was written.
          logger.info('rejected by feature rules', { problem_count: error.problemCount });
          return { status: 400, body: { error: 'invalid_request', problems: apiProblems(error.problems, batch), problem_count: error.problemCount } };
        }
        if (isStoreUnavailable(error)) {
          logger.error('store unavailable, answering 503', { error_code: errorCode(error), cause: errorCode((error as Error).cause) });
          return { status: 503, body: { error: 'store_unavailable', message: 'The feature store is unavailable; retry later' }, headers: { 'retry-after': '1' } };
        }
        throw error;
      }
    },
  };
}
