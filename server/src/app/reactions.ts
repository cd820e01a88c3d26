import { AppError, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelRecord, PostRecord } from '../model/types.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel } from './channel_rules.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';
import { readablePosts } from './post_lists.js';
import { presentReaction, type ReactionView } from './post_presenter.js';

const EMOJI_NAME = /^[a-zA-Z0-9_+-]{1,64}$/;
/** Distinct emoji one post may carry, as Mattermost's default limit. */
const UNIQUE_EMOJI_PER_POST = 50;

const archived = (): AppError => new AppError('api.reaction.save.archived_channel.app_error', 'You cannot react in an archived channel.', 403);

/** Emoji reactions on posts; posts.has_reactions follows them. */
export class ReactionService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private get store(): Store {
    return this.deps.store;
  }

  private async reactable(actor: Actor, postId: string, permission: string): Promise<{ post: PostRecord; channel: ChannelRecord }> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    const channel = await readableChannel(this.store, this.permissions, actor, post.channel_id);
    await this.permissions.requireChannel(actor, channel, permission);
    if (channel.delete_at > 0) throw archived();
    return { post, channel };
  }

  async add(actor: Actor, r: { user_id: string; post_id: string; emoji_name: string }): Promise<ReactionView> {
    if (r.user_id !== actor.userId) throw forbidden();
    if (!EMOJI_NAME.test(r.emoji_name)) throw new AppError('model.reaction.is_valid.emoji_name.app_error', 'Invalid emoji name.', 400);
    const { post, channel } = await this.reactable(actor, r.post_id, 'add_reaction');
    const existing = await this.store.reactions.listForPost(post.id);
    const mine = existing.find((e) => e.user_id === r.user_id && e.emoji_name === r.emoji_name);
    if (mine) return presentReaction(mine);
    const emoji = new Set(existing.map((e) => e.emoji_name));
    if (!emoji.has(r.emoji_name) && emoji.size >= UNIQUE_EMOJI_PER_POST) {
      throw new AppError('api.reaction.save.unique_limit.app_error', `A post can carry at most ${UNIQUE_EMOJI_PER_POST} different emoji.`, 400);
    }
    const now = Date.now();
    const reaction = { user_id: r.user_id, post_id: post.id, emoji_name: r.emoji_name, create_at: now, channel_id: channel.id };
    const saved = await this.store.transaction(async (tx) => {
      const added = await tx.reactions.save(reaction);
      if (added) await tx.posts.setHasReactions(post.id, true, now);
      return added;
    });
    const view = presentReaction(reaction);
    if (saved) this.deps.bus.publish(makeEvent('reaction_added', { reaction: JSON.stringify(view) }, { channel_id: channel.id }));
    return view;
  }

  async remove(actor: Actor, userId: string, postId: string, emojiName: string): Promise<void> {
    if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
    const { post, channel } = await this.reactable(actor, postId, 'remove_reaction');
    const removed = await this.store.transaction(async (tx) => {
      const target = (await tx.reactions.listForPost(post.id)).find((e) => e.user_id === userId && e.emoji_name === emojiName);
      if (!target || !(await tx.reactions.remove(post.id, userId, emojiName))) return undefined;
      await tx.posts.setHasReactions(post.id, (await tx.reactions.listForPost(post.id)).length > 0, Date.now());
      return target;
    });
    if (removed) {
      this.deps.bus.publish(makeEvent('reaction_removed', { reaction: JSON.stringify(presentReaction(removed)) }, { channel_id: channel.id }));
    }
  }

  async listForPost(actor: Actor, postId: string): Promise<ReactionView[]> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    await readableChannel(this.store, this.permissions, actor, post.channel_id);
    return (await this.store.reactions.listForPost(post.id)).map(presentReaction);
  }

  /** Reactions of each listed post the caller may read (an empty list for posts without any). */
  async listForPosts(actor: Actor, postIds: readonly string[]): Promise<Record<string, ReactionView[]>> {
    const ids = (await readablePosts(this.store, this.permissions, actor, postIds)).map((p) => p.id);
    const out: Record<string, ReactionView[]> = Object.fromEntries(ids.map((id) => [id, []]));
    for (const r of await this.store.reactions.listForPosts(ids)) out[r.post_id].push(presentReaction(r));
    return out;
  }
}
