import type { FileInfo } from '@mattermost/types/files';
import type { PostInfo } from '@mattermost/types/posts';
import { postsCreated } from '../metrics/registry.js';
import { codePointLength } from '../model/code_points.js';
import { AppError, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { ChannelMembership, ChannelRecord, PostRecord, ThreadMembershipRecord, ThreadRecord, UserRecord } from '../model/types.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel, type SystemPoster } from './channel_rules.js';
import type { AppDeps } from './deps.js';
import { publishEphemeral } from './ephemeral.js';
import { parseHashtags } from './hashtags.js';
import { postInfo } from './post_info.js';
import { PostClock } from './posts/post_clock.js';
import type { PostingContexts } from './posting_context.js';
import type { PostLinkHook } from './link_previews/link_previews.js';
import { claimFiles, requestedFileIds } from './files/post_files.js';
import { findMentionedUsers, mentionLookup, parseMentions, type ParsedMentions } from './mentions.js';
import type { ChannelMentionPolicy } from './notifications/channel_mentions.js';
import type { PostNotifyHook, SavedPost } from './notifications/saved_post.js';
import { channelArchived, type Permissions } from './permissions.js';
import { presentCreatedPost, presentNewPost, presentPost, presentPosts, sharedView, type PostView } from './post_presenter.js';
import { systemMessageText } from './system_messages.js';
import type { ThreadService } from './threads.js';

export interface PostInput {
  channel_id: string;
  message: string;
  root_id?: string;
  file_ids?: string[];
  props?: Record<string, unknown>;
  pending_post_id?: string;
  type?: string;
}

/** What an integration adds to a post it makes. */
export interface IntegrationPostOptions {
  /** Props only the server sets (from_webhook, override_username ...), kept past the client props' sanitizing. */
  serverProps: Record<string, unknown>;
  /** Incoming webhooks post in open channels their creator has not joined, when the creator holds create_post_public. */
  allowNonMember?: boolean;  /** A time the post must come after (the pieces of a split message keep their order even within a millisecond). */
  createdAfter?: number;
}

export interface PostPatch {
  message?: string;
  props?: Record<string, unknown>;
  is_pinned?: boolean;
  file_ids?: string[];
}

/** Props only the server sets (integrations, bots, notifications); never taken from a client. */
const RESERVED_PROPS = [
  'from_webhook', 'from_bot', 'from_plugin', 'from_oauth_app', 'override_username', 'override_icon_url',
  'webhook_display_name', 'add_channel_member', 'force_notification', 'mentionHighlightDisabled',
];
/** Mattermost's PostPropsMaxRunes: the most a post's props may hold, counted in code points of their JSON. */
const POST_PROPS_MAX_RUNES = 800_000;
/**
 * What a user may put there: half the total, as the hardening issue asks of Parley, which leaves the server room for
 * what it adds and halves what one post can make every reader and socket carry. (Mattermost's own constant,
 * PostPropsMaxUserRunes, is the total less 40,000.)
 */
export const POST_PROPS_MAX_USER_RUNES = POST_PROPS_MAX_RUNES / 2;

const invalidPost = (field: string, message: string): AppError => new AppError(`model.post.is_valid.${field}.app_error`, message, 400);
const badRoot = (): AppError => new AppError('api.post.create_post.root_id.app_error', 'Invalid root_id parameter.', 400);
const inArchived = (action: 'update' | 'delete'): AppError =>
  new AppError(`api.post.${action}_post.can_not_${action}_post_in_deleted.error`, `Cannot ${action} a post in an archived channel.`, 400);

/**
 * A client's props without the server's own keys, refused (400) when too large. Their shape was bounded where they
 * were parsed (nesting, NUL, prototype keys: model/safe_json.ts); should a deeper value arrive some other way,
 * measuring it overflows the stack, and that too is the props error rather than a crash.
 */
export function sanitizeProps(props: Record<string, unknown>): Record<string, unknown> {
  const clean = { ...props };
  for (const key of RESERVED_PROPS) delete clean[key];
  let json: string;
  try {
    json = JSON.stringify(clean);
  } catch (err) {
    if (err instanceof RangeError) throw invalidPost('props', 'Post props are nested too deeply.');
    throw err;
  }
  if (codePointLength(json) > POST_PROPS_MAX_USER_RUNES) {
    throw invalidPost('props', `Post props must be at most ${POST_PROPS_MAX_USER_RUNES} characters of JSON.`);
  }
  return clean;
}

interface Inserted {
  post: PostRecord;
  duplicate: boolean;
  reply?: { root: PostRecord; thread: ThreadRecord; followers: ThreadMembershipRecord[] };
}

/** Posts: create (user and system), read one, edit, pin, delete. Lists live in post_lists.ts. */
export class PostService implements SystemPoster {
  private readonly clock = new PostClock();

  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly threads: ThreadService,
    private readonly contexts: PostingContexts,
  ) {}

  /** Told of every saved post, to preview its first link in the background. */
  private linkHook?: PostLinkHook;

  setLinkHook(hook: PostLinkHook): void {
    this.linkHook = hook;
  }

  /** Told of every new user post after it is announced: notifications, outgoing webhooks. */
  private readonly postObservers: PostNotifyHook[] = [];

  observePosts(observer: PostNotifyHook): void {
    this.postObservers.push(observer);
  }

  /** Whether @channel notifies, and how often an author may use it. */
  private channelMentionPolicy?: ChannelMentionPolicy;

  setChannelMentionPolicy(policy: ChannelMentionPolicy): void {
    this.channelMentionPolicy = policy;
  }

  private get store(): Store {
    return this.deps.store;
  }

  private validateMessage(message: string): void {
    // Mattermost counts characters (runes), not UTF-16 units.
    if (codePointLength(message) > this.deps.config.maxPostSize) {
      throw new AppError('api.post.create_post.message_length.app_error', `Message must be at most ${this.deps.config.maxPostSize} characters.`, 400);
    }
  }

  /** A user's post, or (with `integration`) one an integration makes as its creator or caller. */
  async create(actor: Actor, input: PostInput, integration?: IntegrationPostOptions): Promise<PostView> {
    const message = input.message ?? '';
    this.validateMessage(message);
    const type = input.type ?? '';
    if (type.startsWith('system_')) throw invalidPost('type', 'System post types cannot be created.');
    const fileIds = requestedFileIds(input.file_ids);
    const props = { ...sanitizeProps(input.props ?? {}), ...integration?.serverProps };
    const parsed = parseMentions(message);
    // Members post, so the membership row answers both "may read" and "may post"; only an integration may post
    // into an open channel without one.
    const { channel, member, author, mentionCandidates } = await this.contexts.read(input.channel_id, actor.userId, mentionLookup(parsed));
    if (!channel) throw notFound('channel');
    if (!member && !(integration?.allowNonMember && channel.type === 'O')) throw forbidden();
    if (channel.delete_at > 0) throw channelArchived();
    const mayPost = member ? await this.memberMay(actor, channel, member, 'create_post') : await this.permissions.hasTeam(actor, channel.team_id, 'create_post_public');
    if (!mayPost) throw forbidden();
    if (!author) throw notFound('user');
    if (author.is_bot) props.from_bot = 'true';
    const root = input.root_id ? await this.validRoot(input.root_id, channel.id) : undefined;
    const post = this.newPost({
      user_id: actor.userId, channel_id: channel.id, root_id: root?.id ?? '', message, type, props,
      pending_post_id: input.pending_post_id ?? '', hashtags: parseHashtags(message), create_at: this.clock.next(channel.id, (integration?.createdAfter ?? 0) + 1),
    });
    const channelMentionsAllowed = parsed.channelWide && await this.memberMay(actor, channel, member, 'use_channel_mentions')
      && (await this.channelMentionPolicy?.admit(actor.userId, channel) ?? true);
    const mentions = await findMentionedUsers(this.store, { channel, authorId: actor.userId, parsed, candidates: mentionCandidates, channelMentionsAllowed });
    // Files are taken before the post is written, so two posts naming one upload cannot both list it. A retried
    // create finds its files already on the first post: that post is the answer, as for any retry.
    try {
      post.file_ids = await claimFiles(this.store, fileIds, post, post.create_at);
    } catch (err) {
      const first = post.pending_post_id ? await this.store.posts.getByPendingId(post.user_id, post.pending_post_id) : undefined;
      if (first) return presentPost(this.store, first, actor.userId);
      throw err;
    }
    let inserted: Inserted;
    try {
      inserted = await this.insert(channel, post, mentions, root);
    } catch (err) {
      if (post.file_ids.length > 0) await this.store.fileInfos.detach(post.id, 'all');
      throw err;
    }
    // A retried pending_post_id gets the first post back, announced once.
    if (inserted.duplicate) {
      if (post.file_ids.length > 0) await this.store.fileInfos.detach(post.id, 'all');
      return presentPost(this.store, inserted.post, actor.userId);
    }
    const view = await this.announce(channel, author, inserted, mentions);
    const memberNames = new Set(mentionCandidates.map((c) => c.username.toLowerCase()));
    const outsideNames = parsed.atNames.filter((variants) => !variants.some((v) => memberNames.has(v))).flat();
    this.notifyNew(channel, author, inserted, parsed, mentions, outsideNames);
    return view;
  }

  /** A channel permission of a member: their channel roles grant most; system and team roles the rest. */
  private async memberMay(actor: Actor, channel: ChannelRecord, member: ChannelMembership | undefined, permission: string): Promise<boolean> {
    return this.permissions.hasChannelAs(actor, channel, member, permission);
  }

  async postSystemMessage(channelId: string, userId: string, type: string, message: string, props: Record<string, unknown> = {}): Promise<void> {
    const channel = await this.store.channels.get(channelId);
    const author = await this.store.users.get(userId);
    if (!channel || !author) return;
    const allProps = { username: author.username, ...props };
    const post = this.newPost({
      user_id: userId, channel_id: channelId, root_id: '', type, props: allProps, pending_post_id: '', hashtags: '',
      message: message || systemMessageText(type, author.username, allProps), create_at: this.clock.next(channelId),
    });
    await this.announce(channel, author, await this.insert(channel, post, []), []);
  }

  private newPost(fields: Pick<PostRecord, 'user_id' | 'channel_id' | 'root_id' | 'message' | 'type' | 'props' | 'pending_post_id' | 'hashtags' | 'create_at'>): PostRecord {
    return {
      id: newId(), update_at: fields.create_at, edit_at: 0, delete_at: 0, is_pinned: false, original_id: '',
      file_ids: [], has_reactions: false, ...fields,
    };
  }

  private async validRoot(rootId: string, channelId: string): Promise<PostRecord> {
    const root = await this.store.posts.get(rootId);
    if (!root || root.delete_at > 0 || root.root_id !== '' || root.channel_id !== channelId) throw badRoot();
    return root;
  }

  /**
   * The post with its counters (one atomic store call); a reply also updates its thread in the same transaction.
   * A retried pending_post_id gets the first post back.
   */
  private async insert(channel: ChannelRecord, post: PostRecord, mentions: readonly string[], root?: PostRecord): Promise<Inserted> {
    const created = root
      ? await this.store.transaction(async (tx) => {
        if (!(await tx.posts.create(post, mentions))) return undefined;
        return { post, duplicate: false, reply: { root, ...(await this.threads.recordReply(tx, root, post, mentions)) } };
      })
      : (await this.store.posts.create(post, mentions)) ? { post, duplicate: false } : undefined;
    if (created) return created;
    const first = await this.store.posts.getByPendingId(post.user_id, post.pending_post_id);
    if (!first) throw new Error('pending post conflict without a post');
    return { post: first, duplicate: true };
  }

  private notifyNew(
    channel: ChannelRecord, author: UserRecord, inserted: Inserted, parsed: ParsedMentions, mentions: readonly string[], outsideNames: string[],
  ): void {
    const { post, reply } = inserted;
    const saved: SavedPost = {
      channel, author, post, parsed, mentions, outsideNames,
      reply: reply && { root: reply.root, thread: reply.thread, followerIds: reply.followers.map((f) => f.user_id) },
    };
    for (const observer of this.postObservers) observer.afterPost(saved);
  }

  /** After commit: `posted` to the channel, then each follower's thread update. */
  private async announce(channel: ChannelRecord, author: UserRecord, inserted: Inserted, mentions: readonly string[]): Promise<PostView> {
    const { post, reply } = inserted;
    postsCreated.inc();
    const view = await presentCreatedPost(this.store, post, reply?.thread);
    this.deps.bus.publish(makeEvent('posted', {
      post: JSON.stringify(view), channel_type: channel.type, channel_display_name: channel.display_name,
      channel_name: channel.name, sender_name: `@${author.username}`, team_id: channel.team_id, set_online: true,
      ...(mentions.length > 0 ? { mentions: JSON.stringify(mentions) } : {}),
      ...(reply ? { followers: JSON.stringify(reply.followers.map((f) => f.user_id)) } : {}),
    }, { channel_id: channel.id }));
    if (reply) await this.threads.publishReply(reply.root, reply.thread, reply.followers);
    this.linkHook?.afterSave(post, true);
    return view;
  }

  /** A live post (or, for system admins asking for it, a deleted one) in a channel the caller can read. */
  async get(actor: Actor, postId: string, includeDeleted = false): Promise<PostView> {
    const post = await this.store.posts.get(postId);
    if (!post || (post.delete_at > 0 && !(includeDeleted && isSystemAdmin(actor)))) throw notFound('post');
    await readableChannel(this.store, this.permissions, actor, post.channel_id);
    return presentPost(this.store, post, actor.userId);
  }

  /** The post and its channel when the caller may change it: own posts with `own`, others' with `others`. */
  private async changeable(actor: Actor, postId: string, action: 'update' | 'delete', own: string, others: string): Promise<{ post: PostRecord; channel: ChannelRecord }> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    const channel = await readableChannel(this.store, this.permissions, actor, post.channel_id);
    await this.permissions.requireChannel(actor, channel, post.user_id === actor.userId ? own : others);
    if (channel.delete_at > 0) throw inArchived(action);
    return { post, channel };
  }

  async patch(actor: Actor, postId: string, patch: PostPatch): Promise<PostView> {
    const { post } = await this.changeable(actor, postId, 'update', 'edit_post', 'edit_others_posts');
    if (post.type.startsWith('system_')) throw new AppError('api.post.update_post.system_message.app_error', 'System messages cannot be edited.', 400);
    const now = Date.now();
    const next: PostRecord = { ...post, update_at: now };
    if (patch.file_ids !== undefined) await this.editFiles(post, next, requestedFileIds(patch.file_ids), now);
    if (patch.message !== undefined) this.editMessage(post, next, patch.message, now);
    if (patch.props !== undefined) next.props = sanitizeProps(patch.props);
    if (patch.is_pinned !== undefined) next.is_pinned = patch.is_pinned;
    return this.saveEdited(actor, next, post);
  }

  /**
   * An integration's new message and props for a post (a message action's answer), whoever clicked: the caller
   * chose the props (the server's kept, the integration's checked); pins, reactions and files stay.
   */
  async replaceByIntegration(actor: Actor, postId: string, message: string, props: Record<string, unknown>): Promise<PostView> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    const now = Date.now();
    const next: PostRecord = { ...post, update_at: now, props };
    this.editMessage(post, next, message, now);
    return this.saveEdited(actor, next, post);
  }

  /** Gives `next` the new message, counted as an edit, when it differs from the stored post's. */
  private editMessage(post: PostRecord, next: PostRecord, message: string, now: number): void {
    if (message === post.message) return;
    this.validateMessage(message);
    Object.assign(next, { message, edit_at: now, hashtags: parseHashtags(message) });
  }

  /**
   * An edit's file list: files it adds are taken as on create (the author's own unattached uploads into the
   * channel, or a 400), files it leaves out are deleted, and the post counts as edited.
   */
  private async editFiles(post: PostRecord, next: PostRecord, requested: string[], now: number): Promise<void> {
    const current = new Set(post.file_ids);
    const added = await claimFiles(this.store, requested.filter((id) => !current.has(id)), post, now);
    const wanted = new Set(requested);
    const dropped = post.file_ids.filter((id) => !wanted.has(id));
    next.file_ids = requested;
    if (dropped.length > 0) await this.store.fileInfos.softDelete(dropped, now);
    if (added.length > 0 || dropped.length > 0) next.edit_at = now;
  }

  /** Saves the post; when its message changed, the version it replaces goes into its edit history. */
  private async saveEdited(actor: Actor, post: PostRecord, previous?: PostRecord): Promise<PostView> {
    if (previous && previous.message !== post.message) {
      await this.store.transaction(async (tx) => {
        await tx.posts.recordEdit(previous, post.update_at);
        await tx.posts.update(post);
      });
    } else {
      await this.store.posts.update(post);
    }
    const view = await presentPost(this.store, post, actor.userId);
    this.deps.bus.publish(makeEvent('post_edited', { post: JSON.stringify(sharedView(view)) }, { channel_id: post.channel_id }));
    if (previous && previous.message !== post.message) this.linkHook?.afterSave(post, false);
    return view;
  }

  /** The earlier versions of the caller's own post, newest first (Mattermost shows edit history to the author only). */
  async editHistory(actor: Actor, postId: string): Promise<PostView[]> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw forbidden();
    const channel = await readableChannel(this.store, this.permissions, actor, post.channel_id);
    await this.permissions.requireChannel(actor, channel, 'edit_post');
    if (post.user_id !== actor.userId) throw forbidden();
    const versions = await this.store.posts.editHistory(post.id);
    if (versions.length === 0) throw new AppError('app.post.get_edit_history_for_post.app_error', 'This post has no edit history.', 404);
    return versions.map((version) => presentNewPost(version));
  }

  /**
   * A message only `userId` sees, in a channel they are in; never stored, so it is gone on reload (integrations and
   * the server use these). Needs create_post_ephemeral, which system admins hold.
   */
  async ephemeral(actor: Actor, userId: string, input: { channel_id: string; message: string }): Promise<PostView> {
    this.permissions.requireSystem(actor, 'create_post_ephemeral');
    this.validateMessage(input.message);
    const [channel, member] = await Promise.all([this.store.channels.get(input.channel_id), this.store.channels.getMember(input.channel_id, userId)]);
    if (!channel) throw notFound('channel');
    if (!member) throw new AppError('app.channel.get_member.missing.app_error', 'That user is not a member of the channel.', 404);
    return publishEphemeral(this.deps, { userId, authorId: actor.userId, channelId: channel.id, message: input.message });
  }

  /** Where a (permalinked) post lives and whether the caller has joined its channel and team. */
  info(actor: Actor, postId: string): Promise<PostInfo> {
    return postInfo(this.store, actor, postId);
  }

  /** The post's live attachments, in the order the post names them. */
  async fileInfos(actor: Actor, postId: string): Promise<FileInfo[]> {
    return (await this.get(actor, postId)).metadata?.files ?? [];
  }

  /** Pins or unpins: any member who can read the channel's content. */
  async setPinned(actor: Actor, postId: string, pinned: boolean): Promise<void> {
    const { post } = await this.changeable(actor, postId, 'update', 'read_channel_content', 'read_channel_content');
    if (post.is_pinned === pinned) return;
    await this.saveEdited(actor, { ...post, is_pinned: pinned, update_at: Date.now() });
  }

  /** Soft-deletes the post (a root takes its replies along) and keeps the thread's counters right. */
  async delete(actor: Actor, postId: string): Promise<void> {
    const { post } = await this.changeable(actor, postId, 'delete', 'delete_post', 'delete_others_posts');
    const deletedIds = await this.store.transaction(async (tx) => {
      const now = Date.now();
      const ids = await tx.posts.softDelete(post.id, now);
      // A deleted post's files are no longer served.
      await tx.fileInfos.softDeleteForPosts(ids, now);
      if (post.root_id) await this.threads.recountAfterDelete(tx, post.root_id);
      else await tx.threads.remove(post.id);
      return ids;
    });
    for (const view of await presentPosts(this.store, await this.store.posts.getMany(deletedIds))) {
      this.deps.bus.publish(makeEvent('post_deleted', { post: JSON.stringify(view) }, { channel_id: view.channel_id }));
    }
  }
}
