import { resolve } from 'node:path';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { PGliteLike, PGliteTransactionLike } from '@featurescope/postgres';

type Rows = { rows: unknown[] };
type QueryOptions = { rowMode?: 'array' | 'object' };

// PGlite has no OpenTelemetry instrumentation (the pg one patches the `pg` driver only), so the
// trace of a request on the embedded store would stop at featurescope's span. This wrapper gives
// each statement a CLIENT span, like the mysql2 and pg instrumentations do: statement text only
// (the stores bind every value as a parameter), never the parameters.
const tracer = trace.getTracer('featurescope-example-traced-pglite');

function traced(query: (text: string, params?: unknown[], options?: QueryOptions) => Promise<Rows>) {
  return (text: string, params?: unknown[], options?: QueryOptions): Promise<Rows> => {
    const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
    return tracer.startActiveSpan(
      operation,
      { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': text } },
      (span: Span) =>
        query(text, params, options).then(
          (result) => {
            span.end();
            return result;
          },
          (error: unknown) => {
            span.setStatus({ code: SpanStatusCode.ERROR });
            span.setAttribute('error.type', (error as { code?: string })?.code ?? 'error');
            span.end();
            throw error;
          },
        ),
    );
  };
}

/** Opens PGlite with pgvector (`dataDir` undefined: in memory) and wraps it so every statement is a span. */
export async function openTracedPGlite(dataDir: string | undefined): Promise<PGliteLike & { exec(sql: string): Promise<unknown> }> {
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  const db = await PGlite.create({ dataDir, extensions: { vector } });
  return {
    waitReady: db.waitReady,
    get closed() {
      return db.closed;
    },
    query: traced((text, params, options) => db.query(text, params, options)),
    exec: (sql: string) => db.exec(sql),
    transaction: <T>(body: (tx: PGliteTransactionLike) => Promise<T>) =>
      db.transaction((tx) => body({ query: traced((text, params, options) => tx.query(text, params, options)) })),
    close: () => db.close(),
  };
}

/** The data directory a `pglite://` URL names (as `@featurescope/postgres` reads it); `undefined` for `pglite://memory`. */
export function pgliteDataDir(url: string): string | undefined {
  const rest = url.slice('pglite://'.length);
  if (rest === 'memory' || rest === 'memory/') return undefined;
  if (rest === '' || rest === '/') throw new TypeError(`"${url}" names no data directory; use pglite://memory or pglite:///abs/dir`);
  return resolve(decodeURIComponent(rest));
}
