import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema } from './env';

/** The workspace root: relative DATA_DIR values resolve from here, whatever the working directory. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('env', () => {
  it('defaults DATA_DIR to the repository ./.data and leaves DATABASE_URL unset', () => {
    const e = envSchema.parse({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe(path.join(repoRoot, '.data'));
  });

  it('treats an empty DATABASE_URL as unset and resolves DATA_DIR', () => {
    const e = envSchema.parse({ DATABASE_URL: '', DATA_DIR: 'var/db' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe(path.join(repoRoot, 'var/db'));
  });

  it('rejects a non-postgres URL', () => {
    expect(() => envSchema.parse({ DATABASE_URL: 'mysql://x' })).toThrow();
    expect(envSchema.parse({ DATABASE_URL: 'postgres://u@h:5432/d' }).DATABASE_URL).toBe(
      'postgres://u@h:5432/d',
    );
  });
});
