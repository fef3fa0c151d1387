/**
 * Errors a client can branch on: the tRPC code plus `data.appCode`.
 * Every message is standard simplified Chinese and shown to the user as is.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

export const APP_CODES = [
  'AUTH_REQUIRED', // no valid session
  'AUTH_INVALID', // wrong username or password
  'AUTH_RATE_LIMITED', // too many failed logins
  'AUTH_DISABLED', // the account is disabled
  'PASSWORD_CHANGE_REQUIRED', // first login with an issued password: change it before anything else
  'PASSWORD_WRONG', // changePassword: old password wrong
  'TENANT_REQUIRED', // no acting grant chosen yet (several grants)
  'TENANT_UNAVAILABLE', // the acting tenant is suspended / not provisioned
  'TENANT_KIND', // the procedure does not apply to the acting tenant's kind
  'FORBIDDEN_ROLE', // the acting role may not use the procedure
  'FORBIDDEN_SCOPE', // outside the acting grant's organisation subtree
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT', // zod validation failed: see data.zodIssues
  'INVALID_STATE', // a business rule refuses the change (e.g. parent kind)
  'INTERNAL',
] as const;
export type AppCode = (typeof APP_CODES)[number];

/** Carried as the `cause` of a TRPCError so the error formatter can expose `appCode`. */
export class AppErrorCause extends Error {
  constructor(readonly appCode: AppCode) {
    super(appCode);
    this.name = 'AppErrorCause';
  }
}

export function appError(code: TRPC_ERROR_CODE_KEY, appCode: AppCode, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new AppErrorCause(appCode) });
}

export const notFound = (what = '记录') => appError('NOT_FOUND', 'NOT_FOUND', `${what}不存在或无权查看`);
export const forbiddenScope = (message = '超出您所管理的组织范围') =>
  appError('FORBIDDEN', 'FORBIDDEN_SCOPE', message);
export const forbiddenRole = (message = '您的角色无权进行此操作') =>
  appError('FORBIDDEN', 'FORBIDDEN_ROLE', message);

const defaultAppCodes: Partial<Record<TRPC_ERROR_CODE_KEY, AppCode>> = {
  UNAUTHORIZED: 'AUTH_REQUIRED',
  FORBIDDEN: 'FORBIDDEN_ROLE',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'AUTH_RATE_LIMITED',
  BAD_REQUEST: 'INVALID_INPUT',
  PRECONDITION_FAILED: 'INVALID_STATE',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

export function appCodeOf(error: TRPCError): AppCode {
  if (error.cause instanceof AppErrorCause) return error.cause.appCode;
  return defaultAppCodes[error.code] ?? 'INTERNAL';
}

/** Chinese fallback messages for errors that did not come with one of ours. */
export const defaultMessages: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: '请求格式有误',
  BAD_REQUEST: '请求参数有误',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '无权进行此操作',
  NOT_FOUND: '请求的内容不存在',
  METHOD_NOT_SUPPORTED: '不支持的请求方式',
  TIMEOUT: '请求超时，请稍后重试',
  CONFLICT: '数据已被修改或已存在，请刷新后重试',
  PRECONDITION_FAILED: '当前状态不允许此操作',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNPROCESSABLE_CONTENT: '请求内容无法处理',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后重试',
  CLIENT_CLOSED_REQUEST: '请求已取消',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试',
  NOT_IMPLEMENTED: '功能尚未实现',
  BAD_GATEWAY: '服务暂时不可用，请稍后重试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  GATEWAY_TIMEOUT: '服务响应超时，请稍后重试',
};
