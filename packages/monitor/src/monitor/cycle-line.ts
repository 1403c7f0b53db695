import type { CycleSnapshot, FeatureReport } from './report.js';

const LISTED = 5;

/**
 * One line a person can read per cycle, e.g.
 * `cycle 12: 10 features, 2 stale (txn_count_1h 95s, clicks_5m no rows), 1 drifting (amount_avg_7d PSI 0.31), 184 ms`.
 */
export function formatCycleLine(snapshot: CycleSnapshot): string {
  const features = [...snapshot.features.values()];
  const stale = features.filter((f) => f.freshness?.stale === true && f.freshness.cycle === snapshot.cycle);
  const drifting = features.filter((f) => f.statistics?.drift != null && (f.statistics.drift.state === 'drift' || f.statistics.drift.state === 'warn') && f.statistics.cycle === snapshot.cycle);
  const parts = [`cycle ${snapshot.cycle}: ${features.length} feature${features.length === 1 ? '' : 's'}${snapshot.featuresTruncated ? ' (discovery cap reached)' : ''}`];
  parts.push(`${stale.length} stale${list(stale, staleLabel)}`);
  parts.push(`${drifting.length} drifting${list(drifting, driftLabel)}`);
  const sampled = features.filter((f) => f.statistics?.sampling.sampled === true).length;
  if (sampled > 0) parts.push(`${sampled} sampled`);
  if (snapshot.errors.length > 0) {
    const first = snapshot.errors[0]!;
    const more = snapshot.errors.length > 1 ? ` and ${snapshot.errors.length - 1} more` : '';
    parts.push(`${snapshot.errors.length} error${snapshot.errors.length === 1 ? '' : 's'} (${first.check}${first.feature === undefined ? '' : ` ${first.feature}`}: ${first.type} ${first.message}${more})`);
  }
  parts.push(`${Math.round(snapshot.durationSeconds * 1000)} ms`);
  return parts.join(', ');
}

function list(features: FeatureReport[], label: (f: FeatureReport) => string): string {
  if (features.length === 0) return '';
  const shown = features.slice(0, LISTED).map(label).join(', ');
  return ` (${shown}${features.length > LISTED ? `, … ${features.length - LISTED} more` : ''})`;
}

function staleLabel(f: FeatureReport): string {
  const s = f.freshness?.stalenessSeconds;
  return s === null || s === undefined ? `${f.name} no rows` : `${f.name} ${formatSeconds(s)}`;
}

function driftLabel(f: FeatureReport): string {
  const d = f.statistics!.drift!;
  return `${f.name} PSI ${d.psi.toFixed(2)}${d.state === 'warn' ? ' warn' : ''}`;
}

/** `95s`, `12m`, `3.5h`, `2.0d`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86400).toFixed(1)}d`;
}
