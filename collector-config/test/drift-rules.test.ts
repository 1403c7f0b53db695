import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR } from './support/paths.js';
import { runPromtool } from './support/prometheus-binaries.js';

const scratch = mkdtempSync(join(tmpdir(), 'featurescope-drift-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('fleet drift rules (generated from testdata/binned-drift)', () => {
  it('are what generate-drift-rules.mjs writes today', () => {
    execFileSync(process.execPath, [join(PROMETHEUS_DIR, 'generate-drift-rules.mjs'), '--out', scratch]);
    for (const file of ['rules/featurescope-drift.yml', 'featurescope-drift.test.yml']) {
      expect(readFileSync(join(PROMETHEUS_DIR, file), 'utf8'), `${file}: re-run the generator`).toBe(readFileSync(join(scratch, file), 'utf8'));
    }
  });

  it('pass promtool check', async () => {
    const result = await runPromtool(['check', 'rules', 'rules/featurescope-drift.yml'], PROMETHEUS_DIR);
    expect(result.output).toContain('SUCCESS: 23 rules found');
    expect(result.code).toBe(0);
  });

  it('give the scipy vectors\' PSI, chi-square, critical value, binned KS and state to 1e-9, summed over pods, and fire the alert', async () => {
    const result = await runPromtool(['test', 'rules', 'featurescope-drift.test.yml'], PROMETHEUS_DIR);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('fail when the smoothing is changed (the unit tests can fail)', async () => {
    const rules = readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-drift.yml'), 'utf8');
    const broken = rules.replaceAll('featurescope:drift_bin_values:total + 0.5)', 'featurescope:drift_bin_values:total + 0.4)');
    expect(broken).not.toBe(rules);
    writeFileSync(join(scratch, 'rules', 'featurescope-drift.yml'), broken);
    const result = await runPromtool(['test', 'rules', 'featurescope-drift.test.yml'], scratch);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('featurescope:drift_psi:total');
  });
});

describe('the PromQL of docs/data-quality.md', () => {
  it('"PSI by hand" gives the vectors\' PSI on recorded 1h series', async () => {
    const doc = readFileSync(join(PROMETHEUS_DIR, '..', '..', 'docs', 'data-quality.md'), 'utf8');
    const snippet = /PSI\s+by hand:\s*\n\s*```promql\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(snippet, 'docs/data-quality.md has a ```promql block after "PSI by hand"').toBeDefined();
    const vectors = JSON.parse(readFileSync(join(PROMETHEUS_DIR, '..', '..', 'testdata', 'binned-drift', 'vectors.json'), 'utf8')) as {
      cases: { name: string; bins: number; counts: number[]; psi: number }[];
    };
    const c = vectors.cases.find((v) => v.bins === 20 && v.name.startsWith('0.5 sigma'))!;
    const labels = 'db_collection_name="g", featurescope_feature_name="f", featurescope_source="inline", featurescope_baseline_id="b"';
    const series = [
      ...c.counts.map((count, bin) => `      - series: 'featurescope:drift_bin_values:1h{${labels}, featurescope_drift_bin="${String(bin).padStart(2, '0')}"}'\n        values: '${count}x2'`),
      `      - series: 'featurescope:drift_values:1h{${labels}}'\n        values: '${c.counts.reduce((a, b) => a + b, 0)}x2'`,
      `      - series: 'featurescope:drift_bins:1h{${labels}}'\n        values: '20x2'`,
    ];
    const rounded = Math.floor(c.psi * (1 / 1e-9) + 0.5) / (1 / 1e-9); // Go's round(v, 1e-9)
    const expr = `round(${snippet!.trim().replace(/\n\s*/g, ' ')}, 1e-9)`;
    writeFileSync(
      join(scratch, 'doc-snippet.test.yml'),
      `rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n${series.join('\n')}\n    promql_expr_test:\n      - expr: ${JSON.stringify(expr)}\n        eval_time: 1m\n        exp_samples:\n          - labels: '{${labels}}'\n            value: ${rounded}\n`,
    );
    const result = await runPromtool(['test', 'rules', 'doc-snippet.test.yml'], scratch);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
