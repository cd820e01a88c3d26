import { AppError, forbidden } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelRecord } from '../model/types.js';
import type { ChannelDirectoryFilter, ChannelWithTeam } from '../store/channels.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import type { ChannelMemberService } from './channel_members.js';
import {
  DEFAULT_CHANNELS, invalidChannel, isTownSquare, newChannelRecord, newMemberRecord, readableChannel, validateChannelFields,
  type SystemPoster,
} from './channel_rules.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';


export interface ChannelInput {
  team_id: string;
  name: string;
  display_name: string;
  type: 'O' | 'P';
  header?: string;
  purpose?: string;
}

export type ChannelPatch = Partial<Pick<ChannelRecord, 'display_name' | 'name' | 'header' | 'purpose'>>;

const nameTaken = (): AppError =>
  new AppError('store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.', 400);

/** Team channels: creation, lookup, listing, properties, archiving and privacy. Membership lives in ChannelMemberService. */
export class ChannelService {
  private systemPoster?: SystemPoster;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly members: ChannelMemberService) {}

  /** Wires the post service in for system messages (this service and the membership one). */
  setSystemPoster(poster: SystemPoster): void {
    this.systemPoster = poster;
    this.members.setSystemPoster(poster);
  }

  private get store(): Store {
    return this.deps.store;
  }

  async create(actor: Actor, input: ChannelInput): Promise<ChannelRecord> {
    if (input.type !== 'O' && input.type !== 'P') throw invalidChannel('type', 'Channel type must be O or P.');
    await this.permissions.requireTeam(actor, input.team_id, input.type === 'O' ? 'create_public_channel' : 'create_private_channel');
    const name = (input.name ?? '').toLowerCase();
    validateChannelFields({ ...input, name });
    if (await this.store.channels.getByName(input.team_id, name)) throw nameTaken();
    await this.requireRoomInTeam(input.team_id);
    const channel = newChannelRecord({
      team_id: input.team_id, type: input.type, display_name: input.display_name.trim(), name, creator_id: actor.userId,
      header: input.header ?? '', purpose: input.purpose ?? '',
    });
    try {
      await this.store.transaction(async (store) => {
        await store.channels.create(channel);
        await store.channels.saveMember(newMemberRecord(channel.id, actor.userId, true, channel.create_at));
      });
    } catch (err) {
      // Two creators raced for the name; anything else is a real failure.
      if (await this.store.channels.getByName(input.team_id, name)) throw nameTaken();
      throw err;
    }
    this.deps.bus.publish(makeEvent('channel_created', { channel_id: channel.id, team_id: channel.team_id }, { user_id: actor.userId }));
    return channel;
  }

  /** TeamSettings.MaxChannelsPerTeam, counted as upstream counts it: open and private channels not archived. */
  private async requireRoomInTeam(teamId: string): Promise<void> {
    const count = await this.store.channels.countAll({ includeDeleted: false, types: ['O', 'P'], teamIds: [teamId] });
    if (count >= this.deps.config.maxChannelsPerTeam) {
      throw new AppError('store.sql_channel.save_channel.limit.app_error', 'You\'ve reached the limit of the number of allowed channels.', 400);
    }
  }

  /** Creates a team's default channels if they are missing. */
  private async ensureDefaultChannels(teamId: string, creatorId: string): Promise<void> {
    for (const def of DEFAULT_CHANNELS) {
      if (await this.store.channels.getByName(teamId, def.name)) continue;
      await this.store.channels.create(newChannelRecord({ team_id: teamId, type: 'O', display_name: def.display_name, name: def.name, creator_id: creatorId }))
        .catch(async (err: unknown) => {
          if (!(await this.store.channels.getByName(teamId, def.name))) throw err;
        });
    }
  }

  /** Joins a new team member to the default channels. */
  async onTeamJoined(teamId: string, userId: string): Promise<void> {
    await this.ensureDefaultChannels(teamId, userId);
    for (const def of DEFAULT_CHANNELS) {
      const channel = await this.store.channels.getByName(teamId, def.name);
      if (channel && channel.delete_at === 0) await this.members.join(channel, userId, userId);
    }
  }

  onTeamLeft(teamId: string, userId: string): Promise<void> {
    return this.members.leaveTeamChannels(teamId, userId);
  }

  /** The channel if the caller may read it; 404 when missing, 403 when hidden. */
  get(actor: Actor, id: string): Promise<ChannelRecord> {
    return readableChannel(this.store, this.permissions, actor, id);
  }

  async getByName(actor: Actor, teamId: string, name: string, includeDeleted: boolean): Promise<ChannelRecord> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const channel = await this.store.channels.getByName(teamId, name.toLowerCase());
    if (!channel || (channel.delete_at > 0 && !includeDeleted)) throw new AppError('app.channel.get_by_name.missing.app_error', 'Channel does not exist.', 404);
    await this.permissions.requireReadChannel(actor, channel);
    return channel;
  }

  listForUser(actor: Actor, userId: string, o: { teamId?: string; includeDeleted: boolean }): Promise<ChannelRecord[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    return this.store.channels.listForUser(userId, o);
  }

  /** The caller's channels of the team whose name or display name starts with the term (for search's in: hints). */
  async autocompleteMine(actor: Actor, teamId: string, term: string): Promise<ChannelRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const prefix = term.toLowerCase();
    const mine = await this.store.channels.listForUser(actor.userId, { teamId, includeDeleted: false });
    return mine.filter((c) => c.team_id === teamId && (c.name.startsWith(prefix) || c.display_name.toLowerCase().startsWith(prefix))).slice(0, 50);
  }

  async listPublic(actor: Actor, teamId: string, o: { offset: number; limit: number; includeDeleted: boolean; term?: string; notMemberOf?: boolean }): Promise<ChannelRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'list_team_channels');
    return this.store.channels.listPublic(teamId, { ...o, notMemberOf: o.notMemberOf ? actor.userId : undefined });
  }

  /** Archived public channels of the team. */
  async listArchived(actor: Actor, teamId: string, o: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'list_team_channels');
    return this.store.channels.listPublic(teamId, { ...o, includeDeleted: true, onlyDeleted: true });
  }

  /** Every private channel of the team, members or not: a system console listing. */
  async listPrivate(actor: Actor, teamId: string, o: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    this.permissions.requireSystem(actor, 'manage_system');
    return this.store.channels.listPrivate(teamId, o);
  }

  /** Team channels across all teams, with their team's names (system console); the total when asked for. */
  async directory(actor: Actor, filter: ChannelDirectoryFilter, page: { offset: number; limit: number }, withTotal: boolean): Promise<{ channels: ChannelWithTeam[]; total?: number }> {
    this.permissions.requireSystem(actor, 'manage_system');
    const [channels, total] = await Promise.all([
      this.store.channels.listAll(filter, page), withTotal ? this.store.channels.countAll(filter) : Promise.resolve(undefined),
    ]);
    return { channels, total };
  }

  async patch(actor: Actor, id: string, patch: ChannelPatch): Promise<ChannelRecord> {
    const channel = await this.get(actor, id);
    if (channel.type === 'D' || channel.type === 'G') {
      if (!(await this.store.channels.getMember(id, actor.userId))) throw forbidden();
      if (patch.name !== undefined || patch.display_name !== undefined) throw invalidChannel('name', 'Direct and group channels cannot be renamed.');
    } else {
      await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'manage_public_channel_properties' : 'manage_private_channel_properties');
    }
    if (channel.delete_at > 0) throw new AppError('api.channel.patch_update_channel.archived.app_error', 'Archived channels cannot be changed.', 400);
    const name = patch.name?.toLowerCase();
    validateChannelFields({ ...patch, name });
    if (name !== undefined && name !== channel.name) {
      if (isTownSquare(channel)) throw new AppError('api.channel.update_channel.tried.app_error', `${DEFAULT_CHANNELS[0].display_name} cannot be renamed.`, 400);
      if (await this.store.channels.getByName(channel.team_id, name)) throw nameTaken();
    }
    const next: ChannelRecord = {
      ...channel, update_at: Date.now(),
      display_name: patch.display_name?.trim() ?? channel.display_name, name: name ?? channel.name,
      header: patch.header ?? channel.header, purpose: patch.purpose ?? channel.purpose,
    };
    try {
      await this.store.channels.update(next);
    } catch (err) {
      if (name !== undefined && (await this.store.channels.getByName(channel.team_id, name))) throw nameTaken();
      throw err;
    }
    await this.postPropertyChanges(actor, channel, next);
    this.deps.bus.publish(makeEvent('channel_updated', { channel: JSON.stringify(next), channel_id: id }, { channel_id: id }));
    return next;
  }

  private async postPropertyChanges(actor: Actor, before: ChannelRecord, after: ChannelRecord): Promise<void> {
    const poster = this.systemPoster;
    if (!poster) return;
    if (after.header !== before.header) {
      await poster.postSystemMessage(after.id, actor.userId, 'system_header_change', '', { old_header: before.header, new_header: after.header });
    }
    if (after.purpose !== before.purpose) {
      await poster.postSystemMessage(after.id, actor.userId, 'system_purpose_change', '', { old_purpose: before.purpose, new_purpose: after.purpose });
    }
    if (after.display_name !== before.display_name) {
      await poster.postSystemMessage(after.id, actor.userId, 'system_displayname_change', '', { old_displayname: before.display_name, new_displayname: after.display_name });
    }
  }

  async archive(actor: Actor, id: string): Promise<void> {
    const channel = await this.get(actor, id);
    if (channel.type === 'D' || channel.type === 'G') throw new AppError('api.channel.delete_channel.type.invalid', 'Direct and group channels cannot be archived.', 400);
    await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'delete_public_channel' : 'delete_private_channel');
    if (channel.delete_at > 0) throw new AppError('api.channel.delete_channel.deleted.app_error', 'The channel is already archived.', 400);
    if (isTownSquare(channel)) throw new AppError('api.channel.delete_channel.cannot.app_error', 'The default channel cannot be archived.', 400);
    const now = Date.now();
    await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_channel_deleted', '');
    await this.store.channels.update({ ...channel, delete_at: now, update_at: now });
    this.deps.bus.publish(makeEvent('channel_deleted', { channel_id: id, delete_at: now }, channel.type === 'O' ? { team_id: channel.team_id } : { channel_id: id }));
  }

  /** Unarchives; a team-admin action, as in Mattermost. */
  async restore(actor: Actor, id: string): Promise<ChannelRecord> {
    const channel = await this.get(actor, id);
    await this.permissions.requireTeam(actor, channel.team_id, 'manage_team');
    if (channel.delete_at === 0) throw new AppError('api.channel.restore_channel.restored.app_error', 'The channel is not archived.', 400);
    const next = { ...channel, delete_at: 0, update_at: Date.now() };
    await this.store.channels.update(next);
    await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_channel_restored', '');
    this.deps.bus.publish(makeEvent('channel_restored', { channel_id: id }, channel.type === 'O' ? { team_id: channel.team_id } : { channel_id: id }));
    return next;
  }

  /** Converts a public channel to private or back. */
  async setPrivacy(actor: Actor, id: string, privacy: 'O' | 'P'): Promise<ChannelRecord> {
    const channel = await this.get(actor, id);
    if (channel.type === 'D' || channel.type === 'G') throw invalidChannel('type', 'Direct and group channels have no privacy setting.');
    await this.permissions.requireChannel(actor, channel, privacy === 'P' ? 'convert_public_channel_to_private' : 'convert_private_channel_to_public');
    if (channel.delete_at > 0) throw new AppError('api.channel.patch_update_channel.archived.app_error', 'Archived channels cannot be changed.', 400);
    if (privacy === 'P' && isTownSquare(channel)) {
      throw new AppError('api.channel.update_channel_privacy.default_channel_error', `${DEFAULT_CHANNELS[0].display_name} cannot be made private.`, 400);
    }
    if (channel.type === privacy) return channel;
    const next: ChannelRecord = { ...channel, type: privacy, update_at: Date.now() };
    await this.store.channels.update(next);
    await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_change_chan_privacy', '', { old_type: channel.type, new_type: privacy });
    this.deps.bus.publish(makeEvent('channel_updated', { channel: JSON.stringify(next), channel_id: id }, { channel_id: id }));
    // Team members who are not in the channel must drop it from their public lists.
    if (privacy === 'P') this.deps.bus.publish(makeEvent('channel_converted', { channel_id: id }, { team_id: channel.team_id }));
    return next;
  }
}
