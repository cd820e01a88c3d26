import type { OpenGraphMetadata, PostImage } from '@mattermost/types/posts';

export interface Size {
  width: number;
  height: number;
}

export interface PreviewImage extends Partial<Size> {
  url: string;
}

/** Links and images of a preview must be http(s): anything else (javascript:, data:) is not rendered. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Scales a size down (never up) to fit the box, keeping its aspect ratio; unknown sizes give undefined. */
export function fitWithin(size: Partial<Size>, maxWidth: number, maxHeight: number): Size | undefined {
  const { width, height } = size;
  if (!width || !height || width <= 0 || height <= 0) return undefined;
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The first usable image of the page, with its size from the page or else from what the server measured. */
export function openGraphImage(og: OpenGraphMetadata, measured: Record<string, PostImage> | undefined): PreviewImage | undefined {
  for (const image of og.images ?? []) {
    const url = safeHttpUrl(image.secure_url || image.url);
    if (!url) continue;
    const known = measured?.[image.secure_url || image.url];
    return { url, width: image.width || known?.width, height: image.height || known?.height };
  }
  return undefined;
}

/** Wide images show large under the text, as Mattermost does; others as a thumbnail beside it. */
export function isLargeImage(size: Partial<Size>): boolean {
  return Boolean(size.width && size.height && size.width >= 150 && size.width / size.height >= 4 / 3);
}
