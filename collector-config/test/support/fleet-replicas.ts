import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

/** The fleet-drift instruments (shared/DRIFT-METRICS, docs/telemetry.md). */
export const BIN_METRIC = 'featurescope.drift.bin.values';
export const BASELINE_METRIC = 'featurescope.baseline.values';
export const BINS = 20;
export const BASELINE_N = 10_000;
export const BASELINE_ID = 'b3f1c2';
export const GROUP = 'fleet_e2e_txn';

/** Deterministic bin counts of one replica for one feature: drifting features pile up in the top bins. */
export function replicaCounts(replica: number, feature: number): number[] {
  return Array.from({ length: BINS }, (_, bin) => 20 + ((replica * 7 + feature * 3 + bin * 5) % 11) + (feature % 3 === 0 ? bin * feature : 0));
}

/** One app replica exporting its bin counters and baseline sizes over OTLP/HTTP to every endpoint. */
export class Replica {
  readonly #provider: MeterProvider;

  constructor(readonly index: number, endpoints: readonly string[], features: readonly string[]) {
    this.#provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'fraud-scoring', 'service.instance.id': `pod-${index}` }),
      // Exports only on forceFlush (the interval is longer than any test).
      readers: endpoints.map((url) => new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${url}/v1/metrics` }), exportIntervalMillis: 3_600_000 })),
    });
    const meter = this.#provider.getMeter('@featurescope/quality');
    const bins = meter.createCounter(BIN_METRIC, { unit: '{value}' });
    const baseline = meter.createGauge(BASELINE_METRIC, { unit: '{value}' });
    features.forEach((feature, f) => {
      const common = { 'db.collection.name': GROUP, 'featurescope.feature.name': feature, 'featurescope.baseline.id': BASELINE_ID };
      baseline.record(BASELINE_N, common);
      replicaCounts(index, f).forEach((count, bin) => bins.add(count, { ...common, 'featurescope.source': 'inline', 'featurescope.drift.bin': String(bin).padStart(2, '0') }));
    });
  }

  flush(): Promise<void> {
    return this.#provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
