import { apiUrl, type CycleEvent } from './api.js';

/** Connection state shown by the components. */
export type LiveStatus = 'connecting' | 'live' | 'unreachable';

/** What a component hears from a monitor's event stream. */
export interface LiveListener {
  /** A cycle finished (also sent once right after every (re)connect). */
  cycle?(event: CycleEvent): void;
  status?(status: LiveStatus): void;
}

const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 10_000;

/**
 * One `EventSource` on `/api/v1/events` per monitor, shared by every component on the page. The
 * browser retries a dropped stream by itself; when it gives up (an HTTP error, e.g. a proxy's 502)
 * this reopens it with backoff, so a monitor that comes back is picked up without a reload.
 */
export class LiveConnection {
  static readonly #connections = new Map<string, LiveConnection>();

  /** The shared connection to the monitor at `src` ('' = this page's origin). */
  static for(src: string): LiveConnection {
    const url = apiUrl(src, '/api/v1/events');
    let connection = LiveConnection.#connections.get(url);
    if (connection === undefined) LiveConnection.#connections.set(url, (connection = new LiveConnection(url)));
    return connection;
  }

  readonly #url: string;
  readonly #listeners = new Set<LiveListener>();
  #source: EventSource | undefined;
  #status: LiveStatus = 'connecting';
  #retryMs = RECONNECT_MIN_MS;
  #timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(url: string) {
    this.#url = url;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  /** Adds a listener (opening the stream for the first one); returns the function that removes it. */
  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    listener.status?.(this.#status);
    if (this.#source === undefined && this.#timer === undefined) this.#open();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#shut();
    };
  }

  #open(): void {
    this.#timer = undefined;
    const source = new EventSource(this.#url);
    this.#source = source;
    source.onopen = () => {
      this.#retryMs = RECONNECT_MIN_MS;
      this.#setStatus('live');
    };
    source.addEventListener('cycle', (message) => {
      let event: CycleEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as CycleEvent;
      } catch {
        return;
      }
      for (const listener of this.#listeners) listener.cycle?.(event);
    });
    source.onerror = () => {
      this.#setStatus('unreachable');
      if (source.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      source.close();
      this.#source = undefined;
      this.#timer = setTimeout(() => this.#open(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, RECONNECT_MAX_MS);
    };
  }

  #shut(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#source?.close();
    this.#source = undefined;
    this.#setStatus('connecting');
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#listeners) listener.status?.(status);
  }
}
