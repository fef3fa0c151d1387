/** Test-only: run a suite on PGlite always, and also on PostgreSQL when DATABASE_URL is set. */
import { env } from './env';
import {
  createDemoTestDatabase,
  createTestDatabase,
  type DemoTestDatabase,
  type TestDatabase,
} from './testing';

export type TestEngine = 'pglite' | 'postgres';

export const ENGINES: TestEngine[] = env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export function openEmpty(engine: TestEngine): Promise<TestDatabase> {
  return createTestDatabase({ url: engine === 'pglite' ? null : (env.DATABASE_URL ?? null) });
}

export function openDemo(engine: TestEngine): Promise<DemoTestDatabase> {
  return createDemoTestDatabase({ url: engine === 'pglite' ? null : (env.DATABASE_URL ?? null) });
}
