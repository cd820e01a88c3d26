import { AppError } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import type { ChannelRecord } from '../../../model/types.js';
import { actorForUser } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import type { DirectChannelService } from '../../direct_channels.js';
import type { Permissions } from '../../permissions.js';
import type { IntegrationPosts } from '../integration_posts.js';
import type { HookTarget, IncomingHookCache } from './incoming_hook_cache.js';
import { parseIncomingPayload } from './incoming_payload.js';
import { splitMessage } from './split_message.js';

/** Mattermost's name for a webhook post whose sender gave none (shown when name overrides are on). */
const DEFAULT_WEBHOOK_USERNAME = 'webhook';

const refused = (what: string, message: string, status: number): AppError => new AppError(`web.incoming_webhook.${what}.app_error`, message, status);

/**
 * `POST /hooks/{id}`: what a service sends to an incoming webhook becomes a post by the hook's owner, in the hook's
 * channel or (unless the hook is locked to it) in the channel the payload names. The owner's own rights decide:
 * a deactivated owner, or one who may no longer read a private channel or post, gets nothing posted.
 */
export class IncomingWebhookDelivery {
  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly directChannels: DirectChannelService,
    private readonly integrationPosts: IntegrationPosts, private readonly hooks: IncomingHookCache,
  ) {}

  /** Posts what the body (JSON, or a form with a `payload` field, as `mediaType` says) asks for. */
  async deliver(hookId: string, body: string, mediaType: string): Promise<void> {
    const service = this.deps.liveConfig.document.ServiceSettings;
    if (!service.EnableIncomingWebhooks) throw refused('disabled', 'Incoming webhooks have been disabled by the system admin.', 501);
    const request = parseIncomingPayload(body, mediaType);
    const hasAttachments = !isEmpty(request.attachments);
    if (request.text === '' && !hasAttachments) throw refused('text', 'No text or attachments were given.', 400);
    const target = isValidId(hookId) ? await this.hooks.get(hookId) : undefined;
    if (!target) throw refused('invalid', 'Invalid webhook.', 400);
    const { hook, owner } = target;
    if (owner.delete_at > 0) throw refused('user', 'The webhook\'s owner is not an active user.', 403);
    const channel = await this.targetChannel(target, request.channel);
    if (hook.channel_locked && channel.id !== hook.channel_id) {
      throw refused('channel_locked', 'This webhook may only post to the channel it was set up for.', 403);
    }
    if (channel.type !== 'O' && !(await this.permissions.canReadChannel(actorForUser(owner), channel))) {
      throw refused('permissions', 'The webhook\'s owner may not post in that channel.', 403);
    }
    // Attachments come only from the top-level field, where they are validated; never unchecked through props.
    const props = { ...request.props };
    delete props.attachments;
    const serverProps: Record<string, unknown> = { webhook_display_name: hook.display_name };
    if (request.icon_emoji && service.EnablePostIconOverride) serverProps.override_icon_emoji = request.icon_emoji;
    const pieces = splitMessage(request.text, this.deps.config.maxPostSize);
    // Attachments go with the last piece, so they are shown under the whole text.
    let previous = 0;
    for (const [index, text] of pieces.entries()) {
      const last = index === pieces.length - 1;
      previous = (await this.integrationPosts.post({
        authorId: owner.id, author: owner, channelId: channel.id, text, props,
        attachments: last && hasAttachments ? request.attachments : undefined,
        type: hasAttachments ? 'slack_attachment' : request.type,
        username: request.username || hook.username || DEFAULT_WEBHOOK_USERNAME, iconUrl: request.icon_url || hook.icon_url,
        serverProps, allowNonMember: true, createdAfter: previous,
      })).create_at;
    }
  }

  /** The hook's channel, or the one the payload names: `@username` is a DM between that user and the hook's owner. */
  private async targetChannel({ hook, owner, channel: own }: HookTarget, name: string): Promise<ChannelRecord> {
    if (name.startsWith('@')) {
      const user = await this.deps.store.users.getByUsername(name.slice(1).toLowerCase());
      if (!user || user.delete_at > 0) throw refused('user', `There is no user named ${name}.`, 400);
      return this.directChannels.getDirect(actorForUser(owner), [owner.id, user.id]);
    }
    const channel = name ? await this.deps.store.channels.getByName(hook.team_id, (name.startsWith('#') ? name.slice(1) : name).toLowerCase()) : own;
    if (!channel) throw refused('channel', `Channel ${name || hook.channel_id} was not found in the webhook's team.`, 404);
    return channel;
  }
}

function isEmpty(attachments: unknown): boolean {
  return attachments === undefined || (Array.isArray(attachments) && attachments.length === 0);
}
