import { readFileSync } from 'node:fs';
import { InMemoryFeatureStore, instrumentFeatureStore, semconv as coreNames, type FeatureStore } from '@featurescope/core';
import { semconv as monitorNames } from '@featurescope/monitor';
import { semconv as milvusNames } from '@featurescope/milvus';
import { semconv as mysqlNames } from '@featurescope/mysql2';
import { semconv as redisNames } from '@featurescope/redis';
import { semconv as otelNames } from '@featurescope/otel';
import { createQualityEngine, semconv as qualityNames } from '@featurescope/quality';
import { createTestTelemetry } from '@featurescope/test-utils';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../../docs/telemetry.md', import.meta.url), 'utf8');

/** Every `backticked` token on the page. */
const mentioned = new Set([...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

/** Names listed in the first column of a table: what the page claims the code emits. */
const listed = [...doc.matchAll(/^\| `([a-z_][a-z0-9_.]*)` \|/gm)].map((m) => m[1]!).filter((name) => name.includes('.'));

/** Names the OpenTelemetry spec defines that we document but do not define ourselves. */
const STANDARD = new Set(['exception.type', 'exception.message', 'exception.stacktrace']);

/** Every span, attribute, event and metric name a package declares in its semconv module. */
const declared = new Set(
  [coreNames, qualityNames, mysqlNames, redisNames, milvusNames, monitorNames, otelNames].flatMap((names) =>
    Object.entries(names)
      .filter(([key, value]) => /^(ATTR|METRIC|EVENT)_/.test(key) && typeof value === 'string')
      .map(([, value]) => value as string),
  ),
);

describe('docs/telemetry.md', () => {
  it('lists every name a package declares', () => {
    const missing = [...declared].filter((name) => !mentioned.has(name));
    expect(missing, `add these to docs/telemetry.md`).toEqual([]);
  });

  it('lists only names some package declares (or the OpenTelemetry spec defines)', () => {
    const unknown = listed.filter((name) => !declared.has(name) && !STANDARD.has(name));
    expect(unknown, 'documented but emitted by no code').toEqual([]);
  });

  it('covers everything a real run emits: metrics, span attributes, events and their attributes', async () => {
    const telemetry = createTestTelemetry();
    let now = Date.parse('2026-06-01T00:00:00Z');
    const quality = createQualityEngine({
      meterProvider: telemetry.meterProvider,
      now: () => now,
      window: { durationMs: 60_000, minCount: 50 },
      drift: { source: 'upsert' },
      features: { amount: { min: 0, maxStalenessSeconds: 1, policy: 'record' }, emb: { kind: 'vector', dimension: 2 } },
    });
    const raw = new InMemoryFeatureStore({ collections: [{ name: 'emb', dimension: 2 }], now: () => new Date(now) });
    const store: FeatureStore = instrumentFeatureStore(raw, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      observers: [quality],
    });
    try {
      const write = (values: number[]) =>
        store.upsert({ group: 'g', rows: values.map((value, i) => ({ entityId: `e${i}`, feature: 'amount', value, eventTime: new Date(now - 500) })) });
      quality.startBaselineCapture();
      await write(Array.from({ length: 400 }, (_, i) => 10 + (i % 20)));
      quality.finishBaselineCapture();
      now += 60_000;
      await write(Array.from({ length: 400 }, (_, i) => 40 + (i % 20))); // shifted: enters drift
      now += 60_000;
      await write([45, -1]); // closes the window; -1 breaks the min rule
      now += 5_000;
      await store.lookup({ group: 'g', entityIds: ['e0', 'e1', 'missing'], features: ['amount', 'other'] });
      await store.upsertVectors({ collection: 'emb', records: [{ id: 'a', vector: [1, 0] }, { id: 'z', vector: [0, 0] }] });
      await store.searchVectors({ collection: 'emb', vector: [1, 1], topK: 2 });
      await store.upsert({ group: 'g', rows: [{ entityId: '', feature: 'amount', value: 1 }] }).catch(() => undefined);

      const collected = await telemetry.collect();
      const metricNames = collected.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
      const spans = telemetry.spans();
      const spanAttributes = spans.flatMap((s) => Object.keys(s.attributes));
      const events = spans.flatMap((s) => s.events);
      const emitted = new Set([...metricNames, ...spanAttributes, ...events.map((e) => e.name), ...events.flatMap((e) => Object.keys(e.attributes ?? {}))]);
      // The run must exercise what it claims to (else this test could not fail).
      for (const name of ['featurescope.drift', 'featurescope.stale_values', 'exception', 'featurescope.feature.staleness', 'featurescope.validation.violations', 'featurescope.lookup.age.max']) {
        expect(emitted, `the run should emit ${name}`).toContain(name);
      }
      const undocumented = [...emitted].filter((name) => !mentioned.has(name));
      expect(undocumented, 'emitted but not in docs/telemetry.md').toEqual([]);
    } finally {
      quality.shutdown();
      await telemetry.shutdown();
    }
  });
});
