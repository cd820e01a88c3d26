import { AppError, notFound } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { ChannelRecord } from '../../model/types.js';
import type { Actor } from '../actor.js';
import type { ChannelMemberService } from '../channel_members.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';

/**
 * ServiceSettings.EnableAPITeamDeletion / EnableAPIChannelDeletion are off: upstream's error id, but 403 where
 * upstream answers 401, which would sign the admin out of the web app.
 */
export const deletionDisabled = (what: 'team' | 'channel'): AppError =>
  new AppError(`api.user.delete_${what}.not_enabled.app_error`, `Permanent ${what} deletion through the API is turned off (ServiceSettings.EnableAPI${what === 'team' ? 'Team' : 'Channel'}Deletion).`, 403);

/** System-admin channel operations: moving a channel to another team and deleting one for good. */
export class ChannelAdminService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly members: ChannelMemberService) {}

  private async teamChannel(id: string, action: string): Promise<ChannelRecord> {
    const channel = await this.deps.store.channels.get(id);
    if (!channel) throw notFound('channel');
    if (channel.type !== 'O' && channel.type !== 'P') {
      throw new AppError(`api.channel.${action}.type.invalid`, 'Direct and group messages belong to no team.', 400);
    }
    return channel;
  }

  /**
   * Moves a public or private channel to another team, as upstream: every member must belong to that team, unless
   * `force` removes those who do not first. The name must be free there.
   */
  async move(actor: Actor, channelId: string, teamId: string, force: boolean): Promise<ChannelRecord> {
    this.permissions.requireSystem(actor, 'manage_system');
    const { store } = this.deps;
    const channel = await this.teamChannel(channelId, 'move_channel');
    const team = await store.teams.get(teamId);
    if (!team || team.delete_at > 0) throw notFound('team');
    if (channel.team_id === teamId) return channel;
    if (await store.channels.getByName(teamId, channel.name)) {
      throw new AppError('store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.', 400);
    }
    const memberIds = await store.channels.listMemberIds(channelId);
    const inTeam = new Set((await store.teams.getMembersByIds(teamId, memberIds)).filter((m) => m.delete_at === 0).map((m) => m.user_id));
    const outsiders = memberIds.filter((id) => !inTeam.has(id));
    if (outsiders.length > 0 && !force) {
      throw new AppError('app.channel.move_channel.members_do_not_match.error', 'Every channel member must be a member of the team the channel moves to.', 400);
    }
    for (const userId of outsiders) await this.members.removeMember(actor, channelId, userId);
    const now = Date.now();
    await store.permanentDeletion.moveChannel(channelId, teamId, now);
    const moved: ChannelRecord = { ...channel, team_id: teamId, update_at: now };
    this.deps.bus.publish(makeEvent('channel_updated', { channel: JSON.stringify(moved), channel_id: channelId }, { channel_id: channelId }));
    return moved;
  }

  /** Deletes the channel and everything in it (DELETE /channels/{id}?permanent=true), when ServiceSettings.EnableAPIChannelDeletion allows it. */
  async deletePermanently(actor: Actor, channelId: string): Promise<void> {
    this.permissions.requireSystem(actor, 'manage_system');
    if (!this.deps.liveConfig.document.ServiceSettings.EnableAPIChannelDeletion) throw deletionDisabled('channel');
    const channel = await this.teamChannel(channelId, 'delete_channel');
    await this.deps.store.permanentDeletion.deleteChannel(channelId);
    const at = Date.now();
    this.deps.bus.publish(makeEvent('channel_deleted', { channel_id: channelId, delete_at: at }, channel.type === 'O' ? { team_id: channel.team_id } : { channel_id: channelId }));
  }
}
