/**
 * ESM entry point: `node --import @featurescope/otel/register app.js`.
 *
 * An ESM `import pg from 'pg'` loads the driver through the ESM loader, which the
 * instrumentations' require hooks never see (ioredis stays unpatched without this), so this
 * registers import-in-the-middle's loader hook, limited to the driver packages, then starts
 * telemetry exactly like the CommonJS entry point.
 */
import { register } from 'node:module';
import { DRIVER_MODULE_URL } from './instrumentations/driver-modules.js';
import './register.js';

// The shared build compiles every source twice, the second time with --module commonjs; a .mts
// file is still emitted as ESM there, but that pass rejects import.meta (TS1343).
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore TS1343 in the CommonJS pass only
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: [DRIVER_MODULE_URL] } });
