import { FEATURE_SERIES_LIMIT, announceHistogramConsumer } from '@featurescope/core';
import { context, diag, metrics, propagation, trace, type ContextManager } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createProblemSink, LOG_PREFIX } from './config/problems.js';
import { readTelemetryConfig } from './config/read-config.js';
import { fallbackServiceName } from './config/service-name.js';
import { createFallbackSampler } from './exporters/fallback-sampler.js';
import { HistogramSourceProducer } from './exporters/histogram-producer.js';
import { createMetricReaders } from './exporters/metric-readers.js';
import { SpanDrops } from './exporters/span-drops.js';
import { createSpanProcessors } from './exporters/span-processors.js';
import { INSTRUMENTATION_SCOPE } from './semconv.js';
import { createDriverInstrumentations } from './instrumentations/driver-instrumentations.js';
import { settleWithin } from './lifecycle/settle-within.js';
import { currentTelemetry, setCurrentTelemetry } from './lifecycle/telemetry-slot.js';
import type { StartTelemetryOptions, TelemetryHandle } from './types.js';

/**
 * Per-feature instruments have up to (features × sources × quantiles) series: the quality engine's
 * default cap of 1,000 features gives ~6,000 for `featurescope.feature.quantile`, past the SDK's
 * default limit of 2,000 per instrument (beyond which series merge into one overflow series).
 */
export const FEATURESCOPE_SERIES_LIMIT = FEATURE_SERIES_LIMIT;
const FEATURESCOPE_SERIES_VIEW = { instrumentName: 'featurescope.*', aggregationCardinalityLimit: FEATURESCOPE_SERIES_LIMIT };

const DEFAULT_FLUSH_TIMEOUT_MILLIS = 1000;

/**
 * Starts the OpenTelemetry SDK for a featurescope app, configured by the standard `OTEL_*`
 * variables with featurescope's defaults where they are unset: metrics on a Prometheus endpoint
 * (:9464), no trace export, no log export. When traces are exported, registers the
 * mysql2/pg/ioredis instrumentations for the drivers the app can resolve, masking parameter values.
 *
 * Call it before the app loads its database drivers (or use `--import @featurescope/otel/register`).
 * A second call returns the running handle.
 *
 * @throws TelemetryConfigError with `strict: true`, for the first invalid `OTEL_*` value
 * @throws TypeError for an invalid option
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  const running = currentTelemetry();
  if (running !== undefined) {
    if (Object.keys(options).length > 0) console.warn(`${LOG_PREFIX} telemetry is already running (started by the register hook or an earlier call); these options are ignored.`);
    return running;
  }
  const flushTimeoutMillis = options.flushTimeoutMillis ?? DEFAULT_FLUSH_TIMEOUT_MILLIS;
  if (!Number.isFinite(flushTimeoutMillis) || flushTimeoutMillis <= 0) {
    throw new TypeError(`startTelemetry: flushTimeoutMillis must be a positive number, got ${String(options.flushTimeoutMillis)}`);
  }
  // Validation happens before anything is created, so a strict failure leaves nothing running.
  const config = readTelemetryConfig(process.env, createProblemSink(options.strict === true));
  if (config.disabled) {
    const disabled: TelemetryHandle = { shutdown: () => Promise.resolve(), forceFlush: () => Promise.resolve() };
    return disabled;
  }
  const appRoot = options.appRoot ?? process.cwd();
  const { readers, prometheus } = createMetricReaders(config, [new HistogramSourceProducer()]);
  // Every reader now exports the bridge, so stores instrumented from here on aggregate their
  // duration histogram themselves instead of paying for an SDK record() per call.
  if (readers.length > 0) announceHistogramConsumer();
  const spanDrops = new SpanDrops();
  const spanProcessors = createSpanProcessors(config, spanDrops);
  const tracing = spanProcessors.length > 0;
  // The driver instrumentations exist for their spans; with no trace exporter they would only
  // cost CPU on every query (and add a second db.client.operation.duration from pg).
  const instrumentations = tracing ? createDriverInstrumentations(appRoot, options.instrumentations) : [];

  const sdk = new NodeSDK({
    serviceName: config.envServiceName === undefined ? fallbackServiceName(options.serviceName, appRoot) : undefined,
    metricReaders: readers,
    spanProcessors,
    sampler: config.samplerFallback === undefined ? undefined : createFallbackSampler(config.samplerFallback),
    // Without trace export nothing needs context propagation, and an AsyncLocalStorage context
    // manager costs on every await in the process; sdk-node reads null as "do not register".
    contextManager: tracing ? undefined : (null as unknown as ContextManager),
    // featurescope emits no logs; sdk-node would otherwise default to an OTLP log exporter.
    logRecordProcessors: config.logsExporterSet ? undefined : [],
    instrumentations,
    views: [FEATURESCOPE_SERIES_VIEW, ...(options.views ?? [])],
  });
  try {
    sdk.start();
  } catch (error) {
    void sdk.shutdown().catch(() => undefined);
    throw error;
  }
  // Dropped spans are exported where the metrics go (sdk-node registered the global provider).
  if (tracing && readers.length > 0) spanDrops.observe(metrics.getMeter(INSTRUMENTATION_SCOPE));

  const bounded = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    const outcome = await settleWithin(Promise.resolve().then(work), flushTimeoutMillis);
    if (outcome === 'timed-out') diag.warn(`${LOG_PREFIX} ${what} did not finish within ${flushTimeoutMillis} ms (collector unreachable?); unsent telemetry is dropped`);
    else if (outcome === 'failed') diag.warn(`${LOG_PREFIX} ${what} failed; unsent telemetry is dropped`);
  };
  let stopped: Promise<void> | undefined;
  const handle: TelemetryHandle = {
    get prometheusPort() {
      return prometheus?.port;
    },
    forceFlush: () =>
      stopped === undefined
        ? bounded('telemetry flush', () => Promise.all([...spanProcessors.map((p) => p.forceFlush()), ...readers.map((r) => r.forceFlush())]))
        : Promise.resolve(),
    shutdown: () =>
      (stopped ??= bounded('telemetry shutdown', () => sdk.shutdown()).then(() => {
        for (const instrumentation of instrumentations) instrumentation.disable();
        // Unregister the globals sdk-node registered (and only those), so a later
        // startTelemetry() can register fresh ones.
        if (readers.length > 0) metrics.disable();
        if (tracing) {
          trace.disable();
          context.disable();
        }
        propagation.disable();
        if (currentTelemetry() === handle) setCurrentTelemetry(undefined);
      })),
  };
  setCurrentTelemetry(handle);
  return handle;
}

/** The handle started by `@featurescope/otel/register` (or an earlier `startTelemetry()`), if any. */
export function getTelemetry(): TelemetryHandle | undefined {
  return currentTelemetry();
}
