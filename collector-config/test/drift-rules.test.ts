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
