/** A sample of raw values. */
export type Sample = ArrayLike<number>;

/** Sorted copy of a sample as a Float64Array (the input is left untouched). */
export function sortedCopy(sample: Sample): Float64Array {
  const out = Float64Array.from(sample);
  out.sort();
  return out;
}

/** Throws a RangeError unless the sample is non-empty and every value is finite. */
export function assertFiniteSample(sample: Sample, name: string): void {
  if (sample.length === 0) throw new RangeError(`${name} must not be empty`);
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i])) throw new RangeError(`${name}[${i}] is not a finite number`);
  }
}

/** Compensated (Neumaier) sum: error independent of length, so means agree with numpy's to ~1 ulp. */
export function accurateSum(sample: Sample): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** Arithmetic mean, `NaN` for an empty sample. */
export function mean(sample: Sample): number {
  return sample.length === 0 ? NaN : accurateSum(sample) / sample.length;
}

/** Sample standard deviation with ddof = 1 (`numpy.std(x, ddof=1)`), two-pass; `NaN` below 2 values. */
export function sampleStd(sample: Sample): number {
  const n = sample.length;
  if (n < 2) return NaN;
  const m = mean(sample);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const d = sample[i]! - m;
    const x = d * d;
    const t = sum + x;
    compensation += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return Math.sqrt((sum + compensation) / (n - 1));
}
