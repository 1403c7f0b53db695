import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Whether `moduleName` resolves from `appRoot` the way the app's own `require`/`import` would.
 * Used to register a driver instrumentation only for drivers the app can load.
 */
export function isResolvableFrom(appRoot: string, moduleName: string): boolean {
  try {
    // Any file name inside appRoot works as the resolution base; it need not exist.
    createRequire(join(appRoot, '__featurescope_resolve__.js')).resolve(moduleName);
    return true;
  } catch {
    return false;
  }
}
