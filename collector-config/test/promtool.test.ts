import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR } from './support/paths.js';
import { runPromtool } from './support/prometheus-binaries.js';

const ALERTS = ['FeaturescopeFeatureNotWritten', 'FeaturescopePipelineStalled', 'FeaturescopeErrorRatioHigh', 'FeaturescopeLookupLatencyHigh'];
const scratch = mkdtempSync(join(tmpdir(), 'featurescope-promtool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('promtool (Debian prometheus package)', () => {
  it.each(['prometheus.yml', 'prometheus-direct.yml'])('accepts %s and its rule files', async (file) => {
    const result = await runPromtool(['check', 'config', file], PROMETHEUS_DIR);
    expect(result.output).toContain(`SUCCESS: ${file} is valid prometheus config file syntax`);
    expect(result.code).toBe(0);
  });

  it('accepts the alert rules', async () => {
    const result = await runPromtool(['check', 'rules', 'rules/featurescope-alerts.yml'], PROMETHEUS_DIR);
    expect(result.output).toContain('SUCCESS: 5 rules found');
    expect(result.code).toBe(0);
  });

  it('passes the rule unit tests: each alert fires on its synthetic series and stays silent on healthy ones', async () => {
    const tests = readFileSync(join(PROMETHEUS_DIR, 'featurescope-alerts.test.yml'), 'utf8');
    for (const alert of ALERTS) expect(tests, `${alert} has a unit test`).toContain(`alertname: ${alert}`);
    const result = await runPromtool(['test', 'rules', 'featurescope-alerts.test.yml'], PROMETHEUS_DIR);
    expect(result.output).toContain('SUCCESS');
    expect(result.output).not.toContain('FAILED');
    expect(result.code).toBe(0);
  });

  it('fails the unit tests when an alert stops firing (the tests can fail)', async () => {
    // Same tests against rules whose not-written alert waits far longer than the test series.
    const rules = readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-alerts.yml'), 'utf8');
    const broken = rules.replace('expr: time() - featurescope_feature_last_write_time_seconds > 60', 'expr: time() - featurescope_feature_last_write_time_seconds > 6000');
    expect(broken).not.toBe(rules);
    writeFileSync(join(scratch, 'featurescope-alerts.yml'), broken);
    const tests = readFileSync(join(PROMETHEUS_DIR, 'featurescope-alerts.test.yml'), 'utf8').replace('rules/featurescope-alerts.yml', 'featurescope-alerts.yml');
    writeFileSync(join(scratch, 'alerts.test.yml'), tests);
    const result = await runPromtool(['test', 'rules', 'alerts.test.yml'], scratch);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('FAILED');
    expect(result.output).toContain('alertname: FeaturescopeFeatureNotWritten');
  });

  it('rejects a config whose rule file does not parse (the check can fail)', async () => {
    copyFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), join(scratch, 'prometheus.yml'));
    writeFileSync(join(scratch, 'featurescope-alerts.yml'), 'groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(\n');
    const config = readFileSync(join(scratch, 'prometheus.yml'), 'utf8').replace('rules/featurescope-alerts.yml', 'featurescope-alerts.yml');
    writeFileSync(join(scratch, 'prometheus.yml'), config);
    const result = await runPromtool(['check', 'config', 'prometheus.yml'], scratch);
    expect(result.code).not.toBe(0);
  });
});
