/**
 * Sessions, following Lucia's recipe (lucia-auth.com/sessions/basic) with @oslojs:
 * a random 20-byte token (base32, 32 chars) goes to the client; only its sha-256
 * (hex) is stored, as `platform.sessions.id`. A session used in the second half
 * of its life is extended by a full TTL (sliding expiry); logout and a password
 * change revoke it.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { PlatformDatabase, Session, User } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { asDate, tsValue } from '../db-types';

export const SESSION_COOKIE = 'tj_session';
export type SessionClient = 'admin' | 'miniprogram';

/** last_seen_at is written at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;

const TOKEN_RE = /^[a-z2-7]{32}$/;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface CreateSessionInput {
  userId: string;
  grantId: string | null;
  client: SessionClient;
  ip: string | null;
  userAgent: string | null;
  ttlMs: number;
  now?: Date;
}

export async function createSession(
  db: Kysely<PlatformDatabase>,
  input: CreateSessionInput,
): Promise<{ token: string; session: Session }> {
  const token = generateSessionToken();
  const now = input.now ?? new Date();
  const session = await db
    .insertInto('platform.sessions')
    .values({
      id: sessionIdFromToken(token),
      user_id: input.userId,
      grant_id: input.grantId,
      client: input.client,
      ip: input.ip,
      user_agent: input.userAgent ? input.userAgent.slice(0, 500) : null,
      created_at: tsValue(now),
      last_seen_at: tsValue(now),
      expires_at: new Date(now.getTime() + input.ttlMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

export type SessionUser = Pick<User, 'id' | 'username' | 'display_name' | 'must_change_password' | 'status'>;

export interface ValidatedSession {
  session: Session;
  user: SessionUser;
  /** The expiry moved: a cookie client should get the cookie again. */
  renewed: boolean;
}

/**
 * The session of a token, or null when unknown, expired, revoked, or its user disabled.
 * Renews (sliding) and touches last_seen_at (at most once a minute) in one UPDATE.
 */
export async function validateSessionToken(
  db: Kysely<PlatformDatabase>,
  token: string,
  opts: { ttlMs: number; now?: Date },
): Promise<ValidatedSession | null> {
  if (!TOKEN_RE.test(token)) return null;
  const now = opts.now ?? new Date();
  const id = sessionIdFromToken(token);
  const row = await db
    .selectFrom('platform.sessions as s')
    .innerJoin('platform.users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select([
      'u.username as u_username',
      'u.display_name as u_display_name',
      'u.must_change_password as u_must_change_password',
      'u.status as u_status',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.revoked_at !== null || row.u_status !== 'active') return null;
  if (now.getTime() >= row.expires_at.getTime()) return null;

  const { u_username, u_display_name, u_must_change_password, u_status, ...session } = row;
  const user: SessionUser = {
    id: session.user_id,
    username: u_username,
    display_name: u_display_name,
    must_change_password: u_must_change_password,
    status: u_status,
  };

  const renew = now.getTime() >= session.expires_at.getTime() - opts.ttlMs / 2;
  const touch = now.getTime() - asDate(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS;
  if (renew || touch) {
    const patch: { last_seen_at: Date; expires_at?: Date } = { last_seen_at: now };
    if (renew) patch.expires_at = new Date(now.getTime() + opts.ttlMs);
    await db
      .updateTable('platform.sessions')
      .set({ last_seen_at: tsValue(now), ...(patch.expires_at ? { expires_at: patch.expires_at } : {}) })
      .where('id', '=', id)
      .execute();
    session.last_seen_at = tsValue(now);
    if (patch.expires_at) session.expires_at = patch.expires_at;
  }
  return { session, user, renewed: renew };
}

export async function revokeSession(db: Kysely<PlatformDatabase>, sessionId: string, now = new Date()) {
  await db
    .updateTable('platform.sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revoke every live session of a user, except (optionally) one. Returns how many. */
export async function revokeUserSessions(
  db: Kysely<PlatformDatabase>,
  userId: string,
  opts: { exceptSessionId?: string; now?: Date } = {},
): Promise<number> {
  let q = db
    .updateTable('platform.sessions')
    .set({ revoked_at: opts.now ?? new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (opts.exceptSessionId) q = q.where('id', '!=', opts.exceptSessionId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** `Authorization: Bearer <token>` first, then the `tj_session` cookie. */
export function readSessionToken(headers: Headers): { token: string; via: 'bearer' | 'cookie' } | null {
  const auth = headers.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m?.[1]) return { token: m[1], via: 'bearer' };
  }
  const cookie = headers.get('cookie');
  if (cookie) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() === SESSION_COOKIE) {
        const value = part.slice(eq + 1).trim();
        if (value) return { token: value, via: 'cookie' };
      }
    }
  }
  return null;
}
