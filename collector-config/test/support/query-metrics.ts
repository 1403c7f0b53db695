/**
 * Metric names referenced by PromQL and Datadog queries, for checking dashboards and rules
 * against docs/telemetry.md. Not a parser: it removes label matchers, grouping clauses and
 * strings, then keeps identifiers that look like featurescope's metrics or recording rules.
 */
export function promqlMetricNames(expr: string): string[] {
  const labelValues = /^label_values\(\s*([^,]+),/.exec(expr.trim());
  const stripped = (labelValues ? labelValues[1]! : expr)
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names = stripped.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(names.filter((name) => /^(featurescope|db|traces)_/.test(name) || name.includes(':')))];
}

/** Metric names in a Datadog metric query (`p99:metric{…}`, `sum:metric{…}.as_rate()`, `metric{…}`). */
export function datadogMetricNames(query: string): string[] {
  const names = [...query.matchAll(/(?:^|[\s(,:])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\{/g)].map((match) => match[1]!);
  return [...new Set(names)];
}
