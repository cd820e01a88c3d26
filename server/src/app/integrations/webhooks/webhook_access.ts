import { forbidden } from '../../../model/errors.js';
import type { Actor } from '../../actor.js';
import type { Permissions } from '../../permissions.js';

export type WebhookKind = 'incoming' | 'outgoing';

/**
 * Who may manage webhooks, as Mattermost decides: `manage_own_<kind>_webhooks` for one's own hooks and
 * `manage_others_<kind>_webhooks` for everyone's, on the hook's team (or system-wide for lists without a team).
 * Parley's default team roles still carry the pre-5.x ids (`manage_incoming_webhooks`), which upstream's migration
 * turned into the own-hooks permission and the channel-lock bypass: both are honoured here.
 */
export class WebhookAccess {
  constructor(private readonly permissions: Permissions) {}

  /** May manage their own hooks of this kind in the team (system-wide when `teamId` is undefined). */
  async mayManageOwn(actor: Actor, kind: WebhookKind, teamId?: string): Promise<boolean> {
    return this.anyOf(actor, teamId, [`manage_own_${kind}_webhooks`, `manage_${kind}_webhooks`]);
  }

  async mayManageOthers(actor: Actor, kind: WebhookKind, teamId?: string): Promise<boolean> {
    return this.anyOf(actor, teamId, [`manage_others_${kind}_webhooks`]);
  }

  /** An incoming hook of someone without this permission is always locked to its channel. */
  async mayBypassChannelLock(actor: Actor, teamId: string): Promise<boolean> {
    return this.anyOf(actor, teamId, ['bypass_incoming_webhook_channel_lock', 'manage_incoming_webhooks']);
  }

  async requireOwn(actor: Actor, kind: WebhookKind, teamId: string): Promise<void> {
    if (!(await this.mayManageOwn(actor, kind, teamId))) throw forbidden();
  }

  /** The caller may manage this hook: their own with the own permission, anyone's with the others permission too. */
  async requireHook(actor: Actor, kind: WebhookKind, hook: { team_id: string; ownerId: string }): Promise<void> {
    await this.requireOwn(actor, kind, hook.team_id);
    if (hook.ownerId !== actor.userId && !(await this.mayManageOthers(actor, kind, hook.team_id))) throw forbidden();
  }

  private async anyOf(actor: Actor, teamId: string | undefined, permissions: readonly string[]): Promise<boolean> {
    for (const permission of permissions) {
      if (teamId === undefined ? this.permissions.hasSystem(actor, permission) : await this.permissions.hasTeam(actor, teamId, permission)) return true;
    }
    return false;
  }
}
