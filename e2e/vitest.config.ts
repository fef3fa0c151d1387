import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['src/**/*.e2e.test.ts'],
    // The product process boots a database and seeds the demo city before it is ready.
    hookTimeout: 240_000,
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
