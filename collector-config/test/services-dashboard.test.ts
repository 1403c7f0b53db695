import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectorPrometheusName, prometheusSeriesNames, readDocumentedMetrics } from './support/metric-names.js';
import { DASHBOARDS_DIR, REPO_DIR } from './support/paths.js';
import { runPromtool } from './support/prometheus-binaries.js';

// The services dashboard: HTTP panels of the example services beside the feature-store and data
// panels. Every metric it queries must be documented, in docs/telemetry.md or in the metric table of
// an example's README, in the collector's Prometheus rendering; every query must parse.

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'grafana', 'featurescope-services.json'), 'utf8')) as {
  panels: Panel[];
  templating: { list: { query?: string | { query: string } }[] };
};
const exprs = [
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
  ...dashboard.templating.list.flatMap((variable) => (typeof variable.query === 'object' ? [variable.query.query] : [])),
];
const documented = [
  ...readDocumentedMetrics(),
  ...['ingest-service', 'vector-pipeline'].flatMap((example) => readDocumentedMetrics(readFileSync(join(REPO_DIR, 'examples', example, 'README.md'), 'utf8'))),
];
const allowed = new Set(documented.flatMap((metric) => prometheusSeriesNames(collectorPrometheusName(metric), metric.kind)));

/** Identifiers used as series selectors (`name{…}`): every query here selects with labels. */
function selectedSeries(expr: string): string[] {
  return [...expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]!);
}

describe('the services dashboard (Grafana)', () => {
  it('queries only documented metrics, in the collector rendering', () => {
    const used = [...new Set(exprs.flatMap(selectedSeries))];
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !allowed.has(name)).sort()).toEqual([]);
  });

  it('puts HTTP rate and latency beside the store and the data panels', () => {
    const rows = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(rows.map((title) => /app|database|data|pipeline/i.exec(title)?.[0].toLowerCase())).toEqual(['app', 'database', 'data', 'pipeline']);
    const all = exprs.join('\n');
    expect(all).toMatch(/rate\(http_server_request_duration_seconds_count/);
    expect(all).toMatch(/histogram_quantile\(0\.99, [^\n]*http_server_request_duration_seconds_bucket/);
    expect(all).toMatch(/histogram_quantile\(0\.99, [^\n]*db_client_operation_duration_seconds_bucket/);
    expect(all).toContain('rate(db_client_operation_duration_seconds_sum');
    expect(all).toMatch(/featurescope_feature_ingest_lag_seconds_bucket/);
    expect(all).toMatch(/vector_pipeline_records_total/);
  });

  it('has queries Prometheus accepts (promtool check rules)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'services-dashboard-'));
    try {
      const rules = exprs
        .filter((expr) => !expr.startsWith('label_values('))
        .map((expr, i) => `      - record: dashboard:panel_${i}\n        expr: ${JSON.stringify(expr.replaceAll('$__rate_interval', '5m').replaceAll('$job', '.*'))}`);
      writeFileSync(join(dir, 'rules.yml'), `groups:\n  - name: services-dashboard\n    rules:\n${rules.join('\n')}\n`);
      const result = await runPromtool(['check', 'rules', 'rules.yml'], dir);
      expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
