import { StoreTimeoutError, withinLimit, type StepLimit } from '@featurescope/core';
import { PoolQueueFullError } from '../errors.js';
import type { MysqlPool, MysqlPoolConnection } from '../driver-types.js';
import type { PoolMetrics } from './pool-metrics.js';

/** Hands out pooled connections: times each acquisition, types a full queue, prepares new sessions. */
export class ConnectionSource {
  readonly #pool: MysqlPool;
  readonly #metrics: PoolMetrics | undefined;
  readonly #sessionSql: string | undefined;
  readonly #now: () => number;
  /** Sessions already prepared, keyed by mysql2's core connection (promise wrappers are per checkout). */
  readonly #prepared = new WeakSet<object>();

  /**
   * @param sessionSql run once on every new session before first use (only for pools the store owns;
   *   a caller's pool keeps its sessions as they are)
   */
  constructor(pool: MysqlPool, metrics: PoolMetrics | undefined, sessionSql: string | undefined, now: () => number) {
    this.#pool = pool;
    this.#metrics = metrics;
    this.#sessionSql = sessionSql;
    this.#now = now;
  }

  /**
   * A prepared connection within `limit` (pool wait, handshake and session setup). A connection the
   * pool hands over after the limit is destroyed: the caller has gone.
   */
  acquire(limit: StepLimit): Promise<MysqlPoolConnection> {
    let late = false;
    return withinLimit(this.#acquire(limit, () => late), limit, () => (late = true), (connection) => this.release(connection, true));
  }

  async #acquire(limit: StepLimit, abandoned: () => boolean): Promise<MysqlPoolConnection> {
    const started = this.#now();
    let connection: MysqlPoolConnection;
    try {
      connection = await this.#pool.getConnection();
    } catch (error) {
      // mysql2 raises a plain Error without a code when `queueLimit` is reached.
      if (error instanceof Error && error.message === 'Queue limit reached.') throw new PoolQueueFullError(error);
      // mysql2's own handshake timer (set to the same connect deadline) may fire first: same outcome, same type.
      if ((error as { code?: unknown } | null)?.code === 'ETIMEDOUT') throw new StoreTimeoutError(limit.phase, limit.limitMs);
      throw error;
    }
    this.#metrics?.recordWait(Math.max(0, this.#now() - started) / 1000);
    if (abandoned()) return connection;
    if (this.#sessionSql !== undefined) {
      const session = (connection as { connection?: unknown }).connection;
      const key = session !== null && typeof session === 'object' ? session : connection;
      if (!this.#prepared.has(key)) {
        try {
          await connection.query({ sql: this.#sessionSql });
        } catch (error) {
          this.release(connection, true);
          throw error;
        }
        this.#prepared.add(key);
      }
    }
    return connection;
  }

  /** Returns the connection to the pool, or closes it when its session state is broken or unknown. */
  release(connection: MysqlPoolConnection, broken: boolean): void {
    try {
      if (broken) connection.destroy();
      else connection.release();
    } catch {
      // Releasing into a pool that was ended meanwhile: nothing left to do.
    }
  }
}

/** Whether an error leaves the connection unusable (mysql2 marks those `fatal`). */
export function isFatalConnectionError(error: unknown): boolean {
  return error !== null && typeof error === 'object' && (error as { fatal?: unknown }).fatal === true;
}
