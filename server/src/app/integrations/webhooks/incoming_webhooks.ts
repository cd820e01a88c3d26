import { AppError, badParam, forbidden, notFound } from '../../../model/errors.js';
import { makeEvent } from '../../../model/events.js';
import { newId } from '../../../model/id.js';
import type { ChannelRecord } from '../../../model/types.js';
import type { IncomingWebhookRecord } from '../../../store/integrations/webhooks.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import { validateUsername } from '../../user_fields.js';
import { INCOMING_WEBHOOK_CHANGED } from './incoming_hook_cache.js';
import type { WebhookAccess } from './webhook_access.js';
import { incomingDisabled, invalidIncoming, teamMismatch } from './webhook_errors.js';

/** What a client sends to create or update an incoming webhook (IncomingWebhook's writable fields). */
export interface IncomingWebhookInput {
  id?: string;
  channel_id: string;
  team_id?: string;
  user_id?: string;
  display_name?: string;
  description?: string;
  username?: string;
  icon_url?: string;
  channel_locked?: boolean;
}

export interface IncomingWebhookList {
  hooks: IncomingWebhookRecord[];
  /** Only when asked for (include_total_count). */
  total?: number;
}

const hookNotFound = (): AppError => new AppError('app.webhooks.get_incoming.app_error', 'Unable to find the webhook.', 404);

/** Incoming webhooks: create, list, read, update and delete (the public endpoint that posts is incoming_delivery.ts). */
export class IncomingWebhookService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly access: WebhookAccess) {}

  async create(actor: Actor, input: IncomingWebhookInput): Promise<IncomingWebhookRecord> {
    this.requireEnabled();
    const channel = await this.channel(input.channel_id);
    await this.access.requireOwn(actor, 'incoming', channel.team_id);
    if (!(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
    let ownerId = actor.userId;
    if (input.user_id && input.user_id !== actor.userId) {
      if (!(await this.access.mayManageOthers(actor, 'incoming', channel.team_id))) throw forbidden();
      const owner = await this.deps.store.users.get(input.user_id);
      if (!owner || owner.delete_at > 0) throw notFound('user');
      ownerId = owner.id;
    }
    const now = Date.now();
    const hook: IncomingWebhookRecord = {
      id: newId(), create_at: now, update_at: now, delete_at: 0, user_id: ownerId, channel_id: channel.id, team_id: channel.team_id,
      display_name: input.display_name ?? '', description: input.description ?? '', ...this.overrides(input, { username: '', icon_url: '' }),
      channel_locked: (input.channel_locked ?? false) || !(await this.access.mayBypassChannelLock(actor, channel.team_id)),
    };
    validate(hook);
    await this.deps.store.webhooks.createIncoming(hook);
    return hook;
  }

  /** A team's hooks, or every team's without `teamId`: the caller's own unless they may manage others'. */
  async list(actor: Actor, query: { teamId?: string; offset: number; limit: number; withTotal: boolean }): Promise<IncomingWebhookList> {
    this.requireEnabled();
    if (!(await this.access.mayManageOwn(actor, 'incoming', query.teamId))) throw forbidden();
    const others = await this.access.mayManageOthers(actor, 'incoming', query.teamId);
    const filter = { teamId: query.teamId, ownerId: others ? undefined : actor.userId };
    const hooks = await this.deps.store.webhooks.listIncoming(filter, { offset: query.offset, limit: query.limit });
    return query.withTotal ? { hooks, total: await this.deps.store.webhooks.countIncoming(filter) } : { hooks };
  }

  async get(actor: Actor, id: string): Promise<IncomingWebhookRecord> {
    this.requireEnabled();
    return this.manageable(actor, id);
  }

  async update(actor: Actor, id: string, input: IncomingWebhookInput): Promise<IncomingWebhookRecord> {
    this.requireEnabled();
    if (input.id !== id) throw badParam('hook_id');
    const old = await this.deps.store.webhooks.getIncoming(id);
    if (!old) throw hookNotFound();
    if ((input.team_id || old.team_id) !== old.team_id) throw teamMismatch();
    const channel = await this.channel(input.channel_id);
    if (channel.team_id !== old.team_id) throw badParam('channel_id');
    await this.access.requireHook(actor, 'incoming', { team_id: old.team_id, ownerId: old.user_id });
    if (channel.type !== 'O' && !(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
    const hook: IncomingWebhookRecord = {
      ...old, channel_id: channel.id, display_name: input.display_name ?? '', description: input.description ?? '',
      ...this.overrides(input, old),
      channel_locked: (input.channel_locked ?? false) || !(await this.access.mayBypassChannelLock(actor, channel.team_id)),
      update_at: Date.now(),
    };
    validate(hook);
    await this.deps.store.webhooks.updateIncoming(hook);
    this.changed(hook.id);
    return hook;
  }

  async delete(actor: Actor, id: string): Promise<void> {
    this.requireEnabled();
    await this.manageable(actor, id);
    await this.deps.store.webhooks.deleteIncoming(id, Date.now());
    this.changed(id);
  }

  /** Every node drops the hook from its delivery cache. */
  private changed(hookId: string): void {
    this.deps.bus.publish(makeEvent(INCOMING_WEBHOOK_CHANGED, { hook_id: hookId }, {}));
  }

  /** The hook, when the caller may manage it and, for a private channel, read that channel. */
  private async manageable(actor: Actor, id: string): Promise<IncomingWebhookRecord> {
    const hook = await this.deps.store.webhooks.getIncoming(id);
    if (!hook) throw hookNotFound();
    const channel = await this.deps.store.channels.get(hook.channel_id);
    if (!channel) throw notFound('channel');
    await this.access.requireHook(actor, 'incoming', { team_id: hook.team_id, ownerId: hook.user_id });
    if (channel.type !== 'O' && !(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
    return hook;
  }

  private async channel(id: string): Promise<ChannelRecord> {
    const channel = await this.deps.store.channels.get(id);
    if (!channel) throw notFound('channel');
    // Hooks belong to a team: a direct or group message has none.
    if (!channel.team_id) throw badParam('channel_id');
    return channel;
  }

  /** The name and icon the hook posts with; kept as they were while the settings forbid overriding them. */
  private overrides(input: IncomingWebhookInput, old: { username: string; icon_url: string }): { username: string; icon_url: string } {
    const service = this.deps.liveConfig.document.ServiceSettings;
    const username = service.EnablePostUsernameOverride ? input.username ?? '' : old.username;
    const iconUrl = service.EnablePostIconOverride ? input.icon_url ?? '' : old.icon_url;
    if (username) {
      try {
        validateUsername(username);
      } catch {
        throw new AppError('api.incoming_webhook.invalid_username.app_error', 'Invalid username.', 400);
      }
    }
    return { username, icon_url: iconUrl };
  }

  private requireEnabled(): void {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableIncomingWebhooks) throw incomingDisabled();
  }
}

function validate(hook: IncomingWebhookRecord): void {
  if (hook.display_name.length > 64) throw invalidIncoming('display_name', 'Display name must be at most 64 characters.');
  if (hook.description.length > 500) throw invalidIncoming('description', 'Description must be at most 500 characters.');
  if (hook.username.length > 64) throw invalidIncoming('username', 'Username must be at most 64 characters.');
  if (hook.icon_url.length > 1024) throw invalidIncoming('icon_url', 'Icon URL must be at most 1024 characters.');
}
