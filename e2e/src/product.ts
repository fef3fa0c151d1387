/**
 * Starts the real product for one e2e file, with the demo city loaded: on PGlite in a temporary
 * data folder or — when DATABASE_URL is set — on a database of its own. Both are copies of the
 * run's prepared demo snapshot (`snapshot.ts`, made once by the e2e globalSetup); without one
 * (a file run outside the e2e project) the product seeds its own. Stops it and removes what it made.
 */
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { bootProduct, repoRoot } from './boot';
import { env as testEnv } from './env';
import {
  type DemoSnapshot,
  databaseUrl,
  dropDatabase,
  newDatabase,
  newDataDir,
  removeDataDir,
  rolePrefixOf,
} from './snapshot';

export { repoRoot };
export const DEMO_PASSWORD = 'Tuanjian@2026';

export interface Product {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

function snapshot(): DemoSnapshot | null {
  try {
    return inject('demoSnapshot') ?? null;
  } catch {
    return null;
  }
}

export async function startProduct(): Promise<Product> {
  const snap = snapshot();
  let cleanup: () => Promise<void>;
  let target: { dataDir: string } | { databaseUrl: string };
  const serverUrl = testEnv.DATABASE_URL;
  if (serverUrl) {
    const name = await newDatabase(serverUrl, snap);
    target = { databaseUrl: databaseUrl(serverUrl, name) };
    // Copies share the snapshot's roles (dropped by the teardown); a database of its own drops its roles.
    cleanup = async () => {
      const prefix =
        snap?.engine === 'postgres' ? undefined : ((await rolePrefixOf(serverUrl, name)) ?? undefined);
      await dropDatabase(serverUrl, name, prefix);
    };
  } else {
    const dataDir = newDataDir(snap);
    target = { dataDir };
    cleanup = async () => removeDataDir(dataDir);
  }
  let booted: Awaited<ReturnType<typeof bootProduct>>;
  try {
    booted = await bootProduct(target);
  } catch (err) {
    await cleanup();
    throw err;
  }
  const stop = async () => {
    await booted.kill();
    await cleanup();
  };
  return { baseUrl: booted.baseUrl, output: booted.output, stop };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv.CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshotDir = path.join(repoRoot, '.test-results', 'screenshots');
