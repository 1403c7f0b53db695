import type { StoreEndpoint } from '@featurescope/core';
import type { IoRedisLike, NodeRedisLike, RedisCommand } from '../driver-types.js';

/**
 * What the store needs from a Redis client, one implementation per driver (ioredis, node-redis), so
 * the store's commands are written once.
 */
export interface CommandRunner {
  /** Each reply in order, sent in one round trip (MULTI/EXEC when `atomic`); rejects with the first command's error. */
  batch(commands: string[][], atomic: boolean): Promise<unknown[]>;
  call(command: RedisCommand): Promise<unknown>;
  /** Whether the connection is up and ready for commands. */
  readonly ready: boolean;
  /** Commands awaiting a reply or queued while (re)connecting; undefined if the client hides them. */
  pending(): number | undefined;
  /** Host, port and database index of the client's server. */
  endpoint(): StoreEndpoint;
  /** Closes a client the store created. */
  end(): Promise<void>;
}

/** ioredis's private queues, read only for the pending-requests gauge (checked before use). */
interface IoRedisQueues {
  readonly commandQueue?: { readonly length?: unknown };
  readonly offlineQueue?: { readonly length?: unknown };
}

/** An ioredis client: `pipeline()` / `multi()` with `[error, reply]` results. */
export class IoRedisRunner implements CommandRunner {
  readonly #client: IoRedisLike;

  constructor(client: IoRedisLike) {
    this.#client = client;
  }

  async batch(commands: string[][], atomic: boolean): Promise<unknown[]> {
    const results = await (atomic ? this.#client.multi(commands) : this.#client.pipeline(commands)).exec();
    // null only when a WATCH aborted the transaction; this package never WATCHes.
    if (results === null) throw new Error('EXECABORT the transaction was aborted');
    const replies = new Array<unknown>(results.length);
    for (let i = 0; i < results.length; i++) {
      const [error, reply] = results[i]!;
      if (error !== null) throw error;
      replies[i] = reply;
    }
    return replies;
  }

  call(command: RedisCommand): Promise<unknown> {
    const [name, ...args] = command;
    return this.#client.call(name, ...args);
  }

  get ready(): boolean {
    return this.#client.status === 'ready';
  }

  pending(): number | undefined {
    const { commandQueue, offlineQueue } = this.#client as unknown as IoRedisQueues;
    const sent = commandQueue?.length;
    const queued = offlineQueue?.length;
    if (typeof sent !== 'number' || typeof queued !== 'number') return undefined;
    return sent + queued;
  }

  endpoint(): StoreEndpoint {
    const { host, port, db, path } = this.#client.options ?? {};
    const namespace = String(typeof db === 'number' ? db : 0);
    if (typeof path === 'string' && path !== '') return { address: path, namespace };
    return { address: host ?? 'localhost', port: port ?? 6379, namespace };
  }

  /** Closes the connection gracefully (QUIT), or at once if that fails. */
  async end(): Promise<void> {
    try {
      if (this.#client.status !== 'end') await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
  }
}

/** A node-redis client: `multi().addCommand()` chains, `exec()` or `execAsPipeline()`. */
export class NodeRedisRunner implements CommandRunner {
  readonly #client: NodeRedisLike;

  constructor(client: NodeRedisLike) {
    this.#client = client;
  }

  async batch(commands: string[][], atomic: boolean): Promise<unknown[]> {
    let chain = this.#client.multi();
    for (const command of commands) chain = chain.addCommand(command);
    try {
      return await (atomic ? chain.exec() : chain.execAsPipeline());
    } catch (error) {
      // MULTI/EXEC failures arrive as one MultiErrorReply; surface the first command's own error.
      const { replies, errorIndexes } = error as { replies?: unknown[]; errorIndexes?: number[] };
      const first = Array.isArray(replies) && Array.isArray(errorIndexes) && errorIndexes.length > 0 ? replies[errorIndexes[0]!] : undefined;
      throw first instanceof Error ? first : error;
    }
  }

  call(command: RedisCommand): Promise<unknown> {
    return this.#client.sendCommand(command.map(String));
  }

  get ready(): boolean {
    return this.#client.isReady;
  }

  /** node-redis keeps its queues private. */
  pending(): number | undefined {
    return undefined;
  }

  endpoint(): StoreEndpoint {
    const options = this.#client.options ?? {};
    let database = options.database;
    let { host, port } = options.socket ?? {};
    if (options.url !== undefined) {
      try {
        const url = new URL(options.url);
        host ??= url.hostname;
        port ??= url.port === '' ? undefined : Number(url.port);
        database ??= url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
      } catch {
        // An unparsable URL: keep what the socket options say.
      }
    }
    const namespace = String(Number.isInteger(database) ? database : 0);
    if (typeof options.socket?.path === 'string') return { address: options.socket.path, namespace };
    return { address: host ?? 'localhost', port: port ?? 6379, namespace };
  }

  /** The store never creates node-redis clients, so it never closes one. */
  end(): Promise<void> {
    return Promise.resolve();
  }
}
