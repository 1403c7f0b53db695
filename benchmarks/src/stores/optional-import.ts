/**
 * Imports a workspace package that may not be built yet. The specifier is a variable so this
 * harness compiles without the package's types; callers check the shape they need at run time.
 * @returns the module namespace, or a sentence saying why it is unavailable.
 */
export async function importOptional(specifier: string): Promise<{ readonly module: Record<string, unknown> } | { readonly missing: string }> {
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    return { module };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { missing: `${specifier} is not available (${reason}); build it with \`npm run build -w ${specifier}\`` };
  }
}

/** A function export of a module, or undefined. */
export function functionExport(module: Record<string, unknown>, name: string): ((...args: unknown[]) => unknown) | undefined {
  const value = module[name];
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : undefined;
}
