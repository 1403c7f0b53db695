import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProblemSink, type ConfigProblem } from '../src/config/problems.js';
import { readTelemetryConfig } from '../src/config/read-config.js';
import { fallbackServiceName } from '../src/config/service-name.js';
import { createDriverInstrumentations } from '../src/instrumentations/driver-instrumentations.js';
import { getTelemetry, redactedRedisStatement, startTelemetry, TelemetryConfigError } from '../src/index.js';
import { InvalidOptionError } from '@featurescope/core';

function read(env: Record<string, string>): { config: ReturnType<typeof readTelemetryConfig>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  return { config: readTelemetryConfig(env, (problem) => problems.push(problem)), problems };
}

describe('reading the OTEL_* variables', () => {
  it('uses featurescope defaults when nothing is set: Prometheus on 9464, no traces', () => {
    const { config, problems } = read({});
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      disabled: false,
      metricExporters: ['prometheus'],
      traceExporters: [],
      prometheusHost: undefined,
      prometheusPort: 9464,
      metricExportIntervalMillis: 60_000,
      metricExportTimeoutMillis: 30_000,
      samplerFallback: undefined,
      envServiceName: undefined,
      logsExporterSet: false,
      tracesOtlp: { protocol: 'http/protobuf', urlOverride: undefined },
    });
  });

  it('treats an empty value as unset', () => {
    expect(read({ OTEL_METRICS_EXPORTER: ' ', OTEL_TRACES_EXPORTER: '' })).toMatchObject({ problems: [], config: { metricExporters: ['prometheus'], traceExporters: [] } });
  });

  it('honours valid values', () => {
    const { config, problems } = read({
      OTEL_TRACES_EXPORTER: 'otlp,console',
      OTEL_METRICS_EXPORTER: 'OTLP, prometheus',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
      OTEL_METRIC_EXPORT_INTERVAL: '5000',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes,team=ml',
      OTEL_LOGS_EXPORTER: 'console',
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      traceExporters: ['otlp', 'console'],
      metricExporters: ['otlp', 'prometheus'],
      tracesOtlp: { protocol: 'grpc', urlOverride: undefined },
      metricsOtlp: { protocol: 'http/json', urlOverride: undefined },
      prometheusHost: '127.0.0.1',
      prometheusPort: 9999,
      metricExportIntervalMillis: 5000,
      // Clamped to the interval, as the SDK does.
      metricExportTimeoutMillis: 5000,
      samplerFallback: undefined,
      envServiceName: 'from-attributes',
      logsExporterSet: true,
    });
    expect(read({ OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' }).config).toMatchObject({ metricExporters: [], traceExporters: [] });
    expect(read({ OTEL_SERVICE_NAME: 'svc', OTEL_RESOURCE_ATTRIBUTES: 'service.name=other' }).config.envServiceName).toBe('svc');
  });

  it.each([
    ['OTEL_METRICS_EXPORTER', 'promethues', { metricExporters: ['prometheus'] }],
    ['OTEL_METRICS_EXPORTER', 'otlp,none', { metricExporters: ['prometheus'] }],
    ['OTEL_TRACES_EXPORTER', 'jaeger', { traceExporters: [] }],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http', { tracesOtlp: { protocol: 'http/protobuf', urlOverride: undefined } }],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', '94640', { prometheusPort: 9464 }],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', 'abc', { prometheusPort: 9464 }],
    ['OTEL_EXPORTER_PROMETHEUS_HOST', 'http://0.0.0.0', { prometheusHost: '0.0.0.0' }],
    ['OTEL_METRIC_EXPORT_INTERVAL', '-5', { metricExportIntervalMillis: 60_000 }],
    ['OTEL_METRIC_EXPORT_INTERVAL', '1.5s', { metricExportIntervalMillis: 60_000 }],
    ['OTEL_TRACES_SAMPLER', 'sometimes', { samplerFallback: { name: 'parentbased_always_on', ratio: 1 } }],
    ['OTEL_SDK_DISABLED', 'yes', { disabled: false }],
    ['OTEL_RESOURCE_ATTRIBUTES', 'team=ml,broken', { envServiceName: undefined }],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'localhost:4318', { tracesOtlp: { protocol: 'http/protobuf', urlOverride: 'http://localhost:4318/v1/traces' } }],
  ])('%s=%j: one problem naming the variable, then the default', (variable, value, expected) => {
    const { config, problems } = read({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ variable, value });
    expect(problems[0]!.accepted.length).toBeGreaterThan(0);
    expect(config).toMatchObject(expected);
  });

  it('never reports header values, which are usually credentials', () => {
    const { problems } = read({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer s3cr3t,Bearer t0ken' });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.value).toBe('authorization=***,***');
    expect(JSON.stringify(problems)).not.toMatch(/s3cr3t|t0ken/);
  });

  it('falls back from a bad signal endpoint to the generic one', () => {
    const { config, problems } = read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'collector' });
    expect(problems.map((problem) => problem.variable)).toEqual(['OTEL_EXPORTER_OTLP_METRICS_ENDPOINT']);
    expect(config.metricsOtlp.urlOverride).toBe('http://collector:4318/v1/metrics');
    expect(config.tracesOtlp.urlOverride).toBeUndefined();
  });

  it('validates the sampler argument only for ratio samplers', () => {
    expect(read({ OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: 'x' }).problems).toEqual([]);
    const { config, problems } = read({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' });
    expect(problems.map((problem) => problem.variable)).toEqual(['OTEL_TRACES_SAMPLER_ARG']);
    expect(config.samplerFallback).toEqual({ name: 'traceidratio', ratio: 1 });
  });

  it('accepts headers whose values contain = and resource attribute values that are empty', () => {
    expect(read({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic dXNlcjpwYXNz==,x-a=b' }).problems).toEqual([]);
    expect(read({ OTEL_RESOURCE_ATTRIBUTES: 'team=,a%2Cb=c' }).problems).toEqual([]);
  });
});

describe('reporting problems', () => {
  const problem: ConfigProblem = { variable: 'OTEL_METRICS_EXPORTER', value: 'promethues', accepted: 'prometheus, otlp, console, none', fallback: 'the default, prometheus' };

  it('prints one line per variable naming it and the accepted values', () => {
    const lines: string[] = [];
    const sink = createProblemSink(false, (line) => lines.push(line));
    sink(problem);
    sink(problem);
    expect(lines).toEqual(['[@featurescope/otel] OTEL_METRICS_EXPORTER="promethues" is not valid (accepted: prometheus, otlp, console, none); using the default, prometheus.']);
  });

  it('throws a typed TelemetryConfigError when strict', () => {
    const sink = createProblemSink(true, () => expect.unreachable('strict mode must not warn'));
    let thrown: unknown;
    try {
      sink(problem);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TelemetryConfigError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: 'TelemetryConfigError', variable: 'OTEL_METRICS_EXPORTER', value: 'promethues', accepted: 'prometheus, otlp, console, none' });
    expect((thrown as Error).message).toContain('OTEL_METRICS_EXPORTER');
  });

  it('startTelemetry({ strict: true }) throws before starting anything', () => {
    process.env.OTEL_METRICS_EXPORTER = 'promethues';
    try {
      expect(() => startTelemetry({ strict: true })).toThrow(TelemetryConfigError);
      expect(getTelemetry()).toBeUndefined();
    } finally {
      delete process.env.OTEL_METRICS_EXPORTER;
    }
  });

  it('rejects a bad flushTimeoutMillis option', () => {
    expect(() => startTelemetry({ flushTimeoutMillis: 0 })).toThrow(InvalidOptionError);
    expect(getTelemetry()).toBeUndefined();
  });
});

describe('service name fallback', () => {
  it('prefers the option, then package.json, then featurescope-app', () => {
    const empty = mkdtempSync(join(tmpdir(), 'fs-otel-'));
    expect(fallbackServiceName(' checkout ', empty)).toBe('checkout');
    expect(fallbackServiceName(undefined, join(import.meta.dirname, 'fixtures'))).toBe('featurescope-otel-fixture');
    expect(fallbackServiceName(undefined, empty)).toBe('featurescope-app');
  });
});

describe('driver instrumentations', () => {
  it('registers only drivers that resolve from the app root', () => {
    const names = (root: string, options = {}): string[] =>
      createDriverInstrumentations(root, options).map((instrumentation) => {
        instrumentation.disable();
        return instrumentation.instrumentationName;
      });
    expect(names(import.meta.dirname).sort()).toEqual(['@opentelemetry/instrumentation-ioredis', '@opentelemetry/instrumentation-mysql2', '@opentelemetry/instrumentation-pg']);
    expect(names(import.meta.dirname, { pg: false })).not.toContain('@opentelemetry/instrumentation-pg');
    expect(names(mkdtempSync(join(tmpdir(), 'fs-otel-')))).toEqual([]);
  });

  it('masks parameter values by default and lets options opt back in', () => {
    const [mysql2, pg, ioredis] = createDriverInstrumentations(import.meta.dirname);
    expect(mysql2!.getConfig()).toMatchObject({ maskStatement: true });
    expect(pg!.getConfig()).toMatchObject({ enhancedDatabaseReporting: false });
    expect((ioredis!.getConfig() as { dbStatementSerializer?: unknown }).dbStatementSerializer).toBe(redactedRedisStatement);
    const [optedIn] = createDriverInstrumentations(import.meta.dirname, { mysql2: { maskStatement: false } });
    expect(optedIn!.getConfig()).toMatchObject({ maskStatement: false });
    for (const instrumentation of [mysql2, pg, ioredis, optedIn]) instrumentation!.disable();
  });

  it('redacts every Redis argument, keeping the command and the count', () => {
    expect(redactedRedisStatement('HSET', ['fs:user:entity-42', 'txn_count', '7'])).toBe('HSET [3 arguments]');
    expect(redactedRedisStatement('PING', [])).toBe('PING');
  });
});
