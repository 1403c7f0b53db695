import type { IoRedisLike, RedisCommand } from '../driver-types.js';

/** ioredis's private queues, read only for the pending-requests gauge (checked before use). */
interface IoRedisQueues {
  readonly commandQueue?: { readonly length?: unknown };
  readonly offlineQueue?: { readonly length?: unknown };
}

/**
 * Sends commands through an ioredis client. `batch` writes every command in one round trip: a
 * pipeline, or MULTI/EXEC when the batch must apply atomically.
 */
export class CommandRunner {
  readonly client: IoRedisLike;

  constructor(client: IoRedisLike) {
    this.client = client;
  }

  /** Each command's reply, in order; rejects with the first command's error (the driver's error object). */
  async batch(commands: string[][], atomic: boolean): Promise<unknown[]> {
    const results = await (atomic ? this.client.multi(commands) : this.client.pipeline(commands)).exec();
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
    return this.client.call(name, ...args);
  }

  /** Whether the connection is up and ready for commands. */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  /** Commands awaiting a reply or queued while (re)connecting; undefined if the client hides them. */
  pending(): number | undefined {
    const { commandQueue, offlineQueue } = this.client as unknown as IoRedisQueues;
    const sent = commandQueue?.length;
    const queued = offlineQueue?.length;
    if (typeof sent !== 'number' || typeof queued !== 'number') return undefined;
    return sent + queued;
  }

  /** Closes the connection gracefully (QUIT), or at once if that fails. */
  async end(): Promise<void> {
    try {
      if (this.client.status !== 'end') await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
