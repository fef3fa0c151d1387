import Taro from '@tarojs/taro';

/** Storage key of the bearer token returned by `auth.login({ client: 'miniprogram' })`. */
const TOKEN_KEY = 'tj_token';

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/home/index';
export const IDENTITY_PAGE = '/pages/identity/index';

export function getToken(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY);
  } catch {
    // storage unavailable: nothing to clear
  }
}

/** Path of the page on screen, e.g. '/pages/login/index' (weapp and H5 alike). */
function currentPath(): string {
  const path = Taro.getCurrentInstance().router?.path ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

let redirecting = false;

/**
 * The session is gone (401 / UNAUTHORIZED, or logged out): forget the token and
 * show the login page. Several failing requests at once redirect only once.
 */
export function goToLogin(): void {
  clearToken();
  if (redirecting) return;
  if (currentPath().startsWith(LOGIN_PAGE)) return;
  redirecting = true;
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false;
  });
}
