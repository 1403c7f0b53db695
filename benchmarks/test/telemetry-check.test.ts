import { InMemoryFeatureStore, instrumentFeatureStore } from '@featurescope/core';
import { describe, expect, it } from 'vitest';
import { checkTelemetry } from '../src/run/telemetry-check.js';
import { createBenchSdk } from '../src/telemetry/bench-sdk.js';
import { VARIANTS } from '../src/variants/variants.js';

const fs = VARIANTS.find((v) => v.id === 'fs')!;
const raw = VARIANTS.find((v) => v.id === 'raw')!;

async function instrumentedCalls(calls: number): Promise<ReturnType<typeof createBenchSdk>> {
  const sdk = createBenchSdk();
  const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider });
  await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 1 }] });
  for (let i = 1; i < calls; i++) await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
  await sdk.finish();
  return sdk;
}

describe('checkTelemetry with a real SDK and the counting exporters', () => {
  it('passes when every call produced one span and one duration sample', async () => {
    const sdk = await instrumentedCalls(50);
    const counts = checkTelemetry(sdk, fs, 50);
    expect(counts).toMatchObject({ featurescopeSpans: 50, durationSamples: 50, driverSpans: 0, problems: [] });
    expect(counts.metricPoints).toBeGreaterThan(0);
  });

  it('fails a variant that lost telemetry', async () => {
    const sdk = await instrumentedCalls(50);
    const counts = checkTelemetry(sdk, fs, 60);
    expect(counts.problems.join()).toMatch(/featurescope spans 50 ≠ calls 60/);
    expect(counts.problems.join()).toMatch(/duration samples 50 ≠ calls 60/);
  });

  it('fails a baseline that emitted featurescope spans, and a driver variant without driver spans', async () => {
    const sdk = await instrumentedCalls(5);
    expect(checkTelemetry(sdk, raw, 5).problems.join()).toMatch(/5 featurescope spans in a variant without featurescope/);
    const upstream = VARIANTS.find((v) => v.id === 'upstream')!;
    expect(checkTelemetry(sdk, upstream, 5).problems.join()).toMatch(/driver spans 0 < calls 5/);
  });
});
