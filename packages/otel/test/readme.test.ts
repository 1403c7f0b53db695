import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, ENV } from '../src/index.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('documents every variable this package validates', () => {
    const missing = Object.values(ENV).filter((name) => !readme.includes(name.replace(/_(TRACES|METRICS)_/, '_')) && !readme.includes(name));
    expect(missing).toEqual([]);
  });

  it('states the defaults the code uses', () => {
    expect(readme).toContain(`| \`${DEFAULTS.prometheusPort}\` |`);
    expect(readme).toContain(`| \`${DEFAULTS.metricExportIntervalMillis}\` |`);
    expect(readme).toContain(`| \`${DEFAULTS.sampler}\` |`);
    expect(readme).toContain(`**\`${DEFAULTS.metricExporters.join(',')}\`**`);
    expect(readme).toContain(DEFAULTS.otlpHttpEndpoint);
  });
});
