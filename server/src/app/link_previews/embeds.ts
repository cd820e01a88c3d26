import { createHash } from 'node:crypto';
import type { OpenGraphMetadata, PostEmbed, PostImage } from '@mattermost/types/posts';
import type { LinkMetadataRecord } from '../../store/link_previews/link_metadata.js';

/**
 * An image's size as Mattermost sends it in post metadata. The server's field is `frame_count` (its Go struct's
 * JSON name); the types package spells it `frameCount`, which no server sends.
 */
export interface WireImage {
  width: number;
  height: number;
  format: string;
  frame_count: number;
}

/** What a cached preview holds: the page's Open Graph data (for a page) and the sizes of its images. */
export interface LinkPreviewData {
  opengraph?: OpenGraphMetadata;
  images: Record<string, WireImage>;
}

/** The cache key of a URL. */
export const linkHash = (url: string): string => createHash('sha256').update(url).digest('hex');

/** A post's embeds and images from its link's cached preview (nothing for 'none'). */
export function embedsFrom(link: string, record: LinkMetadataRecord | undefined): { embeds: PostEmbed[]; images: Record<string, PostImage> } {
  if (!record || record.type === 'none') return { embeds: [], images: {} };
  let data: LinkPreviewData;
  try {
    data = JSON.parse(record.data) as LinkPreviewData;
  } catch {
    return { embeds: [], images: {} };
  }
  const images = data.images as unknown as Record<string, PostImage>;
  if (record.type === 'image') return { embeds: [{ type: 'image', url: link }], images };
  return data.opengraph ? { embeds: [{ type: 'opengraph', url: link, data: data.opengraph }], images } : { embeds: [], images: {} };
}

/** The post prop the web app sets (through a post patch) when the author removes the preview: 'true'. */
export const REMOVE_LINK_PREVIEW_PROP = 'remove_link_preview';

export const previewRemoved = (props: Record<string, unknown>): boolean => props[REMOVE_LINK_PREVIEW_PROP] === 'true';
