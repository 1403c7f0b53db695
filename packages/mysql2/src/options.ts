import type { SqlStoreOptions } from '@featurescope/core';
import type { MysqlPool } from './driver-types.js';

/**
 * Options of {@link createMysqlFeatureStore}. Give exactly one of `url` and `client`. The options
 * shared with every SQL backend (table, columns, sizes, retry, timeouts, pool metrics) are core's
 * `SqlStoreOptions`, with the same names and defaults.
 */
export interface MysqlFeatureStoreOptions extends SqlStoreOptions {
  /**
   * `mysql://user:password@host:port/database`: the store creates its own mysql2 pool (UTC session
   * time zone, `queueLimit`) and ends it on `close()`.
   */
  readonly url?: string;
  /** Your own `mysql2/promise` pool. `close()` leaves it open. */
  readonly client?: MysqlPool;
  /** Monotonic clock in ms, for connection wait times; tests pass a fake. @default performance.now */
  readonly now?: () => number;
}
