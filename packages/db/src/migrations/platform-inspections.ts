/**
 * SUP-1 季度督导检查 and SUP-2 好经验好做法: the city's tables in `platform` (the city has no
 * schema). The city reads and writes them through the platform handle (the owner, not subject to
 * row-level security). Tenant roles (`<prefix>tenant_base`) get only this:
 *
 * - `inspection_plans`: SELECT of (id, year, quarter, title, status) — the plan a finding belongs to.
 * - `inspection_findings`: SELECT of the rows of their own tenant (RLS on `tenant_id =
 *   tenant_id_of_role(current_user)`), UPDATE of (status, answered_at, updated_at) on those rows,
 *   and only to `answered` (the policy's WITH CHECK). Plans, teams and targets stay invisible.
 * - `inspection_answers`: SELECT / INSERT of the rows of their own tenant (RLS both ways).
 * - `inspection_circulars`: SELECT of published circulars only (RLS on `status = 'published'`).
 * - `good_practices`: SELECT of promoted items and of their own tenant's items; INSERT of their own
 *   tenant's items as `submitted` only (RLS WITH CHECK).
 *
 * Evidence files stay where they were uploaded (a tenant's `files` table); the rows hold the file
 * ids together with the tenant id, and links are signed for that tenant by the procedures that
 * check the finding (see packages/api/src/services/inspections/files.ts).
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  const q = (s: ReturnType<typeof sql>) => s.execute(trx);
  await q(sql`create table platform.inspection_plans (
    id uuid primary key default gen_random_uuid(),
    year integer not null check (year between 2000 and 2100),
    quarter integer not null check (quarter between 1 and 4),
    title text not null check (length(btrim(title)) > 0),
    focus text,
    methods text[] not null default '{}',
    starts_on date not null,
    ends_on date not null,
    status text not null default 'draft' check (status in ('draft', 'active', 'closed')),
    created_by uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint inspection_plans_dates check (ends_on >= starts_on),
    constraint inspection_plans_quarter_uq unique (year, quarter)
  )`);
  await q(sql`create table platform.inspection_team_members (
    plan_id uuid not null references platform.inspection_plans (id) on delete cascade,
    user_id uuid not null references platform.users (id),
    is_leader boolean not null default false,
    added_at timestamptz not null default now(),
    primary key (plan_id, user_id)
  )`);
  await q(sql`create table platform.inspection_targets (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references platform.inspection_plans (id) on delete cascade,
    tenant_id uuid not null references platform.tenants (id),
    org_id uuid not null,
    org_name text not null,
    org_kind text not null,
    sector text not null check (sector in ('school', 'state_enterprise', 'public_institution',
      'subdistrict_township', 'community_rural', 'non_public_social')),
    added_at timestamptz not null default now(),
    constraint inspection_targets_uq unique (plan_id, tenant_id, org_id)
  )`);
  await q(sql`create table platform.inspection_findings (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid not null references platform.inspection_plans (id),
    target_id uuid not null references platform.inspection_targets (id),
    tenant_id uuid not null references platform.tenants (id),
    org_id uuid not null,
    org_name text not null,
    method text not null check (method in ('unannounced_visit', 'hearing_report', 'site_visit',
      'ledger_review', 'symposium', 'individual_talk')),
    severity text not null check (severity in ('minor', 'general', 'serious')),
    description text not null check (length(btrim(description)) > 0),
    requirement text,
    evidence_file_ids uuid[] not null default '{}',
    inspected_on date not null,
    deadline date not null,
    status text not null default 'open' check (status in ('open', 'answered', 'returned', 'closed')),
    review_note text,
    recorded_by uuid,
    answered_at timestamptz,
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint inspection_findings_deadline check (deadline >= inspected_on)
  )`);
  await q(
    sql`create index inspection_findings_tenant_idx on platform.inspection_findings (tenant_id, status)`,
  );
  await q(sql`create index inspection_findings_plan_idx on platform.inspection_findings (plan_id)`);
  await q(sql`create table platform.inspection_answers (
    id uuid primary key default gen_random_uuid(),
    finding_id uuid not null references platform.inspection_findings (id),
    tenant_id uuid not null references platform.tenants (id),
    body text not null check (length(btrim(body)) > 0),
    file_ids uuid[] not null default '{}',
    answered_by uuid not null,
    answered_by_name text not null,
    answered_at timestamptz not null default now()
  )`);
  await q(sql`create index inspection_answers_finding_idx on platform.inspection_answers (finding_id)`);
  await q(sql`create table platform.inspection_circulars (
    id uuid primary key default gen_random_uuid(),
    plan_id uuid references platform.inspection_plans (id),
    title text not null check (length(btrim(title)) > 0),
    doc_number text,
    body text not null,
    status text not null default 'draft' check (status in ('draft', 'published')),
    published_at timestamptz,
    published_on date,
    created_by uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint inspection_circulars_published check ((status = 'published') = (published_at is not null))
  )`);
  await q(sql`create table platform.good_practices (
    id uuid primary key default gen_random_uuid(),
    title text not null check (length(btrim(title)) > 0),
    body text not null check (length(btrim(body)) > 0),
    tags text[] not null default '{}',
    sector text not null check (sector in ('school', 'state_enterprise', 'public_institution',
      'subdistrict_township', 'community_rural', 'non_public_social')),
    tenant_id uuid references platform.tenants (id),
    tenant_name text not null,
    source_org_id uuid,
    source_org_name text not null,
    half_year text not null check (half_year ~ '^[0-9]{4}-H[12]$'),
    status text not null default 'submitted' check (status in ('submitted', 'promoted', 'declined')),
    submitted_by uuid,
    promoted_at timestamptz,
    promoted_by uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`);
  await q(sql`create index good_practices_status_idx on platform.good_practices (status, half_year)`);

  // Row-level security (the owner — the platform handle — is not subject to it).
  await q(sql`alter table platform.inspection_findings enable row level security`);
  await q(sql`create policy inspection_findings_read on platform.inspection_findings for select
    using (tenant_id = platform.tenant_id_of_role(current_user::text))`);
  await q(sql`create policy inspection_findings_answer on platform.inspection_findings for update
    using (tenant_id = platform.tenant_id_of_role(current_user::text) and status in ('open', 'returned'))
    with check (tenant_id = platform.tenant_id_of_role(current_user::text) and status = 'answered')`);
  await q(sql`alter table platform.inspection_answers enable row level security`);
  await q(sql`create policy inspection_answers_own on platform.inspection_answers
    using (tenant_id = platform.tenant_id_of_role(current_user::text))
    with check (tenant_id = platform.tenant_id_of_role(current_user::text))`);
  await q(sql`alter table platform.inspection_circulars enable row level security`);
  await q(sql`create policy inspection_circulars_published on platform.inspection_circulars for select
    using (status = 'published')`);
  await q(sql`alter table platform.good_practices enable row level security`);
  await q(sql`create policy good_practices_read on platform.good_practices for select
    using (status = 'promoted' or tenant_id = platform.tenant_id_of_role(current_user::text))`);
  await q(sql`create policy good_practices_submit on platform.good_practices for insert
    with check (tenant_id = platform.tenant_id_of_role(current_user::text) and status = 'submitted')`);

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await q(sql`grant select (id, year, quarter, title, status) on platform.inspection_plans to ${base}`);
  await q(sql`grant select on platform.inspection_findings to ${base}`);
  await q(sql`grant update (status, answered_at, updated_at) on platform.inspection_findings to ${base}`);
  await q(sql`grant select, insert on platform.inspection_answers to ${base}`);
  await q(sql`grant select on platform.inspection_circulars to ${base}`);
  await q(sql`grant select, insert on platform.good_practices to ${base}`);
};
