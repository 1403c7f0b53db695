/** Bar heights of the histogram, one home for the scale rules (the tests reproduce them). */

/** Plot area of the full histogram, in SVG units. */
export const CHART = { width: 480, height: 160, gap: 2 } as const;

export interface ScaleInput {
  readonly shares: readonly number[];
  /** Baseline shares when the overlay is shown (they take part in the scale). */
  readonly baselineShares: readonly number[] | null;
  readonly log: boolean;
  /** Values behind the shares (current and baseline): the log scale's floor is half a value. */
  readonly totals: readonly number[];
}

/**
 * Maps a share to a bar height in [0, plotHeight]. Linear: share / largest share. Log: log10 of the
 * share between a floor of half a value (0.5 / the larger total) and the largest share; 0 stays 0.
 */
export function shareScale(input: ScaleInput, plotHeight: number): (share: number) => number {
  const all = input.baselineShares === null ? input.shares : [...input.shares, ...input.baselineShares];
  const top = Math.max(0, ...all);
  if (top === 0) return () => 0;
  if (!input.log) return (share) => (plotHeight * share) / top;
  const floor = Math.min(0.5 / Math.max(1, ...input.totals), top / 10);
  const span = Math.log10(top) - Math.log10(floor);
  return (share) => (share <= 0 ? 0 : (plotHeight * Math.max(0, Math.log10(share) - Math.log10(floor))) / span);
}
