import { StoreCapabilityError } from '@featurescope/core';
import type { QueryFn } from './driver/executor.js';
import type { VectorSupport } from './types.js';

const DETECT_SQL =
  `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector'), ` +
  `EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')`;

/** Reads whether pgvector is installed / installable. */
export async function detectVectorSupport(query: QueryFn): Promise<VectorSupport> {
  const row = (await query(DETECT_SQL, []))[0] ?? [];
  const version = row[0];
  const available = row[1] === true;
  return typeof version === 'string' ? { installed: true, available: true, version } : { installed: false, available };
}

/**
 * Caches vector support: detected on the first vector call (one catalogue query), refreshed by
 * `ensureSchema()`. A failed detection is not cached, so a transient error is retried next call.
 */
export class VectorCapability {
  #pending: Promise<VectorSupport> | undefined;
  #known: VectorSupport | undefined;

  readonly #query: QueryFn;
  readonly #isPGlite: boolean;

  constructor(query: QueryFn, isPGlite: boolean) {
    this.#query = query;
    this.#isPGlite = isPGlite;
  }

  /** Cached support, detecting it once. */
  get(): Promise<VectorSupport> {
    if (this.#known !== undefined) return Promise.resolve(this.#known);
    this.#pending ??= detectVectorSupport(this.#query).then(
      (support) => {
        this.#known = support;
        return support;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    return this.#pending;
  }

  /** Replaces the cache (after ensureSchema installed the extension). */
  set(support: VectorSupport): void {
    this.#known = support;
    this.#pending = undefined;
  }

  /**
   * The error a vector call fails with when vectors cannot work, or `undefined`. An installable but
   * not installed extension only fails calls on declared collections (others are unknown collections).
   */
  errorFor(support: VectorSupport, declared: boolean): StoreCapabilityError | undefined {
    if (support.installed) return undefined;
    if (!support.available) {
      const hint = this.#isPGlite
        ? 'create the PGlite instance with `extensions: { vector }` from @electric-sql/pglite-pgvector'
        : 'install pgvector on the PostgreSQL server (https://github.com/pgvector/pgvector)';
      return new StoreCapabilityError('vector', `vector extension not available in this database: ${hint}. Nothing was sent.`);
    }
    if (!declared) return undefined;
    return new StoreCapabilityError('vector', 'vector extension not installed in this database: run ensureSchema() (it runs CREATE EXTENSION IF NOT EXISTS vector). Nothing was sent.');
  }
}
