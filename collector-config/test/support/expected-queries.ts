import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { collectorPrometheusName, prometheusSeriesNames, readDocumentedMetrics, type DocumentedMetric } from './metric-names.js';
import { DASHBOARDS_DIR, PROMETHEUS_DIR } from './paths.js';
import { promqlMetricNames } from './query-metrics.js';

/** A series name the alert rules or the Grafana dashboard query, with every label they use on it. */
export interface QueriedSeries {
  readonly series: string;
  readonly metric: DocumentedMetric;
  readonly labels: ReadonlySet<string>;
}

/** Every PromQL expression of the shipped alert rules and Grafana dashboard. */
export function shippedPromqlExpressions(): string[] {
  const rules = parse(readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-alerts.yml'), 'utf8')) as { groups: { rules: { expr: string | number }[] }[] };
  const grafana = JSON.parse(readFileSync(join(DASHBOARDS_DIR, 'grafana', 'featurescope-overview.json'), 'utf8')) as {
    panels: { targets?: { expr: string }[] }[];
    templating: { list: { query?: string | { query: string } }[] };
  };
  return [
    ...rules.groups.flatMap((group) => group.rules.map((rule) => String(rule.expr))),
    ...grafana.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    ...grafana.templating.list.flatMap((variable) => (typeof variable.query === 'object' ? [variable.query.query] : [])),
  ];
}

/** Label names an expression uses: matchers, by/without/on clauses and label_values' second argument. */
export function promqlLabelNames(expr: string): string[] {
  const names = new Set<string>();
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const selector of stripped.matchAll(/\{([^}]*)\}/g)) for (const m of selector[1]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)) names.add(m[1]!);
  for (const clause of stripped.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)) for (const name of clause[1]!.split(',')) if (name.trim()) names.add(name.trim());
  const labelValues = /^label_values\([^,]+,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)/.exec(expr.trim());
  if (labelValues) names.add(labelValues[1]!);
  return [...names];
}

/** What the shipped rules and dashboard query, resolved to documented metrics (docs/telemetry.md). */
export function queriedSeries(): QueriedSeries[] {
  const bySeries = new Map<string, DocumentedMetric>();
  for (const metric of readDocumentedMetrics()) for (const series of prometheusSeriesNames(collectorPrometheusName(metric), metric.kind)) bySeries.set(series, metric);
  const out = new Map<string, { metric: DocumentedMetric; labels: Set<string> }>();
  for (const expr of shippedPromqlExpressions()) {
    const labels = promqlLabelNames(expr);
    for (const series of promqlMetricNames(expr)) {
      if (series.includes(':')) continue; // recording rules
      const metric = bySeries.get(series);
      if (!metric) throw new Error(`${series} (in ${expr}) is not the collector rendering of a documented metric`);
      const entry = out.get(series) ?? { metric, labels: new Set<string>() };
      for (const label of labels) if (label !== 'le' || series.endsWith('_bucket')) entry.labels.add(label);
      out.set(series, entry);
    }
  }
  return [...out].map(([series, { metric, labels }]) => ({ series, metric, labels })).sort((a, b) => a.series.localeCompare(b.series));
}
