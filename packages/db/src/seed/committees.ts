/**
 * Demo data of the five 专门委员会 (issue 7): accounts for every committee (a 主任 and two 委员; the
 * 企业工作委员会 keeps its `enterprise.chair` / `enterprise.member` and gets `enterprise.member2`),
 * their grants, and the roster rows linked to those accounts. Deterministic: roster rows are
 * picked by id (seeded ids), names follow the linked users' display names.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CommitteeDatabase, PlatformDatabase, Role } from '../schema';
import { COMMITTEE_PLANS } from './plans';

export interface CommitteeDemoAccount {
  username: string;
  role: Role;
  tenant: string;
  tenantName: string;
  note: string;
}

/** Accounts added by this module (the enterprise chair / first member are listed in demo.ts). */
export function committeeDemoAccounts(): CommitteeDemoAccount[] {
  const out: CommitteeDemoAccount[] = [];
  for (const plan of COMMITTEE_PLANS) {
    const a = (username: string, role: Role, note: string) =>
      out.push({ username, role, tenant: plan.code, tenantName: plan.name, note });
    if (plan.code === 'enterprise') {
      a('enterprise.member2', 'committee_member', `${plan.name}委员（调研报告审阅人演示）`);
      continue;
    }
    a(`${plan.code}.chair`, 'committee_chair', `${plan.name}主任`);
    a(`${plan.code}.member`, 'committee_member', `${plan.name}委员`);
    a(`${plan.code}.member2`, 'committee_member', `${plan.name}委员`);
  }
  return out;
}

/**
 * Grants of the accounts above and their roster links. Runs inside the seed's final transaction
 * (after the committees' rosters exist).
 */
export async function seedCommittees(
  trx: Transaction<PlatformDatabase> | Kysely<PlatformDatabase>,
  opts: { committeeIds: ReadonlyMap<string, string> },
): Promise<void> {
  const accounts = committeeDemoAccounts();
  const users = new Map(
    (
      await trx
        .selectFrom('platform.users')
        .select(['id', 'username', 'display_name'])
        .where(
          'username',
          'in',
          accounts.map((a) => a.username),
        )
        .execute()
    ).map((u) => [u.username, u]),
  );
  const grants = accounts.map((acc) => {
    const u = users.get(acc.username);
    const tenantId = opts.committeeIds.get(acc.tenant);
    if (!u || !tenantId) throw new Error(`missing demo committee user or tenant ${acc.username}`);
    return { user_id: u.id, tenant_id: tenantId, role: acc.role, scope_org_id: null, member_id: null };
  });
  await trx.insertInto('platform.grants').values(grants).execute();

  for (const plan of COMMITTEE_PLANS) {
    const tdb = trx.withSchema(`t_${plan.code}`) as unknown as Kysely<CommitteeDatabase>;
    const link = async (username: string, position: 'chair' | 'member') => {
      const u = users.get(username);
      if (!u) return;
      const row = await tdb
        .selectFrom('committee_roster')
        .select('id')
        .where('position', '=', position)
        .where('status', '=', 'serving')
        .where('user_id', 'is', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!row) throw new Error(`no roster seat for ${username}`);
      await tdb
        .updateTable('committee_roster')
        .set({ user_id: u.id, name: u.display_name })
        .where('id', '=', row.id)
        .execute();
    };
    if (plan.code !== 'enterprise') await link(`${plan.code}.chair`, 'chair');
    if (plan.code !== 'enterprise') await link(`${plan.code}.member`, 'member');
    await link(`${plan.code}.member2`, 'member');
  }
}
