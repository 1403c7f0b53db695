import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { JsonLogger } from '@featurescope/example-service-kit';
import type { InteractionRow } from './embedding.js';
import { parseLsn, previousLsn } from './lsn.js';

export interface ChangeFeedOptions {
  readonly connectionString: string;
  readonly slot: string;
  readonly publication: string;
  readonly table: string;
  /** Flush a micro-batch at this many rows. */
  readonly batchSize: number;
  /** …or this long after its first row arrived, ms. */
  readonly maxWaitMs: number;
  /** Where to resume: the slot's confirmed LSN. */
  readonly startLsn: string;
  /** Stores one micro-batch; must be idempotent (a batch may be delivered again after a crash). */
  readonly onBatch: (rows: InteractionRow[], commitLsn: string) => Promise<void>;
  readonly logger: JsonLogger;
}

/**
 * Consumes inserts into `table` from a pgoutput logical replication slot, in commit order, as
 * micro-batches of whole transactions. The slot is acknowledged only after a batch is stored, so
 * after a crash PostgreSQL re-sends everything not yet stored: at-least-once delivery, made
 * effectively exactly-once by idempotent upserts.
 */
export class ChangeFeed {
  readonly #options: ChangeFeedOptions;
  readonly #service: LogicalReplicationService;
  readonly #plugin: PgoutputPlugin;
  #open: InteractionRow[] = [];
  #pending: InteractionRow[] = [];
  #pendingLsn: string | undefined;
  #confirmedLsn: string;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();
  #stopping = false;

  constructor(options: ChangeFeedOptions) {
    this.#options = options;
    this.#confirmedLsn = options.startLsn;
    // Manual acknowledgement, and no keepalives that would advance the slot past unstored rows.
    this.#service = new LogicalReplicationService(
      { connectionString: options.connectionString, application_name: 'featurescope-vector-pipeline' },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    this.#plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [options.publication] });
    this.#service.on('data', (lsn: string, message: Pgoutput.Message) => this.#onMessage(lsn, message));
    this.#service.on('heartbeat', (_lsn: string, _time: number, shouldRespond: boolean) => {
      // The server asks for a status update (wal_sender_timeout): report only what is stored.
      if (shouldRespond) void this.#acknowledge(this.#confirmedLsn);
    });
    this.#service.on('error', (error: unknown) => options.logger.warn('replication connection error', { error_code: codeOf(error) }));
  }

  /** The last commit LSN whose rows are all stored and acknowledged. */
  get confirmedLsn(): string {
    return this.#confirmedLsn;
  }

  /**
   * Streams until `stop()`, reconnecting (from the confirmed LSN, dropping unstored rows that the
   * server will send again) after a lost connection or a batch that could not be stored.
   */
  async run(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      try {
        await this.#service.subscribe(this.#plugin, this.#options.slot, this.#confirmedLsn);
        failures = 0;
      } catch (error) {
        failures++;
        if (this.#stopping) break;
        this.#options.logger.warn('change feed interrupted, resuming from the confirmed position', { error_code: codeOf(error), failures });
      }
      if (this.#stopping) break;
      await this.#chain.catch(() => undefined);
      this.#discardUnstored();
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(failures, 6)) * Math.random()));
    }
  }

  /** Stores what is pending (graceful), then closes the replication connection. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    clearTimeout(this.#timer);
    try {
      await this.#enqueueFlush();
    } catch {
      // not acknowledged: the server sends those rows again on the next start
    }
    await this.#service.destroy();
  }

  async #onMessage(lsn: string, message: Pgoutput.Message): Promise<void> {
    switch (message.tag) {
      case 'begin':
        this.#open = [];
        return;
      case 'insert':
        if (message.relation.name === this.#options.table) this.#open.push(message.new as InteractionRow);
        return;
      case 'commit': {
        const commitLsn = message.commitEndLsn ?? lsn;
        // After a reconnect the server may re-send transactions already stored; skip them.
        if (parseLsn(commitLsn) <= parseLsn(this.#confirmedLsn)) return;
        this.#pending.push(...this.#open);
        this.#open = [];
        this.#pendingLsn = commitLsn;
        if (this.#pending.length >= this.#options.batchSize) {
          await this.#enqueueFlush();
        } else if (this.#pending.length === 0) {
          await this.#enqueueFlush(); // nothing to store: just move the slot on
        } else {
          this.#timer ??= setTimeout(() => {
            this.#timer = undefined;
            this.#enqueueFlush().catch(() => undefined);
          }, this.#options.maxWaitMs);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Serializes flushes (the size trigger and the timer can race). A failure stops the stream. */
  #enqueueFlush(): Promise<void> {
    const flush = this.#chain.then(() => this.#flush());
    this.#chain = flush.catch((error: unknown) => {
      this.#options.logger.error('micro-batch not stored; reconnecting to replay it', { error_code: codeOf(error) });
      // Ending the connection makes run() resubscribe from the confirmed LSN.
      if (!this.#stopping) void this.#service.stop();
    });
    return flush;
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const lsn = this.#pendingLsn;
    if (lsn === undefined) return;
    const rows = this.#pending;
    this.#pending = [];
    this.#pendingLsn = undefined;
    if (rows.length > 0) await this.#options.onBatch(rows, lsn);
    await this.#acknowledge(lsn);
    this.#confirmedLsn = lsn;
  }

  /**
   * pg-logical-replication reports `lsn + 1` as flushed; passing `lsn − 1` reports exactly `lsn`
   * (the end of the stored commit), so a transaction whose commit record starts right there is
   * never skipped on restart.
   */
  async #acknowledge(lsn: string): Promise<void> {
    if (parseLsn(lsn) === 0n) return;
    await this.#service.acknowledge(previousLsn(lsn));
  }

  #discardUnstored(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#open = [];
    this.#pending = [];
    this.#pendingLsn = undefined;
  }
}

function codeOf(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : 'unknown';
}
