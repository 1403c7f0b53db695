import { semconv as quality } from '@featurescope/quality';
import { describe, expect, it } from 'vitest';
import { semconv } from '../src/index.js';

describe('monitor metric names', () => {
  it('reuse the quality engine names where the meaning is the same', () => {
    const shared = [
      'METRIC_LAST_WRITE_TIME', 'METRIC_FEATURE_MEAN', 'METRIC_FEATURE_STDDEV', 'METRIC_FEATURE_MIN', 'METRIC_FEATURE_MAX',
      'METRIC_FEATURE_QUANTILE', 'METRIC_DRIFT_STATE', 'METRIC_DRIFT_BIN_VALUES', 'METRIC_BASELINE_VALUES',
      'ATTR_BASELINE_ID', 'ATTR_DRIFT_BIN',
      'ATTR_SOURCE', 'ATTR_QUANTILE', 'ATTR_FEATURE_NAME', 'ATTR_DB_COLLECTION_NAME',
    ] as const;
    for (const key of shared) expect({ key, name: semconv[key] }).toEqual({ key, name: (quality as Record<string, unknown>)[key] });
  });

  it('name every monitor-only metric featurescope.monitor.*', () => {
    const own = Object.entries(semconv).filter(([k]) => k.startsWith('METRIC_MONITOR_'));
    expect(own.length).toBe(11);
    for (const [, name] of own) expect(name).toMatch(/^featurescope\.monitor\./);
    expect(semconv.INSTRUMENTATION_SCOPE).toBe('@featurescope/monitor');
  });
});
