import { startTelemetry, type TelemetryHandle } from '@featurescope/otel';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMETHEUS_DIR } from './support/paths.js';
import { freePort, PrometheusServer } from './support/prometheus-server.js';
import { loadQualityEngine, type QualityEngineLike } from './support/quality.js';
import { runWorkload, WORKLOAD, type WorkloadReport } from './support/workload-app.js';

// A real Prometheus server (Debian's binary) scrapes this process's own /metrics endpoint, started
// by @featurescope/otel's startTelemetry() exactly as an app starts it, using the shipped
// prometheus-direct.yml scrape job (with its metric relabelling) and the shipped alert rules.

const JOB = 'featurescope-app';
const SEL = `job="${JOB}", db_collection_name="${WORKLOAD.group}"`;

interface ScrapeJob {
  job_name: string;
  static_configs: { targets: string[] }[];
  metric_relabel_configs?: unknown[];
}

let prometheus: PrometheusServer;
let telemetry: TelemetryHandle;
let quality: QualityEngineLike | Error;
let report: WorkloadReport;
let appPort: number;

beforeAll(async () => {
  appPort = await freePort();
  process.env.OTEL_SERVICE_NAME = 'featurescope-collector-config-e2e';
  process.env.OTEL_METRICS_EXPORTER = 'prometheus';
  process.env.OTEL_TRACES_EXPORTER = 'none';
  process.env.OTEL_EXPORTER_PROMETHEUS_HOST = '127.0.0.1';
  process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(appPort);
  telemetry = startTelemetry({ strict: true });
  expect(telemetry.prometheusPort).toBe(appPort);

  const shipped = parse(readFileSync(join(PROMETHEUS_DIR, 'prometheus-direct.yml'), 'utf8')) as { scrape_configs: ScrapeJob[] };
  const job = shipped.scrape_configs.find((candidate) => candidate.job_name === JOB)!;
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: ['featurescope-alerts.yml', 'featurescope-drift.yml'],
    scrape_configs: [{ ...job, static_configs: [{ targets: [`127.0.0.1:${appPort}`] }] }],
  };
  prometheus = await PrometheusServer.start(config, {
    'featurescope-alerts.yml': readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-alerts.yml'), 'utf8'),
    'featurescope-drift.yml': readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-drift.yml'), 'utf8'),
  });
  await prometheus.waitFor(`up{job="${JOB}"}`, (samples) => samples.length === 1 && samples[0]!.value[1] === '1');

  quality = await loadQualityEngine(WORKLOAD.features);
  report = await runWorkload(quality instanceof Error ? [] : [quality]);
  // Everything the workload did is visible once the last lookup is scraped.
  await prometheus.waitFor(
    `sum(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="lookup"})`,
    (samples) => samples.length === 1 && Number(samples[0]!.value[1]) === report.lookups,
  );
}, 120_000);

afterAll(async () => {
  if (!(quality instanceof Error)) quality?.shutdown();
  await telemetry?.shutdown();
  await prometheus?.stop();
});

describe('Prometheus scraping a featurescope app', () => {
  it('counts exactly the upserts and lookups the app made, split by outcome', async () => {
    expect(report.upserts).toBe(WORKLOAD.upserts);
    expect(report.failedUpserts).toBe(WORKLOAD.failedUpserts);
    expect(await prometheus.value(`sum(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="upsert", error_type=""})`)).toBe(WORKLOAD.upserts);
    const failed = await prometheus.query(`db_client_operation_duration_seconds_count{${SEL}, db_operation_name="upsert", error_type!=""}`);
    expect(failed.map((sample) => [sample.metric.error_type, Number(sample.value[1])])).toEqual([[report.failedErrorName, WORKLOAD.failedUpserts]]);
    expect(report.failedErrorName).toBe('InvalidInputError');
    expect(await prometheus.value(`sum(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="lookup"})`)).toBe(WORKLOAD.lookups);
  });

  it('counts feature values written and read per feature', async () => {
    const written = await prometheus.query(`sum by (featurescope_feature_name) (featurescope_rows_written_total{${SEL}})`);
    const read = await prometheus.query(`sum by (featurescope_feature_name) (featurescope_values_read_total{${SEL}})`);
    const byFeature = (samples: typeof written): Record<string, number> =>
      Object.fromEntries(samples.map((sample) => [sample.metric.featurescope_feature_name!, Number(sample.value[1])]));
    const expected = (n: number): Record<string, number> => Object.fromEntries(WORKLOAD.features.map((feature) => [feature, n]));
    expect(byFeature(written)).toEqual(expected(report.rowsWrittenPerFeature));
    expect(byFeature(read)).toEqual(expected(report.valuesReadPerFeature));
  });

  it('gives the histograms the collector\'s names (relabelled from the SDK exporter\'s)', async () => {
    expect(await prometheus.query(`{__name__=~"db_client_operation_duration_(bucket|sum|count)", job="${JOB}"}`)).toEqual([]);
    expect((await prometheus.query(`db_client_operation_duration_seconds_bucket{${SEL}}`)).length).toBeGreaterThan(0);
  });

  it('computes the lookup p99 from the scraped buckets, within the latency the app saw', async () => {
    const buckets = await prometheus.query(`sum by (le) (db_client_operation_duration_seconds_bucket{${SEL}, db_operation_name="lookup", error_type=""})`);
    const cumulative = buckets
      .map((sample) => ({ le: sample.metric.le === '+Inf' ? Infinity : Number(sample.metric.le), count: Number(sample.value[1]) }))
      .sort((a, b) => a.le - b.le);
    // Every lookup waited 25 ms: nothing at or below 10 ms, all of them below +Inf.
    expect(cumulative.find((bucket) => bucket.le === 0.01)?.count).toBe(0);
    expect(cumulative.at(-1)).toEqual({ le: Infinity, count: WORKLOAD.lookups });

    const p99 = await prometheus.value(`histogram_quantile(0.99, sum by (le) (db_client_operation_duration_seconds_bucket{${SEL}, db_operation_name="lookup", error_type=""}))`);
    expect(p99).toBeCloseTo(interpolatedQuantile(0.99, cumulative), 9);
    const upperBound = cumulative.find((bucket) => bucket.le >= report.maxLookupSeconds)!.le;
    expect(p99).toBeGreaterThan(WORKLOAD.lookupDelayMs / 1000 - 0.015); // above the 0.01 s bucket
    expect(p99).toBeLessThanOrEqual(upperBound);
  });

  it('shows a positive upsert rate while the app writes and exactly zero once it stops', async () => {
    const during = await prometheus.value(
      `max_over_time(sum(rate(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="upsert", error_type=""}[3s]))[2m:1s])`,
    );
    expect(during).toBeGreaterThan(0);
    // Upserts ran over ~3 s of a ~5 s workload: the extrapolated increase over the whole run is near the count.
    const increase = await prometheus.value(`sum(increase(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="upsert", error_type=""}[2m]))`);
    expect(increase).toBeGreaterThan(WORKLOAD.upserts * 0.5);
    expect(increase).toBeLessThan(WORKLOAD.upserts * 1.5);

    await sleep(4000);
    await prometheus.waitFor(
      `sum(rate(db_client_operation_duration_seconds_count{${SEL}, db_operation_name="upsert", error_type=""}[3s]))`,
      (samples) => samples.length === 1 && Number(samples[0]!.value[1]) === 0,
    );
  });

  it('evaluates every shipped alert rule on the real series without error', async () => {
    await sleep(1500);
    const body = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = body.data.groups.flatMap((group) => group.rules);
    // Every rule of every loaded file (the alerts and the generated fleet-drift rules), read from the files.
    const shipped = ['featurescope-alerts.yml', 'featurescope-drift.yml'].flatMap(
      (file) => (parse(readFileSync(join(PROMETHEUS_DIR, 'rules', file), 'utf8')) as { groups: { rules: unknown[] }[] }).groups,
    );
    expect(rules.length).toBe(shipped.flatMap((group) => group.rules).length);
    expect(rules.filter((rule) => rule.health !== 'ok')).toEqual([]);
  });

  it('exports per-feature last-write time and the staleness the alert rule measures', async () => {
    if (quality instanceof Error) throw quality;
    const lastWrite = await prometheus.waitFor(`featurescope_feature_last_write_time_seconds{${SEL}}`, (samples) => samples.length === WORKLOAD.features.length);
    for (const sample of lastWrite) expect(Number(sample.value[1])).toBeCloseTo(report.lastUpsertAt, -1);
    const age = await prometheus.query(`time() - featurescope_feature_last_write_time_seconds{${SEL}}`);
    for (const sample of age) expect(Number(sample.value[1])).toBeLessThan(60);
  });
});

/** Prometheus' histogram_quantile interpolation over cumulative buckets (for the checks above). */
function interpolatedQuantile(q: number, cumulative: readonly { le: number; count: number }[]): number {
  const total = cumulative.at(-1)!.count;
  const rank = q * total;
  let previous = { le: 0, count: 0 };
  for (const bucket of cumulative) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return previous.le;
      return previous.le + ((bucket.le - previous.le) * (rank - previous.count)) / (bucket.count - previous.count);
    }
    previous = bucket;
  }
  return NaN;
}
