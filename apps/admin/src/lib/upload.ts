/**
 * POST /api/files from the admin app: the session cookie (same origin) plus the header the server
 * requires of cookie uploads (`X-Requested-With: tuanjian`, which a cross-site form cannot send).
 * Failures become one Chinese sentence (the server's own message when it sent one).
 */

export const FILES_URL = '/api/files';

/** The answer of POST /api/files (packages/api/src/services/files). */
export interface UploadedFile {
  id: string;
  kind: 'image' | 'document';
  mime: string;
  sizeBytes: number;
  originalName: string;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  401: '登录已过期，请重新登录',
  403: '没有权限上传文件',
  413: '文件过大，请压缩后重新上传',
};

/** Plain links (cookie-authenticated) of a file id, for files whose signed links are not at hand. */
export function plainFileUrls(id: string): { url: string; thumbUrl: string } {
  const base = `${FILES_URL}/${encodeURIComponent(id)}`;
  return { url: base, thumbUrl: `${base}/thumb` };
}

export async function uploadFile(
  file: Blob & { name?: string },
  opts: { orgId?: string | null; signal?: AbortSignal } = {},
): Promise<UploadedFile> {
  const body = new FormData();
  body.append('file', file, file.name ?? '附件');
  if (opts.orgId) body.append('orgId', opts.orgId);
  let res: Response;
  try {
    res = await fetch(FILES_URL, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'tuanjian' },
      signal: opts.signal,
    });
  } catch {
    throw new UploadError('无法连接服务器，请检查网络后重试', undefined);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON (e.g. a proxy's error page)
  }
  if (!res.ok) {
    const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
    throw new UploadError(
      typeof message === 'string' && /[\u3400-\u9fff]/.test(message)
        ? message
        : (STATUS_MESSAGES[res.status] ?? '上传失败，请稍后重试'),
      res.status,
    );
  }
  return json as UploadedFile;
}
