import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['src/**/*.e2e.test.ts'],
    // The demo city is seeded once per run into a snapshot (globalSetup); each file's product starts
    // on a copy of it (PGlite data folder / PostgreSQL template database).
    globalSetup: ['./src/global-setup.ts'],
    hookTimeout: 240_000,
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
