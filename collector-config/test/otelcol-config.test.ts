import { semconv } from '@featurescope/core';
import { describe, expect, it } from 'vitest';
import {
  CONNECTOR_SIGNALS,
  KNOWN_TYPES,
  componentType,
  loadCollectorFiles,
  pipelineSignal,
  type CollectorConfig,
  type ComponentKind,
} from './support/otelcol-config.js';

// featurescope's expectations of each pipeline, read from the files. The real collector loads
// them in collector-validate.test.ts and runs them in the *-e2e tests.

const files = loadCollectorFiles();
const EXPECTED_FILES = ['datadog-only.yaml', 'prometheus-and-datadog.yaml', 'prometheus-only.yaml', 'prometheus-remote-write.yaml'];

function defined(config: CollectorConfig, kind: ComponentKind): string[] {
  return Object.keys(config[kind] ?? {});
}

describe('collector configurations', () => {
  it('ship one file per deployment shape', () => {
    expect(files.map((f) => f.file)).toEqual(EXPECTED_FILES);
  });

  describe.each(files)('$file', ({ file, text, config }) => {
    const pipelines = Object.entries(config.service.pipelines);

    it('names the command that runs it in its header', () => {
      expect(text.split('\n').slice(0, 6).join('\n')).toContain(`otelcol-contrib --config collector-config/otelcol/${file}`);
    });

    it('uses only component types of the contrib distribution', () => {
      for (const kind of Object.keys(KNOWN_TYPES) as ComponentKind[]) {
        for (const id of defined(config, kind)) expect(KNOWN_TYPES[kind], `${kind} ${id}`).toContain(componentType(id));
      }
    });

    it('references only defined components, and uses every defined one', () => {
      const used: Record<ComponentKind, Set<string>> = {
        receivers: new Set(), processors: new Set(), exporters: new Set(), connectors: new Set(), extensions: new Set(config.service.extensions ?? []),
      };
      const connectors = new Set(defined(config, 'connectors'));
      for (const [id, pipeline] of pipelines) {
        expect(pipeline.receivers?.length, `${id} has receivers`).toBeGreaterThan(0);
        expect(pipeline.exporters?.length, `${id} has exporters`).toBeGreaterThan(0);
        for (const receiver of pipeline.receivers ?? []) (connectors.has(receiver) ? used.connectors : used.receivers).add(receiver);
        for (const exporter of pipeline.exporters ?? []) (connectors.has(exporter) ? used.connectors : used.exporters).add(exporter);
        for (const processor of pipeline.processors ?? []) used.processors.add(processor);
      }
      for (const kind of Object.keys(used) as ComponentKind[]) {
        expect([...used[kind]].sort(), `${kind} used = ${kind} defined`).toEqual(defined(config, kind).sort());
      }
    });

    it('uses each connector as an exporter in one pipeline and a receiver in another, with matching signals', () => {
      for (const connector of defined(config, 'connectors')) {
        const from = pipelines.filter(([, p]) => p.exporters?.includes(connector)).map(([id]) => pipelineSignal(id));
        const to = pipelines.filter(([, p]) => p.receivers?.includes(connector)).map(([id]) => pipelineSignal(id));
        expect(from.length, `${connector} exported to`).toBeGreaterThan(0);
        expect(to.length, `${connector} received from`).toBeGreaterThan(0);
        const supported = CONNECTOR_SIGNALS[componentType(connector)]!;
        for (const a of from) for (const b of to) expect(supported, `${connector}: ${a} → ${b}`).toContainEqual([a, b]);
      }
    });

    it('runs memory_limiter first wherever a receiver feeds the pipeline, and batches in the exporters', () => {
      for (const [id, pipeline] of pipelines) {
        const processors = pipeline.processors ?? [];
        if (pipeline.receivers?.includes('otlp')) expect(processors[0], id).toBe('memory_limiter');
        // Exporter-side batching (sending_queue::batch) replaces the batch processor.
        expect(processors, id).not.toContain('batch');
        if (processors.includes('tail_sampling')) expect(pipelineSignal(id), id).toBe('traces');
      }
      // Push exporters batch in their sending queue; prometheus is scraped and prometheusremotewrite
      // has its own remote_write_queue (it does not support sending_queue).
      for (const id of defined(config, 'exporters').filter((e) => ['otlp', 'datadog'].includes(componentType(e)))) {
        expect(config.exporters?.[id], id).toMatchObject({ sending_queue: { batch: { flush_timeout: '5s', min_size: 8192 } } });
      }
    });

    it('receives OTLP on gRPC 4317 and HTTP 4318 and serves health_check', () => {
      expect(config.receivers).toEqual({ otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } });
      expect(config.service.extensions).toEqual(['health_check']);
    });

    it('sends traces to an OTLP backend from the environment, sampled by tail_sampling', () => {
      expect(config.exporters?.['otlp/traces']).toMatchObject({ endpoint: expect.stringMatching(/^\$\{env:TRACES_OTLP_ENDPOINT(:-[^}]+)?\}$/) as unknown });
      const sampled = pipelines.filter(([, p]) => p.exporters?.includes('otlp/traces'));
      expect(sampled.map(([, p]) => p.processors)).toEqual([['tail_sampling']]);
    });

    it('computes span metrics from every featurescope span, before sampling', () => {
      const spanmetrics = config.connectors?.spanmetrics as { dimensions: { name: string }[] };
      expect(spanmetrics.dimensions.map((d) => d.name)).toEqual(
        expect.arrayContaining([semconv.ATTR_DB_OPERATION_NAME, semconv.ATTR_DB_COLLECTION_NAME]) as unknown,
      );
      const feeding = pipelines.filter(([, p]) => p.exporters?.includes('spanmetrics'));
      expect(feeding.flatMap(([, p]) => p.processors ?? [])).not.toContain('tail_sampling');
      // The current syntax (trace_conditions with path context names), not the deprecated traces.span.
      const filter = config.processors?.['filter/featurescope-spans'] as { trace_conditions: string[]; traces?: unknown };
      expect(filter.traces).toBeUndefined();
      expect(filter.trace_conditions).toEqual([`scope.name != "${semconv.INSTRUMENTATION_SCOPE}"`]);
    });

    it('drops entity-id attributes from every metric pipeline', () => {
      for (const [id, pipeline] of pipelines) {
        if (pipelineSignal(id) === 'metrics' && pipeline.receivers?.includes('otlp')) expect(pipeline.processors, id).toContain('attributes/drop-entity-ids');
      }
    });

    if (file.includes('datadog')) {
      it('sends to Datadog with the key and site from the environment, APM stats from the datadog connector', () => {
        const datadog = config.exporters?.datadog as { api: { key: string; site: string }; metrics: { histograms: { mode: string } } };
        expect(datadog.api.key).toBe('${env:DD_API_KEY}');
        expect(datadog.api.site).toMatch(/^\$\{env:DD_SITE(:-[a-z0-9.]+)?\}$/);
        expect(datadog.metrics.histograms.mode).toBe('distributions');
        const stats = pipelines.filter(([, p]) => p.receivers?.includes('datadog/connector'));
        expect(stats.map(([id, p]) => [pipelineSignal(id), p.exporters])).toEqual([['metrics', ['datadog']]]);
        // Stats see every span: the connector sits in the pipeline before tail sampling.
        const before = pipelines.filter(([, p]) => p.exporters?.includes('datadog/connector'));
        expect(before.flatMap(([, p]) => p.processors ?? [])).not.toContain('tail_sampling');
        // Resource names agree between APM stats (connector) and traces (exporter).
        const connector = config.connectors?.['datadog/connector'] as { traces: Record<string, unknown> };
        const exporter = config.exporters?.datadog as { traces: Record<string, unknown> };
        expect(connector.traces.span_name_as_resource_name).toBe(true);
        expect(exporter.traces.span_name_as_resource_name).toBe(true);
      });
    }
  });

  it('define the shared processors and connectors identically in every file', () => {
    const shared: [ComponentKind, string][] = [
      ['processors', 'memory_limiter'], ['processors', 'attributes/drop-entity-ids'],
      ['processors', 'transform/metrics'], ['processors', 'transform/spans'], ['processors', 'filter/featurescope-spans'],
      ['processors', 'tail_sampling'], ['connectors', 'spanmetrics'], ['exporters', 'otlp/traces'],
    ];
    for (const [kind, id] of shared) {
      const [first, ...rest] = files.map((f) => f.config[kind]?.[id]);
      expect(first, `${kind} ${id}`).toBeDefined();
      for (const other of rest) expect(other, `${kind} ${id}`).toEqual(first);
    }
  });
});

describe('tail sampling policies', () => {
  const { config } = files[0]!;
  const tail = config.processors?.tail_sampling as { policies: { name: string; type: string; [key: string]: unknown }[] };
  const policy = (name: string): Record<string, unknown> => tail.policies.find((p) => p.name === name)!;

  it('keep errors, stale lookups and quality events, and sample 5 % of the rest', () => {
    expect(tail.policies.map((p) => [p.name, p.type])).toEqual([
      ['keep-errors', 'status_code'],
      ['keep-stale-lookups', 'ottl_condition'],
      ['keep-quality-events', 'ottl_condition'],
      ['sample-the-rest', 'probabilistic'],
    ]);
    expect(policy('keep-errors')).toMatchObject({ status_code: { status_codes: ['ERROR'] } });
    expect(policy('sample-the-rest')).toMatchObject({ probabilistic: { sampling_percentage: '${env:FEATURESCOPE_TRACE_SAMPLING_PERCENT:-5}' } });
  });

  it('compare the lookup age attribute to a staleness objective from the environment (default 300 s)', () => {
    const [condition] = (policy('keep-stale-lookups').ottl_condition as { span: string[] }).span;
    expect(condition).toBe(
      `span.attributes["${semconv.ATTR_LOOKUP_AGE_MAX}"] != nil and span.attributes["${semconv.ATTR_LOOKUP_AGE_MAX}"] > \${env:FEATURESCOPE_STALENESS_OBJECTIVE_SECONDS:-300}`,
    );
  });

  it('match the quality engine\'s span events and nothing else of featurescope\'s', () => {
    const [condition] = (policy('keep-quality-events').ottl_condition as { spanevent: string[] }).spanevent;
    const pattern = /IsMatch\(spanevent\.name, "([^"]+)"\)/.exec(condition!)![1]!;
    const re = new RegExp(pattern);
    for (const event of ['featurescope.drift', 'featurescope.stale_values', 'featurescope.validation', 'featurescope.validation.violation']) expect(re.test(event), event).toBe(true);
    for (const event of ['exception', 'featurescope_drift', 'featurescope.lookup', 'my.featurescope.drift']) expect(re.test(event), event).toBe(false);
  });
});

describe('the entity-id guard', () => {
  const { config } = files[0]!;
  const actions = (config.processors?.['attributes/drop-entity-ids'] as { actions: { key?: string; pattern?: string; action: string }[] }).actions;
  // RE2 (the collector's engine) and JavaScript agree on this pattern once (?i) becomes the i flag.
  const pattern = actions.find((a) => a.pattern !== undefined)!.pattern!;
  const re = new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i');

  it('deletes featurescope.entity_ids by name and every id-like key by pattern', () => {
    expect(actions).toContainEqual({ key: semconv.ATTR_ENTITY_IDS, action: 'delete' });
    for (const key of ['entity_id', 'entity.id', 'user_id', 'user.id', 'userId', 'customer_ids', 'app.account.id', 'card_id', 'enduser.id', 'device.id'])
      expect(re.test(key), key).toBe(true);
  });

  it('keeps every bounded attribute featurescope puts on metrics', () => {
    for (const key of [
      semconv.ATTR_DB_SYSTEM_NAME, semconv.ATTR_DB_OPERATION_NAME, semconv.ATTR_DB_COLLECTION_NAME, semconv.ATTR_ERROR_TYPE,
      semconv.ATTR_FEATURE_NAME, semconv.ATTR_ENTITY_COUNT, 'featurescope.source', 'featurescope.quantile', 'featurescope.rule',
      'service.instance.id', 'otel.scope.name', 'paid', 'valid',
    ]) expect(re.test(key), key).toBe(false);
  });
});

