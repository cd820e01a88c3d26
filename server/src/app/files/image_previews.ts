import sharp from 'sharp';
import { ConcurrencyLimit } from '../concurrency_limit.js';

/** Mattermost's sizes: thumbnails cover 120x100, previews are at most 1920 wide, mini previews 16x16. */
const THUMBNAIL = { width: 120, height: 100 };
const PREVIEW_WIDTH = 1920;
const MINI_PREVIEW = 16;
/** Images are decoded from memory; past this many stored bytes one gets no preview rather than a huge buffer. */
export const MAX_PREVIEWED_IMAGE_BYTES = 64 * 1024 * 1024;
/** Extensions sharp decodes. SVG is left out on purpose: it is a document, rendering it would run its parser on user input. */
const PREVIEWABLE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'tif', 'tiff', 'avif']);

/** Images decoded at once per process: each holds its pixels in memory, and sharp's threads are shared. */
const decoding = new ConcurrencyLimit(2);

export const isPreviewable = (extension: string): boolean => PREVIEWABLE.has(extension);

export interface ImagePreviews {
  width: number;
  height: number;
  /** Absent when the image is past MaxImageResolution or cannot be decoded: it is kept, without previews. */
  thumbnail?: Buffer;
  preview?: Buffer;
  /** A 16x16 JPEG, base64. */
  miniPreview?: string;
}

/** JPEG on white, as Mattermost serves thumbnails and previews (transparent areas would otherwise turn black). */
const jpeg = (image: sharp.Sharp, quality: number): Promise<Buffer> => image.flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer();

/**
 * Dimensions (as displayed, EXIF orientation applied) and the JPEG thumbnail, preview and mini preview of an image.
 * Decoding runs on sharp's threads, never the event loop, and at most two images (read by `load`) at once. An
 * animated image gives previews of its first frame; the original is never re-encoded.
 */
export function imagePreviews(load: () => Promise<Buffer>, maxPixels: number): Promise<ImagePreviews | undefined> {
  // The bytes are read inside the slot, so images waiting their turn hold no memory.
  return decoding.run(async () => {
    const bytes = await load();
    let meta: sharp.Metadata;
    try {
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return undefined;
    }
    if (!meta.width || !meta.height) return undefined;
    // EXIF orientations 5-8 turn the picture a quarter.
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    // A page of an animation reports one frame's height in pageHeight.
    const frameHeight = meta.pages && meta.pages > 1 && meta.pageHeight ? (turned ? height : meta.pageHeight) : height;
    if (width * frameHeight > maxPixels) return { width, height: frameHeight };
    try {
      const oriented = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'none' }).rotate();
      const [thumbnail, preview, mini] = await Promise.all([
        jpeg(oriented.clone().resize(THUMBNAIL.width, THUMBNAIL.height, { fit: 'outside', withoutEnlargement: true }), 90),
        jpeg(oriented.clone().resize({ width: PREVIEW_WIDTH, withoutEnlargement: true }), 90),
        jpeg(oriented.clone().resize(MINI_PREVIEW, MINI_PREVIEW, { fit: 'cover' }), 60),
      ]);
      return { width, height: frameHeight, thumbnail, preview, miniPreview: mini.toString('base64') };
    } catch {
      return { width, height: frameHeight };
    }
  });
}
