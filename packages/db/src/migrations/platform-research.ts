/**
 * COM-2 hand-off of research reports from a district to a committee (issue 7).
 *
 * The district (its tenant role) cannot write into a committee's schema, and the committee cannot
 * read a district's schema. The hand-off lives in `platform`, and the database keeps it apart:
 * - `research_submissions`: one row per submitted report — from which tenant (a district), to which
 *   tenant (a committee), its status and the reviewers' comment when returned. Row-level security by
 *   the acting role (`platform.tenant_id_of_role(current_user)`): a tenant role sees and writes only
 *   rows it sent or rows addressed to it. A trigger (`research_submissions_guard`) allows the sender
 *   only to create a row in status `submitted` addressed to a committee, and to resubmit a returned
 *   report with the next version; only the addressee moves it through review
 *   (submitted → under_review → returned / accepted → adopted). The owner (platform handle) is free.
 * - `research_submission_versions`: the content of each version (title, summary, body, attachment
 *   descriptors). Readable by both sides of the row; only the sender inserts, and only the next
 *   version number; attachment storage keys must be under the sender's own schema prefix (so a
 *   district can hand over only its own files). Never updated or deleted by tenant roles.
 * The committee copies each version (and the attachments' bytes, into its own `files`) into its own
 * schema when it reads its inbox (`research_reports`, `research_report_versions`); from then on its
 * review works on its own copy and it mirrors the status here for the district.
 */
import { sql } from 'kysely';
import { tenantBaseRoleName } from '../identifiers';
import type { PlatformMigration } from './types';

export const up: PlatformMigration['up'] = async (trx) => {
  const s = trx.schema.withSchema('platform');
  await s
    .createTable('research_submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('from_tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('from_tenant_name', 'text', (c) => c.notNull())
    .addColumn('to_tenant_id', 'uuid', (c) => c.notNull().references('tenants.id'))
    .addColumn('to_tenant_name', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('submitted')
        .check(sql`status in ('submitted', 'under_review', 'returned', 'accepted', 'adopted')`),
    )
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('return_comment', 'text')
    .addColumn('adopted_for', 'text', (c) => c.check(sql`adopted_for in ('plenary', 'secretaries_meeting')`))
    .addColumn('submitted_by', 'uuid')
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('research_submissions_distinct', sql`from_tenant_id <> to_tenant_id`)
    .addCheckConstraint(
      'research_submissions_returned',
      sql`status <> 'returned' or return_comment is not null`,
    )
    .execute();
  await sql`create index research_submissions_from_idx on platform.research_submissions (from_tenant_id, created_at)`.execute(
    trx,
  );
  await sql`create index research_submissions_to_idx on platform.research_submissions (to_tenant_id, created_at)`.execute(
    trx,
  );

  await s
    .createTable('research_submission_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('research_submissions.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('summary', 'text')
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(btrim(body)) > 0`))
    // [{ fileId, storageKey, thumbKey, kind, mime, sizeBytes, originalName, width, height, sha256 }]
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('research_submission_versions_uq', ['submission_id', 'version'])
    .execute();

  // Helpers over the registry for the guards (security definer; the guards run as the caller so
  // that current_user is the acting tenant role).
  await sql`create function platform.research_parties_ok(to_tenant uuid, from_tenant uuid) returns boolean
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$ select exists (select 1 from platform.tenants where id = to_tenant and kind = 'committee' and status = 'active')
      and exists (select 1 from platform.tenants where id = from_tenant and kind = 'district') $$`.execute(
    trx,
  );
  await sql`create function platform.research_key_prefix(tenant uuid) returns text
    language sql stable security definer set search_path = pg_catalog, pg_temp
    as $$ select schema_name || '/' from platform.tenants where id = tenant $$`.execute(trx);

  await sql`create function platform.research_submissions_guard() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp
    as $$
    declare
      actor uuid := platform.tenant_id_of_role(current_user::text);
    begin
      if actor is null then
        return new; -- the platform handle (owner)
      end if;
      if tg_op = 'INSERT' then
        if new.from_tenant_id <> actor or new.status <> 'submitted' or new.current_version <> 1
          or new.return_comment is not null or new.adopted_for is not null then
          raise exception 'research_forbidden';
        end if;
        if not platform.research_parties_ok(new.to_tenant_id, new.from_tenant_id) then
          raise exception 'research_forbidden';
        end if;
        return new;
      end if;
      if new.id <> old.id or new.from_tenant_id <> old.from_tenant_id or new.to_tenant_id <> old.to_tenant_id
        or new.from_tenant_name <> old.from_tenant_name or new.to_tenant_name <> old.to_tenant_name
        or new.created_at <> old.created_at or new.submitted_by_name <> old.submitted_by_name then
        raise exception 'research_forbidden';
      end if;
      if actor = old.from_tenant_id then
        if not (old.status = 'returned' and new.status = 'submitted'
          and new.current_version = old.current_version + 1
          and exists (select 1 from platform.research_submission_versions v
            where v.submission_id = new.id and v.version = new.current_version)) then
          raise exception 'research_forbidden';
        end if;
        return new;
      end if;
      if actor = old.to_tenant_id then
        if new.current_version <> old.current_version or new.title <> old.title then
          raise exception 'research_forbidden';
        end if;
        if old.status = new.status
          or (old.status in ('submitted', 'under_review') and new.status in ('under_review', 'returned', 'accepted'))
          or (old.status = 'accepted' and new.status = 'adopted') then
          return new;
        end if;
        raise exception 'research_invalid_transition';
      end if;
      raise exception 'research_forbidden';
    end $$`.execute(trx);
  await sql`create trigger research_submissions_guard before insert or update on platform.research_submissions
    for each row execute function platform.research_submissions_guard()`.execute(trx);

  await sql`create function platform.research_versions_guard() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp
    as $$
    declare
      actor uuid := platform.tenant_id_of_role(current_user::text);
      sub record;
      prefix text;
      a jsonb;
    begin
      if actor is null then
        return new;
      end if;
      select * into sub from platform.research_submissions where id = new.submission_id;
      if not found or sub.from_tenant_id <> actor then
        raise exception 'research_forbidden';
      end if;
      if not ((new.version = 1 and sub.current_version = 1 and sub.status = 'submitted')
        or (new.version = sub.current_version + 1 and sub.status = 'returned')) then
        raise exception 'research_invalid_transition';
      end if;
      prefix := platform.research_key_prefix(actor);
      for a in select * from jsonb_array_elements(new.attachments) loop
        if not starts_with(coalesce(a ->> 'storageKey', ''), prefix)
          or (a ->> 'thumbKey' is not null and not starts_with(a ->> 'thumbKey', prefix)) then
          raise exception 'research_forbidden';
        end if;
      end loop;
      return new;
    end $$`.execute(trx);
  await sql`create trigger research_versions_guard before insert on platform.research_submission_versions
    for each row execute function platform.research_versions_guard()`.execute(trx);

  await sql`alter table platform.research_submissions enable row level security`.execute(trx);
  await sql`create policy research_submissions_parties on platform.research_submissions
    using (platform.tenant_id_of_role(current_user::text) in (from_tenant_id, to_tenant_id))
    with check (platform.tenant_id_of_role(current_user::text) in (from_tenant_id, to_tenant_id))`.execute(
    trx,
  );
  await sql`alter table platform.research_submission_versions enable row level security`.execute(trx);
  await sql`create policy research_versions_read on platform.research_submission_versions for select
    using (exists (select 1 from platform.research_submissions s where s.id = submission_id))`.execute(trx);
  await sql`create policy research_versions_insert on platform.research_submission_versions for insert
    with check (exists (select 1 from platform.research_submissions s where s.id = submission_id
      and s.from_tenant_id = platform.tenant_id_of_role(current_user::text)))`.execute(trx);

  const { rows } = await sql<{
    value: string;
  }>`select value from platform.settings where key = 'role_prefix'`.execute(trx);
  const prefix = rows[0]?.value;
  if (!prefix) throw new Error('role_prefix missing');
  const base = sql.id(tenantBaseRoleName(prefix));
  await sql`grant select, insert on platform.research_submissions to ${base}`.execute(trx);
  await sql`grant update (status, current_version, return_comment, adopted_for, updated_at)
    on platform.research_submissions to ${base}`.execute(trx);
  await sql`grant select, insert on platform.research_submission_versions to ${base}`.execute(trx);
  for (const fn of ['research_parties_ok(uuid, uuid)', 'research_key_prefix(uuid)']) {
    await sql`revoke all on function ${sql.raw(`platform.${fn}`)} from public`.execute(trx);
    await sql`grant execute on function ${sql.raw(`platform.${fn}`)} to ${base}`.execute(trx);
  }
};
