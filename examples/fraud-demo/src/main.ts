import { instrumentFeatureStore } from '@featurescope/core';
import { getTelemetry } from '@featurescope/otel';
import { createQualityEngine } from '@featurescope/quality';
import { DemoArgsError, USAGE, parseArgs, type DemoArgs } from './cli-args.js';
import { EMBEDDINGS, FEATURES, GROUP } from './fraud-features.js';
import { summaryLine } from './live-summary.js';
import { DEFAULT_STORE_URL, openStore, redactUrl } from './open-store.js';
import { startPanel } from './panel-server.js';
import { WorkloadStats, runWorkload } from './workload.js';

/** `featurescope.drift.state` values. */
const DRIFT_STATE_NAMES = ['ok', 'warn', 'drift', 'insufficient'];

/** Seconds of traffic the baseline profile is captured from. */
const BASELINE_SECONDS = 15;

async function main(args: DemoArgs): Promise<void> {
  const url = process.env.FEATURESCOPE_STORE_URL ?? DEFAULT_STORE_URL;
  const { store: rawStore, embedded } = await openStore(url, [EMBEDDINGS]);
  const quality = createQualityEngine({
    // Short windows so a demo run shows drift within a minute; production default is 5 min.
    window: { durationMs: 10_000, minCount: 200 },
    features: {
      amount_avg_7d: { type: 'number', min: 0, nullable: false, maxStalenessSeconds: 600, policy: 'record' },
      txn_count_24h: { type: 'integer', min: 0, max: 10_000, policy: 'reject' },
      chargebacks_90d: { type: 'integer', min: 0, nullable: true, policy: 'record' },
      [EMBEDDINGS.name]: { kind: 'vector', dimension: EMBEDDINGS.dimension, policy: 'reject' },
    },
    featureAllowList: [...FEATURES],
  });
  const store = instrumentFeatureStore(rawStore, { observers: [quality] });

  const port = getTelemetry()?.prometheusPort;
  console.log(`featurescope fraud demo — store ${redactUrl(url)} (${store.system}), ${args.users} users, ${FEATURES.length} features in "${GROUP}"`);
  console.log(port ? `metrics: http://localhost:${port}/metrics` : 'metrics: Prometheus exporter off (OTEL_METRICS_EXPORTER)');
  const panel = await startPanel(url, embedded);
  console.log(typeof panel === 'string' ? `panel: off (${panel})` : `panel: ${panel.url}#feature=amount_avg_7d`);
  const driftPlan = args.driftAfterSeconds > 0 ? `drift injected into amount_avg_7d after ${args.driftAfterSeconds}s` : 'no drift injected';
  console.log(`baseline: first ${BASELINE_SECONDS}s of traffic; ${driftPlan}\n`);

  const stats = new WorkloadStats();
  const started = Date.now();
  const elapsed = (): number => (Date.now() - started) / 1000;
  const stop = new AbortController();
  quality.startBaselineCapture();
  let baselineDone = false;

  const shift = (): number => (args.driftAfterSeconds > 0 && elapsed() >= args.driftAfterSeconds ? 1 : 0);
  const workload = runWorkload(store, stats, { users: args.users, seed: args.seed, shift }, stop.signal);

  const ticker = setInterval(() => {
    if (!baselineDone && elapsed() >= BASELINE_SECONDS) {
      quality.finishBaselineCapture();
      if (typeof panel !== 'string') panel.captureBaseline(BASELINE_SECONDS).catch((error: unknown) => console.error(`panel baseline: ${(error as Error).message}`));
      baselineDone = true;
      console.log(`baseline captured from ${BASELINE_SECONDS}s of traffic`);
    }
    console.log(summaryLine(elapsed(), args.summaryEverySeconds, stats, driftNotes(quality)));
  }, args.summaryEverySeconds * 1000);

  const finish = (): void => stop.abort();
  process.once('SIGINT', finish);
  process.once('SIGTERM', finish);
  const timer = args.durationSeconds > 0 ? setTimeout(finish, args.durationSeconds * 1000) : undefined;

  await workload;
  clearInterval(ticker);
  clearTimeout(timer);
  console.log(`\nstopping after ${elapsed().toFixed(0)}s: ${stats.valuesWritten} feature values written, ${stats.errors} errors`);
  quality.shutdown();
  if (typeof panel !== 'string') await panel.close();
  await store.close();
  await embedded?.close();
  await getTelemetry()?.shutdown();
}

/** Features whose drift state is not ok, e.g. `drift: amount_avg_7d=drift (PSI 0.41)`. */
function driftNotes(quality: ReturnType<typeof createQualityEngine>): string {
  const notes: string[] = [];
  for (const feature of FEATURES) {
    const drift = quality.snapshot(feature, { group: GROUP })?.drift;
    if (drift !== undefined && drift.state !== 0 && drift.state !== 3) notes.push(`${feature}=${DRIFT_STATE_NAMES[drift.state] ?? drift.state} (PSI ${drift.psi.toFixed(2)}, p ${drift.chiSquarePValue.toExponential(1)})`);
  }
  return notes.length > 0 ? `drift: ${notes.join(', ')}` : 'drift: none';
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') console.log(USAGE);
  else await main(args);
} catch (error) {
  console.error(error instanceof DemoArgsError ? error.message : error);
  process.exitCode = 1;
  await getTelemetry()?.shutdown();
}
