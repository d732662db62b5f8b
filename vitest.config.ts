import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // Shared 2-core CI machines: keep workers few so timing-sensitive retry tests stay calm.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
