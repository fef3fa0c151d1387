import { defineConfig } from 'vitest/config';

// One run over every package: `npm test` (scripts/test.mjs) or `pnpm exec vitest run`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/api', 'apps/admin', 'e2e'],
    maxWorkers: 2,
  },
});
