import type { CustomEmoji } from '@mattermost/types/emojis';
import type { FileInfo } from '@mattermost/types/files';
import type { Post, PostRecord, Reaction, ReactionRecord, ThreadRecord } from '../model/types.js';
import type { Store } from '../store/store.js';
import { filesOfPosts } from './files/post_files.js';
import { linkPreviewsOfPosts } from './link_previews/post_embeds.js';
import { presentEmoji } from './emoji/custom_emoji.js';
import { customEmojiCandidates } from './emoji/emoji_names.js';
import { withoutActionIntegrations } from './integrations/actions/strip_integrations.js';

// Stored posts to the wire Post: metadata (reactions), thread counters taken
// from the threads table, and the reader's follow state on roots.

/** A reaction as Mattermost sends it. */
export type ReactionView = Reaction & { update_at: number; delete_at: number; channel_id: string; remote_id: string };

export function presentReaction(r: ReactionRecord): ReactionView {
  return {
    user_id: r.user_id, post_id: r.post_id, emoji_name: r.emoji_name, create_at: r.create_at,
    update_at: r.create_at, delete_at: 0, channel_id: r.channel_id, remote_id: '',
  };
}

export type PostView = Post & { has_reactions: boolean };

const threadIdOf = (p: PostRecord): string => p.root_id || p.id;

export async function presentPosts(store: Store, records: readonly PostRecord[], viewerId?: string): Promise<PostView[]> {
  const reacted = records.filter((p) => p.has_reactions).map((p) => p.id);
  const rootIds = records.filter((p) => !p.root_id).map((p) => p.id);
  const { reactions, threads, memberships } = await store.postPresentation.parts({
    reactedPostIds: reacted, threadIds: [...new Set(records.map(threadIdOf))], viewerId, rootIds,
  });
  const reactionsByPost = new Map<string, ReactionView[]>();
  for (const r of reactions) {
    const list = reactionsByPost.get(r.post_id) ?? [];
    list.push(presentReaction(r));
    reactionsByPost.set(r.post_id, list);
  }
  const threadById = new Map(threads.map((t) => [t.post_id, t]));
  const following = new Map(memberships.map((m) => [m.post_id, m.following]));
  const [emojis, files, previews] = await Promise.all([
    customEmojiOfPosts(store, records, reactionsByPost), filesOfPosts(store, records), linkPreviewsOfPosts(store, records),
  ]);
  return records.map((p) => {
    const view = toView(p, threadById.get(threadIdOf(p)), reactionsByPost.get(p.id), following.get(p.id));
    withEmojisAndFiles(view, emojis.get(p.id), files.get(p.id));
    const preview = previews.get(p.id);
    if (preview) Object.assign(view.metadata, preview);
    return view;
  });
}

/**
 * The custom emoji each post shows (`:name:` in its message, and its reactions), in one lookup for the page.
 * Built-in names are never looked up, so a page without custom emoji names costs nothing.
 */
async function customEmojiOfPosts(store: Store, records: readonly PostRecord[], reactions: Map<string, ReactionView[]>): Promise<Map<string, CustomEmoji[]>> {
  const namesByPost = new Map<string, string[]>();
  for (const p of records) {
    const names = customEmojiCandidates([p.message], (reactions.get(p.id) ?? []).map((r) => r.emoji_name));
    if (names.length > 0) namesByPost.set(p.id, names);
  }
  const out = new Map<string, CustomEmoji[]>();
  if (namesByPost.size === 0) return out;
  const found = await store.emoji.getByNames([...new Set([...namesByPost.values()].flat())]);
  if (found.length === 0) return out;
  const byName = new Map(found.map((e) => [e.name, presentEmoji(e)]));
  for (const [postId, names] of namesByPost) {
    const used = names.flatMap((name) => byName.get(name) ?? []);
    if (used.length > 0) out.set(postId, used);
  }
  return out;
}

function toView(p: PostRecord, thread: ThreadRecord | undefined, reactions: ReactionView[] | undefined, isFollowing: boolean | undefined): PostView {
  const post: PostView = {
    ...p,
    // Every post a client gets passes here: the integrations behind message actions stay on the server.
    props: withoutActionIntegrations(p.props),
    type: p.type as Post['type'],
    reply_count: thread?.reply_count ?? 0,
    metadata: { embeds: [], emojis: [], files: [], images: {}, ...(reactions ? { reactions } : {}) },
  };
  if (!p.root_id && thread) {
    post.last_reply_at = thread.last_reply_at;
    post.participants = thread.participants.map((id) => ({ id }));
  }
  if (isFollowing !== undefined) post.is_following = isFollowing;
  return post;
}

/** A post shown as stored, with nothing looked up: an earlier version of one, or an ephemeral message. */
export function presentNewPost(record: PostRecord): PostView {
  return toView(record, undefined, undefined, undefined);
}

/** A post just written, as its `posted` event and its author see it: with its files and custom emoji, no reactions yet. */
export async function presentCreatedPost(store: Store, record: PostRecord, thread?: ThreadRecord): Promise<PostView> {
  const [emojis, files] = await Promise.all([customEmojiOfPosts(store, [record], new Map()), filesOfPosts(store, [record])]);
  return withEmojisAndFiles(toView(record, thread, undefined, undefined), emojis.get(record.id), files.get(record.id));
}

function withEmojisAndFiles(view: PostView, emojis: CustomEmoji[] | undefined, files: FileInfo[] | undefined): PostView {
  if (emojis) view.metadata.emojis = emojis;
  if (files) view.metadata.files = files;
  return view;
}

export async function presentPost(store: Store, record: PostRecord, viewerId?: string): Promise<PostView> {
  const [post] = await presentPosts(store, [record], viewerId);
  return post;
}

/** The post as every channel member may see it in an event: without the reader's own follow state. */
export function sharedView(post: PostView): PostView {
  const { is_following: _following, ...shared } = post;
  return shared;
}
