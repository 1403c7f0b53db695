import { describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, instrumentFeatureStore, type FeatureStore } from '@featurescope/core';
import { createQualityEngine } from '../../src/index.js';
import { SeededRandom } from '../../src/stats/index.js';
import { writeValues } from './harness.js';

const TRIALS = 200;
const N = 1_000;

/**
 * End to end through the engine (store → observer → window sketch → baseline sketch → state):
 * per trial a baseline of N(0, 1), then one window of N(0, 1) and one of N(0.5, 1), N values each.
 * Returns the share of trials whose stable window was flagged (state >= 1) and whose shifted one was.
 */
async function trials(): Promise<{ falseAlarms: number; detected: number; drift: number }> {
  let falseAlarms = 0;
  let detected = 0;
  let drift = 0;
  for (let t = 0; t < TRIALS; t++) {
    const random = new SeededRandom(9_000 + t);
    const normal = (mean: number) => Array.from({ length: N }, () => random.normal(mean, 1));
    // No meter provider registered: the global no-op one; only the engine's own state is read.
    const engine = createQualityEngine({ window: { minCount: N } });
    const store: FeatureStore = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false, metrics: false, observers: [engine] });
    await writeValues(store, 'g', 'x', normal(0));
    engine.captureBaseline();
    await writeValues(store, 'g', 'x', normal(0));
    engine.closeWindows();
    if (engine.snapshot('x')!.drift!.state >= 1) falseAlarms++;
    await writeValues(store, 'g', 'x', normal(0.5));
    engine.closeWindows();
    const state = engine.snapshot('x')!.drift!.state;
    if (state >= 1) detected++;
    if (state === 2) drift++;
    engine.shutdown();
  }
  return { falseAlarms: falseAlarms / TRIALS, detected: detected / TRIALS, drift: drift / TRIALS };
}

describe('detection power through the engine (sketch windows vs sketch baseline)', () => {
  it('flags a 0.5 σ shift with 1,000 values per window in >= 95 % of 200 seeded trials, with <= 5 % false alarms', async () => {
    const rates = await trials();
    expect(rates.detected).toBeGreaterThanOrEqual(0.95);
    expect(rates.drift).toBeGreaterThanOrEqual(0.95); // the recommended rule reaches state 2, not only warn
    expect(rates.falseAlarms).toBeLessThanOrEqual(0.05);
  }, 60_000);
});
