import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // promtool and a real Prometheus server run as child processes; the machine is shared and slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
