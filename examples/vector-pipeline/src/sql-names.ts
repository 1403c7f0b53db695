const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Quotes a configured table/publication name after checking it is a plain identifier. */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new TypeError(`"${name}" is not a plain SQL identifier (letters, digits, _; at most 63)`);
  return `"${name}"`;
}
