import type { CycleSnapshot, DriftStateName } from '../monitor/report.js';
import { driftPValue } from './histogram-view.js';

/** One cycle's drift score and null rate of a feature (`GET /api/v1/features/{name}/history`). */
export interface HistoryPoint {
  readonly cycle: number;
  readonly cycleStartedAt: string;
  readonly psi: number | null;
  readonly pValue: number | null;
  readonly nullRatio: number | null;
  readonly driftState: DriftStateName | null;
}

/** Default number of cycles kept per feature. */
export const HISTORY_CYCLES = 60;

/**
 * The last cycles' PSI and null rate per feature, kept by the HTTP layer from the snapshots it is
 * handed. Bounded: `limit` points per feature, and features that left the snapshot are dropped.
 */
export class FeatureHistory {
  readonly #points = new Map<string, HistoryPoint[]>();
  #lastCycle = -1;

  constructor(readonly limit: number = HISTORY_CYCLES) {}

  record(snapshot: CycleSnapshot): void {
    if (snapshot.cycle <= this.#lastCycle) return;
    this.#lastCycle = snapshot.cycle;
    for (const name of this.#points.keys()) if (!snapshot.features.has(name)) this.#points.delete(name);
    for (const [name, feature] of snapshot.features) {
      const s = feature.statistics;
      // Only statistics measured in this cycle; a failed check keeps older values, not new points.
      if (s === null || s.cycle !== snapshot.cycle) continue;
      let points = this.#points.get(name);
      if (points === undefined) this.#points.set(name, (points = []));
      points.push({
        cycle: snapshot.cycle,
        cycleStartedAt: snapshot.startedAt,
        psi: s.drift?.psi ?? null,
        pValue: driftPValue(s.drift),
        nullRatio: s.nullRatio,
        driftState: s.drift?.state ?? null,
      });
      if (points.length > this.limit) points.splice(0, points.length - this.limit);
    }
  }

  points(name: string): readonly HistoryPoint[] {
    return this.#points.get(name) ?? [];
  }
}
