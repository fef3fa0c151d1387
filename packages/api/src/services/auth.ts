/**
 * Login, logout, tenant switching and password change.
 */
import { hashPassword, type PlatformDatabase, verifyPassword } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit';
import { recordAudit } from '../audit';
import {
  createSession,
  readSessionToken,
  revokeSession,
  revokeUserSessions,
  SESSION_COOKIE,
  type SessionClient,
  type SessionUser,
  sessionIdFromToken,
} from '../auth/session';
import { retryMessage } from '../auth/throttle';
import { tsValue } from '../db-types';
import { appError } from '../errors';
import { type Context, clearSessionCookie, sessionCookieOptions } from '../trpc';
import { passwordIsUsedCode, redeemCode } from './accounts/reset-codes';
import { buildMe, type LoadedGrant, loadGrants, type Me } from './me';

let dummyHash: Promise<string> | null = null;
/** Verifying against a dummy hash for unknown users keeps the response time the same. */
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('tuanjian-dummy-password-0');
  return dummyHash;
}

export interface LoginInput {
  username: string;
  password: string;
  client: SessionClient;
}

export interface LoginResult {
  /** Only for `client: 'miniprogram'`; the admin client gets an HttpOnly cookie instead. */
  token?: string;
  me: Me;
}

export async function login(ctx: Context, input: LoginInput): Promise<LoginResult> {
  const { db, throttle } = ctx;
  const ip = ctx.req.ip;
  const username = input.username;

  const wait = await throttle.retryAfterMs(username, ip);
  if (wait > 0) {
    await recordAudit(db, {
      userId: null,
      tenantId: null,
      action: 'auth.login',
      targetType: 'user',
      detail: { result: 'rate_limited', username },
      ip,
    });
    throw appError('TOO_MANY_REQUESTS', 'AUTH_RATE_LIMITED', retryMessage(wait, ctx.now()));
  }

  const user = await db
    .selectFrom('platform.users')
    .select(['id', 'username', 'display_name', 'password_hash', 'must_change_password', 'status'])
    .where('username', '=', username)
    .executeTakeFirst();
  let passwordOk = await verifyPassword(user?.password_hash ?? (await getDummyHash()), input.password);

  // One-time codes of a bulk reset (services/accounts/reset-codes.ts): a code works exactly once.
  let viaCode = false;
  if (user && user.status === 'active') {
    const refuse = async (result: string, message: string): Promise<never> => {
      const failedWait = await throttle.fail(username, ip);
      await recordAudit(db, {
        userId: user.id,
        tenantId: null,
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        detail: { result, username, client: input.client },
        ip,
      });
      if (failedWait > 0)
        throw appError('TOO_MANY_REQUESTS', 'AUTH_RATE_LIMITED', retryMessage(failedWait, ctx.now()));
      throw appError('UNAUTHORIZED', 'AUTH_INVALID', message);
    };
    if (
      passwordOk &&
      user.must_change_password &&
      (await passwordIsUsedCode(db, user.id, user.password_hash))
    )
      await refuse('code_used', '该一次性验证码已使用过，请联系上级团组织重新重置密码');
    if (!passwordOk) {
      const check = await redeemCode(db, user.id, input.password, ctx.now());
      if (check.result === 'expired')
        await refuse('code_expired', '该一次性验证码已过期，请联系上级团组织重新重置密码');
      if (check.result === 'used')
        await refuse('code_used', '该一次性验证码已使用过，请联系上级团组织重新重置密码');
      if (check.result === 'redeemed') {
        await db
          .updateTable('platform.users')
          .set({
            password_hash: check.passwordHash,
            must_change_password: true,
            updated_at: tsValue(ctx.now()),
          })
          .where('id', '=', user.id)
          .execute();
        await revokeUserSessions(db, user.id, { now: ctx.now() });
        user.password_hash = check.passwordHash;
        user.must_change_password = true;
        passwordOk = true;
        viaCode = true;
      }
    }
  }

  if (!user || !passwordOk || user.status !== 'active') {
    const failedWait = user && passwordOk ? 0 : await throttle.fail(username, ip);
    await recordAudit(db, {
      userId: user?.id ?? null,
      tenantId: null,
      action: 'auth.login',
      targetType: 'user',
      targetId: user?.id ?? null,
      detail: { result: user && passwordOk ? 'disabled' : 'failed', username, client: input.client },
      ip,
    });
    if (user && passwordOk) throw appError('FORBIDDEN', 'AUTH_DISABLED', '该账号已停用，请联系管理员');
    if (failedWait > 0)
      throw appError('TOO_MANY_REQUESTS', 'AUTH_RATE_LIMITED', retryMessage(failedWait, ctx.now()));
    throw appError('UNAUTHORIZED', 'AUTH_INVALID', '用户名或密码错误');
  }

  await throttle.succeed(username);
  const grants = await loadGrants(db, user.id);
  const activeGrantId = grants.length === 1 ? grants[0]!.id : null;
  const { token, session } = await db.transaction().execute(async (trx) => {
    // Rotation: a session the request still carried (another account, or the same one) ends;
    // the login always gets a new token, never one the client brought (session fixation).
    const presented = readSessionToken(ctx.req.headers);
    if (presented) await revokeSession(trx, sessionIdFromToken(presented.token), ctx.now());
    const created = await createSession(trx, {
      userId: user.id,
      grantId: activeGrantId,
      client: input.client,
      ip,
      userAgent: ctx.req.userAgent,
      ttlMs: ctx.config.sessionTtlMs,
      now: ctx.now(),
    });
    await recordAudit(trx, {
      userId: user.id,
      tenantId: grants.find((g) => g.id === activeGrantId)?.tenant.id ?? null,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      detail: { result: 'ok', client: input.client, ...(viaCode ? { via: 'reset_code' } : {}) },
      ip,
    });
    return created;
  });

  if (input.client === 'admin') {
    ctx.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config, session.expires_at));
  }
  const me = await buildMe(db, user, grants, activeGrantId);
  return input.client === 'miniprogram' ? { token, me } : { me };
}

interface AuthedCtx extends Context {
  session: { id: string; client: SessionClient; grant_id: string | null };
  sessionVia: 'bearer' | 'cookie';
  user: SessionUser;
  grants: LoadedGrant[];
  grant: LoadedGrant | null;
  audit: AuditRecorder;
}

export async function logout(ctx: AuthedCtx): Promise<{ ok: true }> {
  await revokeSession(ctx.db, ctx.session.id, ctx.now());
  if (ctx.sessionVia === 'cookie') clearSessionCookie(ctx);
  ctx.audit.target('session', null);
  return { ok: true };
}

export async function me(ctx: AuthedCtx): Promise<Me> {
  return buildMe(ctx.db, ctx.user, ctx.grants, ctx.grant?.id ?? null);
}

/**
 * A change of privilege (another tenant / role, a new password) ends the session and starts a new
 * one with a new token: a token observed or planted before the change is worth nothing after it.
 * A cookie session gets the new token as its cookie; a bearer session (the mini-program) gets it in
 * the answer (`token`) and must store it — the old token is revoked either way.
 */
async function rotateSession(ctx: AuthedCtx, grantId: string | null): Promise<string | null> {
  const { token, session } = await createSession(ctx.db, {
    userId: ctx.user.id,
    grantId,
    client: ctx.session.client,
    ip: ctx.req.ip,
    userAgent: ctx.req.userAgent,
    ttlMs: ctx.config.sessionTtlMs,
    now: ctx.now(),
  });
  await revokeSession(ctx.db, ctx.session.id, ctx.now());
  if (ctx.sessionVia !== 'cookie') return token;
  ctx.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config, session.expires_at));
  return null;
}

/** `Me`, plus the new bearer token after a rotation of a mini-program session. */
export type RotatedMe = Me & { token?: string };

export async function switchTenant(ctx: AuthedCtx, grantId: string): Promise<RotatedMe> {
  const grant = ctx.grants.find((g) => g.id === grantId);
  if (!grant) throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '只能切换到您本人被授予的单位');
  const token = await rotateSession(ctx, grant.id);
  ctx.audit.target('grant', grant.id, { tenantId: grant.tenant.id, role: grant.role });
  const me = await buildMe(ctx.db, ctx.user, ctx.grants, grant.id);
  return token ? { ...me, token } : me;
}

export async function changePassword(
  ctx: AuthedCtx,
  input: { oldPassword: string; newPassword: string },
): Promise<RotatedMe> {
  const db: Kysely<PlatformDatabase> = ctx.db;
  const wait = await ctx.throttle.retryAfterMs(ctx.user.username, ctx.req.ip);
  if (wait > 0) throw appError('TOO_MANY_REQUESTS', 'AUTH_RATE_LIMITED', retryMessage(wait, ctx.now()));
  const row = await db
    .selectFrom('platform.users')
    .select('password_hash')
    .where('id', '=', ctx.user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.oldPassword))) {
    await ctx.throttle.fail(ctx.user.username, ctx.req.ip);
    throw appError('BAD_REQUEST', 'PASSWORD_WRONG', '原密码不正确');
  }
  if (input.oldPassword === input.newPassword) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '新密码不能与原密码相同');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db
    .updateTable('platform.users')
    .set({ password_hash: passwordHash, must_change_password: false, updated_at: tsValue(ctx.now()) })
    .where('id', '=', ctx.user.id)
    .execute();
  // Every other session of the user ends; this one stays signed in (under a new token).
  const revoked = await revokeUserSessions(db, ctx.user.id, {
    exceptSessionId: ctx.session.id,
    now: ctx.now(),
  });
  const token = await rotateSession(ctx, ctx.session.grant_id);
  ctx.audit.target('user', ctx.user.id, { revokedSessions: revoked });
  const me = await buildMe(
    db,
    { ...ctx.user, must_change_password: false },
    ctx.grants,
    ctx.grant?.id ?? null,
  );
  return token ? { ...me, token } : me;
}
