import { fileURLToPath } from 'node:url';
import { startServiceProcess, type ServiceProcess } from '@featurescope/example-service-kit/testing';

export const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/** A unique table name for this run. */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Starts the built service as `npm start` does, on a free port; resolves once it logs "listening". */
/** The arguments `npm start` runs node with (a test checks package.json says the same). */
export const START_ARGS = ['--import', '@featurescope/otel/register', '--import', '@featurescope/example-service-kit/register-http', 'dist/main.js'];

export async function startServingApi(env: Record<string, string>): Promise<{ service: ServiceProcess; base: string }> {
  const service = startServiceProcess(serviceDir, START_ARGS, { PORT: '0', OTEL_METRICS_EXPORTER: 'none', ...env });
  const listening = await service.waitForLog((line) => line.msg === 'listening', 90_000, '"listening"');
  return { service, base: `http://127.0.0.1:${String(listening.port)}` };
}

export async function getFeatures(base: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
