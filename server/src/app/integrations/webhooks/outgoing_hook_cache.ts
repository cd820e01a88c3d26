import type { ServerEvent } from '../../../model/events.js';
import type { OutgoingWebhookRecord } from '../../../store/integrations/webhooks.js';
import type { AppDeps } from '../../deps.js';
import { ExpiringMap } from '../../expiring_map.js';

/** Published (to servers only) when a team's outgoing hooks change, so every node rereads them. */
export const OUTGOING_WEBHOOKS_CHANGED = 'parley_outgoing_webhooks_changed';

/** Teams posting within RELOAD_AFTER_MS; a few hooks each. */
const MAX_TEAMS = 10_000;
/** Bounds the damage of a missed event (Redis pub/sub is at-most-once). */
const RELOAD_AFTER_MS = 30_000;
const MAX_HOOKS_PER_TEAM = 10_000;

/**
 * Each team's live outgoing hooks, kept in memory: every post in a public channel asks for them, and almost
 * always the answer is "none", which must not cost a query per post. Changes reach every node by the bus.
 */
export class OutgoingHookCache {
  private readonly teams = new ExpiringMap<string, readonly OutgoingWebhookRecord[]>(MAX_TEAMS, RELOAD_AFTER_MS);
  private generation = 0;

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event) => this.observe(event));
  }

  async ofTeam(teamId: string): Promise<readonly OutgoingWebhookRecord[]> {
    const cached = this.teams.get(teamId);
    if (cached) return cached;
    const generation = this.generation;
    const hooks = await this.deps.store.webhooks.listOutgoing({ teamId }, { offset: 0, limit: MAX_HOOKS_PER_TEAM });
    // A load that overlapped a change is used once but not kept.
    if (generation === this.generation) this.teams.set(teamId, hooks);
    return hooks;
  }

  private observe(event: ServerEvent): void {
    if (event.event !== OUTGOING_WEBHOOKS_CHANGED) return;
    this.generation++;
    const teamId = event.data.team_id;
    if (typeof teamId === 'string') this.teams.delete(teamId);
  }
}
