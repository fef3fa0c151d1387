/**
 * `POST /api/inspection-evidence` — an inspector's evidence upload (multipart: `file`, `targetId`).
 * Same session as tRPC (cookie + `X-Requested-With: tuanjian`, or bearer). The user must be
 * city_admin or an `inspector` on the team of the target's plan (plan not closed); the file is
 * stored in the inspected tenant (see `files.ts`) and answered like `POST /api/files` (links signed
 * for that tenant).
 */
import type { Database } from '@tuanjian/db';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { appError } from '../../errors';
import { type ApiConfig, authenticate, createContext } from '../../trpc';
import { defaultFileStorage, formatMegabytes, uploadMaxBodyBytes, uploadMaxBytes } from '../files/config';
import { errorResponse, UPLOAD_CSRF_HEADER, UPLOAD_CSRF_VALUE } from '../files/http';
import type { FileStorage } from '../files/storage';
import { saveEvidenceUpload, tenantById } from './files';
import { recordableTarget } from './findings';

export const INSPECTION_EVIDENCE_PATH = '/api/inspection-evidence';

export function createInspectionEvidenceRoutes(opts: {
  database: Pick<Database, 'db'>;
  storage?: FileStorage;
  maxBytes?: number;
  getIp?: (c: HonoContext) => string | null | undefined;
  config?: Partial<ApiConfig>;
}) {
  const maxBytes = opts.maxBytes ?? uploadMaxBytes();
  const tooLarge = `文件过大：单个文件不能超过 ${formatMegabytes(maxBytes)}`;
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: uploadMaxBodyBytes(maxBytes),
      onError: (c) => errorResponse(c, appError('PAYLOAD_TOO_LARGE', 'INVALID_INPUT', tooLarge)),
    }),
    async (c) => {
      const resHeaders = new Headers();
      c.header('Cache-Control', 'no-store');
      const withCookies = (res: Response) => {
        for (const cookie of resHeaders.getSetCookie()) res.headers.append('set-cookie', cookie);
        return res;
      };
      try {
        const ctx = createContext({
          database: opts.database,
          headers: c.req.raw.headers,
          resHeaders,
          ip: opts.getIp?.(c) ?? null,
          config: opts.config,
        });
        const auth = await authenticate(ctx);
        if (auth.sessionVia === 'cookie' && c.req.header(UPLOAD_CSRF_HEADER) !== UPLOAD_CSRF_VALUE) {
          throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '请求来源无法确认，请在本系统页面内上传');
        }
        if (auth.user.must_change_password) {
          throw appError('FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
        }
        const grant = auth.grant;
        if (
          !grant ||
          grant.tenant.kind !== 'city' ||
          (grant.role !== 'city_admin' && grant.role !== 'inspector')
        ) {
          throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '仅团市委管理员和督查组成员可以上传检查佐证材料');
        }
        let form: FormData;
        try {
          form = await c.req.raw.formData();
        } catch {
          throw appError(
            'BAD_REQUEST',
            'INVALID_INPUT',
            '请以 multipart/form-data 方式上传文件（字段 file 和 targetId）',
          );
        }
        const file = form.get('file');
        const targetId = form.get('targetId');
        if (!file || typeof file === 'string')
          throw appError('BAD_REQUEST', 'INVALID_INPUT', '请选择要上传的文件');
        if (typeof targetId !== 'string' || !/^[0-9a-f-]{36}$/i.test(targetId)) {
          throw appError('BAD_REQUEST', 'INVALID_INPUT', '请先选择被检查组织');
        }
        if (file.size > maxBytes) throw appError('PAYLOAD_TOO_LARGE', 'INVALID_INPUT', tooLarge);
        const db = opts.database.db;
        const target = await recordableTarget(
          db,
          { userId: auth.user.id, role: grant.role },
          targetId.toLowerCase(),
        );
        const tenant = await tenantById(db, target.tenant_id);
        const info = await saveEvidenceUpload({
          database: opts.database,
          storage: opts.storage ?? defaultFileStorage(),
          tenant,
          orgId: target.org_id,
          userId: auth.user.id,
          bytes: new Uint8Array(await file.arrayBuffer()),
          fileName: file.name,
          ip: ctx.req.ip,
        });
        return withCookies(c.json(info, 201));
      } catch (e) {
        return withCookies(errorResponse(c, e));
      }
    },
  );
  return app;
}
