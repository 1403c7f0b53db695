/** Latencies of the current summary interval, for ops/s and p99 on the live line. */
export class LatencyWindow {
  #samples: number[] = [];

  record(ms: number): void {
    this.#samples.push(ms);
  }

  /** Count and p99 of the interval, then starts a new one. */
  drain(): { count: number; p99: number } {
    const samples = this.#samples.sort((a, b) => a - b);
    this.#samples = [];
    const count = samples.length;
    return { count, p99: count === 0 ? 0 : samples[Math.min(count - 1, Math.ceil(count * 0.99) - 1)]! };
  }
}
