import type { BaselineProfile } from '../baseline/baseline-profile.js';
import type { Distribution } from '../profile/feature-profile.js';
import { assessDrift, driftState, jsFromSketches, ksFromSketches, psiFromSketches, wassersteinFromSketches, type DriftState } from '../stats/index.js';

/** Numeric drift states, as exported by `featurescope.drift.state`. */
export const OK = 0;
export const WARN = 1;
export const DRIFT = 2;
const STATE_NUMBER: Readonly<Record<DriftState, number>> = { ok: OK, warn: WARN, drift: DRIFT };

/** Drift of one window against its baseline. Values are NaN where undefined (e.g. constant baseline). */
export interface DriftResult {
  /** Population Stability Index over the baseline's equal-mass bins (clipped at `psiEpsilon`). */
  readonly psi: number;
  /** Kolmogorov–Smirnov statistic between the window and baseline sketches. */
  readonly ksStatistic: number;
  /** Asymptotic two-sided KS p-value for the statistic and both counts. */
  readonly ksPValue: number;
  /** Jensen–Shannon distance (base 2, in [0, 1]) over the same bins as PSI. */
  readonly jsDistance: number;
  /** Wasserstein-1 distance divided by the baseline's standard deviation. */
  readonly wasserstein: number;
  /** (window mean − baseline mean) / baseline standard deviation, signed. */
  readonly meanShift: number;
  /** 0 ok, 1 warn, 2 drift — see `DriftOptions.rule`. */
  readonly state: number;
  /** Finite values in the window and in the baseline. */
  readonly windowCount: number;
  readonly baselineCount: number;
  /** When the window closed, ms since the epoch. */
  readonly evaluatedAtMs: number;
}

export interface DriftSettings {
  readonly psiWarn: number;
  readonly psiDrift: number;
  readonly psiEpsilon: number;
  readonly driftRule: 'recommended' | 'psi';
  readonly ksAlpha: number;
}

/**
 * Compares a closed window with the baseline using sketches only (bounded memory, no raw values),
 * with the sketch-based statistics of `stats/sketch-drift.ts`. The baseline's bin edges lie on
 * sketch bucket boundaries, so PSI and JS equal the exact values on those edges; the KS statistic is
 * a lower bound of the exact one (off by at most one bucket's mass) and Wasserstein is within the
 * sketch's 1 % relative accuracy. The KS p-value is the asymptotic one for the two counts.
 */
export function evaluateDrift(baseline: BaselineProfile, window: Distribution, settings: DriftSettings, nowMs: number): DriftResult {
  const edges = baseline.edges;
  const psiValue = psiFromSketches(baseline.sketch, window.sketch, { edges, epsilon: settings.psiEpsilon }).psi;
  const ks = ksFromSketches(baseline.sketch, window.sketch);
  const sd = baseline.moments.std;
  const wasserstein = wassersteinFromSketches(baseline.sketch, window.sketch).distance;
  const shift = window.moments.mean - baseline.moments.mean;
  return {
    psi: psiValue,
    ksStatistic: ks.statistic,
    ksPValue: ks.pValue,
    jsDistance: jsFromSketches(baseline.sketch, window.sketch, { edges }),
    // A constant baseline (sd 0) gives ±Infinity or NaN: exported as absent rather than misleading.
    wasserstein: wasserstein === 0 ? 0 : wasserstein / sd,
    meanShift: shift === 0 ? 0 : shift / sd,
    state: STATE_NUMBER[stateOf(psiValue, ks.pValue, settings)],
    windowCount: window.count,
    baselineCount: baseline.moments.count,
    evaluatedAtMs: nowMs,
  };
}

/** `recommended`: drift needs KS p < alpha and PSI >= warn (stats' `assessDrift`); `psi`: PSI thresholds alone. */
function stateOf(psiValue: number, ksPValue: number, settings: DriftSettings): DriftState {
  const psi = { warn: settings.psiWarn, drift: settings.psiDrift };
  return settings.driftRule === 'psi' ? driftState(psiValue, psi) : assessDrift({ psi: psiValue, ksPValue }, { psi, alpha: settings.ksAlpha });
}
