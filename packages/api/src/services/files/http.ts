/**
 * The file routes, mounted by the server at `/api/files` (`app.route(FILES_BASE_PATH, createFileRoutes(...))`):
 *
 * - `POST /api/files` — multipart/form-data, field `file` (optional `orgId`); the session of tRPC
 *   (cookie or bearer). A cookie request must also send `X-Requested-With: tuanjian` (a cross-site
 *   form cannot set it). Answers the `FileInfo` with signed links.
 * - `GET /api/files/:id`, `GET /api/files/:id/thumb` — a signed link, or the session; in the
 *   acting tenant only (a file of another tenant is 404).
 *
 * Errors: `{ error: { message: '<中文>', data: { code, httpStatus, appCode } } }` like tRPC's.
 */
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Database, Tenant } from '@tuanjian/db';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readSessionToken } from '../../auth/session';
import { appCodeOf, appError, defaultMessages } from '../../errors';
import { type ApiConfig, actingTenantGrant, authenticate, createContext, TRPCError } from '../../trpc';
import { defaultFileStorage, formatMegabytes, uploadMaxBodyBytes, uploadMaxBytes } from './config';
import { openFile, saveUpload } from './service';
import type { FileStorage } from './storage';
import { verifyFileQuery } from './urls';

/** The header a cookie-authenticated upload must carry (blocks cross-site form posts). */
export const UPLOAD_CSRF_HEADER = 'X-Requested-With';
export const UPLOAD_CSRF_VALUE = 'tuanjian';

export interface FileRoutesOptions {
  database: Pick<Database, 'db'>;
  /** Default: the configured storage (local disk or S3). */
  storage?: FileStorage;
  /** Default: TJ_UPLOAD_MAX_BYTES. */
  maxBytes?: number;
  getIp?: (c: HonoContext) => string | null | undefined;
  config?: Partial<ApiConfig>;
}

export function errorResponse(c: HonoContext, e: unknown): Response {
  if (e instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(e);
    const message = /[\u4e00-\u9fff]/.test(e.message)
      ? e.message
      : (defaultMessages[e.code] ?? defaultMessages.INTERNAL_SERVER_ERROR!);
    return c.json(
      { error: { message, data: { code: e.code, httpStatus: status, appCode: appCodeOf(e) } } },
      status as 400,
    );
  }
  console.error('[files]', e);
  return c.json(
    {
      error: {
        message: defaultMessages.INTERNAL_SERVER_ERROR,
        data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, appCode: 'INTERNAL' },
      },
    },
    500,
  );
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function createFileRoutes(opts: FileRoutesOptions) {
  const maxBytes = opts.maxBytes ?? uploadMaxBytes();
  const storage = () => opts.storage ?? defaultFileStorage();
  const app = new Hono();

  const context = (c: HonoContext, resHeaders: Headers) =>
    createContext({
      database: opts.database,
      headers: c.req.raw.headers,
      resHeaders,
      ip: opts.getIp?.(c) ?? null,
      config: opts.config,
    });
  const withCookies = (res: Response, resHeaders: Headers) => {
    for (const cookie of resHeaders.getSetCookie()) res.headers.append('set-cookie', cookie);
    return res;
  };
  const tooLarge = `文件过大：单个文件不能超过 ${formatMegabytes(maxBytes)}`;

  app.post(
    '/',
    bodyLimit({
      maxSize: uploadMaxBodyBytes(maxBytes),
      onError: (c) => errorResponse(c, appError('PAYLOAD_TOO_LARGE', 'INVALID_INPUT', tooLarge)),
    }),
    async (c) => {
      const resHeaders = new Headers();
      c.header('Cache-Control', 'no-store');
      try {
        const ctx = context(c, resHeaders);
        const auth = await authenticate(ctx);
        if (auth.sessionVia === 'cookie' && c.req.header(UPLOAD_CSRF_HEADER) !== UPLOAD_CSRF_VALUE) {
          throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '请求来源无法确认，请在本系统页面内上传');
        }
        const grant = actingTenantGrant(auth);
        if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
          throw appError(
            'BAD_REQUEST',
            'INVALID_INPUT',
            '请以 multipart/form-data 方式上传文件（字段 file）',
          );
        }
        let form: FormData;
        try {
          form = await c.req.raw.formData();
        } catch {
          throw appError('BAD_REQUEST', 'INVALID_INPUT', '上传内容格式有误，请重新选择文件');
        }
        const file = form.get('file');
        if (!file || typeof file === 'string') {
          throw appError('BAD_REQUEST', 'INVALID_INPUT', '请选择要上传的文件');
        }
        if (file.size > maxBytes) throw appError('PAYLOAD_TOO_LARGE', 'INVALID_INPUT', tooLarge);
        const orgField = form.get('orgId');
        const orgId = typeof orgField === 'string' && orgField.trim() !== '' ? orgField.trim() : null;
        const info = await saveUpload({
          database: opts.database,
          storage: storage(),
          grant,
          userId: auth.user.id,
          bytes: new Uint8Array(await file.arrayBuffer()),
          fileName: file.name,
          orgId,
          ip: ctx.req.ip,
        });
        return withCookies(c.json(info, 201), resHeaders);
      } catch (e) {
        return withCookies(errorResponse(c, e), resHeaders);
      }
    },
  );

  const serve = (variant: 'file' | 'thumb') => async (c: HonoContext) => {
    const resHeaders = new Headers();
    const id = c.req.param('id') ?? '';
    try {
      let tenant: Tenant;
      let maxAge: number;
      const signed = verifyFileQuery(id, { t: c.req.query('t'), e: c.req.query('e'), s: c.req.query('s') });
      if (signed.ok) {
        const row = await opts.database.db
          .selectFrom('platform.tenants')
          .selectAll()
          .where('id', '=', signed.tenantId)
          .executeTakeFirst();
        if (!row || row.kind === 'city' || row.status !== 'active' || !row.schema_name) {
          throw appError('NOT_FOUND', 'NOT_FOUND', '文件不存在或无权查看');
        }
        tenant = row;
        maxAge = Math.max(0, Math.min(signed.expiresAt - Math.floor(Date.now() / 1000), 24 * 3600));
      } else {
        const hasSession = readSessionToken(c.req.raw.headers) !== null;
        if (!hasSession && signed.reason !== 'absent') {
          throw appError(
            'FORBIDDEN',
            'AUTH_REQUIRED',
            signed.reason === 'expired' ? '文件链接已过期，请刷新页面后重试' : '文件链接无效',
          );
        }
        const auth = await authenticate(context(c, resHeaders));
        tenant = actingTenantGrant(auth).tenant;
        maxAge = 300;
      }
      const found = await openFile(opts.database, storage(), tenant, id, variant);
      if (!found) throw appError('NOT_FOUND', 'NOT_FOUND', '文件不存在或无权查看');
      const etag = `"${found.sha256}"`;
      const headers: Record<string, string> = {
        'Content-Type': found.mime,
        'Content-Length': String(found.body.byteLength),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': `private, max-age=${maxAge}`,
        'Content-Security-Policy': "default-src 'none'; sandbox",
        ETag: etag,
        'Content-Disposition':
          found.kind === 'document' && variant === 'file'
            ? contentDisposition('attachment', found.originalName)
            : contentDisposition('inline', found.originalName),
      };
      if (c.req.header('if-none-match') === etag) {
        return withCookies(
          new Response(null, {
            status: 304,
            headers: { ETag: etag, 'Cache-Control': `private, max-age=${maxAge}` },
          }),
          resHeaders,
        );
      }
      return withCookies(new Response(new Uint8Array(found.body), { status: 200, headers }), resHeaders);
    } catch (e) {
      c.header('Cache-Control', 'no-store');
      return withCookies(errorResponse(c, e), resHeaders);
    }
  };
  app.get('/:id', serve('file'));
  app.get('/:id/thumb', serve('thumb'));
  app.all('*', (c) => errorResponse(c, appError('NOT_FOUND', 'NOT_FOUND', '请求的地址不存在')));
  return app;
}
