import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { createTestTelemetry } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, InvalidInputError, MAX_KEY_LENGTH, instrumentFeatureStore, type FeatureStoreObserver, type UpsertRequest } from '../src/index.js';

/** Counts diag warnings (the channel instrumentation logs through). */
function countWarnings(): { count: () => number; restore: () => void } {
  let warnings = 0;
  const logger: DiagLogger = { verbose() {}, debug() {}, info() {}, error() {}, warn: () => void warnings++ };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { count: () => warnings, restore: () => diag.disable() };
}

/** Unhandled rejections seen while `body` runs (the ones that crash a Node process by default). */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await body();
    // Rejections are reported after the microtask queue drains: give Node two macrotask turns.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('hooks and observers that throw or reject (issue 13 defect 1)', () => {
  const telemetry = createTestTelemetry();
  afterEach(() => diag.disable());

  it('a rejecting async responseHook, requestHook or observer never becomes an unhandled rejection', async () => {
    // The observer interface returns void; a JavaScript caller may still pass async methods.
    const observer = { afterUpsert: async () => Promise.reject(new Error('observer')), beforeUpsert: async () => Promise.reject(new Error('before')) } as unknown as FeatureStoreObserver;
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      hooks: { responseHook: async () => Promise.reject(new Error('x')), requestHook: async () => Promise.reject(new Error('y')) },
      observers: [observer],
    });
    const unhandled = await unhandledDuring(async () => {
      expect(await store.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'f', value: 1 }] })).toEqual({ written: 1 });
    });
    expect(unhandled).toEqual([]);
  });

  it('10k calls with throwing and rejecting hooks give the same results as the bare store, with rate-limited warnings', async () => {
    const warnings = countWarnings();
    const clock = { now: () => new Date(1_700_000_000_000) };
    const bare = new InMemoryFeatureStore(clock);
    const store = instrumentFeatureStore(new InMemoryFeatureStore(clock), {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      hooks: {
        requestHook: () => {
          throw new Error('request');
        },
        responseHook: async () => Promise.reject(new Error('response')),
      },
      observers: [{ afterLookup: () => { throw new Error('observer'); } }],
    });
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < 10_000; i++) {
        const request: UpsertRequest = { group: 'g', rows: [{ entityId: `u${i % 97}`, feature: 'f', value: i }] };
        expect(await store.upsert(request)).toEqual(await bare.upsert(request));
        const lookup = { group: 'g', entityIds: [`u${i % 97}`, 'absent'], features: ['f'] };
        expect(await store.lookup(lookup)).toEqual(await bare.lookup(lookup));
      }
    });
    warnings.restore();
    expect(unhandled).toEqual([]);
    // Three failing hooks, one warning each per 10 s window (the first call), not 30,000.
    expect(warnings.count()).toBeLessThanOrEqual(3 * 3);
  }, 120_000);
});

describe('input values never reach errors or spans (issue 13 defect 4)', () => {
  it('a mistyped entity id or value is described by type, not echoed', async () => {
    const telemetry = createTestTelemetry();
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
    const error = await store
      .upsert({ group: 'g', rows: [{ entityId: 4242424242 as unknown as string, feature: 'f', value: 'secret-value-77' as unknown as number }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const [span] = telemetry.spans();
    const everything = JSON.stringify({ message: (error as Error).message, problems: (error as InvalidInputError).problems, status: span!.status, events: span!.events });
    expect(everything).not.toContain('4242424242');
    expect(everything).not.toContain('secret-value-77');
    expect((error as InvalidInputError).problems.map((p) => p.field)).toEqual(['rows[0].entityId', 'rows[0].value']);
    await telemetry.shutdown();
  });
});

describe('keys every store can hold exactly (issue 13 defect 5)', () => {
  it('rejects lone surrogates and over-long ids before anything is written, naming the row, not the value', async () => {
    const store = new InMemoryFeatureStore();
    const long = 'x'.repeat(MAX_KEY_LENGTH + 1);
    const error = (await store
      .upsert({ group: 'g', rows: [{ entityId: 'ok', feature: 'f', value: 1 }, { entityId: 'a\uD800', feature: 'f', value: 1 }, { entityId: 'ok', feature: long, value: 1 }] })
      .catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems.map((p) => [p.index, p.field, p.code])).toEqual([
      [1, 'rows[1].entityId', 'INVALID_ENTITY_ID'],
      [2, 'rows[2].feature', 'INVALID_FEATURE_NAME'],
    ]);
    expect(error.message).not.toContain(long);
    expect((await store.lookup({ group: 'g', entityIds: ['ok'], features: ['f'] })).values.size).toBe(0);
    // Astral characters are one character each and well-formed: 255 of them are accepted.
    await expect(store.upsert({ group: 'g', rows: [{ entityId: '😀'.repeat(MAX_KEY_LENGTH), feature: 'f', value: 1 }] })).resolves.toEqual({ written: 1 });
    await expect(store.lookup({ group: 'g', entityIds: ['b\uDBFF'], features: ['f'] })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
