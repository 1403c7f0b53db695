/** One line of a failure, without stack: `message` or the class name. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) {
    // AggregateError (e.g. a connection refused on IPv4 and IPv6) has an empty message.
    if (error.message !== '') return error.message;
    if (error instanceof AggregateError && error.errors.length > 0) return errorMessageOf(error.errors[0]);
    return error.name;
  }
  return String(error);
}

// MariaDB ER_STATEMENT_TIMEOUT (1969), MySQL ER_QUERY_TIMEOUT (3024), PostgreSQL query_canceled (57014).
const TIMEOUT_CODES = new Set(['ER_STATEMENT_TIMEOUT', 'ER_QUERY_TIMEOUT', '57014']);

/** True when the server stopped one statement at its timeout: the connection is fine, other features may go on. */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  return e !== null && typeof e === 'object' && (TIMEOUT_CODES.has(String(e.code)) || e.errno === 1969 || e.errno === 3024);
}
