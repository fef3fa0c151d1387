/** The only place the e2e harness reads the environment. */
export const env = {
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** Passed on to the product process (PATH, HOME, …). */
  inherited: { ...process.env } as NodeJS.ProcessEnv,
};
