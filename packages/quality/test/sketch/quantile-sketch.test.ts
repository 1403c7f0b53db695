import { describe, expect, it } from 'vitest';
import { LogIndexMapping, QuantileSketch, SketchFormatError } from '../../src/sketch/index.js';
import { SeededRandom } from '../../src/stats/index.js';

const ALPHA = 0.01;
const BUCKETS = 368;
/** Documented full-accuracy range: 1,162 for the defaults. */
const RANGE = new LogIndexMapping(ALPHA).rangeRatio(BUCKETS);
const QS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

/**
 * The documented guarantee for the order statistic `x`: within alpha relative when |x| is inside the
 * full-accuracy range of its sign (>= max|x of that sign| / RANGE), else an absolute error below
 * 2 * max / RANGE.
 */
function allowedError(x: number, values: Float64Array): number {
  let maxSameSign = 0;
  for (const v of values) if (Math.sign(v) === Math.sign(x)) maxSameSign = Math.max(maxSameSign, Math.abs(v));
  const floorMagnitude = maxSameSign / RANGE;
  const slack = 1e-12 * Math.abs(x);
  return Math.abs(x) >= floorMagnitude ? ALPHA * Math.abs(x) + slack : 2 * floorMagnitude + slack;
}

function checkQuantiles(values: Float64Array): { checked: number; inFullAccuracy: number } {
  const sketch = new QuantileSketch();
  sketch.addMany(values);
  const sorted = Float64Array.from(values).sort();
  let inFullAccuracy = 0;
  for (const q of QS) {
    const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
    const estimate = sketch.quantile(q);
    const allowed = allowedError(exact, values);
    if (allowed <= ALPHA * Math.abs(exact) + 1e-12 * Math.abs(exact)) inFullAccuracy++;
    expect(Math.abs(estimate - exact), `q=${q}: ${estimate} vs ${exact}`).toBeLessThanOrEqual(allowed);
  }
  expect(sketch.quantile(0)).toBe(sorted[0]);
  expect(sketch.quantile(1)).toBe(sorted[sorted.length - 1]);
  expect(sketch.count).toBe(values.length);
  return { checked: QS.length, inFullAccuracy };
}

describe('QuantileSketch accuracy (alpha = 1 %, 368 buckets per sign)', () => {
  it('states a fixed size under 3 KiB', () => {
    const s = new QuantileSketch();
    expect(RANGE).toBeGreaterThan(1160);
    expect(s.byteSize).toBe(3024);
    s.addMany(new SeededRandom(1).sample(10000, (r) => r.lognormal(0, 3)));
    expect(RANGE).toBeGreaterThan(1160);
    expect(s.byteSize).toBe(3024); // never grows
  });

  it('heavy tail: Pareto(shape 1.5) stays within 1 % at every quantile', () => {
    const values = new SeededRandom(11).sample(20000, (r) => r.pareto(1.5, 1));
    expect(checkQuantiles(values).inFullAccuracy).toBe(QS.length);
  });

  it('heavy tail: lognormal(0, 1) stays within 1 %', () => {
    const values = new SeededRandom(12).sample(20000, (r) => r.lognormal(0, 1));
    expect(checkQuantiles(values).inFullAccuracy).toBeGreaterThanOrEqual(QS.length - 1);
  });

  it('bimodal mixture of two normals stays within 1 %', () => {
    const values = new SeededRandom(13).sample(20000, (r) => (r.next() < 0.3 ? r.normal(20, 2) : r.normal(300, 25)));
    expect(checkQuantiles(values).inFullAccuracy).toBe(QS.length);
  });

  it('negative-valued data (and a mix of signs with exact zeros) stays within the bound', () => {
    checkQuantiles(new SeededRandom(14).sample(10000, (r) => -r.lognormal(2, 0.8)));
    const mixed = new SeededRandom(15).sample(10000, (r) => (r.next() < 0.1 ? 0 : r.normal(0, 10)));
    checkQuantiles(mixed);
  });

  it('constant data returns the constant exactly', () => {
    const s = new QuantileSketch();
    for (let i = 0; i < 1000; i++) s.add(42.4242);
    for (const q of QS) expect(s.quantile(q)).toBe(42.4242);
  });

  it('values spanning 12 decades collapse the smallest magnitudes but keep upper quantiles within 1 %', () => {
    const values = new SeededRandom(16).sample(20000, (r) => 10 ** r.uniform(-6, 6));
    const { inFullAccuracy } = checkQuantiles(values);
    // ~3 of 12 decades are at full accuracy: q >= 0.75 here
    expect(inFullAccuracy).toBeGreaterThanOrEqual(4);
    const s = new QuantileSketch();
    s.addMany(values);
    expect(s.buckets()[0]!.collapsed).toBe(true);
  });
});

describe('QuantileSketch merge, serialisation and input handling', () => {
  function parts(seed: number, draw: (r: SeededRandom) => number): Float64Array[] {
    const r = new SeededRandom(seed);
    return [r.sample(3000, draw), r.sample(500, draw), r.sample(7000, draw)];
  }

  it.each([
    ['lognormal, no collapse', (r: SeededRandom) => r.lognormal(1, 1)],
    ['both signs with zeros', (r: SeededRandom) => (r.next() < 0.05 ? 0 : r.normal(0, 100))],
    ['12 decades, collapsing', (r: SeededRandom) => 10 ** r.uniform(-6, 6)],
  ] as const)('merge of per-part sketches equals the sketch of the union (%s)', (_label, draw) => {
    const chunks = parts(21, draw);
    const union = new QuantileSketch();
    const merged = new QuantileSketch();
    for (const c of chunks) {
      union.addMany(c);
      const part = new QuantileSketch();
      part.addMany(c);
      merged.merge(part);
    }
    expect(merged.toJSON()).toEqual(union.toJSON());
    for (const q of QS) expect(merged.quantile(q)).toBe(union.quantile(q));
  });

  it('refuses to merge sketches with different settings', () => {
    expect(() => new QuantileSketch().merge(new QuantileSketch({ alpha: 0.02 }))).toThrow(RangeError);
    expect(() => new QuantileSketch().merge(new QuantileSketch({ bucketsPerSign: 100 }))).toThrow(RangeError);
  });

  it('toJSON/fromJSON round-trips exactly through JSON text', () => {
    const s = new QuantileSketch();
    s.addMany(new SeededRandom(31).sample(5000, (r) => (r.next() < 0.5 ? -r.pareto(2) : 10 ** r.uniform(-5, 5))));
    s.add(0);
    const copy = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(copy.toJSON()).toEqual(s.toJSON());
    for (const q of QS) expect(copy.quantile(q)).toBe(s.quantile(q));
    expect(QuantileSketch.fromJSON(new QuantileSketch().toJSON()).count).toBe(0);
  });

  it('fromJSON names the bad field with a SketchFormatError', () => {
    const good = (() => {
      const s = new QuantileSketch();
      s.addMany([1, 2, 3]);
      return s.toJSON();
    })();
    expect(() => QuantileSketch.fromJSON(null)).toThrow(SketchFormatError);
    expect(() => QuantileSketch.fromJSON({ ...good, count: 4 })).toThrow(/count/);
    expect(() => QuantileSketch.fromJSON({ ...good, positive: { floor: null, bins: [[5, 1], [4, 2]] } })).toThrow(
      /positive\.bins\[1\]/,
    );
    expect(() => QuantileSketch.fromJSON({ ...good, alpha: 2 })).toThrow(/alpha/);
    expect(() => QuantileSketch.fromJSON({ ...good, positive: { floor: null, bins: [[0, 1], [400, 2]] } })).toThrow(
      /spans more buckets/,
    );
  });

  it('ignores NaN and infinities, counts zeros, tracks exact min/max, and clear() empties it', () => {
    const s = new QuantileSketch();
    for (const v of [NaN, Infinity, -Infinity, 0, -0, 5e-324, -3, 7]) s.add(v);
    expect(s.count).toBe(5);
    expect(s.min).toBe(-3);
    expect(s.max).toBe(7);
    expect(s.quantile(0.5)).toBe(0);
    s.clear();
    expect(s.count).toBe(0);
    expect(Number.isNaN(s.quantile(0.5))).toBe(true);
    expect(Number.isNaN(s.min)).toBe(true);
  });

  it('rejects invalid options at construction', () => {
    expect(() => new QuantileSketch({ alpha: 0 })).toThrow(RangeError);
    expect(() => new QuantileSketch({ bucketsPerSign: 1.5 })).toThrow(RangeError);
  });
});
