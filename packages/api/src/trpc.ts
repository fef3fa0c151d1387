/**
 * tRPC setup: context, error formatting, and the procedure ladder
 *
 *   publicProcedure → authedProcedure (valid session) → tenantProcedure (acting grant's tenant,
 *   schema-scoped handle under SET LOCAL ROLE) / cityProcedure (city_admin in the city tenant).
 *
 * The tenant a request acts in comes only from the session's grant — never from input, a header
 * or the path. Mutations are audited in the same transaction as their write.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { FetchCreateContextFnOptions } from '@trpc/server/adapters/fetch';
import { type Database, type PlatformDatabase, type Session, withTenant } from '@tuanjian/db';
import { generateCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { ZodError, z } from 'zod';
import { AuditRecorder, recordAudit } from './audit';
import { readSessionToken, SESSION_COOKIE, type SessionUser, validateSessionToken } from './auth/session';
import { defaultLoginThrottle, type LoginThrottle } from './auth/throttle';
import { env } from './env';
import { appCodeOf, appError, defaultMessages } from './errors';
import { runWithFileTenant } from './services/files/urls';
import { buildMe, type LoadedGrant, loadGrants, type Me } from './services/me';
import { markRollupsDirty } from './services/rollups/loop';
import { resolveScope, type TenantDb } from './services/scope';

// Chinese default messages for every zod issue that has no custom message.
z.config(z.locales.zhCN());

// ---------------------------------------------------------------- context

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  path?: string;
  expires?: Date;
  maxAge?: number;
}

export interface ApiConfig {
  sessionTtlMs: number;
  cookieSecure: boolean;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  headers: Headers;
}

export interface Context {
  /** The platform handle. Not present in tenant procedures (they get `tdb`). */
  db: Kysely<PlatformDatabase>;
  req: RequestMeta;
  /** Appends a `Set-Cookie` header to the response. */
  setCookie(name: string, value: string, opts: CookieOptions): void;
  throttle: LoginThrottle;
  config: ApiConfig;
  now(): Date;
}

export interface CreateContextOptions {
  database: Pick<Database, 'db'>;
  /** The request's headers (cookie, authorization, user-agent). */
  headers: Headers;
  /** Response headers the adapter sends (tRPC's fetch adapter `resHeaders`). */
  resHeaders?: Headers;
  ip?: string | null;
  throttle?: LoginThrottle;
  config?: Partial<ApiConfig>;
  now?: () => Date;
}

export function defaultConfig(): ApiConfig {
  return { sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000, cookieSecure: env.COOKIE_SECURE };
}

export function createContext(opts: CreateContextOptions): Context {
  const resHeaders = opts.resHeaders ?? new Headers();
  return {
    db: opts.database.db,
    req: {
      ip: opts.ip ?? null,
      userAgent: opts.headers.get('user-agent'),
      headers: opts.headers,
    },
    setCookie(name, value, cookieOpts) {
      // Hono's serializer; written to the tRPC response's headers (Hono's `setCookie(c)` would be
      // dropped, because the tRPC adapter returns its own Response object).
      resHeaders.append('set-cookie', generateCookie(name, value, cookieOpts));
    },
    throttle: opts.throttle ?? defaultLoginThrottle,
    config: { ...defaultConfig(), ...opts.config },
    now: opts.now ?? (() => new Date()),
  };
}

/** The ip of a Hono request: `getIp(c)` from the server adapter, else the first X-Forwarded-For hop. */
export interface HonoLike {
  req: { raw: Request; header(name: string): string | undefined };
}

/**
 * `createContext` for `@hono/trpc-server`: `trpcServer({ router: appRouter,
 * createContext: createHonoContext(database, { getIp }) })`.
 */
export function createHonoContext<C extends HonoLike>(
  database: Pick<Database, 'db'>,
  extra: {
    getIp?: (c: C) => string | null | undefined;
    /** The request reached us over TLS (directly, or via a trusted proxy): cookies get `Secure`. */
    isHttps?: (c: C) => boolean;
    throttle?: LoginThrottle;
    config?: Partial<ApiConfig>;
  } = {},
) {
  return (opts: FetchCreateContextFnOptions, c: C): Context & Record<string, unknown> =>
    createContext({
      database,
      headers: opts.req.headers,
      resHeaders: opts.resHeaders,
      ip: extra.getIp?.(c) ?? null,
      throttle: extra.throttle,
      config: extra.isHttps?.(c) ? { ...extra.config, cookieSecure: true } : extra.config,
    }) as Context & Record<string, unknown>;
}

export function sessionCookieOptions(config: ApiConfig, expires: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'Strict', secure: config.cookieSecure, path: '/', expires };
}

export function clearSessionCookie(ctx: Context): void {
  ctx.setCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'Strict',
    secure: ctx.config.cookieSecure,
    path: '/',
    maxAge: 0,
    expires: new Date(0),
  });
}

// ---------------------------------------------------------------- tRPC instance

export interface Meta {
  /** tenant procedures: compute `ctx.me` before entering the tenant's transaction. */
  withMe?: boolean;
  /** platform mutations that manage their own transactions (provisioning): audit after success. */
  transaction?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      let message = shape.message;
      if (zodError) {
        message = zodError.issues[0]?.message ?? defaultMessages.BAD_REQUEST!;
      } else if (error.code === 'INTERNAL_SERVER_ERROR' || !/[\u4e00-\u9fff]/.test(message)) {
        // Only our own (Chinese) messages reach the user; anything else gets a generic one.
        message = defaultMessages[error.code] ?? defaultMessages.INTERNAL_SERVER_ERROR!;
      }
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          stack: undefined,
          appCode: zodError ? 'INVALID_INPUT' : appCodeOf(error),
          zodIssues: zodError ? zodError.issues : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Lets a failed resolver roll back the transaction it ran in without losing its error. */
class Rollback {
  constructor(readonly result: unknown) {}
}

/** After the rollback, hand the failed result on as the middleware's own (typed as the success path). */
function unwrapRollback(e: unknown): never {
  if (e instanceof Rollback) return e.result as never;
  throw e;
}

// ---------------------------------------------------------------- procedures

/** A NUL character anywhere in a string of the input (PostgreSQL cannot store one in text). */
function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 200 || v === null || typeof v !== 'object') return false;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (hasNul(x, depth + 1)) return true;
  return false;
}

/**
 * Every procedure: input that PostgreSQL could not take as text (a NUL character, which would
 * otherwise end as an internal error deep in a query) is refused up front, in Chinese.
 */
const baseProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  // A request without a body (a procedure without input) has no raw input to read: nothing to check.
  const raw = await getRawInput().catch(() => undefined);
  if (hasNul(raw))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '输入内容含有无法识别的字符（空字符），请删除后重试');
  return next();
});

export const publicProcedure = baseProcedure;

export interface Authenticated {
  session: Session;
  sessionVia: 'bearer' | 'cookie';
  user: SessionUser;
  grants: LoadedGrant[];
  grant: LoadedGrant | null;
}

/**
 * The request's session (cookie `tj_session` or `Authorization: Bearer`): valid, unexpired,
 * unrevoked; renews a cookie; loads the user, their grants and the acting grant. Used by every
 * procedure and by the file routes (`services/files/http.ts`).
 */
export async function authenticate(ctx: Context): Promise<Authenticated> {
  const found = readSessionToken(ctx.req.headers);
  if (!found) throw appError('UNAUTHORIZED', 'AUTH_REQUIRED', '请先登录');
  const valid = await validateSessionToken(ctx.db, found.token, {
    ttlMs: ctx.config.sessionTtlMs,
    now: ctx.now(),
  });
  if (!valid) {
    if (found.via === 'cookie') clearSessionCookie(ctx);
    throw appError('UNAUTHORIZED', 'AUTH_REQUIRED', '登录已失效，请重新登录');
  }
  if (valid.renewed && found.via === 'cookie') {
    ctx.setCookie(SESSION_COOKIE, found.token, sessionCookieOptions(ctx.config, valid.session.expires_at));
  }
  const grants = await loadGrants(ctx.db, valid.user.id);
  const grant = grants.find((g) => g.id === valid.session.grant_id) ?? null;
  return {
    session: valid.session,
    sessionVia: found.via,
    user: valid.user as SessionUser,
    grants,
    grant: grant as LoadedGrant | null,
  };
}

/** A valid, unexpired, unrevoked session; loads the user, their grants and the acting grant. */
const sessionMiddleware = t.middleware(async ({ ctx, next }) => next({ ctx: await authenticate(ctx) }));

/** Write procedures on the platform handle: one transaction, audited inside it. */
const platformAuditMiddleware = t.middleware(async (opts) => {
  const { ctx, type, path, meta, next } = opts;
  if (type !== 'mutation') return next({ ctx: { audit: new AuditRecorder() } });
  const c = ctx as typeof ctx & { user?: SessionUser; grant?: LoadedGrant | null };
  const audit = new AuditRecorder();
  const entry = () => ({
    userId: c.user?.id ?? null,
    tenantId: c.grant?.tenant.id ?? null,
    action: path,
    targetType: audit.targetType,
    targetId: audit.targetId,
    detail: audit.detail,
    ip: ctx.req.ip,
  });
  if (meta?.transaction === false) {
    const result = await next({ ctx: { audit } });
    if (result.ok) await recordAudit(ctx.db, entry());
    return result;
  }
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const result = await next({ ctx: { db: trx, audit } });
      if (!result.ok) throw new Rollback(result);
      await recordAudit(trx, entry());
      return result;
    })
    .catch(unwrapRollback);
});

function requirePasswordChanged(user: SessionUser) {
  if (user.must_change_password) {
    throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
  }
}

/** Signed in (any grant or none). */
export const authedProcedure = baseProcedure.use(sessionMiddleware).use(platformAuditMiddleware);

/**
 * The acting grant of a tenant request: chosen, in a district or committee tenant that is active
 * and has a schema; the password was changed after the first login.
 */
export function actingTenantGrant(auth: Pick<Authenticated, 'user' | 'grants' | 'grant'>): LoadedGrant {
  requirePasswordChanged(auth.user);
  const grant = auth.grant;
  if (!grant) {
    throw appError(
      'FORBIDDEN',
      'TENANT_REQUIRED',
      auth.grants.length > 0 ? '请先选择要进入的单位' : '您的账号尚未被授予任何单位的权限，请联系管理员',
    );
  }
  const tenant = grant.tenant;
  if (tenant.kind === 'city') {
    throw appError('FORBIDDEN', 'TENANT_KIND', '团市委账号不能使用此功能，请切换到区县团委或专门委员会');
  }
  if (tenant.status !== 'active' || !tenant.schema_name) {
    throw appError('FORBIDDEN', 'TENANT_UNAVAILABLE', `${tenant.name}暂不可用，请联系团市委`);
  }
  return grant;
}

/**
 * Acting in the tenant of the session's grant: the tenant (from the registry) must be active and
 * have a schema. The resolver runs inside `withTenant`, so `ctx.tdb` is the schema-scoped handle
 * under `SET LOCAL ROLE`; `ctx.db` (the platform handle) is removed.
 */
export const tenantProcedure = baseProcedure.use(sessionMiddleware).use(async (opts) => {
  const { ctx, type, path, meta, next } = opts;
  const grant = actingTenantGrant(ctx);
  const tenant = grant.tenant;
  const me: Me | null = meta?.withMe ? await buildMe(ctx.db, ctx.user, ctx.grants, grant.id) : null;
  const audit = new AuditRecorder();
  return withTenant(ctx.db, tenant, async (tdb, trx) => {
    const scope = await resolveScope(tdb as TenantDb, grant, ctx.user.id);
    // File links in the answer are signed for this tenant (services/files/urls.ts).
    const result = await runWithFileTenant(tenant.id, () =>
      next({
        ctx: {
          db: undefined,
          tdb: tdb as TenantDb,
          scope,
          audit,
          me,
        },
      }),
    );
    if (!result.ok) throw new Rollback(result);
    if (type === 'mutation') {
      await recordAudit(trx, {
        userId: ctx.user.id,
        tenantId: tenant.id,
        action: path,
        targetType: audit.targetType,
        targetId: audit.targetId,
        detail: audit.detail,
        ip: ctx.req.ip,
      });
      // LIFT-1: the tenant's rollups are refreshed by the background loop (services/rollups).
      markRollupsDirty(tenant.id);
    }
    return result;
  }).catch(unwrapRollback);
});

/** Tenant procedures on the organisation tree and members: district tenants only. */
export const districtProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.scope.tenant.kind !== 'district') {
    throw appError('FORBIDDEN', 'TENANT_KIND', '专门委员会不设组织树和团员名册，此功能仅适用于区县团委');
  }
  return next();
});

/** city_admin acting in the city tenant. */
export const cityProcedure = baseProcedure
  .use(sessionMiddleware)
  .use(({ ctx, next }) => {
    requirePasswordChanged(ctx.user);
    const grant = ctx.grant;
    if (!grant) throw appError('FORBIDDEN', 'TENANT_REQUIRED', '请先选择要进入的单位');
    if (grant.role !== 'city_admin' || grant.tenant.kind !== 'city') {
      throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '仅团市委管理员可以进行此操作');
    }
    return next({ ctx: { grant } });
  })
  .use(platformAuditMiddleware);

export { TRPCError };
