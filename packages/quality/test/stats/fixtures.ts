import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One case of drift-reference.json (scipy/numpy reference values, see make-drift-reference.py). */
export interface DriftCase {
  name: string;
  baseline: number[];
  current: number[];
  ks_statistic: number;
  ks_pvalue: number;
  wasserstein: number;
  mean_shift_sigma: number;
  baseline_quantiles: Record<string, number>;
  'psi_deciles_clip_1e-4': number;
  js_distance_deciles_base2: number;
}

/** One ks_2samp case of ks-reference.json (see make-ks-reference.py). */
export interface KsCase {
  na: number;
  nb: number;
  b_kind: 'plastic' | 'sqrt';
  b_scale: number;
  statistic: number;
  pvalue: number;
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')) as T;
}

export const driftCases = load<{ cases: DriftCase[] }>('drift-reference.json').cases;
export const ksReference = load<{
  constants: { C1: number; C2: number };
  ks_2samp: KsCase[];
  kstwo_sf: { n: number; x: number; sf: number }[];
}>('ks-reference.json');

/** The formula samples of make-ks-reference.py, reproduced bit for bit. */
export function formulaSample(kind: 'golden' | 'plastic' | 'sqrt', n: number, scale: number): Float64Array {
  const { C1, C2 } = ksReference.constants;
  const out = new Float64Array(n);
  for (let i = 1; i <= n; i++) {
    if (kind === 'golden') out[i - 1] = (i * C1) % 1;
    else {
      const u = (i * C2) % 1;
      out[i - 1] = (kind === 'sqrt' ? Math.sqrt(u) : u) * scale;
    }
  }
  return out;
}

/** |actual - expected| <= tol * max(1, |expected|): relative for large values, absolute near zero. */
export function closeTo(actual: number, expected: number, tol: number): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}
