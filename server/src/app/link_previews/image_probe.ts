import { readImageSize } from '../pictures/images.js';
import type { WireImage } from './embeds.js';

/**
 * An image's size and format from its first bytes (the header is enough: nothing is decoded), or undefined when the
 * bytes are not a PNG, JPEG, GIF or WebP (SVG and other formats never reach the decoder).
 */
export async function probeImage(bytes: Buffer): Promise<WireImage | undefined> {
  const size = await readImageSize(bytes);
  if (!size) return undefined;
  // Mattermost counts frames only for animated images (0 otherwise).
  return { width: size.width, height: size.height, format: size.format, frame_count: size.frames > 1 ? size.frames : 0 };
}
