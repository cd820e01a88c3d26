import sharp from 'sharp';

/** The raster formats accepted for pictures and emoji; anything else (SVG above all) is refused before decoding. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** Largest picture decoded, in pixels: Mattermost's MaxImageSize (6048 x 4032). */
export const MAX_IMAGE_PIXELS = 6048 * 4032;

/**
 * The format by the file's first bytes. Only these four reach the decoder: sharp would also read SVG (scripts,
 * external references), TIFF, HEIF and more, none of which a picture needs.
 */
export function sniffImageFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && (bytes.toString('latin1', 0, 6) === 'GIF87a' || bytes.toString('latin1', 0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

export interface ImageSize {
  format: ImageFormat;
  width: number;
  height: number;
  /** Frames of an animation (1 for a still image). */
  frames: number;
}

/** The size of an accepted image from its header, or undefined when it is not one (or the header is broken). */
export async function readImageSize(bytes: Buffer): Promise<ImageSize | undefined> {
  const format = sniffImageFormat(bytes);
  if (!format) return undefined;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return undefined;
    return { format, width: meta.width, height: meta.height, frames: meta.pages ?? 1 };
  } catch {
    return undefined;
  }
}

/** A square PNG of `size` pixels: the picture turned upright (EXIF), cropped to its centred square and scaled. */
export function squarePng(bytes: Buffer, size: number): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate()
    .resize(size, size, { fit: 'cover', position: 'centre' }).png().toBuffer();
}

/** Scales the image to fit `max` x `max`, keeping its proportions; a GIF stays an animated GIF, the rest become PNG. */
export function fitWithin(bytes: Buffer, format: ImageFormat, max: number): Promise<Buffer> {
  if (format === 'gif') {
    return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: true })
      .resize(max, max, { fit: 'inside', withoutEnlargement: true }).gif().toBuffer();
  }
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate()
    .resize(max, max, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
}
