import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureErrorHandler, handleGlobalError } from './error-handler';
import { describeError, isSessionExpired, NETWORK_MESSAGE } from './errors';

/** An error as the tRPC client raises it from a server answer. */
function serverError(code: string, message: string, data: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: { code: -32600, message, data: { code, httpStatus: 400, ...data } },
  } as never);
}

describe('describeError', () => {
  it('shows the server’s Chinese message as is', () => {
    const info = describeError(
      serverError('FORBIDDEN', '超出您所管理的组织范围', { appCode: 'FORBIDDEN_SCOPE' }),
    );
    expect(info).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN_SCOPE',
      message: '超出您所管理的组织范围',
    });
    expect(info.network).toBe(false);
  });

  it('falls back on a Chinese text per code when the server’s message is not Chinese', () => {
    expect(describeError(serverError('NOT_FOUND', 'NOT_FOUND')).message).toBe('请求的内容不存在或已被删除');
    expect(describeError(serverError('TOO_MANY_REQUESTS', 'Too many')).message).toBe(
      '操作过于频繁，请稍后再试',
    );
    expect(describeError(serverError('SOMETHING_NEW', 'x')).message).toBe('操作失败，请稍后重试');
  });

  it('joins the Chinese zod issues of an input error', () => {
    const info = describeError(
      serverError('BAD_REQUEST', '[{"code":"too_small"}]', {
        appCode: 'INVALID_INPUT',
        zodIssues: [
          { path: ['name'], message: '组织名称至少2个字' },
          { path: ['kind'], message: '组织类型无效' },
        ],
      }),
    );
    expect(info.message).toBe('组织名称至少2个字；组织类型无效');
  });

  it('says the server could not be reached when no tRPC answer came back', () => {
    const info = describeError(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(info).toMatchObject({ code: undefined, network: true, message: NETWORK_MESSAGE });
    expect(describeError(undefined).message).toBe(NETWORK_MESSAGE);
  });

  it('tells an expired session from wrong credentials', () => {
    expect(
      isSessionExpired(describeError(serverError('UNAUTHORIZED', '请先登录', { appCode: 'AUTH_REQUIRED' }))),
    ).toBe(true);
    expect(
      isSessionExpired(
        describeError(serverError('UNAUTHORIZED', '用户名或密码错误', { appCode: 'AUTH_INVALID' })),
      ),
    ).toBe(false);
    expect(
      isSessionExpired(
        describeError(serverError('TOO_MANY_REQUESTS', '登录失败次数过多', { appCode: 'AUTH_RATE_LIMITED' })),
      ),
    ).toBe(false);
  });
});

describe('handleGlobalError', () => {
  const deps = { showError: vi.fn(), toLogin: vi.fn(), toIdentity: vi.fn() };
  configureErrorHandler(deps);
  afterEach(() => vi.clearAllMocks());

  it('sends an UNAUTHORIZED user back to login without a toast', () => {
    handleGlobalError(serverError('UNAUTHORIZED', '请先登录', { appCode: 'AUTH_REQUIRED' }));
    expect(deps.toLogin).toHaveBeenCalledOnce();
    expect(deps.showError).not.toHaveBeenCalled();
  });

  it('sends a user without a chosen identity to the identity chooser', () => {
    handleGlobalError(serverError('FORBIDDEN', '请先选择身份', { appCode: 'TENANT_REQUIRED' }));
    expect(deps.toIdentity).toHaveBeenCalledOnce();
    expect(deps.showError).not.toHaveBeenCalled();
  });

  it('shows any other error’s Chinese message, unless the caller shows it itself', () => {
    handleGlobalError(serverError('FORBIDDEN', '您的角色无权进行此操作', { appCode: 'FORBIDDEN_ROLE' }));
    expect(deps.showError).toHaveBeenCalledWith('您的角色无权进行此操作');
    handleGlobalError(serverError('FORBIDDEN', '您的角色无权进行此操作'), { silent: true });
    expect(deps.showError).toHaveBeenCalledOnce();
    expect(deps.toLogin).not.toHaveBeenCalled();
  });

  it('leaves a pending password change to the forced dialog', () => {
    handleGlobalError(serverError('FORBIDDEN', '请先修改密码', { appCode: 'PASSWORD_CHANGE_REQUIRED' }));
    expect(deps.showError).not.toHaveBeenCalled();
  });
});
