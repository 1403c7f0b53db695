import { InMemoryFeatureStore, instrumentFeatureStore } from '@featurescope/core';
import { describe, expect, it } from 'vitest';
import { checkTelemetry, sampledSpanRange } from '../src/run/telemetry-check.js';
import { createBenchSdk } from '../src/telemetry/bench-sdk.js';
import { variantById } from '../src/variants/variants.js';

// Traced without the quality engine (its points are checked separately).
const fs = { ...variantById('traces'), quality: false };
const raw = variantById('raw');

async function instrumentedCalls(calls: number, options: { sampleRatio?: number; tracing?: boolean } = {}): Promise<ReturnType<typeof createBenchSdk>> {
  const sdk = createBenchSdk(options.sampleRatio);
  const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracerProvider: sdk.tracerProvider, meterProvider: sdk.meterProvider, tracing: options.tracing ?? true });
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
    const upstream = variantById('upstream');
    expect(checkTelemetry(sdk, upstream, 5).problems.join()).toMatch(/driver spans 0 < 5/);
  });

  it('accepts metrics only with no spans and one duration sample per call', async () => {
    const sdk = await instrumentedCalls(40, { tracing: false });
    const metrics = { ...variantById('metrics') };
    expect(checkTelemetry(sdk, metrics, 40)).toMatchObject({ featurescopeSpans: 0, durationSamples: 40, problems: [] });
    expect(checkTelemetry(sdk, fs, 40).problems.join()).toMatch(/featurescope spans 0 ≠ calls 40/);
  });

  it('accepts a binomial share of spans under 10 % head sampling, and rejects 100 %', async () => {
    const sampled = { ...variantById('traces-10%'), quality: false };
    const sdk = await instrumentedCalls(2000, { sampleRatio: 0.1 });
    const counts = checkTelemetry(sdk, sampled, 2000);
    expect(counts.problems).toEqual([]);
    expect(counts.featurescopeSpans).toBeGreaterThan(100);
    expect(counts.featurescopeSpans).toBeLessThan(300);
    expect(counts.durationSamples).toBe(2000);
    const full = await instrumentedCalls(200);
    expect(checkTelemetry(full, sampled, 200).problems.join()).toMatch(/outside \[\d+, \d+\] for 200 calls sampled at 0.1/);
  });

  it('bounds sampled span counts at ±5 binomial σ', () => {
    expect(sampledSpanRange(10_000, 1)).toEqual({ min: 10_000, max: 10_000 });
    expect(sampledSpanRange(10_000, 0.1)).toEqual({ min: 850, max: 1150 });
  });
});
