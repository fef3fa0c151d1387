/**
 * Turning whatever a failed request throws into one Chinese sentence for the
 * person at the desk. The server already writes its `message` in Chinese;
 * we fall back on the tRPC code only when it did not (or never answered).
 */

export interface ErrorInfo {
  /** tRPC error code, e.g. 'UNAUTHORIZED'; undefined when the server never answered. */
  code: string | undefined;
  /** The server's `data.appCode`, e.g. 'AUTH_RATE_LIMITED'. */
  appCode: string | undefined;
  httpStatus: number | undefined;
  /** What to show. Always Chinese. */
  message: string;
  /** True when no answer came back (offline, server down, proxy error). */
  network: boolean;
}

const CJK = /[\u3400-\u9fff]/;

export const CODE_MESSAGES: Record<string, string> = {
  UNAUTHORIZED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '请求的内容不存在或已被删除',
  BAD_REQUEST: '提交的内容有误，请检查后重试',
  PARSE_ERROR: '提交的内容有误，请检查后重试',
  CONFLICT: '数据已存在或已被他人修改，请刷新后重试',
  PRECONDITION_FAILED: '当前状态不允许此操作',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  TIMEOUT: '请求超时，请稍后重试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  METHOD_NOT_SUPPORTED: '不支持的请求',
  INTERNAL_SERVER_ERROR: '服务器出错了，请稍后重试',
};

export const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';
export const UNKNOWN_MESSAGE = '操作失败，请稍后重试';

interface ZodIssueLike {
  message?: unknown;
  path?: unknown;
}

interface ErrorLike {
  message?: unknown;
  data?: {
    code?: unknown;
    appCode?: unknown;
    httpStatus?: unknown;
    zodIssues?: unknown;
  } | null;
  cause?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function describeError(error: unknown): ErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const data = e.data ?? undefined;
  const code = str(data?.code);
  const appCode = str(data?.appCode);
  const httpStatus = typeof data?.httpStatus === 'number' ? data.httpStatus : undefined;
  const raw = str(e.message) ?? (typeof error === 'string' ? error : undefined);

  if (!code) {
    // No tRPC envelope: the request did not reach a working server.
    if (raw && CJK.test(raw)) return { code, appCode, httpStatus, message: raw, network: false };
    return { code, appCode, httpStatus, message: NETWORK_MESSAGE, network: true };
  }

  let message: string | undefined;
  if (raw && CJK.test(raw)) message = raw;
  if (!message && Array.isArray(data?.zodIssues)) {
    const texts = (data.zodIssues as ZodIssueLike[])
      .map((i) => str(i?.message))
      .filter((m): m is string => !!m && CJK.test(m));
    if (texts.length > 0) message = [...new Set(texts)].join('；');
  }
  message ??= CODE_MESSAGES[code] ?? UNKNOWN_MESSAGE;
  return { code, appCode, httpStatus, message, network: false };
}

/** App codes that mean "these credentials are wrong", not "your session is gone". */
const CREDENTIAL_CODES = new Set(['AUTH_INVALID', 'AUTH_RATE_LIMITED', 'PASSWORD_WRONG']);

/** The session is missing or expired: the user has to log in again. */
export function isSessionExpired(info: ErrorInfo): boolean {
  return info.code === 'UNAUTHORIZED' && !(info.appCode && CREDENTIAL_CODES.has(info.appCode));
}

/** The session is valid but no identity (grant) has been chosen yet. */
export function needsIdentity(info: ErrorInfo): boolean {
  return info.appCode === 'TENANT_REQUIRED';
}

/** The account must change its issued password first; the layout's forced dialog handles it. */
export function needsPasswordChange(info: ErrorInfo): boolean {
  return info.appCode === 'PASSWORD_CHANGE_REQUIRED';
}
