/**
 * Uploaded files (the uploads contract in docs/ISSUE4-PLAN.md): storage, checks, links, routes.
 * Records keep file ids, check them with `assertFilesUsable(tdb, ids)` when saved and answer
 * `fileUrls(id)` (or `describeFiles(tdb, ids)` for names and types).
 */
export { defaultFileStorage, uploadMaxBodyBytes, uploadMaxBytes } from './config';
export {
  contentDisposition,
  createFileRoutes,
  type FileRoutesOptions,
  UPLOAD_CSRF_HEADER,
  UPLOAD_CSRF_VALUE,
} from './http';
export { MAX_IMAGE_PIXELS, THUMB_SIZE } from './image';
export { ALLOWED_TYPES, sanitiseFileName, sniffType } from './inspect';
export {
  assertFilesUsable,
  describeFiles,
  FILE_NOT_USABLE,
  type FileInfo,
  openFile,
  saveUpload,
} from './service';
export { type FileStorage, LocalDiskStorage, S3Storage, type S3StorageOptions } from './storage';
export { FILES_BASE_PATH, type FileRef, fileUrls, runWithFileTenant, useFileUrlSigning } from './urls';
