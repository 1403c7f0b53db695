/**
 * The subset of the Redis clients this package uses, declared locally so the package never imports a
 * driver at run time unless it creates the client itself. An ioredis `Redis` satisfies
 * {@link IoRedisLike}; a connected node-redis client (`redis` ≥ 4, `createClient()`) {@link NodeRedisLike}.
 */

/** One command as its name and arguments, e.g. `['HSET', key, field, value]`. */
export type RedisCommand = readonly [name: string, ...args: (string | number)[]];

/** An ioredis batch (`pipeline()` or `multi()`); `exec` resolves to `[error, reply]` pairs, or null when a WATCH aborted it. */
export interface IoRedisBatch {
  exec(): Promise<[Error | null, unknown][] | null>;
}

/** An ioredis `Redis` client (ioredis 5.x). */
export interface IoRedisLike {
  pipeline(commands: string[][]): IoRedisBatch;
  multi(commands: string[][]): IoRedisBatch;
  call(name: string, ...args: (string | number)[]): Promise<unknown>;
  quit(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  disconnect(): void;
  readonly status: string;
  readonly options: { readonly host?: string; readonly port?: number; readonly db?: number; readonly path?: string | null };
}

/** Whether the value looks like an ioredis client (duck-typed: ioredis is never imported here). */
export function isIoRedis(client: unknown): client is IoRedisLike {
  const c = client as Partial<IoRedisLike> | null;
  return c !== null && typeof c === 'object' && typeof c.pipeline === 'function' && typeof c.call === 'function' && typeof c.status === 'string';
}

/** A node-redis `multi()` chain. */
export interface NodeRedisMulti {
  addCommand(args: string[]): NodeRedisMulti;
  /** MULTI/EXEC; rejects with a `MultiErrorReply` (`replies`, `errorIndexes`) when a command failed. */
  exec(): Promise<unknown[]>;
  /** A plain pipeline; rejects with the first command error. */
  execAsPipeline(): Promise<unknown[]>;
}

/** A node-redis client (`redis` ≥ 4), connected by the caller. */
export interface NodeRedisLike {
  multi(): NodeRedisMulti;
  sendCommand(args: string[]): Promise<unknown>;
  readonly isOpen: boolean;
  readonly isReady: boolean;
  readonly options?: { readonly url?: string; readonly database?: number; readonly socket?: { readonly host?: string; readonly port?: number; readonly path?: string } };
}

/** Whether the value looks like a node-redis client (duck-typed: node-redis is never imported here). */
export function isNodeRedis(client: unknown): client is NodeRedisLike {
  const c = client as Partial<NodeRedisLike> | null;
  return c !== null && typeof c === 'object' && typeof c.sendCommand === 'function' && typeof c.multi === 'function' && typeof c.isReady === 'boolean';
}
