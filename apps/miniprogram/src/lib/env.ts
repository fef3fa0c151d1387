/**
 * Build-time configuration of the mini-program, in one place. Both values are replaced by the
 * bundler at build time (Taro's platform switch and `defineConstants` in config/index.ts); nothing
 * here is read at run time.
 */

/** The H5 build (served by apps/api under /h5/) rather than a WeChat mini-program build. */
export const IS_H5 = process.env.TARO_ENV === 'h5';

/** Origin of apps/api for the WeChat build (`API_BASE_URL` at build time). */
export const API_ORIGIN: string = API_BASE_URL;
