import { diag } from '@opentelemetry/api';
import type { SqlExecutor } from './driver/executor.js';
import type { ResolvedOptions } from './options.js';
import { detectVectorSupport } from './vector-capability.js';
import type { EnsureSchemaReport, VectorSupport } from './types.js';

// Serialises concurrent ensureSchema() runs (several processes starting at once), because
// CREATE … IF NOT EXISTS can still race on the catalogue. Arbitrary constant: "featurescope".
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(7318029470152849251)';

/**
 * Creates what is missing, in one transaction: feature tables and their index; then, when
 * collections are declared, the vector extension (if installable), vector tables and HNSW indexes.
 * A server without pgvector gets the feature tables and a note instead of an error.
 */
export async function ensureSchema(executor: SqlExecutor, options: ResolvedOptions): Promise<EnsureSchemaReport> {
  return executor.transaction(async (query) => {
    await query(LOCK_SQL, []);
    const notes: string[] = [];
    for (const table of options.featureTables) {
      for (const statement of table.createStatements) await query(statement, []);
    }
    let vector: VectorSupport = await detectVectorSupport(query);
    const vectorTables: string[] = [];
    if (options.vectorTables.size > 0) {
      if (!vector.installed && vector.available) {
        // A savepoint keeps the feature tables when CREATE EXTENSION is refused (no privilege).
        await query('SAVEPOINT featurescope_vector', []);
        try {
          await query('CREATE EXTENSION IF NOT EXISTS vector', []);
          await query('RELEASE SAVEPOINT featurescope_vector', []);
          vector = await detectVectorSupport(query);
        } catch (error) {
          await query('ROLLBACK TO SAVEPOINT featurescope_vector', []);
          notes.push(`CREATE EXTENSION vector failed (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      if (vector.installed) {
        for (const table of options.vectorTables.values()) {
          await query(table.createTable, []);
          if (table.createIndex !== undefined) await query(table.createIndex, []);
          else notes.push(`no HNSW index on ${table.tableName}: dimension ${table.dimension} exceeds pgvector's HNSW limit; searches scan exactly`);
          vectorTables.push(table.tableName);
        }
      } else {
        const names = [...options.vectorTables.values()].map((t) => t.tableName).join(', ');
        notes.push(`vector tables skipped (${names}): the pgvector extension is ${vector.available ? 'not installed' : 'not available'} in this database; vector calls will fail with StoreCapabilityError`);
      }
    }
    for (const note of notes) diag.warn(`@featurescope/postgres ensureSchema: ${note}`);
    return {
      featureTables: options.featureTables.map((t) => t.table.display),
      vectorTables,
      vector,
      notes,
    };
  });
}
