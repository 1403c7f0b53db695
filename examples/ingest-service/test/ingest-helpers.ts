import { fileURLToPath } from 'node:url';
import { startServiceProcess, type ServiceProcess } from '@featurescope/example-service-kit/testing';

export const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/** The arguments `npm start` runs node with. */
export const START_ARGS = ['--import', '@featurescope/otel/register', '--import', '@featurescope/example-service-kit/register-http', 'dist/main.js'];

/** A unique table name for this run. */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Starts the built service on a free port; resolves once it logs "listening". */
export async function startIngestService(env: Record<string, string>): Promise<{ service: ServiceProcess; base: string }> {
  const service = startServiceProcess(serviceDir, START_ARGS, { PORT: '0', OTEL_METRICS_EXPORTER: 'none', ...env });
  const listening = await service.waitForLog((line) => line.msg === 'listening', 90_000, '"listening"');
  return { service, base: `http://127.0.0.1:${String(listening.port)}` };
}

export function featureRecord(userId: string, feature: string, value: number | null, ageSeconds = 0): Record<string, unknown> {
  return { user_id: userId, feature_name: feature, feature_value: value, event_timestamp: new Date(Date.now() - ageSeconds * 1000).toISOString() };
}

export async function post(base: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${base}/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}
