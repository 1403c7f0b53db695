/**
 * The feature-table layout every SQL backend and the store monitor share: the one TiDB users
 * already have — primary key (entity id, feature name), a nullable double value, and a
 * microsecond `updated_at` with an index on (feature name, updated_at DESC). Names are
 * configurable so an existing table can be wrapped; each backend quotes them in its own dialect.
 */
export interface FeatureColumnNames {
  /** Entity id column. @default 'entity_id' */
  readonly entityId: string;
  /** Feature name column. @default 'feature_name' */
  readonly feature: string;
  /** Value column (DOUBLE / double precision, NULL allowed). @default 'value' */
  readonly value: string;
  /** Last-write time column (DATETIME(6) UTC / timestamptz). @default 'updated_at' */
  readonly updatedAt: string;
}

/** Default feature table name. */
export const DEFAULT_FEATURE_TABLE = 'feature_values';

export const DEFAULT_FEATURE_COLUMNS: Readonly<FeatureColumnNames> = Object.freeze({
  entityId: 'entity_id',
  feature: 'feature_name',
  value: 'value',
  updatedAt: 'updated_at',
});

/**
 * Table and column names the backends accept: deliberately narrower than SQL allows, so that
 * quoting is all the escaping a name needs and no option can inject SQL.
 */
export const SQL_IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** PostgreSQL truncates longer names silently (so two could collide); MySQL allows 64. */
export const MAX_SQL_IDENTIFIER_LENGTH = 63;

/** Whether `value` is one acceptable identifier (not schema-qualified). */
export function isSqlIdentifier(value: unknown, maxLength = MAX_SQL_IDENTIFIER_LENGTH): value is string {
  // The pattern is ASCII-only, so length in characters is length in bytes.
  return typeof value === 'string' && value.length <= maxLength && SQL_IDENTIFIER_PATTERN.test(value);
}

/**
 * Longest entity id, feature name, vector id, group or collection name every store accepts, in
 * characters (code points): the SQL key columns are VARCHAR(255) utf8mb4. Longer keys are rejected
 * by validation with `InvalidInputError` before anything is written.
 */
export const MAX_KEY_LENGTH = 255;
