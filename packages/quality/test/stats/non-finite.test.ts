import { describe, expect, it } from 'vitest';
import { normalizedWassersteinDistance, wassersteinDistance } from '../../src/index.js';

describe('exact statistics on non-finite input', () => {
  it('wassersteinDistance throws RangeError on NaN or ±Infinity instead of looping forever', { timeout: 2_000 }, () => {
    expect(() => wassersteinDistance([1, Number.NaN, 3], [1, 2])).toThrow(RangeError);
    expect(() => wassersteinDistance([1, 2], [Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => normalizedWassersteinDistance([Number.NaN], [1])).toThrow(RangeError);
    expect(wassersteinDistance([0, 1], [1, 2])).toBe(1);
  });
});
