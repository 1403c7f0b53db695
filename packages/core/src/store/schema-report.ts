/** Whether the database can store vectors, as detected by a store. */
export interface VectorSupport {
  /** `true` when vectors work now (pgvector installed; a MySQL-family server with vector functions). */
  readonly installed: boolean;
  /** `true` when the server could provide them (e.g. `pg_available_extensions` lists pgvector). */
  readonly available: boolean;
  /** Extension or server version that provides them, when known, e.g. `0.8.0`. */
  readonly version?: string;
}

/** What `ensureSchema()` did; the same shape for every SQL backend. */
export interface EnsureSchemaReport {
  /** Feature tables that now exist (as written in the options). */
  readonly featureTables: readonly string[];
  /** Vector tables that now exist. */
  readonly vectorTables: readonly string[];
  /** Vector support after the run. */
  readonly vector: VectorSupport;
  /**
   * Anything skipped or worth knowing, and why (no vector support; an existing table whose key
   * columns compare with PAD SPACE). Empty when everything was created as specified.
   */
  readonly notes: readonly string[];
}
