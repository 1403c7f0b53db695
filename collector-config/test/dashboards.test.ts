import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  collectorPrometheusName,
  datadogNames,
  prometheusSeriesNames,
  readDocumentedMetrics,
} from './support/metric-names.js';
import { DASHBOARDS_DIR, PROMETHEUS_DIR } from './support/paths.js';
import { datadogMetricNames, promqlMetricNames } from './support/query-metrics.js';

// Every metric a dashboard, monitor or alert queries must be one docs/telemetry.md lists, in the
// rendering of the backend it queries (collector-config/README.md has the mapping table).

interface GrafanaPanel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}
interface DatadogQuery {
  query: string;
}
interface DatadogWidget {
  definition: { title: string; requests?: { queries: DatadogQuery[] }[] };
}

const documented = readDocumentedMetrics();
type RuleFile = { groups: { rules: { alert?: string; record?: string; expr: string }[] }[] };
const ruleList = ['featurescope-alerts.yml', 'featurescope-drift.yml'].flatMap((file) =>
  (parse(readFileSync(join(PROMETHEUS_DIR, 'rules', file), 'utf8')) as RuleFile).groups.flatMap((group) => group.rules),
);
const recordingRules = new Set(ruleList.flatMap((rule) => (rule.record ? [rule.record] : [])));
const prometheusNames = new Set([
  ...documented.flatMap((metric) => prometheusSeriesNames(collectorPrometheusName(metric), metric.kind)),
  ...recordingRules,
]);
const datadogAllowed = new Set(documented.flatMap(datadogNames));

const grafana = JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'grafana', 'featurescope-overview.json'), 'utf8')) as {
  panels: GrafanaPanel[];
  templating: { list: { query?: string | { query: string } }[] };
};
const grafanaExprs = [
  ...grafana.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
  ...grafana.templating.list.flatMap((variable) => (typeof variable.query === 'object' ? [variable.query.query] : [])),
];
const datadog = JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'datadog', 'featurescope-overview.json'), 'utf8')) as { widgets: DatadogWidget[] };
const datadogQueries = datadog.widgets.flatMap((widget) => (widget.definition.requests ?? []).flatMap((request) => request.queries.map((q) => q.query)));
const monitors = JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'datadog', 'monitors.json'), 'utf8')) as { name: string; query: string; message: string }[];

function undocumented(names: Iterable<string>, allowed: Set<string>): string[] {
  return [...new Set(names)].filter((name) => !allowed.has(name)).sort();
}

describe('query parsing', () => {
  it('finds metric names, not label names', () => {
    expect(promqlMetricNames('histogram_quantile(0.99, sum by (le, featurescope_feature_name) (rate(db_client_operation_duration_seconds_bucket{featurescope_feature_name=~"$f"}[5m]))) > on () group_left () featurescope:objective:x'))
      .toEqual(['db_client_operation_duration_seconds_bucket', 'featurescope:objective:x']);
    expect(promqlMetricNames('label_values(featurescope_rows_written_total{job=~"$job"}, featurescope_feature_name)')).toEqual(['featurescope_rows_written_total']);
    expect(datadogMetricNames('default_zero(sum:db.client.operation.duration.count{error.type:*,$env} by {db.operation.name}.as_count()) / p99:x.y{*}'))
      .toEqual(['db.client.operation.duration.count', 'x.y']);
  });
});

describe('the Grafana dashboard', () => {
  const used = grafanaExprs.flatMap(promqlMetricNames);

  it('queries only metrics docs/telemetry.md lists, in their Prometheus rendering', () => {
    expect(undocumented(used, prometheusNames)).toEqual([]);
  });

  it('shows lookup p99 and QPS, upsert latency, freshness, fleet mean shift, fleet PSI and state, error ratio and the vector score distribution', () => {
    for (const name of [
      'db_client_operation_duration_seconds_bucket', 'db_client_operation_duration_seconds_count', 'featurescope_feature_last_write_time_seconds',
      'featurescope:feature_mean_shift_sigma:1h', 'featurescope:drift_psi:1h', 'featurescope:drift_state:1h', 'featurescope_vector_search_top_score_bucket',
    ]) expect(used, name).toContain(name);
    // Per-pod window gauges cannot be merged across replicas: none may come back.
    for (const removed of ['featurescope_feature_mean', 'featurescope_feature_quantile', 'featurescope_drift_psi', 'featurescope_drift_state']) expect(used).not.toContain(removed);
    const exprs = grafanaExprs.join('\n');
    expect(exprs).toMatch(/histogram_quantile\(0\.99, [^\n]*db_operation_name="lookup"/);
    expect(exprs).toMatch(/histogram_quantile\(0\.99, [^\n]*db_operation_name="upsert"/);
    expect(exprs).toContain('time() - featurescope_feature_last_write_time_seconds');
    expect(exprs).toMatch(/error_type!=""/);
    expect(grafana.panels.some((panel) => panel.type === 'heatmap')).toBe(true);
  });
});

describe('the Datadog dashboard and monitors', () => {
  it('query only metrics docs/telemetry.md lists, under their Datadog names', () => {
    const used = [...datadogQueries, ...monitors.map((monitor) => monitor.query)].flatMap(datadogMetricNames);
    expect(used.length).toBeGreaterThan(10);
    expect(undocumented(used, datadogAllowed)).toEqual([]);
  });

  it('show the same panels as the Grafana dashboard', () => {
    const used = datadogQueries.flatMap(datadogMetricNames);
    for (const name of [
      'db.client.operation.duration', 'db.client.operation.duration.count', 'featurescope.feature.last_write_time',
      'featurescope.feature.deviation.positive', 'featurescope.drift.bin.values', 'featurescope.baseline.stddev', 'featurescope.vector_search.top_score', 'featurescope.rows.written',
    ]) expect(used, name).toContain(name);
    expect(datadogQueries.join('\n')).toContain('p99:db.client.operation.duration{db.operation.name:lookup');
  });

  it('have one monitor per Prometheus alert', () => {
    const alerts = ruleList.flatMap((rule) => (rule.alert ? [rule.alert] : []));
    expect(alerts).toHaveLength(5);
    expect(monitors).toHaveLength(alerts.length);
    for (const alert of alerts) expect(monitors.filter((monitor) => monitor.message.includes(`Prometheus equivalent: ${alert}`)), alert).toHaveLength(1);
  });
});

describe('the alert rules', () => {
  it('query only metrics docs/telemetry.md lists, in their Prometheus rendering', () => {
    expect(undocumented(ruleList.flatMap((rule) => promqlMetricNames(rule.expr)), prometheusNames)).toEqual([]);
  });
});
