/**
 * Images with `sharp` (libvips): the stored original is re-encoded in its own format with the EXIF
 * orientation applied and every metadata block dropped (sharp keeps none unless asked — no GPS
 * position, camera or author leaves the server); a thumbnail of at most THUMB_SIZE px on the long
 * side is made as WebP. Decompression bombs are stopped by the pixel limit.
 */
import sharp from 'sharp';
import { appError } from '../../errors';

/** Long side of a thumbnail, in px. */
export const THUMB_SIZE = 320;
/** Largest image accepted, in pixels (width × height): 50 megapixels. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export interface ProcessedImage {
  data: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

export async function processImage(input: Uint8Array, mime: string): Promise<ProcessedImage> {
  const base = () => sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  try {
    let pipeline = base();
    if (mime === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 90, mozjpeg: true });
    else if (mime === 'image/png') pipeline = pipeline.png();
    else if (mime === 'image/webp') pipeline = pipeline.webp({ quality: 90 });
    else throw new Error(`not an image type: ${mime}`);
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumb = await base()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { data, thumb, width: info.width, height: info.height };
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/pixel limit/i.test(message)) {
      throw appError(
        'BAD_REQUEST',
        'INVALID_INPUT',
        `图片尺寸过大（超过 ${MAX_IMAGE_PIXELS / 10_000} 万像素），请缩小后重新上传`,
      );
    }
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '图片已损坏或无法识别，请换一张重新上传');
  }
}
