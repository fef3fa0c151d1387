import Taro from '@tarojs/taro';
import { TRPCClientError } from '@trpc/client';
import { goToLogin } from './session';

/** What the server puts in `error.data` (see packages/api/src/errors.ts). */
interface ErrorData {
  code?: string;
  httpStatus?: number;
  appCode?: string;
  zodIssues?: { message?: string; path?: (string | number)[] }[];
}

function dataOf(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

export function appCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.appCode;
}

/** The session is missing or expired: the server answered 401 / UNAUTHORIZED. */
export function isUnauthorized(error: unknown): boolean {
  const data = dataOf(error);
  return data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401;
}

/** A 4xx answer: retrying will not help. */
export function isClientError(error: unknown): boolean {
  const status = dataOf(error)?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The message to show: the server's Chinese message, or a Chinese fallback. */
export function errorMessage(error: unknown): string {
  const issue = dataOf(error)?.zodIssues?.find((i) => i.message && HAS_CHINESE.test(i.message));
  if (issue?.message) return issue.message;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (message && HAS_CHINESE.test(message)) return message;
  if (isUnauthorized(error)) return '登录已失效，请重新登录';
  return '操作失败，请稍后重试';
}

/** A short toast for a failed action (e.g. a button press). */
export function toastError(error: unknown): void {
  void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 });
}

/** Global handler for every failed query and mutation: an expired session goes back to 登录. */
export function handleAuthError(error: unknown): void {
  if (isUnauthorized(error)) goToLogin();
}
