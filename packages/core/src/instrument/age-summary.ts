/**
 * Max and median of the ages of one lookup's values, computed in a reusable buffer: no allocation
 * per call once the buffer has grown to the largest lookup seen (no typed-array view, no copy).
 */
export class AgeSummary {
  #ages = new Float64Array(64);
  #count = 0;
  max = 0;
  median = 0;

  reset(): void {
    this.#count = 0;
  }

  push(ageSeconds: number): void {
    if (this.#count === this.#ages.length) {
      const grown = new Float64Array(this.#ages.length * 2);
      grown.set(this.#ages);
      this.#ages = grown;
    }
    this.#ages[this.#count++] = ageSeconds;
  }

  get count(): number {
    return this.#count;
  }

  /** Computes `max` and `median` (the mean of the two middle values for an even count). */
  summarize(): void {
    const n = this.#count;
    if (n === 0) {
      this.max = this.median = 0;
      return;
    }
    const ages = this.#ages;
    if (n <= 32) {
      // Insertion sort in place: a lookup reads a handful of values, and this allocates nothing
      // (subarray().sort() creates a view per call).
      for (let i = 1; i < n; i++) {
        const age = ages[i]!;
        let j = i - 1;
        while (j >= 0 && ages[j]! > age) {
          ages[j + 1] = ages[j]!;
          j--;
        }
        ages[j + 1] = age;
      }
    } else {
      ages.subarray(0, n).sort();
    }
    this.max = ages[n - 1]!;
    this.median = n % 2 === 1 ? ages[(n - 1) >> 1]! : (ages[n / 2 - 1]! + ages[n / 2]!) / 2;
  }
}
