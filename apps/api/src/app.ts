/**
 * The whole product behind one Hono app: tRPC at /trpc, health checks, the admin build at /
 * and the mini-program's H5 build at /h5/.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { trpcServer } from '@hono/trpc-server';
import {
  type ApiConfig,
  appRouter,
  createFileRoutes,
  createHonoContext,
  createInspectionEvidenceRoutes,
  FILES_BASE_PATH,
  type FileStorage,
  IMPORT_UPLOAD_PATH,
  INSPECTION_EVIDENCE_PATH,
  importUploadMaxBodyBytes,
  type LoginThrottle,
} from '@tuanjian/api';
import type { Database } from '@tuanjian/db';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { NO_CACHE, spa } from './static';

export interface AppOptions {
  database: Pick<Database, 'db' | 'engine'>;
  /** Absolute folder of the admin build (served at /). */
  adminDist: string;
  /** Absolute folder of the mini-program H5 build (served at /h5/). */
  h5Dist: string;
  /** Take the client IP from X-Real-IP / X-Forwarded-For (set only behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Served over HTTPS: send HSTS. */
  https?: boolean;
  throttle?: LoginThrottle;
  apiConfig?: Partial<ApiConfig>;
  /** Storage of uploads (default: TJ_S3_* when set, else `<DATA_DIR>/uploads`). */
  fileStorage?: FileStorage;
  /** Largest upload in bytes (default: TJ_UPLOAD_MAX_BYTES). */
  uploadMaxBytes?: number;
  /** How long /readyz waits for the database. */
  readyTimeoutMs?: number;
}

const CSP_BASE = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];
/** The admin build (Vite) has no inline scripts. */
const CSP_ADMIN = [...CSP_BASE, "script-src 'self'"].join('; ');
/**
 * Taro's H5 template inlines a small script (rem sizing); Taro.uploadFile reads the chosen photo
 * back from its blob: URL with XHR, so H5 may also connect to blob:.
 */
const CSP_H5 = [
  ...CSP_BASE.map((d) => (d === "connect-src 'self'" ? "connect-src 'self' blob:" : d)),
  "script-src 'self' 'unsafe-inline'",
].join('; ');

export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const real = c.req.header('x-real-ip')?.trim();
    if (real) return real;
    // The last hop was added by our own proxy; earlier entries can be forged by the client.
    const hops = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops?.length) return hops[hops.length - 1]!;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not running on the Node server (e.g. app.request() in tests)
  }
}

/** The request came over TLS: directly, or (trusted proxy only) as its X-Forwarded-Proto says. */
export function isHttpsRequest(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Our own origin as the browser sees it (scheme and host; behind a trusted proxy, its X-Forwarded-*). */
export function publicOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || c.req.header('host') || url.host;
  return `${isHttpsRequest(c, true) ? 'https' : url.protocol.replace(':', '')}://${host}`;
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

/**
 * CSRF: a request that can change something (not GET/HEAD/OPTIONS) and is not authenticated by an
 * `Authorization: Bearer` header (which another site cannot make a browser send) must come from
 * our own pages. Browsers say where a request comes from: `Sec-Fetch-Site` (only `same-origin`, or
 * `none` for one the user typed, passes), else `Origin` (must be our origin). A request with
 * neither is not from a browser (curl, scripts) and passes; it carries no ambient cookie to abuse.
 * On top of this the session cookie is SameSite=Strict; uploads also require X-Requested-With.
 */
export function csrfRefusal(c: Context, trustProxy: boolean): string | null {
  if (SAFE_METHOD.test(c.req.method)) return null;
  if (/^Bearer\s+\S/i.test(c.req.header('authorization') ?? '')) return null;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? null : `sec-fetch-site ${site}`;
  const origin = c.req.header('origin');
  if (origin === undefined) return null;
  return origin === publicOrigin(c, trustProxy) ? null : `origin ${origin}`;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function createApp(opts: AppOptions) {
  const { database } = opts;
  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: opts.https ? 'max-age=15552000; includeSubDomains' : false,
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [], payment: [] },
    }),
  );
  // CSP on pages only (JSON and assets don't need one).
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('Content-Security-Policy', c.req.path.startsWith('/h5') ? CSP_H5 : CSP_ADMIN);
    }
  });

  app.use('*', async (c, next) => {
    if (csrfRefusal(c, opts.trustProxy ?? false) === null) return next();
    return c.json(
      {
        error: {
          message: '请求来源无法确认，请在本系统页面内操作',
          data: { code: 'FORBIDDEN', httpStatus: 403, appCode: 'FORBIDDEN_ROLE' },
        },
      },
      403,
    );
  });

  app.get('/healthz', (c) => {
    c.header('Cache-Control', NO_CACHE);
    return c.json({ status: 'ok' });
  });

  app.get('/readyz', async (c) => {
    c.header('Cache-Control', NO_CACHE);
    try {
      const row = await withTimeout(
        sql<{ n: number }>`select count(*)::int as n from platform.tenants`.execute(database.db),
        opts.readyTimeoutMs ?? 3000,
      );
      return c.json({ status: 'ok', engine: database.engine, tenants: Number(row.rows[0]?.n ?? 0) });
    } catch {
      return c.json({ status: 'unavailable', message: '数据库暂不可用' }, 503);
    }
  });

  app.use('/trpc/*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  const tooLarge = (c: Context) =>
    c.json({ error: { message: '请求内容过大', data: { appCode: 'INVALID_INPUT' } } }, 413);
  const defaultLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });
  // The Excel upload (base64 in a tRPC input) may be larger: TJ_IMPORT_MAX_BYTES (MEM-7).
  const uploadLimit = bodyLimit({ maxSize: importUploadMaxBodyBytes(), onError: tooLarge });
  app.use('/trpc/*', (c, next) =>
    (c.req.path === IMPORT_UPLOAD_PATH || c.req.path === '/trpc/youthStudy.import'
      ? uploadLimit
      : defaultLimit)(c, next),
  );
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      createContext: createHonoContext<Context>(database, {
        getIp: (c) => clientIp(c, opts.trustProxy ?? false),
        isHttps: (c) => opts.https === true || isHttpsRequest(c, opts.trustProxy ?? false),
        throttle: opts.throttle,
        config: opts.apiConfig,
      }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          console.error(`[trpc] ${path ?? '?'}:`, error.cause ?? error);
      },
    }),
  );

  // Uploads: POST /api/files, GET /api/files/:id(/thumb) (packages/api/src/services/files).
  app.route(
    FILES_BASE_PATH,
    createFileRoutes({
      database,
      storage: opts.fileStorage,
      maxBytes: opts.uploadMaxBytes,
      getIp: (c) => clientIp(c, opts.trustProxy ?? false),
      config: opts.apiConfig,
    }),
  );

  // Inspectors' evidence, stored in the inspected tenant (packages/api/src/services/inspections).
  app.route(
    INSPECTION_EVIDENCE_PATH,
    createInspectionEvidenceRoutes({
      database,
      storage: opts.fileStorage,
      maxBytes: opts.uploadMaxBytes,
      getIp: (c) => clientIp(c, opts.trustProxy ?? false),
      config: opts.apiConfig,
    }),
  );

  app.get('/h5', (c) => c.redirect('/h5/', 301));
  app.get(
    '/h5/*',
    spa({
      root: opts.h5Dist,
      prefix: '/h5',
      title: '小程序 H5 版',
      buildCommand: 'pnpm --filter @tuanjian/miniprogram build:h5',
    }),
  );
  app.get(
    '*',
    spa({
      root: opts.adminDist,
      prefix: '',
      title: '管理后台',
      buildCommand: 'pnpm --filter @tuanjian/admin build',
    }),
  );

  app.notFound((c) => c.json({ error: { message: '请求的地址不存在' } }, 404));
  app.onError((err, c) => {
    console.error('[http]', err);
    return c.json({ error: { message: '服务器内部错误，请稍后重试' } }, 500);
  });
  return app;
}
