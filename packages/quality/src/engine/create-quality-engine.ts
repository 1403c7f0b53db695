import { QualityEngine } from './quality-engine.js';
import { resolveQualityOptions, type QualityEngineOptions } from './options.js';

/**
 * Creates the data-quality engine. Pass it to `instrumentFeatureStore(store, { observers: [engine] })`;
 * register the OpenTelemetry SDK first (or pass `meterProvider`). Its histograms leave through that
 * provider: its attached `HistogramExport` (`@featurescope/otel` attaches one), else its own SDK
 * histograms. Throws `QualityConfigError` naming the first bad
 * option or registry entry.
 */
export function createQualityEngine(options?: QualityEngineOptions): QualityEngine {
  return new QualityEngine(resolveQualityOptions(options));
}
