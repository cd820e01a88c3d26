import type { ServerEvent } from '../../../model/events.js';
import type { ChannelRecord, UserRecord } from '../../../model/types.js';
import type { IncomingWebhookRecord } from '../../../store/integrations/webhooks.js';
import type { AppDeps } from '../../deps.js';
import { ExpiringMap } from '../../expiring_map.js';

/** Published (to servers only) when an incoming hook changes or is deleted, so every node rereads it. */
export const INCOMING_WEBHOOK_CHANGED = 'parley_incoming_webhook_changed';

/** Hooks posting within RELOAD_AFTER_MS. */
const MAX_HOOKS = 10_000;
/** Bounds the damage of a missed event (Redis pub/sub is at-most-once), as the posting contexts do. */
const RELOAD_AFTER_MS = 30_000;

/** What a delivery needs before it posts: the hook, its owner and its own channel. */
export interface HookTarget {
  hook: IncomingWebhookRecord;
  owner: UserRecord;
  channel: ChannelRecord | undefined;
}

/**
 * Incoming hooks with their owner and channel, per node: a service posting to its hook in a loop would otherwise
 * cost three reads before each post. The bus keeps entries current: a changed or deleted hook, an updated owner
 * (deactivated, new roles) and a changed channel (converted, archived) drop theirs. A load that overlaps an
 * invalidation is used once but not kept.
 */
export class IncomingHookCache {
  private readonly targets = new ExpiringMap<string, HookTarget>(MAX_HOOKS, RELOAD_AFTER_MS);
  private generation = 0;

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event) => this.observe(event));
  }

  async get(hookId: string): Promise<HookTarget | undefined> {
    const cached = this.targets.get(hookId);
    if (cached) return cached;
    const generation = this.generation;
    const hook = await this.deps.store.webhooks.getIncoming(hookId);
    if (!hook) return undefined;
    const [owner, channel] = await Promise.all([this.deps.store.users.get(hook.user_id), this.deps.store.channels.get(hook.channel_id)]);
    if (!owner) return undefined;
    const target = { hook, owner, channel };
    if (generation === this.generation) this.targets.set(hookId, target);
    return target;
  }

  private observe(event: ServerEvent): void {
    const data = event.data;
    const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    let drop: ((target: HookTarget) => boolean) | undefined;
    switch (event.event) {
      case INCOMING_WEBHOOK_CHANGED: {
        const hookId = text(data.hook_id);
        drop = (target) => target.hook.id === hookId;
        break;
      }
      case 'user_updated': {
        const userId = text((data.user as { id?: unknown } | undefined)?.id);
        drop = (target) => userId === undefined || target.owner.id === userId;
        break;
      }
      case 'channel_updated':
      case 'channel_converted':
      case 'channel_deleted':
      case 'channel_restored': {
        const channelId = text(data.channel_id) ?? event.broadcast.channel_id;
        drop = (target) => target.channel?.id === channelId;
        break;
      }
      default:
        return;
    }
    this.generation++;
    this.targets.deleteWhere(drop);
  }
}
