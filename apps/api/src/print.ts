/**
 * Console output of the server: the demo accounts table.
 */
import type { DemoAccount } from '@tuanjian/db';
import { roleLabel } from '@tuanjian/domain';

/** Display width of a string in a terminal (CJK characters take two columns). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printDemoAccounts(accounts: DemoAccount[]) {
  const rows = accounts.map((a) => [
    a.username,
    a.password,
    roleLabel[a.role as keyof typeof roleLabel] ?? a.role,
    a.tenantName ?? a.tenant ?? '',
  ]);
  console.log('\n演示账号（所有演示数据均为虚构）：');
  console.log(formatTable(['用户名', '密码', '角色', '单位'], rows));
  console.log('');
}
