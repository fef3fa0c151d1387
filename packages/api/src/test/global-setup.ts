import { prepareTestFixtures } from '@tuanjian/db/testing';

/** vitest globalSetup: build the PGlite fixtures once, before test files load them in parallel. */
export default async function setup(): Promise<void> {
  await prepareTestFixtures();
}
