import { checkIdentifier as checkSqlIdentifier, checkTableName as checkSqlTableName, InvalidOptionError, type TableRef } from '@featurescope/core';
import { MonitorConfigError } from '../errors.js';

/** Core's identifier rule, reported as a {@link MonitorConfigError} naming the config key. */
export function checkIdentifier(key: string, value: unknown): string {
  return asConfigError(() => checkSqlIdentifier(key, value));
}

/** Core's `schema.table` rule, reported as a {@link MonitorConfigError} naming the config key. */
export function checkTableName(key: string, value: unknown): TableRef {
  return asConfigError(() => checkSqlTableName(key, value));
}

function asConfigError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidOptionError && !(error instanceof MonitorConfigError)) throw new MonitorConfigError(error.option, error.reason, { cause: error });
    throw error;
  }
}
