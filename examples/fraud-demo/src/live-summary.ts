import type { WorkloadStats } from './workload.js';

/** One line per interval a person can read at a glance: traffic, latency, freshness, drift. */
export function summaryLine(elapsedSeconds: number, intervalSeconds: number, stats: WorkloadStats, driftNotes: string): string {
  const lookups = stats.lookups.drain();
  const upserts = stats.upserts.drain();
  const searches = stats.searches.drain();
  const perSecond = (n: number): string => (n / intervalSeconds).toFixed(0).padStart(5);
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  const age = stats.maxServedAgeSeconds;
  stats.maxServedAgeSeconds = 0;
  const parts = [
    `[${elapsedSeconds.toFixed(0).padStart(4)}s]`,
    `lookups ${perSecond(lookups.count)}/s p99 ${ms(lookups.p99)}`,
    `upserts ${perSecond(upserts.count)}/s p99 ${ms(upserts.p99)}`,
    stats.vectorsUnavailable ? 'vectors: not supported by this store' : `search p99 ${ms(searches.p99)}`,
    `served age max ${age.toFixed(1)} s`,
    `errors ${stats.errors}`,
  ];
  if (driftNotes) parts.push(driftNotes);
  return parts.join(' | ');
}
