import { diag, type Attributes, type MeterProvider } from '@opentelemetry/api';
import { histogramExportOf } from './histogram-export.js';
import type { SlotHistograms } from './slot-histograms.js';

/** One self-aggregated histogram and how its slots map to metric attributes. */
export interface SlotHistogramBinding {
  readonly histograms: SlotHistograms;
  /** Attributes of a slot; `undefined` leaves the slot out. */
  readonly attributesOf: (slot: number) => Attributes | undefined;
}

/**
 * Exports self-aggregated histograms through `meterProvider`: when a {@link HistogramExport} is
 * attached to it (`attachHistogramExport`), as one source of that export (cheap per value); else
 * each value is also recorded on an SDK histogram of `meterProvider`'s meter, so the histograms
 * reach any MeterProvider (a user's own NodeSDK included). Returns a function that stops the
 * export: the source leaves the export, SDK recording stops.
 */
export function exportSlotHistograms(
  meterProvider: MeterProvider,
  scope: { readonly name: string; readonly version?: string },
  bindings: readonly SlotHistogramBinding[],
): () => void {
  const target = histogramExportOf(meterProvider);
  if (target !== undefined) {
    return target.add({ scope, collect: () => bindings.map((b) => b.histograms.snapshot(b.attributesOf)) });
  }
  const meter = meterProvider.getMeter(scope.name, scope.version);
  for (const { histograms, attributesOf } of bindings) {
    const instrument = meter.createHistogram(histograms.name, {
      description: histograms.description,
      unit: histograms.unit,
      advice: { explicitBucketBoundaries: [...histograms.boundaries] },
    });
    histograms.mirrorTo((slot, value) => {
      const attributes = attributesOf(slot);
      if (attributes !== undefined) instrument.record(value, attributes);
    });
  }
  diag.debug(`${scope.name}: no HistogramExport attached to the meter provider; histograms are recorded on SDK instruments`);
  return () => {
    for (const { histograms } of bindings) histograms.mirrorTo(undefined);
  };
}
