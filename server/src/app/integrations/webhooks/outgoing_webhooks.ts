import { AppError, badParam, forbidden, notFound } from '../../../model/errors.js';
import { makeEvent } from '../../../model/events.js';
import { isValidId, newId } from '../../../model/id.js';
import type { OutgoingWebhookRecord } from '../../../store/integrations/webhooks.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import { isHttpUrl } from '../actions/dialog_validation.js';
import { OUTGOING_WEBHOOKS_CHANGED } from './outgoing_hook_cache.js';
import type { WebhookAccess } from './webhook_access.js';
import { invalidOutgoing, outgoingDisabled, teamMismatch } from './webhook_errors.js';

/** What a client sends to create or update an outgoing webhook (OutgoingWebhook's writable fields). */
export interface OutgoingWebhookInput {
  id?: string;
  team_id?: string;
  channel_id?: string;
  creator_id?: string;
  trigger_words?: string[];
  trigger_when?: number;
  callback_urls?: string[];
  display_name?: string;
  description?: string;
  content_type?: string;
  username?: string;
  icon_url?: string;
}

const hookNotFound = (): AppError => new AppError('app.webhooks.get_outgoing.app_error', 'Unable to find the webhook.', 404);

/**
 * Outgoing webhooks: create, list, read, update, delete and a new token. A hook listens to one public channel, or
 * (with trigger words) to every public channel of its team; firing is outgoing_triggers.ts.
 */
export class OutgoingWebhookService {
  constructor(private readonly deps: AppDeps, private readonly access: WebhookAccess) {}

  async create(actor: Actor, input: OutgoingWebhookInput): Promise<OutgoingWebhookRecord> {
    this.requireEnabled();
    const teamId = input.team_id ?? '';
    if (!isValidId(teamId)) throw badParam('team_id');
    await this.access.requireOwn(actor, 'outgoing', teamId);
    let creatorId = actor.userId;
    if (input.creator_id && input.creator_id !== actor.userId) {
      if (!(await this.access.mayManageOthers(actor, 'outgoing', teamId))) throw forbidden();
      const creator = await this.deps.store.users.get(input.creator_id);
      if (!creator || creator.delete_at > 0) throw notFound('user');
      creatorId = creator.id;
    }
    const now = Date.now();
    const hook: OutgoingWebhookRecord = {
      id: newId(), token: newId(), create_at: now, update_at: now, delete_at: 0, creator_id: creatorId, team_id: teamId,
      ...fields(input),
    };
    await this.checkPlacement(hook);
    await this.deps.store.webhooks.createOutgoing(hook);
    this.changed(hook.team_id);
    return hook;
  }

  /** Hooks of a channel, of a team, or of every team: the caller's own unless they may manage others'. */
  async list(actor: Actor, query: { teamId?: string; channelId?: string; offset: number; limit: number }): Promise<OutgoingWebhookRecord[]> {
    this.requireEnabled();
    let teamId = query.teamId;
    if (query.channelId) {
      const channel = await this.deps.store.channels.get(query.channelId);
      if (!channel) throw forbidden();
      teamId = channel.team_id;
    }
    if (!(await this.access.mayManageOwn(actor, 'outgoing', teamId))) throw forbidden();
    const others = await this.access.mayManageOthers(actor, 'outgoing', teamId);
    const filter = { teamId, channelId: query.channelId, ownerId: others ? undefined : actor.userId };
    return this.deps.store.webhooks.listOutgoing(filter, { offset: query.offset, limit: query.limit });
  }

  async get(actor: Actor, id: string): Promise<OutgoingWebhookRecord> {
    this.requireEnabled();
    return this.manageable(actor, id);
  }

  async update(actor: Actor, id: string, input: OutgoingWebhookInput): Promise<OutgoingWebhookRecord> {
    this.requireEnabled();
    if (input.id !== id) throw badParam('hook_id');
    const old = await this.deps.store.webhooks.getOutgoing(id);
    if (!old) throw hookNotFound();
    if ((input.team_id || old.team_id) !== old.team_id) throw teamMismatch();
    await this.access.requireHook(actor, 'outgoing', { team_id: old.team_id, ownerId: old.creator_id });
    const hook: OutgoingWebhookRecord = { ...old, ...fields(input), update_at: Date.now() };
    await this.checkPlacement(hook);
    await this.deps.store.webhooks.updateOutgoing(hook);
    this.changed(hook.team_id);
    return hook;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    this.requireEnabled();
    const hook = await this.manageable(actor, id);
    await this.deps.store.webhooks.deleteOutgoing(id, Date.now());
    this.changed(hook.team_id);
  }

  /** A new token: the old one stops matching at once. */
  async regenerateToken(actor: Actor, id: string): Promise<OutgoingWebhookRecord> {
    this.requireEnabled();
    const hook = { ...(await this.manageable(actor, id)), token: newId(), update_at: Date.now() };
    await this.deps.store.webhooks.updateOutgoing(hook);
    this.changed(hook.team_id);
    return hook;
  }

  private async manageable(actor: Actor, id: string): Promise<OutgoingWebhookRecord> {
    const hook = await this.deps.store.webhooks.getOutgoing(id);
    if (!hook) throw hookNotFound();
    await this.access.requireHook(actor, 'outgoing', { team_id: hook.team_id, ownerId: hook.creator_id });
    return hook;
  }

  /**
   * A hook listens to a public channel of its own team, or to the whole team by trigger words; and no other hook of
   * that channel calls one of its URLs for one of its words (the same post would be sent twice).
   */
  private async checkPlacement(hook: OutgoingWebhookRecord): Promise<void> {
    if (hook.channel_id) {
      const channel = await this.deps.store.channels.get(hook.channel_id);
      if (!channel) throw notFound('channel');
      if (channel.type !== 'O') throw new AppError('api.webhook.create_outgoing.not_open.app_error', 'Outgoing webhooks can only be created for public channels.', 403);
      if (channel.team_id !== hook.team_id) throw new AppError('api.webhook.create_outgoing.permissions.app_error', 'The channel is not in the webhook\'s team.', 403);
    } else if (hook.trigger_words.length === 0) {
      throw new AppError('api.webhook.create_outgoing.triggers.app_error', 'Either trigger words or a channel must be set.', 400);
    }
    const sameChannel = await this.deps.store.webhooks.listOutgoing({ teamId: hook.team_id, channelId: hook.channel_id }, { offset: 0, limit: 10_000 });
    const clash = sameChannel.some((other) => other.id !== hook.id
      && other.callback_urls.some((url) => hook.callback_urls.includes(url))
      && other.trigger_words.some((word) => hook.trigger_words.includes(word)));
    if (clash) {
      throw new AppError('api.webhook.create_outgoing.intersect.app_error', 'Another outgoing webhook of this channel already sends one of these trigger words to one of these URLs.', 400);
    }
  }

  /** Every node drops its cached list of the team's hooks. */
  private changed(teamId: string): void {
    this.deps.bus.publish(makeEvent(OUTGOING_WEBHOOKS_CHANGED, { team_id: teamId }, {}));
  }

  private requireEnabled(): void {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableOutgoingWebhooks) throw outgoingDisabled();
  }
}

/** The writable fields, checked (Mattermost's OutgoingWebhook.IsValid limits). */
function fields(input: OutgoingWebhookInput): Omit<OutgoingWebhookRecord, 'id' | 'token' | 'create_at' | 'update_at' | 'delete_at' | 'creator_id' | 'team_id'> {
  const triggerWords = input.trigger_words ?? [];
  const callbackUrls = input.callback_urls ?? [];
  if (triggerWords.some((word) => word.trim() === '')) throw invalidOutgoing('trigger_words', 'Trigger words must not be empty.');
  if (JSON.stringify(triggerWords).length > 1024) throw invalidOutgoing('words', 'Trigger words must be at most 1024 characters in all.');
  if (callbackUrls.length === 0 || JSON.stringify(callbackUrls).length > 1024) {
    throw invalidOutgoing('callback', 'Between 1 and 1024 characters of callback URLs are required.');
  }
  if (!callbackUrls.every(isHttpUrl)) throw invalidOutgoing('url', 'Callback URLs must be http:// or https:// URLs.');
  const triggerWhen = input.trigger_when ?? 0;
  if (triggerWhen !== 0 && triggerWhen !== 1) throw invalidOutgoing('trigger_when', 'trigger_when must be 0 (exact first word) or 1 (first word starts with).');
  const hook = {
    channel_id: input.channel_id ?? '', trigger_words: triggerWords, trigger_when: triggerWhen, callback_urls: callbackUrls,
    display_name: input.display_name ?? '', description: input.description ?? '', content_type: input.content_type ?? '',
    username: input.username ?? '', icon_url: input.icon_url ?? '',
  };
  if (hook.display_name.length > 64) throw invalidOutgoing('display_name', 'Display name must be at most 64 characters.');
  if (hook.description.length > 500) throw invalidOutgoing('description', 'Description must be at most 500 characters.');
  if (hook.content_type.length > 128) throw invalidOutgoing('content_type', 'Content type must be at most 128 characters.');
  if (hook.username.length > 64) throw invalidOutgoing('username', 'Username must be at most 64 characters.');
  if (hook.icon_url.length > 1024) throw invalidOutgoing('icon_url', 'Icon URL must be at most 1024 characters.');
  return hook;
}
