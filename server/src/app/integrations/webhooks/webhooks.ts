import type { AppDeps } from '../../deps.js';
import type { DirectChannelService } from '../../direct_channels.js';
import type { Permissions } from '../../permissions.js';
import type { IntegrationPosts } from '../integration_posts.js';
import { IncomingWebhookDelivery } from './incoming_delivery.js';
import { IncomingHookCache } from './incoming_hook_cache.js';
import { IncomingWebhookService } from './incoming_webhooks.js';
import { OutgoingHookCache } from './outgoing_hook_cache.js';
import { OutgoingWebhookTriggers } from './outgoing_triggers.js';
import { OutgoingWebhookService } from './outgoing_webhooks.js';
import { WebhookAccess } from './webhook_access.js';

/** Incoming and outgoing webhooks: their management, the public endpoint's delivery, and firing on new posts. */
export class Webhooks {
  readonly incoming: IncomingWebhookService;
  readonly delivery: IncomingWebhookDelivery;
  readonly outgoing: OutgoingWebhookService;
  /** Told of every new user post (PostService.observePosts). */
  readonly triggers: OutgoingWebhookTriggers;

  constructor(deps: AppDeps, permissions: Permissions, directChannels: DirectChannelService, integrationPosts: IntegrationPosts) {
    const access = new WebhookAccess(permissions);
    this.incoming = new IncomingWebhookService(deps, permissions, access);
    this.delivery = new IncomingWebhookDelivery(deps, permissions, directChannels, integrationPosts, new IncomingHookCache(deps));
    this.outgoing = new OutgoingWebhookService(deps, access);
    this.triggers = new OutgoingWebhookTriggers(deps, new OutgoingHookCache(deps), integrationPosts);
  }
}
