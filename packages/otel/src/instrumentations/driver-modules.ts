/** Packages the driver instrumentations patch (pg-pool is loaded by pg, and patched too). */
export const DRIVER_PACKAGES = ['pg', 'pg-pool', 'mysql2', 'ioredis'] as const;

/**
 * Matches the resolved file URL of any module inside those packages. The ESM loader hook wraps
 * only these, so every other module the app imports loads untouched.
 */
export const DRIVER_MODULE_URL = new RegExp(`/node_modules/(?:${DRIVER_PACKAGES.join('|')})/`);
