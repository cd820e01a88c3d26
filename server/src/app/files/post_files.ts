import type { FileInfo } from '@mattermost/types/files';
import { AppError } from '../../model/errors.js';
import type { FileInfoRecord } from '../../store/files/file_infos.js';
import type { Store } from '../../store/store.js';

/** Mattermost's limit on a post's attachments. */
export const MAX_FILES_PER_POST = 10;

/** A stored file as clients see it (Mattermost's FileInfo JSON): storage paths stay on the server. */
export function presentFileInfo(f: FileInfoRecord): FileInfo {
  return {
    id: f.id, user_id: f.creator_id, post_id: f.post_id, channel_id: f.channel_id, create_at: f.create_at, update_at: f.update_at,
    delete_at: f.delete_at, name: f.name, extension: f.extension, size: f.size, mime_type: f.mime_type, width: f.width,
    height: f.height, has_preview_image: f.has_preview_image, archived: f.archived, clientId: '',
    ...(f.mini_preview ? { mini_preview: f.mini_preview } : {}),
  };
}

/** The distinct file ids a post asks for, refused past Mattermost's limit. */
export function requestedFileIds(ids: readonly string[] | undefined): string[] {
  const distinct = [...new Set(ids ?? [])];
  if (distinct.length > MAX_FILES_PER_POST) {
    throw new AppError('model.post.is_valid.file_ids.app_error', `A post can have at most ${MAX_FILES_PER_POST} files.`, 400);
  }
  return distinct;
}

export const unknownFiles = (): AppError =>
  new AppError('api.post.create_post.file_ids.app_error', 'The files must be your own uploads into this channel, not yet on a post.', 400);

/**
 * Gives the post the files it names, all or none: each must be its author's own upload into its channel that no
 * post holds yet (so two posts naming one upload cannot both have it). Returns the ids, in the order asked.
 */
export async function claimFiles(store: Store, ids: readonly string[], post: { id: string; user_id: string; channel_id: string }, now: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const taken = await store.fileInfos.attach(ids, post.id, post.user_id, post.channel_id, now);
  if (taken.length < ids.length) {
    await store.fileInfos.detach(post.id, taken);
    throw unknownFiles();
  }
  return [...ids];
}

/**
 * The files of each post that has any, in the order its `file_ids` name them (the order they were attached,
 * whichever upload finished first), with one query for the whole page (none when no post has files).
 */
export async function filesOfPosts(store: Store, posts: readonly { id: string; file_ids: readonly string[] }[]): Promise<Map<string, FileInfo[]>> {
  const out = new Map<string, FileInfo[]>();
  const withFiles = posts.filter((p) => p.file_ids.length > 0);
  if (withFiles.length === 0) return out;
  const byId = new Map((await store.fileInfos.forPosts(withFiles.map((p) => p.id))).map((f) => [f.id, f]));
  for (const post of withFiles) {
    const files = post.file_ids.flatMap((id) => {
      const f = byId.get(id);
      return f && f.post_id === post.id ? [presentFileInfo(f)] : [];
    });
    if (files.length > 0) out.set(post.id, files);
  }
  return out;
}
