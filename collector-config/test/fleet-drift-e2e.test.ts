import { startOtlpReceiver, type OtlpNumberDataPoint, type OtlpReceiver } from '@featurescope/test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CollectorProcess } from './support/collector-process.js';
import { BINS, Replica, replicaCounts } from './support/fleet-replicas.js';
import { PACKAGE_DIR } from './support/paths.js';
import { freePort } from './support/prometheus-server.js';

// Scale-out of the featurescopedrift connector with the shipped otelcol-featurescope/ files:
// replicas → fleet-front.yaml (loadbalancing exporter routing by db.collection.name and
// featurescope.feature.name, static resolver here instead of DNS) → two fleet-gateway.yaml
// collectors, each computing fleet drift for the features routed to it. A third gateway gets
// everything directly. Each feature must be computed by exactly one gateway, with the single instance's numbers.

const REPLICAS = 3;
const FEATURES = Array.from({ length: 20 }, (_, i) => `feature_${String(i).padStart(2, '0')}`);
const STATE = 'featurescope.fleet.drift.state';
const COUNT = 'featurescope.fleet.drift.window_count';

interface Gateway {
  readonly collector: CollectorProcess;
  readonly output: OtlpReceiver;
  readonly otlpGrpc: number;
  readonly otlpHttp: number;
}

/** otelcol-featurescope/<file>, parsed. */
function shipped(file: string): Record<string, Record<string, unknown>> {
  return parse(readFileSync(join(PACKAGE_DIR, 'otelcol-featurescope', file), 'utf8')) as Record<string, Record<string, unknown>>;
}

/**
 * fleet-gateway.yaml on loopback ports, its fleet gauges sent to a capturing OTLP receiver, with a
 * 1 s emit interval and a 10 min window at 10 s resolution (instead of 1 min / 1 h / 1 min).
 */
async function startGateway(): Promise<Gateway> {
  const output = await startOtlpReceiver();
  const otlpGrpc = await freePort();
  const otlpHttp = await freePort();
  const config = shipped('fleet-gateway.yaml');
  config.receivers!.otlp = { protocols: { grpc: { endpoint: `127.0.0.1:${otlpGrpc}` }, http: { endpoint: `127.0.0.1:${otlpHttp}` } } };
  config.connectors!.featurescopedrift = { window: '10m', resolution: '10s', emit_interval: '1s' };
  config.exporters!['otlphttp/fleet'] = { endpoint: output.url, sending_queue: { batch: { flush_timeout: '200ms' } } };
  const collector = await CollectorProcess.start(config);
  return { collector, output, otlpGrpc, otlpHttp };
}

let gateways: Gateway[];
let single: Gateway;
let frontCollector: CollectorProcess;
let replicas: Replica[];
const expectedCount = new Map(FEATURES.map((feature, f) => [feature, Array.from({ length: REPLICAS }, (_, r) => replicaCounts(r, f).reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0)]));

/** The latest value of every fleet gauge per feature, as one gateway emitted it. */
function latestByFeature(output: OtlpReceiver): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const metric of output.receivedMetrics()) {
    for (const point of metric.dataPoints as OtlpNumberDataPoint[]) {
      const feature = point.attributes['featurescope.feature.name'] as string;
      out.set(feature, { ...out.get(feature), [metric.name]: point.value });
    }
  }
  return out;
}

function complete(output: OtlpReceiver, features: readonly string[]): boolean {
  const latest = latestByFeature(output);
  return features.every((feature) => latest.get(feature)?.[COUNT] === expectedCount.get(feature));
}

beforeAll(async () => {
  gateways = [await startGateway(), await startGateway()];
  single = await startGateway();
  const frontHttp = await freePort();
  const front = shipped('fleet-front.yaml');
  front.receivers!.otlp = { protocols: { http: { endpoint: `127.0.0.1:${frontHttp}` } } };
  const loadbalancing = front.exporters!.loadbalancing as { resolver: unknown };
  loadbalancing.resolver = { static: { hostnames: gateways.map((g) => `127.0.0.1:${g.otlpGrpc}`) } };
  frontCollector = await CollectorProcess.start(front);
  const singleHttp = `http://127.0.0.1:${single.otlpHttp}`;
  replicas = Array.from({ length: REPLICAS }, (_, r) => new Replica(r, [`http://127.0.0.1:${frontHttp}`, singleHttp], FEATURES));
  await Promise.all(replicas.map((replica) => replica.flush()));
  await single.output.waitFor(() => complete(single.output, FEATURES), 60_000, 'the single instance computing every feature');
  await gateways[0]!.output.waitFor(
    () => FEATURES.every((feature) => gateways.some((g) => latestByFeature(g.output).get(feature)?.[COUNT] === expectedCount.get(feature))),
    60_000,
    'the gateways computing every feature',
  );
}, 180_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((replica) => replica.shutdown()));
  await frontCollector?.stop();
  for (const g of [...(gateways ?? []), single]) {
    await g?.collector.stop();
    await g?.output.close();
  }
});

describe('featurescopedrift behind the loadbalancing exporter', () => {
  it('computes each feature on exactly one gateway, and both gateways get some', () => {
    const owners = FEATURES.map((feature) => gateways.filter((g) => latestByFeature(g.output).has(feature)).length);
    expect(owners).toEqual(FEATURES.map(() => 1));
    // 20 features on a 2-member hash ring: all on one member has probability 2^-19.
    for (const g of gateways) expect(latestByFeature(g.output).size).toBeGreaterThan(0);
  });

  it('gives every feature exactly the single instance\'s numbers', () => {
    const reference = latestByFeature(single.output);
    for (const feature of FEATURES) {
      const owner = gateways.find((g) => latestByFeature(g.output).has(feature))!;
      expect(latestByFeature(owner.output).get(feature), feature).toEqual(reference.get(feature));
    }
  });

  it('sums every replica\'s counts and flags the drifting features', () => {
    const reference = latestByFeature(single.output);
    for (const [f, feature] of FEATURES.entries()) {
      const gauges = reference.get(feature)!;
      expect(gauges[COUNT], feature).toBe(expectedCount.get(feature));
      expect(Object.keys(gauges).sort(), feature).toEqual([
        'featurescope.fleet.drift.chi_square', 'featurescope.fleet.drift.chi_square_pvalue', 'featurescope.fleet.drift.js_distance',
        'featurescope.fleet.drift.ks_binned', 'featurescope.fleet.drift.psi', STATE, COUNT,
      ]);
      // Features 3, 6, 9 pile up in the top bins (replicaCounts); the others are near-uniform.
      if (f % 3 === 0 && f > 0) expect(gauges[STATE], feature).toBe(2);
      if (f % 3 !== 0) expect(gauges[STATE], feature).toBe(0);
    }
  });

  it('computes PSI and the window count by the shared definition (testdata/binned-drift/README.md)', () => {
    const reference = latestByFeature(single.output);
    for (const [f, feature] of FEATURES.entries()) {
      const counts = Array.from({ length: BINS }, (_, bin) => Array.from({ length: REPLICAS }, (_, r) => replicaCounts(r, f)[bin]!).reduce((a, b) => a + b, 0));
      const n = counts.reduce((a, b) => a + b, 0);
      const psi = counts.reduce((sum, c) => {
        const p = (c + 0.5) / (n + 0.5 * BINS);
        return sum + (p - 1 / BINS) * Math.log(p * BINS);
      }, 0);
      expect(reference.get(feature)!['featurescope.fleet.drift.psi'], feature).toBeCloseTo(psi, 12);
      expect(reference.get(feature)![COUNT], feature).toBe(n);
    }
  });
});
