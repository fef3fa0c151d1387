/**
 * What an uploaded file really is: the type comes from its content (`file-type` reads the magic
 * numbers and, for docx / xlsx, the zip's entries) — never from the client's MIME type or the
 * file name. Anything not on the list (text, HTML, SVG, executables, zip, legacy Office…) is refused.
 */
import type { FileKind } from '@tuanjian/db';
import { fileTypeFromBuffer } from 'file-type';
import { appError } from '../../errors';

export interface AllowedType {
  kind: FileKind;
  mime: string;
  ext: string;
  label: string;
}

/** The accepted types, keyed by the sniffed MIME type. */
export const ALLOWED_TYPES: Record<string, AllowedType> = {
  'image/jpeg': { kind: 'image', mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片' },
  'image/png': { kind: 'image', mime: 'image/png', ext: 'png', label: 'PNG 图片' },
  'image/webp': { kind: 'image', mime: 'image/webp', ext: 'webp', label: 'WebP 图片' },
  'application/pdf': { kind: 'document', mime: 'application/pdf', ext: 'pdf', label: 'PDF 文档' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    label: 'Word 文档（.docx）',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'document',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    label: 'Excel 表格（.xlsx）',
  },
};

export const ALLOWED_LABEL = '图片（JPG、PNG、WebP）或文档（PDF、Word .docx、Excel .xlsx）';

/** The sniffed type of `bytes`, or a BAD_REQUEST in Chinese when it is not an accepted type. */
export async function sniffType(bytes: Uint8Array): Promise<AllowedType> {
  if (bytes.length === 0) throw appError('BAD_REQUEST', 'INVALID_INPUT', '文件为空，请重新选择');
  const found = await fileTypeFromBuffer(bytes);
  const allowed = found ? ALLOWED_TYPES[found.mime] : undefined;
  if (!allowed) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', `不支持的文件类型：只能上传${ALLOWED_LABEL}`);
  }
  return allowed;
}

/** Names longer than this (in characters) are shortened, keeping the extension. */
const MAX_NAME_CHARS = 120;

/**
 * The client's file name, kept only as metadata (shown in lists, offered as the download name):
 * the last path segment, without control / bidi characters or characters that are unsafe in a
 * file name on common systems, trimmed and shortened. Never used to build a storage key.
 */
export function sanitiseFileName(name: string | null | undefined, fallbackExt: string): string {
  let n = (name ?? '').normalize('NFC');
  n = n.split(/[\\/]/).pop() ?? '';
  n = n
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!n) n = `附件.${fallbackExt}`;
  const chars = [...n];
  if (chars.length > MAX_NAME_CHARS) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : '';
    n = chars.slice(0, MAX_NAME_CHARS - [...ext].length).join('') + ext;
  }
  return n;
}
