import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '@featurescope/core';
import { createQualityEngine, QualityConfigError, type FeatureRegistry } from '../../src/index.js';
import { createHarness, points, valueOf, type Harness } from './harness.js';

const registry: FeatureRegistry = {
  amount: { type: 'number', min: 0, max: 10_000, nullable: false, policy: 'reject' },
  txn_count: { type: 'integer', min: 0, policy: 'record' },
  is_fraud: { type: 'boolean' },
  p_churn: { type: 'probability', maxStalenessSeconds: 60 },
  user_embedding: { kind: 'vector', dimension: 3, policy: 'reject' },
};

describe('feature registry', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('is validated at construction with a typed error naming the bad entry', () => {
    const bad = (features: unknown) => () => createQualityEngine({ features: features as FeatureRegistry });
    expect(bad({ amount: { type: 'decimal' } })).toThrow(QualityConfigError);
    expect(bad({ amount: { type: 'decimal' } })).toThrow(/features\.amount\.type/);
    expect(bad({ amount: { min: 5, max: 1 } })).toThrow(/features\.amount\.min/);
    expect(bad({ amount: { maxStaleness: 5 } })).toThrow(/features\.amount\.maxStaleness: is not a known rule/);
    expect(bad({ amount: { policy: 'drop' } })).toThrow(/features\.amount\.policy/);
    expect(bad({ emb: { kind: 'vector', dimension: 0 } })).toThrow(/features\.emb\.dimension/);
    expect(bad({ emb: { kind: 'matrix' } })).toThrow(/features\.emb\.kind/);
    expect(bad({ amount: { maxStalenessSeconds: -1 } })).toThrow(/maxStalenessSeconds/);
    try {
      bad({ score: { min: Number.NaN } })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QualityConfigError);
      expect((error as QualityConfigError).entry).toBe('features.score');
      expect((error as QualityConfigError).field).toBe('min');
    }
    expect(() => createQualityEngine({ maxFeatures: 1, features: { a: {}, b: {} } })).toThrow(/maxFeatures/);
    expect(() => createQualityEngine({ window: { durationMs: 0 } })).toThrow(/window\.durationMs/);
  });

  it('reject policy: throws InvalidInputError naming every offending row; the batch writes nothing', async () => {
    h = createHarness({ features: registry });
    const rows = [
      { entityId: 'u1', feature: 'amount', value: 50 },
      { entityId: 'u2', feature: 'amount', value: -3 },
      { entityId: 'u3', feature: 'other', value: -3 },
      { entityId: 'u4', feature: 'amount', value: 20_000 },
      { entityId: 'u5', feature: 'amount', value: null },
    ];
    const error = await h.store.upsert({ group: 'txn', rows }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const invalid = error as InvalidInputError;
    expect(invalid.code).toBe('VALIDATION_RULE');
    expect(invalid.problemCount).toBe(3);
    expect(invalid.problems.map((p) => p.index)).toEqual([1, 3, 4]);
    expect(invalid.problems.map((p) => p.field)).toEqual(['rows[1].value', 'rows[3].value', 'rows[4].value']);
    expect(invalid.problems[0]!.message).toMatch(/rule "min"/);
    expect(invalid.problems[1]!.message).toMatch(/rule "max"/);
    expect(invalid.problems[2]!.message).toMatch(/rule "nullable"/);
    expect(invalid.problems.every((p) => p.code === 'VALIDATION_RULE')).toBe(true);
    expect(invalid.message).toMatch(/rule "min"/);
    // Nothing of the batch reached the store, not even the valid rows.
    const read = await h.raw.lookup({ group: 'txn', entityIds: ['u1', 'u3'], features: ['amount', 'other'] });
    expect(read.values.size).toBe(0);
    // The violations are counted by rule, with the policy.
    const series = { 'featurescope.feature.name': 'amount', 'featurescope.policy': 'reject' };
    expect(await valueOf(h.telemetry, 'featurescope.validation.violations', { ...series, 'featurescope.rule': 'min' })).toBe(1);
    expect(await valueOf(h.telemetry, 'featurescope.validation.violations', { ...series, 'featurescope.rule': 'max' })).toBe(1);
    expect(await valueOf(h.telemetry, 'featurescope.validation.violations', { ...series, 'featurescope.rule': 'nullable' })).toBe(1);
    // The span records the error like any failed call.
    expect(h.telemetry.spans().at(-1)!.attributes['error.type']).toBe('InvalidInputError');
  });

  it('record policy: counts violations by rule and feature, and writes the batch', async () => {
    h = createHarness({ features: registry });
    await h.store.upsert({
      group: 'txn',
      rows: [
        { entityId: 'u1', feature: 'txn_count', value: 2.5 },
        { entityId: 'u2', feature: 'txn_count', value: -1 },
        { entityId: 'u3', feature: 'txn_count', value: 4 },
        { entityId: 'u4', feature: 'is_fraud', value: 2 },
        { entityId: 'u5', feature: 'p_churn', value: 1.5 },
        { entityId: 'u6', feature: 'p_churn', value: null },
      ],
    });
    const read = await h.raw.lookup({ group: 'txn', entityIds: ['u1', 'u5'], features: ['txn_count', 'p_churn'] });
    expect(read.values.size).toBe(2);
    const count = (feature: string, rule: string) =>
      valueOf(h.telemetry, 'featurescope.validation.violations', { 'featurescope.feature.name': feature, 'featurescope.rule': rule, 'featurescope.policy': 'record' });
    expect(await count('txn_count', 'type')).toBe(1);
    expect(await count('txn_count', 'min')).toBe(1);
    expect(await count('is_fraud', 'type')).toBe(1);
    expect(await count('p_churn', 'max')).toBe(1);
    expect(await points(h.telemetry, 'featurescope.validation.violations', { 'featurescope.feature.name': 'p_churn', 'featurescope.rule': 'nullable' })).toHaveLength(0);
    expect(h.engine.snapshot('txn_count')!.violations).toEqual({ type: 1, min: 1 });
  });

  it('counts non-finite values of registered features before core rejects the batch', async () => {
    h = createHarness({ features: registry });
    const error = await h.store.upsert({ group: 'txn', rows: [{ entityId: 'u1', feature: 'txn_count', value: Number.NaN }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe('NON_FINITE_VALUE'); // core's own validation, record policy
    const snap = h.engine.snapshot('txn_count')!;
    expect(snap.nonFinite).toBe(1);
    expect(snap.violations).toEqual({ finite: 1 });
    expect(await valueOf(h.telemetry, 'featurescope.feature.non_finite', { 'featurescope.feature.name': 'txn_count', 'featurescope.source': 'upsert' })).toBe(1);
  });

  it('staleness rule: counts values served older than maxStalenessSeconds and adds a span event', async () => {
    h = createHarness({ features: registry });
    await h.store.upsert({ group: 'scores', rows: [{ entityId: 'a', feature: 'p_churn', value: 0.2 }, { entityId: 'b', feature: 'p_churn', value: 0.3 }] });
    h.now += 30_000;
    await h.store.upsert({ group: 'scores', rows: [{ entityId: 'c', feature: 'p_churn', value: 0.4 }] });
    h.now += 40_000; // a and b are now 70 s old, c 40 s
    await h.store.lookup({ group: 'scores', entityIds: ['a', 'b', 'c'], features: ['p_churn'] });
    const lookupSpan = h.telemetry.spans().at(-1)!;
    const events = lookupSpan.events.filter((e) => e.name === 'featurescope.stale_values');
    expect(events).toHaveLength(1);
    expect(events[0]!.attributes).toEqual({
      'db.collection.name': 'scores',
      'featurescope.feature.name': 'p_churn',
      'featurescope.staleness.stale_count': 2,
      'featurescope.staleness.max_age': 70,
      'featurescope.staleness.limit': 60,
    });
    expect(await valueOf(h.telemetry, 'featurescope.validation.violations', { 'featurescope.feature.name': 'p_churn', 'featurescope.rule': 'staleness', 'featurescope.policy': 'record' })).toBe(2);
    // A lookup with nothing stale adds no event.
    await h.store.lookup({ group: 'scores', entityIds: ['c'], features: ['p_churn'] });
    expect(h.telemetry.spans().at(-1)!.events).toHaveLength(0);
  });

  it('staleness rule follows the features of a list reused across lookups, also when it is changed in place', async () => {
    h = createHarness({ features: registry });
    await h.store.upsert({ group: 'scores', rows: [{ entityId: 'a', feature: 'p_churn', value: 0.2 }, { entityId: 'a', feature: 'txn_count', value: 3 }] });
    h.now += 70_000;
    const features = ['txn_count', 'p_churn'];
    const stale = async (): Promise<number> =>
      (await valueOf(h.telemetry, 'featurescope.validation.violations', { 'featurescope.feature.name': 'p_churn', 'featurescope.rule': 'staleness' })) ?? 0;
    await h.store.lookup({ group: 'scores', entityIds: ['a'], features });
    expect(await stale()).toBe(1);
    expect(h.telemetry.spans().at(-1)!.events.map((e) => e.attributes?.['featurescope.feature.name'])).toEqual(['p_churn']);
    // Same array, p_churn replaced in place: the list has no staleness rule any more.
    features[1] = 'txn_count';
    await h.store.lookup({ group: 'scores', entityIds: ['a'], features });
    expect(await stale()).toBe(1);
    expect(h.telemetry.spans().at(-1)!.events).toHaveLength(0);
    // And back, in the other position: counted against p_churn, not against the slot it had before.
    features[0] = 'p_churn';
    await h.store.lookup({ group: 'scores', entityIds: ['a'], features });
    expect(await stale()).toBe(2);
    expect(h.telemetry.spans().at(-1)!.events.map((e) => e.attributes?.['featurescope.feature.name'])).toEqual(['p_churn']);
  });
});
