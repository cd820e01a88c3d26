import { notFound } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { deletionDisabled } from './channel_admin.js';

/** System-admin team operations beyond a team admin's reach. */
export class TeamAdminService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  /**
   * Deletes the team, its channels and everything in them (DELETE /teams/{id}?permanent=true), when
   * ServiceSettings.EnableAPITeamDeletion allows it. Every node hears of
   * each channel's end, so no cached channel takes another post.
   */
  async deletePermanently(actor: Actor, teamId: string): Promise<void> {
    this.permissions.requireSystem(actor, 'manage_system');
    if (!this.deps.liveConfig.document.ServiceSettings.EnableAPITeamDeletion) throw deletionDisabled('team');
    const team = await this.deps.store.teams.get(teamId);
    if (!team) throw notFound('team');
    const channelIds = await this.deps.store.permanentDeletion.deleteTeam(teamId);
    const at = Date.now();
    for (const channelId of channelIds) {
      this.deps.bus.publish(makeEvent('channel_deleted', { channel_id: channelId, delete_at: at }, { channel_id: channelId }));
    }
    this.deps.bus.publish(makeEvent('delete_team', { team: JSON.stringify({ ...team, invite_id: '', delete_at: at }) }, {}));
  }
}
