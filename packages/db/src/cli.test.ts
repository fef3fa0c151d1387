import { describe, expect, it } from 'vitest';
import { main } from './cli';
import { createDatabase } from './database';
import { districtMigrations } from './migrations/tenant';

describe('cli', () => {
  it('prints usage for no or unknown commands', async () => {
    const lines: string[] = [];
    expect(await main([], { out: (l) => lines.push(l) })).toBe(1);
    expect(await main(['frobnicate'], { out: (l) => lines.push(l) })).toBe(1);
    expect(lines.join('\n')).toMatch(/用法/);
  });

  it('migrates with n/total progress, provisions and seeds the demo', async () => {
    // One in-memory PGlite shared by the commands (close is deferred to the end).
    const database = await createDatabase({ url: null, memory: true });
    const open = async () => ({ ...database, close: async () => {} });
    try {
      const lines: string[] = [];
      const out = (l: string) => lines.push(l);
      expect(
        await main(['provision', '--kind', 'district', '--code', 'cli_x', '--name', '命令行区团委'], {
          out,
          open,
        }),
      ).toBe(0);
      // A new district is migrated to the latest template version.
      expect(lines.at(-1)).toBe(
        `已开通：命令行区团委（cli_x，模式 t_cli_x，状态 active，版本 ${districtMigrations.length}）`,
      );
      expect(await main(['provision', '--kind', 'district', '--code', 'Bad'], { out, open })).toBe(1);
      lines.length = 0;
      expect(await main(['migrate'], { out, open })).toBe(0);
      expect(lines).toContain(`[1/1 t_cli_x v${districtMigrations.length}（已是最新）]`);
      lines.length = 0;
      expect(await main(['seed-demo'], { out, open })).toBe(0);
      expect(lines.some((l) => l.includes('chengguan.secretary'))).toBe(true);
      expect(lines.some((l) => l.includes('Tuanjian@2026'))).toBe(true);
    } finally {
      await database.close();
    }
  }, 300_000); // migrates, provisions and seeds a whole demo city in PGlite: slow on a loaded machine
});
