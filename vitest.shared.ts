import { defineConfig } from 'vitest/config';

/**
 * Test defaults for every workspace without its own settings: the integration tests talk to real
 * servers on a shared 2-core machine, so waits are generous but bounded (vitest's 5 s / 10 s are not).
 */
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
