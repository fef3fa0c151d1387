import Taro from '@tarojs/taro';
import { HOME_PAGE, IDENTITY_PAGE } from './session';
import type { Me } from './trpc';

export const PASSWORD_PAGE = '/pages/password/index';

/** What a freshly signed-in user must do before 首页. */
export type NextStep = 'change-password' | 'choose-identity' | 'no-identity' | 'home';

export function nextStep(me: Me): NextStep {
  if (me.user.mustChangePassword) return 'change-password';
  if (me.activeGrantId) return 'home';
  if (me.grants.length === 0) return 'no-identity';
  return 'choose-identity';
}

export const NO_IDENTITY_MESSAGE = '该账号还没有开通任何身份，请联系所在团组织或上级团委开通后再登录';

export function goHome(): void {
  // reLaunch (not switchTab) so every page starts again with the new session or identity.
  void Taro.reLaunch({ url: HOME_PAGE });
}

export function goChooseIdentity(): void {
  void Taro.navigateTo({ url: IDENTITY_PAGE });
}
