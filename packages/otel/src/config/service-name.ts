import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SERVICE_NAME } from '../semconv.js';

/**
 * `service.name` when the environment sets none: the option, else the `name` in the app's
 * package.json (in `appRoot`), else {@link DEFAULT_SERVICE_NAME}. Never throws.
 */
export function fallbackServiceName(option: string | undefined, appRoot: string): string {
  if (option !== undefined && option.trim() !== '') return option.trim();
  try {
    const manifest = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof manifest.name === 'string' && manifest.name.trim() !== '') return manifest.name.trim();
  } catch {
    // No readable package.json: fall through to the fixed default.
  }
  return DEFAULT_SERVICE_NAME;
}
