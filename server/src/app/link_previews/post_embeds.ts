import type { PostEmbed, PostImage } from '@mattermost/types/posts';
import type { PostRecord } from '../../model/types.js';
import type { Store } from '../../store/store.js';
import { embedsFrom, linkHash, previewRemoved } from './embeds.js';
import { firstLink } from './first_link.js';

export interface PostLinkPreview {
  embeds: PostEmbed[];
  images: Record<string, PostImage>;
}

/**
 * The link preview of each post that has one, from the cache in one query for the page (none when no post links
 * anywhere). The cache holds only what may be shown: previews off or restricted clear it.
 */
export async function linkPreviewsOfPosts(store: Store, records: readonly PostRecord[]): Promise<Map<string, PostLinkPreview>> {
  const linkByPost = new Map<string, string>();
  for (const p of records) {
    if (p.type.startsWith('system_') || p.delete_at > 0 || previewRemoved(p.props)) continue;
    const link = firstLink(p.message);
    if (link) linkByPost.set(p.id, link);
  }
  const out = new Map<string, PostLinkPreview>();
  if (linkByPost.size === 0) return out;
  const found = await store.linkMetadata.getMany([...linkByPost.values()].map(linkHash));
  if (found.length === 0) return out;
  const byUrl = new Map(found.map((r) => [r.url, r]));
  for (const [postId, link] of linkByPost) {
    const preview = embedsFrom(link, byUrl.get(link));
    if (preview.embeds.length > 0) out.set(postId, preview);
  }
  return out;
}
