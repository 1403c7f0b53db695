import type { Instrumentation } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation, type IORedisInstrumentationConfig } from '@opentelemetry/instrumentation-ioredis';
import { MySQL2Instrumentation, type MySQL2InstrumentationConfig } from '@opentelemetry/instrumentation-mysql2';
import { PgInstrumentation, type PgInstrumentationConfig } from '@opentelemetry/instrumentation-pg';
import { isResolvableFrom } from './resolvable.js';

/**
 * Per-driver instrumentation settings: `false` turns one off; an object is merged over
 * featurescope's privacy-preserving defaults, so `{ mysql2: { maskStatement: false } }` opts
 * back in to bound values in `db.query.text`.
 */
export interface DriverInstrumentationOptions {
  /** @default `{ maskStatement: true }` (literals in the SQL text become `?`; bound values never appear) */
  readonly mysql2?: MySQL2InstrumentationConfig | false;
  /** @default `{ enhancedDatabaseReporting: false }` (no `$1…` parameter values on spans) */
  readonly pg?: PgInstrumentationConfig | false;
  /** @default `{ dbStatementSerializer }` writing only the command name and argument count */
  readonly ioredis?: IORedisInstrumentationConfig | false;
}

/**
 * Redis keys often embed entity ids and arguments carry feature values, so by default the
 * statement is the command and how many arguments it had (e.g. `HSET [3 arguments]`).
 */
export function redactedRedisStatement(commandName: string, commandArgs: readonly unknown[]): string {
  return commandArgs.length === 0 ? commandName : `${commandName} [${commandArgs.length} arguments]`;
}

/** featurescope's defaults per driver, merged under the user's {@link DriverInstrumentationOptions}. */
export const SAFE_DEFAULTS = Object.freeze({
  mysql2: Object.freeze<MySQL2InstrumentationConfig>({ maskStatement: true }),
  pg: Object.freeze<PgInstrumentationConfig>({ enhancedDatabaseReporting: false }),
  ioredis: Object.freeze<IORedisInstrumentationConfig>({ dbStatementSerializer: redactedRedisStatement }),
});

/**
 * The instrumentations for the drivers the app can resolve. They patch through require hooks,
 * so they must be created and enabled before the app loads the driver (the register entry
 * point does this first thing).
 */
export function createDriverInstrumentations(appRoot: string, options: DriverInstrumentationOptions = {}): Instrumentation[] {
  const instrumentations: Instrumentation[] = [];
  if (options.mysql2 !== false && isResolvableFrom(appRoot, 'mysql2')) {
    instrumentations.push(new MySQL2Instrumentation({ ...SAFE_DEFAULTS.mysql2, ...options.mysql2 }));
  }
  if (options.pg !== false && isResolvableFrom(appRoot, 'pg')) {
    instrumentations.push(new PgInstrumentation({ ...SAFE_DEFAULTS.pg, ...options.pg }));
  }
  if (options.ioredis !== false && isResolvableFrom(appRoot, 'ioredis')) {
    instrumentations.push(new IORedisInstrumentation({ ...SAFE_DEFAULTS.ioredis, ...options.ioredis }));
  }
  return instrumentations;
}
