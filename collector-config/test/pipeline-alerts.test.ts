import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR } from './support/paths.js';
import { runPromtool } from './support/prometheus-binaries.js';

const scratch = mkdtempSync(join(tmpdir(), 'featurescope-pipeline-alerts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('featurescope.spans.dropped alert (rules/featurescope-pipeline-alerts.yml)', () => {
  it('passes its rule unit tests: fires on sustained drops, silent on none or a short burst', async () => {
    expect((await runPromtool(['check', 'rules', 'rules/featurescope-pipeline-alerts.yml'], PROMETHEUS_DIR)).output).toContain('SUCCESS: 1 rules found');
    const result = await runPromtool(['test', 'rules', 'featurescope-pipeline-alerts.test.yml'], PROMETHEUS_DIR);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('the unit tests fail when the alert watches the wrong series (they can fail)', async () => {
    const rules = readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-pipeline-alerts.yml'), 'utf8');
    const broken = rules.replace('featurescope_spans_dropped_total[5m]', 'featurescope_spans_exported_total[5m]');
    expect(broken).not.toBe(rules);
    writeFileSync(join(scratch, 'featurescope-pipeline-alerts.yml'), broken);
    const tests = readFileSync(join(PROMETHEUS_DIR, 'featurescope-pipeline-alerts.test.yml'), 'utf8').replace('rules/featurescope-pipeline-alerts.yml', 'featurescope-pipeline-alerts.yml');
    writeFileSync(join(scratch, 'alerts.test.yml'), tests);
    const result = await runPromtool(['test', 'rules', 'alerts.test.yml'], scratch);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});
