import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/test/global-setup.ts'],
    // Each test file builds its own database (PGlite in-process, or a fresh PostgreSQL database).
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
