#!/usr/bin/env node
// Generates the fleet-drift recording and alert rules (rules/featurescope-drift.yml) and their
// promtool unit tests (featurescope-drift.test.yml) from testdata/binned-drift: the definitions of
// its README.md, the expected numbers of its scipy vectors.json. PromQL has no prefix sum across
// labels, so the binned KS statistic is one term per inner edge k, written out here.
//
//   node collector-config/prometheus/generate-drift-rules.mjs [--bins 20] [--alpha 0.01] [--out dir]
//
// Re-run after changing the bins or the rule; a test checks the committed files are up to date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(readFileSync(join(here, '../../testdata/binned-drift/vectors.json'), 'utf8'));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const BINS = option('--bins', 20);
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : here;
const ALPHA = option('--alpha', 0.01);
const PSI_DRIFT = 0.1;
const PSI_WARN = 0.05;
const MIN_COUNT = 5 * BINS;
// chi2.ppf(1 − alpha, B − 1), from the vectors (scipy) for the default rule.
const critical = vectors.cases.find((c) => c.bins === BINS && c.rule.alpha === ALPHA)?.chiSquareCritical;
if (critical === undefined) throw new Error(`vectors.json has no case with B = ${BINS}, alpha = ${ALPHA}: add one to make-vectors.py for its critical value`);

const FEATURE = 'db_collection_name, featurescope_feature_name, featurescope_source, featurescope_baseline_id';
const BASELINE = 'db_collection_name, featurescope_feature_name, featurescope_baseline_id';
const pad = (i) => String(i).padStart(Math.max(2, String(BINS - 1).length), '0');

/** Windows: cumulative since the baseline was installed, and the last hour. */
const WINDOWS = [
  { suffix: 'total', counts: `sum by (${FEATURE}, featurescope_drift_bin) (featurescope_drift_bin_values_total)`, deviation: (m) => `sum by (${FEATURE}) (${m})` },
  { suffix: '1h', counts: `sum by (${FEATURE}, featurescope_drift_bin) (increase(featurescope_drift_bin_values_total[1h]))`, deviation: (m) => `sum by (${FEATURE}) (increase(${m}[1h]))` },
];

function rulesFor(w) {
  const s = w.suffix;
  const bins = `featurescope:drift_bin_values:${s}`;
  const n = `featurescope:drift_values:${s}`;
  const b = `featurescope:drift_bins:${s}`;
  const big = `featurescope:drift_baseline_values:${s}`;
  const on = `on (${FEATURE}) group_left()`;
  const onBaseline = `on (${BASELINE}) group_left()`;
  const ks = Array.from({ length: BINS - 1 }, (_, k) => {
    const below = Array.from({ length: k + 1 }, (_, i) => pad(i)).join('|');
    return `label_replace(abs(sum without (featurescope_drift_bin) (${bins}{featurescope_drift_bin=~"${below}"}) / ${n} - ${(k + 1) / BINS}), "featurescope_drift_edge", "${pad(k + 1)}", "", "")`;
  });
  return [
    { record: bins, expr: w.counts },
    { record: n, expr: `sum without (featurescope_drift_bin) (${bins})` },
    { record: b, expr: `count without (featurescope_drift_bin) (${bins})` },
    // The baseline's N on the feature's own labels (source included), for one-to-one matching below.
    { record: big, expr: `${b} * 0 + ${onBaseline} featurescope:baseline_values:max` },
    // PSI with add-½ smoothing: Σ (p − 1/B) ln(p B), p = (c + ½) / (n + B/2).
    {
      record: `featurescope:drift_psi:${s}`,
      expr: `sum without (featurescope_drift_bin) (\n  ((${bins} + 0.5) / ${on} (${n} + 0.5 * ${b}) - ${on} (1 / ${b}))\n  * ln((${bins} + 0.5) / ${on} (${n} + 0.5 * ${b}) * ${on} ${b})\n)`,
    },
    // 2 × B homogeneity chi-square with the baseline's N: (N / n) Σ (c − n/B)² / (c + N/B).
    {
      record: `featurescope:drift_chi_square:${s}`,
      expr: `sum without (featurescope_drift_bin) (\n  (${bins} - ${on} (${n} / ${b})) ^ 2\n  / (${bins} + ${on} (${big} / ${b}))\n)\n* ${big} / ${n}`,
    },
    { record: `featurescope:drift_chi_square_critical:${s}`, expr: `${b} * 0 + ${critical}` },
    { record: `featurescope:drift_ks_binned:${s}`, expr: `max without (featurescope_drift_edge) (\n    ${ks.join('\n  or ')}\n)` },
    // Fleet mean shift in baseline σ from the deviation sums (no σ: absent for a constant baseline).
    {
      record: `featurescope:feature_mean_shift_sigma:${s}`,
      expr: `(${w.deviation('featurescope_feature_deviation_positive_total')} - ${w.deviation('featurescope_feature_deviation_negative_total')})\n/ ${n}\n/ ${onBaseline} (featurescope:baseline_stddev:max > 0)`,
    },
    // State: 3 insufficient (n < 5B), 2 drift (X² > critical and PSI ≥ 0.1), 1 warn (PSI ≥ 0.05), 0 ok.
    {
      record: `featurescope:drift_state:${s}`,
      expr:
        `(${n} < bool ${MIN_COUNT}) * 3\n+ (${n} >= bool ${MIN_COUNT})\n  * (featurescope:drift_chi_square:${s} > bool featurescope:drift_chi_square_critical:${s})\n` +
        `  * ((featurescope:drift_psi:${s} >= bool ${PSI_DRIFT}) * 2 + (featurescope:drift_psi:${s} < bool ${PSI_DRIFT}) * (featurescope:drift_psi:${s} >= bool ${PSI_WARN}))`,
    },
  ];
}

const q = (s) => JSON.stringify(s);
function yamlRule(r) {
  const head = r.record !== undefined ? `      - record: ${r.record}\n` : `      - alert: ${r.alert}\n`;
  const expr = `        expr: |\n${r.expr.split('\n').map((l) => `          ${l}`).join('\n')}\n`;
  const rest = (r.extra ?? '').length > 0 ? r.extra : '';
  return head + expr + rest;
}

const header = `# GENERATED by generate-drift-rules.mjs from testdata/binned-drift (B = ${BINS}, alpha = ${ALPHA}); do not edit.
# Fleet drift per feature over every replica: the binned statistics of testdata/binned-drift/README.md
# computed from featurescope_drift_bin_values_total (summed over pods) and featurescope_baseline_values.
# Windows: ":total" since the baseline was installed, ":1h" the last hour (increase()).
#   promtool check rules collector-config/prometheus/rules/featurescope-drift.yml
#   promtool test rules collector-config/prometheus/featurescope-drift.test.yml
`;
const shared = [
  { record: 'featurescope:baseline_values:max', expr: `max by (${BASELINE}) (featurescope_baseline_values)` },
  { record: 'featurescope:baseline_stddev:max', expr: `max by (${BASELINE}) (featurescope_baseline_stddev)` },
];
const alert = {
  alert: 'FeaturescopeFeatureDrift',
  expr: 'featurescope:drift_state:1h == 2',
  extra: `        for: 10m
        labels:
          severity: warning
        annotations:
          summary: 'Feature {{ $labels.featurescope_feature_name }} has drifted across the fleet for 10 minutes'
          description: 'Over the last hour of every replica, {{ $labels.db_collection_name }}/{{ $labels.featurescope_feature_name }} differs significantly (chi-square above its ${ALPHA} critical value) and materially (PSI >= ${PSI_DRIFT}) from baseline {{ $labels.featurescope_baseline_id }}; see featurescope:drift_psi:1h.'
`,
};
const rulesYaml =
  header +
  'groups:\n' +
  `  - name: featurescope-drift-baseline\n    rules:\n${shared.map(yamlRule).join('')}` +
  WINDOWS.map((w) => `  - name: featurescope-drift-${w.suffix}\n    rules:\n${rulesFor(w).map(yamlRule).join('')}`).join('') +
  `  - name: featurescope-drift-alerts\n    rules:\n${yamlRule(alert)}`;
mkdirSync(join(OUT, 'rules'), { recursive: true });
writeFileSync(join(OUT, 'rules', 'featurescope-drift.yml'), rulesYaml);

// promtool's comparison is exact: the tests compare round(x, 1e-9) with the vectors rounded the same way (Go's formula).
const rounded = (v) => Math.floor(v * (1 / 1e-9) + 0.5) / (1 / 1e-9);
const cases = vectors.cases.filter((c) => c.bins === BINS && c.rule.alpha === ALPHA && c.rule.psiDrift === PSI_DRIFT && c.rule.psiWarn === PSI_WARN);
const tests = cases.map((c, i) => {
  const labels = `db_collection_name="g", featurescope_feature_name="f${i}", featurescope_source="inline", featurescope_baseline_id="b${i}"`;
  const series = [
    // Two pods share the counts (one gets the odd unit): the rules must sum them.
    ...c.counts.flatMap((count, bin) => [
      `      - series: 'featurescope_drift_bin_values_total{${labels}, featurescope_drift_bin="${pad(bin)}", job="app", instance="pod-a"}'\n        values: '${Math.floor(count / 2)}x3'`,
      `      - series: 'featurescope_drift_bin_values_total{${labels}, featurescope_drift_bin="${pad(bin)}", job="app", instance="pod-b"}'\n        values: '${count - Math.floor(count / 2)}x3'`,
    ]),
    `      - series: 'featurescope_baseline_values{db_collection_name="g", featurescope_feature_name="f${i}", featurescope_baseline_id="b${i}", job="app", instance="pod-a"}'\n        values: '${c.baselineCount}x3'`,
    `      - series: 'featurescope_baseline_values{db_collection_name="g", featurescope_feature_name="f${i}", featurescope_baseline_id="b${i}", job="app", instance="pod-b"}'\n        values: '${c.baselineCount}x3'`,
  ];
  const expect = (expr, value, name = '') => `      - expr: ${expr}\n        eval_time: 2m\n        exp_samples:\n          - labels: '${name}{${labels}}'\n            value: ${value}`;
  const checks = [
    expect(`round(featurescope:drift_psi:total{featurescope_feature_name="f${i}"}, 1e-9)`, rounded(c.psi)),
    expect(`round(featurescope:drift_chi_square:total{featurescope_feature_name="f${i}"}, 1e-9)`, rounded(c.chiSquare)),
    expect(`round(featurescope:drift_chi_square_critical:total{featurescope_feature_name="f${i}"}, 1e-9)`, rounded(c.chiSquareCritical)),
    expect(`round(featurescope:drift_ks_binned:total{featurescope_feature_name="f${i}"}, 1e-9)`, rounded(c.ksBinned)),
    expect(`featurescope:drift_state:total{featurescope_feature_name="f${i}"}`, c.state, 'featurescope:drift_state:total'),
  ];
  return `  # ${c.name}\n  - interval: 1m\n    input_series:\n${series.join('\n')}\n    promql_expr_test:\n${checks.join('\n')}\n`;
});
// The alert: a 0.5 σ shift arriving at a steady rate fires after 10 min; a stable feature stays silent.
const shifted = cases.find((c) => c.state === 2 && c.name.startsWith('0.5 sigma'));
const stable = cases.find((c) => c.state === 0 && c.name.startsWith('no shift, n=1000'));
const alertSeries = (c, feature) =>
  c.counts
    .map((count, bin) => `      - series: 'featurescope_drift_bin_values_total{db_collection_name="g", featurescope_feature_name="${feature}", featurescope_source="inline", featurescope_baseline_id="b", featurescope_drift_bin="${pad(bin)}", job="app", instance="pod-a"}'\n        values: '0+${count / 10}x60'`)
    .concat(`      - series: 'featurescope_baseline_values{db_collection_name="g", featurescope_feature_name="${feature}", featurescope_baseline_id="b", job="app", instance="pod-a"}'\n        values: '${c.baselineCount}x60'`)
    .join('\n');
tests.push(`  # The fleet alert: fires on the shifted feature after 10 min, never on the stable one.
  - interval: 1m
    input_series:
${alertSeries(shifted, 'shifted')}
${alertSeries(stable, 'stable')}
    alert_rule_test:
      - eval_time: 5m
        alertname: FeaturescopeFeatureDrift
        exp_alerts: []
      - eval_time: 30m
        alertname: FeaturescopeFeatureDrift
        exp_alerts:
          - exp_labels:
              severity: warning
              db_collection_name: g
              featurescope_feature_name: shifted
              featurescope_source: inline
              featurescope_baseline_id: b
            exp_annotations:
              summary: 'Feature shifted has drifted across the fleet for 10 minutes'
              description: 'Over the last hour of every replica, g/shifted differs significantly (chi-square above its ${ALPHA} critical value) and materially (PSI >= ${PSI_DRIFT}) from baseline b; see featurescope:drift_psi:1h.'
`);
writeFileSync(
  join(OUT, 'featurescope-drift.test.yml'),
  `# GENERATED by generate-drift-rules.mjs from testdata/binned-drift/vectors.json; do not edit.\n# The fleet rules give the scipy numbers (to 1e-9) on the vectors' counts split over two pods.\nrule_files:\n  - rules/featurescope-drift.yml\nevaluation_interval: 1m\ntests:\n${tests.join('')}`,
);
console.log(`wrote rules/featurescope-drift.yml and featurescope-drift.test.yml (${cases.length} vector cases, B = ${BINS}, critical ${critical})`);
