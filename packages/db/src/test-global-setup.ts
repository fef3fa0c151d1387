import { prepareTestFixtures } from './testing';

/**
 * vitest globalSetup: build the PGlite fixtures once, before test files load them in parallel.
 * (This package's suites use PGlite even when DATABASE_URL adds a PostgreSQL run.)
 */
export default async function setup(): Promise<void> {
  await prepareTestFixtures();
}
