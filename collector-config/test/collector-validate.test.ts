import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { distributionComponents, runCollector } from './support/collector-process.js';
import { loadCollectorFiles, type CollectorConfig } from './support/otelcol-config.js';
import { NOT_IN_DISTRIBUTION, withoutUnavailable, type Components } from './support/otelcol-template.js';
import { PACKAGE_DIR } from './support/paths.js';

// Every shipped collector file loaded by the real collector (`validate`: config decoding, every
// component's Validate(), pipeline wiring, OTTL parsing) — featurescope's distribution built by
// collector/build.sh. Components not in the distribution are removed first, and that list is fixed.

const files = loadCollectorFiles();
const ENV = { DD_API_KEY: 'validate-only', TRACES_OTLP_ENDPOINT: '127.0.0.1:4317' };
let components: Components;
let dir: string;

beforeAll(async () => {
  components = await distributionComponents();
  dir = mkdtempSync(join(tmpdir(), 'featurescope-validate-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(name: string, config: CollectorConfig): Promise<{ code: number; output: string }> {
  const file = join(dir, name);
  writeFileSync(file, stringify(config));
  return runCollector(['validate', `--config=${file}`], ENV);
}

describe('otelcol-featurescope validate', () => {
  it('contains featurescope\'s connector and every other component type the files use', () => {
    expect(components.connectors).toContain('featurescopedrift');
    for (const { config } of files) {
      for (const kind of ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const) {
        for (const id of Object.keys(config[kind] ?? {})) {
          const type = id.split('/', 1)[0]!;
          if (!NOT_IN_DISTRIBUTION[kind]?.includes(type)) expect(components[kind], `${kind} ${type}`).toContain(type);
        }
      }
    }
  });

  it.each(files.map((f) => [f.file, f] as const))('accepts %s (without the components it cannot contain)', async (file, { config }) => {
    const { config: runnable, removed } = withoutUnavailable(config, components);
    const expected = Object.entries(NOT_IN_DISTRIBUTION).flatMap(([kind, types]) =>
      Object.keys(config[kind as keyof typeof NOT_IN_DISTRIBUTION] ?? {}).filter((id) => types.includes(id.split('/', 1)[0]!)).map((id) => `${kind}/${id}`),
    );
    expect(removed).toEqual(expected.sort());
    const result = await validate(file, runnable);
    expect(result.output, file).not.toMatch(/error/i);
    expect(result.code, result.output).toBe(0);
  });

  it('covers every file of otelcol-featurescope/', () => {
    expect(readdirSync(join(PACKAGE_DIR, 'otelcol-featurescope')).sort()).toEqual(['fleet-front.yaml', 'fleet-gateway.yaml']);
  });

  it.each(['fleet-front.yaml', 'fleet-gateway.yaml'])('accepts otelcol-featurescope/%s as shipped', async (file) => {
    const config = parse(readFileSync(join(PACKAGE_DIR, 'otelcol-featurescope', file), 'utf8')) as CollectorConfig;
    const result = await validate(file, config);
    expect(result.output, file).not.toMatch(/error/i);
    expect(result.code, result.output).toBe(0);
  });

  it('rejects a file with a component the distribution lacks, naming it', async () => {
    const withDatadog = files.find((f) => f.file === 'prometheus-and-datadog.yaml')!;
    const result = await validate('unavailable.yaml', withDatadog.config);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/unknown type: "datadog"/);
  });

  it('rejects a broken OTTL condition (validate really parses the filter and sampling rules)', async () => {
    const { config } = withoutUnavailable(files.find((f) => f.file === 'prometheus-only.yaml')!.config, components);
    const broken = structuredClone(config) as CollectorConfig & { processors: Record<string, { trace_conditions?: string[] }> };
    broken.processors['filter/featurescope-spans']!.trace_conditions = ['scope.name !=== "x"'];
    const result = await validate('broken.yaml', broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('filter/featurescope-spans');
  });
});
