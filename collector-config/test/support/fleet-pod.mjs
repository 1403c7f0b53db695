// One replica of the fleet-drift test: an instrumented in-memory store with the quality engine and
// its own Prometheus /metrics endpoint on an ephemeral port. Commands on stdin, one JSON per line:
//   {"feature": "stable", "values": [..]}  → writes the values, replies {"done": n}
// The first line on stdout is {"port": <port>} once the baseline is installed and /metrics serves.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { InMemoryFeatureStore, instrumentFeatureStore } from '@featurescope/core';
import { createQualityEngine } from '@featurescope/quality';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

const [baselinePath, pod] = process.argv.slice(2);
const exporter = new PrometheusExporter({ preventServerStart: true });
const meterProvider = new MeterProvider({ readers: [exporter] });
const quality = createQualityEngine({ meterProvider, baseline: baselinePath, drift: { source: 'upsert' } });
await quality.baselineReady;
const store = instrumentFeatureStore(new InMemoryFeatureStore(), { meterProvider, observers: [quality], tracing: false });
const server = createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));

let entity = 0;
const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const command = JSON.parse(line);
  const rows = command.values.map((value) => ({ entityId: `p${pod}-${entity++}`, feature: command.feature, value }));
  await store.upsert({ group: 'fleet', rows });
  process.stdout.write(`${JSON.stringify({ done: rows.length })}\n`);
});
lines.on('close', async () => {
  quality.shutdown();
  server.close();
  await meterProvider.shutdown();
});
