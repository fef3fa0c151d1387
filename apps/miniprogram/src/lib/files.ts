import Taro from '@tarojs/taro';
import { API_ORIGIN, IS_H5 } from './env';
import { getToken, goToLogin } from './session';
import { NETWORK_ERROR_MESSAGE } from './taro-fetch';

/**
 * Uploads from the mini-program: `Taro.uploadFile` (wx.uploadFile / XHR in H5) to POST /api/files
 * with the bearer token. The links the server answers (`url`, `thumbUrl`) are signed and short-lived,
 * so `<Image>` can show them without a header; they are relative to the API origin.
 */

export const FILES_URL = IS_H5 ? '/api/files' : `${API_ORIGIN}/api/files`;

/** A file a record links: its id and signed links (`fileUrls(id)` on the server). */
export interface FileRef {
  id: string;
  url: string;
  thumbUrl: string;
}

/** The answer of POST /api/files. */
export interface UploadedFile extends FileRef {
  kind: 'image' | 'document';
  mime: string;
  sizeBytes: number;
  originalName: string;
  width: number | null;
  height: number | null;
}

/** A server link made usable here: as is in H5 (same origin), prefixed with the API origin in WeChat. */
export function absoluteFileUrl(url: string): string {
  if (IS_H5 || /^https?:\/\//.test(url)) return url;
  return `${API_ORIGIN}${url.startsWith('/') ? '' : '/'}${url}`;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** Parses an upload answer; throws an Error with a Chinese message when it is a refusal. */
export function parseUploadAnswer(statusCode: number, data: unknown): UploadedFile {
  let json: unknown = data;
  if (typeof data === 'string') {
    try {
      json = JSON.parse(data);
    } catch {
      json = null;
    }
  }
  if (statusCode >= 200 && statusCode < 300 && json && typeof (json as UploadedFile).id === 'string') {
    return json as UploadedFile;
  }
  const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === 'string' && HAS_CHINESE.test(message)) throw new Error(message);
  if (statusCode === 413) throw new Error('照片过大，请压缩后重新上传');
  throw new Error('上传失败，请稍后重试');
}

/** Uploads one chosen file (a temp path from Taro.chooseImage). */
export async function uploadTempFile(
  filePath: string,
  opts: { fileName?: string; orgId?: string | null } = {},
): Promise<UploadedFile> {
  const token = getToken();
  if (!token) {
    goToLogin();
    throw new Error('登录已失效，请重新登录');
  }
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: FILES_URL,
      filePath,
      name: 'file',
      header: { Authorization: `Bearer ${token}` },
      formData: opts.orgId ? { orgId: opts.orgId } : {},
      ...(IS_H5 && opts.fileName ? { fileName: opts.fileName } : {}),
    } as Taro.uploadFile.Option);
  } catch {
    throw new Error(NETWORK_ERROR_MESSAGE);
  }
  if (res.statusCode === 401) {
    goToLogin();
    throw new Error('登录已失效，请重新登录');
  }
  return parseUploadAnswer(res.statusCode, res.data);
}
