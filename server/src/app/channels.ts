import { createHash } from 'node:crypto';
import { AppError, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { ChannelMembership, ChannelNotifyProps, ChannelStats, TeamUnread } from '../model/types.js';
import type { ChannelRecord } from '../store/channels.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';

const CHANNEL_NAME = /^[a-z0-9]([a-z0-9_-]{0,62}[a-z0-9])?$/;
export const DEFAULT_CHANNELS = [
  { name: 'town-square', display_name: 'Town Square' },
  { name: 'off-topic', display_name: 'Off-Topic' },
] as const;

export interface ChannelInput {
  team_id: string;
  name: string;
  display_name: string;
  type: 'O' | 'P';
  header?: string;
  purpose?: string;
}

export type ChannelPatch = Partial<Pick<ChannelRecord, 'display_name' | 'name' | 'header' | 'purpose'>>;

/** System messages (joined, left, header changed...) are posts; the post service writes them. */
export interface SystemPoster {
  postSystemMessage(channelId: string, userId: string, type: string, message: string, props?: Record<string, unknown>): Promise<void>;
}

const invalid = (field: string, message: string): AppError => new AppError(`model.channel.is_valid.${field}.app_error`, message, 400);

function validateFields(c: { display_name?: string; name?: string; header?: string; purpose?: string }): void {
  if (c.display_name !== undefined && (c.display_name.trim().length === 0 || c.display_name.length > 64)) throw invalid('display_name', 'Display name must be 1 to 64 characters.');
  if (c.name !== undefined && !CHANNEL_NAME.test(c.name)) throw invalid('name', 'Name must be 1 to 64 lowercase letters, numbers, dashes or underscores, starting and ending with a letter or number.');
  if (c.header !== undefined && c.header.length > 1024) throw invalid('header', 'Header must be at most 1024 characters.');
  if (c.purpose !== undefined && c.purpose.length > 250) throw invalid('purpose', 'Purpose must be at most 250 characters.');
}

export const DEFAULT_CHANNEL_NOTIFY_PROPS: Partial<ChannelNotifyProps> = {
  desktop: 'default', push: 'default', email: 'default', mark_unread: 'all', ignore_channel_mentions: 'default',
  channel_auto_follow_threads: 'off', desktop_threads: 'default', push_threads: 'default', desktop_sound: 'default',
};

export const directChannelName = (a: string, b: string): string => [a, b].sort().join('__');
export const groupChannelName = (ids: readonly string[]): string => createHash('sha1').update([...ids].sort().join('')).digest('hex');

export class ChannelService {
  private systemPoster?: SystemPoster;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  setSystemPoster(poster: SystemPoster): void {
    this.systemPoster = poster;
  }

  private get store(): Store {
    return this.deps.store;
  }

  private newChannel(fields: Pick<ChannelRecord, 'team_id' | 'type' | 'display_name' | 'name' | 'creator_id'> & Partial<ChannelRecord>): ChannelRecord {
    const now = Date.now();
    return {
      id: newId(), create_at: now, update_at: now, delete_at: 0, header: '', purpose: '', last_post_at: now, last_root_post_at: now,
      total_msg_count: 0, total_msg_count_root: 0, extra_update_at: 0, scheme_id: '', group_constrained: false,
      shared: false, props: {}, policy_id: null, ...fields,
    };
  }

  private newMember(channelId: string, userId: string, admin: boolean, viewedAt: number): ChannelMembership {
    return {
      channel_id: channelId, user_id: userId, roles: '', last_viewed_at: viewedAt, msg_count: 0, msg_count_root: 0,
      mention_count: 0, mention_count_root: 0, urgent_mention_count: 0, notify_props: { ...DEFAULT_CHANNEL_NOTIFY_PROPS },
      last_update_at: viewedAt, scheme_user: true, scheme_admin: admin,
    };
  }

  async create(actor: Actor, input: ChannelInput): Promise<ChannelRecord> {
    if (input.type !== 'O' && input.type !== 'P') throw invalid('type', 'Channel type must be O or P.');
    await this.permissions.requireTeam(actor, input.team_id, input.type === 'O' ? 'create_public_channel' : 'create_private_channel');
    const name = (input.name ?? '').toLowerCase();
    validateFields({ ...input, name });
    if (await this.store.channels.getByName(input.team_id, name)) {
      throw new AppError('store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.', 400);
    }
    const channel = this.newChannel({
      team_id: input.team_id, type: input.type, display_name: input.display_name.trim(), name, creator_id: actor.userId,
      header: input.header ?? '', purpose: input.purpose ?? '',
    });
    try {
      await this.store.transaction(async (store) => {
        await store.channels.create(channel);
        await store.channels.saveMember(this.newMember(channel.id, actor.userId, true, channel.create_at));
      });
    } catch {
      throw new AppError('store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.', 400);
    }
    this.deps.bus.publish(makeEvent('channel_created', { channel_id: channel.id, team_id: channel.team_id }, { user_id: actor.userId }));
    return channel;
  }

  /** Creates a team's default channels (used when the team is created). */
  async ensureDefaultChannels(teamId: string, creatorId: string): Promise<void> {
    for (const def of DEFAULT_CHANNELS) {
      if (await this.store.channels.getByName(teamId, def.name)) continue;
      await this.store.channels.create(this.newChannel({ team_id: teamId, type: 'O', display_name: def.display_name, name: def.name, creator_id: creatorId }));
    }
  }

  /** Joins a new team member to the default channels. */
  async onTeamJoined(teamId: string, userId: string): Promise<void> {
    await this.ensureDefaultChannels(teamId, userId);
    for (const def of DEFAULT_CHANNELS) {
      const channel = await this.store.channels.getByName(teamId, def.name);
      if (channel && channel.delete_at === 0) await this.join(channel, userId, userId);
    }
  }

  /** Leaving a team leaves its channels. */
  async onTeamLeft(teamId: string, userId: string): Promise<void> {
    const channels = await this.store.channels.listForUser(userId, { teamId, includeDeleted: true });
    for (const channel of channels.filter((c) => c.team_id === teamId)) {
      await this.store.channels.removeMember(channel.id, userId);
      await this.store.categories.removeChannel(userId, channel.id);
      this.deps.bus.publish(makeEvent('user_removed', { user_id: userId, remover_id: userId }, { channel_id: channel.id }));
    }
  }

  async getDirect(actor: Actor, userIds: readonly string[]): Promise<ChannelRecord> {
    this.permissions.requireSystem(actor, 'create_direct_channel');
    const ids = [...new Set(userIds)];
    if (userIds.length !== 2 || !userIds.includes(actor.userId) && !isSystemAdmin(actor)) {
      throw new AppError('api.channel.create_direct_channel.invalid_user.app_error', 'A direct channel needs exactly two user ids, one of them yours.', 400);
    }
    const users = await this.store.users.getMany(ids);
    if (users.length !== ids.length) throw notFound('user');
    const name = directChannelName(userIds[0], userIds[1]);
    const existing = await this.store.channels.getByName('', name);
    if (existing) return existing;
    const [a, b] = userIds;
    const channel = this.newChannel({ team_id: '', type: 'D', display_name: '', name, creator_id: actor.userId });
    try {
      await this.store.transaction(async (store) => {
        await store.channels.create(channel);
        for (const id of ids) await store.channels.saveMember(this.newMember(channel.id, id, false, 0));
        await store.preferences.save(ids.map((id) => ({ user_id: id, category: 'direct_channel_show', name: id === a ? b : a, value: 'true' })));
      });
    } catch {
      const raced = await this.store.channels.getByName('', name);
      if (raced) return raced;
      throw new AppError('api.channel.create_direct_channel.app_error', 'Could not create the direct channel.', 400);
    }
    this.deps.bus.publish(makeEvent('direct_added', { creator_id: actor.userId, teammate_id: a === actor.userId ? b : a }, { channel_id: channel.id }));
    return channel;
  }

  async getGroup(actor: Actor, userIds: readonly string[]): Promise<ChannelRecord> {
    this.permissions.requireSystem(actor, 'create_group_channel');
    const ids = [...new Set([...userIds, actor.userId])];
    if (ids.length < 3 || ids.length > 8) {
      throw new AppError('api.channel.create_group.bad_size.app_error', 'Group messages must have between 3 and 8 members.', 400);
    }
    const users = await this.store.users.getMany(ids);
    if (users.length !== ids.length) throw notFound('user');
    const name = groupChannelName(ids);
    const existing = await this.store.channels.getByName('', name);
    if (existing) return existing;
    const displayName = users.map((u) => u.username).sort().join(', ');
    const channel = this.newChannel({ team_id: '', type: 'G', display_name: displayName.slice(0, 64), name, creator_id: actor.userId });
    try {
      await this.store.transaction(async (store) => {
        await store.channels.create(channel);
        for (const id of ids) await store.channels.saveMember(this.newMember(channel.id, id, false, 0));
        await store.preferences.save(ids.map((id) => ({ user_id: id, category: 'group_channel_show', name: channel.id, value: 'true' })));
      });
    } catch {
      const raced = await this.store.channels.getByName('', name);
      if (raced) return raced;
      throw new AppError('api.channel.create_group.app_error', 'Could not create the group channel.', 400);
    }
    this.deps.bus.publish(makeEvent('group_added', { teammate_ids: JSON.stringify(ids) }, { channel_id: channel.id }));
    return channel;
  }

  /** The channel if the caller may read it; 404 when missing, 403 when hidden. */
  async get(actor: Actor, id: string): Promise<ChannelRecord> {
    const channel = await this.store.channels.get(id);
    if (!channel) throw notFound('channel');
    await this.permissions.requireReadChannel(actor, channel);
    return channel;
  }

  async getByName(actor: Actor, teamId: string, name: string, includeDeleted: boolean): Promise<ChannelRecord> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const channel = await this.store.channels.getByName(teamId, name.toLowerCase());
    if (!channel || (channel.delete_at > 0 && !includeDeleted)) throw notFound('channel');
    await this.permissions.requireReadChannel(actor, channel);
    return channel;
  }

  listForUser(actor: Actor, userId: string, o: { teamId?: string; includeDeleted: boolean }): Promise<ChannelRecord[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    return this.store.channels.listForUser(userId, o);
  }

  listMembersForUser(actor: Actor, userId: string, o: { teamId?: string }): Promise<ChannelMembership[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    return this.store.channels.listMembersForUser(userId, o);
  }

  async listPublic(actor: Actor, teamId: string, o: { offset: number; limit: number; includeDeleted: boolean; term?: string; notMemberOf?: boolean }): Promise<ChannelRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'list_team_channels');
    return this.store.channels.listPublic(teamId, { ...o, notMemberOf: o.notMemberOf ? actor.userId : undefined });
  }

  async patch(actor: Actor, id: string, patch: ChannelPatch): Promise<ChannelRecord> {
    const channel = await this.get(actor, id);
    if (channel.delete_at > 0) throw new AppError('api.channel.patch_update_channel.archived.app_error', 'Archived channels cannot be changed.', 400);
    if (channel.type === 'D' || channel.type === 'G') {
      if (!(await this.store.channels.getMember(id, actor.userId))) throw forbidden();
      if (patch.name !== undefined || patch.display_name !== undefined) throw invalid('name', 'Direct and group channels cannot be renamed.');
    } else {
      await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'manage_public_channel_properties' : 'manage_private_channel_properties');
    }
    const name = patch.name?.toLowerCase();
    validateFields({ ...patch, name });
    if (name !== undefined && name !== channel.name && (await this.store.channels.getByName(channel.team_id, name))) {
      throw new AppError('store.sql_channel.update.exists.app_error', 'A channel with that name already exists on the same team.', 400);
    }
    const next: ChannelRecord = {
      ...channel, update_at: Date.now(),
      display_name: patch.display_name?.trim() ?? channel.display_name, name: name ?? channel.name,
      header: patch.header ?? channel.header, purpose: patch.purpose ?? channel.purpose,
    };
    await this.store.channels.update(next);
    if (patch.header !== undefined && patch.header !== channel.header) {
      await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_header_change', '', { old_header: channel.header, new_header: next.header });
    }
    if (patch.purpose !== undefined && patch.purpose !== channel.purpose) {
      await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_purpose_change', '', { old_purpose: channel.purpose, new_purpose: next.purpose });
    }
    if (patch.display_name !== undefined && patch.display_name !== channel.display_name) {
      await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_displayname_change', '', { old_displayname: channel.display_name, new_displayname: next.display_name });
    }
    this.deps.bus.publish(makeEvent('channel_updated', { channel: JSON.stringify(next), channel_id: id }, { channel_id: id }));
    return next;
  }

  async archive(actor: Actor, id: string): Promise<void> {
    const channel = await this.get(actor, id);
    if (channel.type === 'D' || channel.type === 'G') throw new AppError('api.channel.delete_channel.type.invalid', 'Direct and group channels cannot be archived.', 400);
    if (channel.delete_at > 0) throw new AppError('api.channel.delete_channel.deleted.app_error', 'The channel is already archived.', 400);
    if (DEFAULT_CHANNELS[0].name === channel.name) throw new AppError('api.channel.delete_channel.cannot.app_error', 'The default channel cannot be archived.', 400);
    await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'delete_public_channel' : 'delete_private_channel');
    const now = Date.now();
    await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_channel_deleted', '');
    await this.store.channels.update({ ...channel, delete_at: now, update_at: now });
    this.deps.bus.publish(makeEvent('channel_deleted', { channel_id: id, delete_at: now }, channel.type === 'O' ? { team_id: channel.team_id } : { channel_id: id }));
  }

  async restore(actor: Actor, id: string): Promise<ChannelRecord> {
    const channel = await this.get(actor, id);
    if (channel.delete_at === 0) throw new AppError('api.channel.restore_channel.restored.app_error', 'The channel is not archived.', 400);
    await this.permissions.requireTeam(actor, channel.team_id, 'manage_team');
    const next = { ...channel, delete_at: 0, update_at: Date.now() };
    await this.store.channels.update(next);
    await this.systemPoster?.postSystemMessage(id, actor.userId, 'system_channel_restored', '');
    this.deps.bus.publish(makeEvent('channel_restored', { channel_id: id }, channel.type === 'O' ? { team_id: channel.team_id } : { channel_id: id }));
    return next;
  }

  /** Adds a member: yourself to a public channel, others with the manage-members permission. */
  async addMember(actor: Actor, channelId: string, userId: string): Promise<ChannelMembership> {
    const channel = await this.store.channels.get(channelId);
    if (!channel) throw notFound('channel');
    if (channel.delete_at > 0) throw new AppError('api.channel.add_user.to.channel.failed.deleted.app_error', 'Cannot add a user to an archived channel.', 400);
    if (channel.type === 'D' || channel.type === 'G') throw new AppError('api.channel.add_user_to_channel.type.app_error', 'Cannot add users to direct or group channels.', 400);
    if (userId === actor.userId && channel.type === 'O') {
      await this.permissions.requireTeam(actor, channel.team_id, 'join_public_channels');
    } else {
      const permission = channel.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members';
      if (!(await this.store.channels.getMember(channelId, actor.userId)) && !isSystemAdmin(actor)) throw forbidden();
      await this.permissions.requireChannel(actor, channel, permission);
    }
    const teamMember = await this.store.teams.getMember(channel.team_id, userId);
    if (!teamMember || teamMember.delete_at > 0) {
      throw new AppError('api.channel.add_members.user_denied', 'The user is not a member of the channel\'s team.', 403);
    }
    return this.join(channel, userId, actor.userId);
  }

  private async join(channel: ChannelRecord, userId: string, actorId: string): Promise<ChannelMembership> {
    const existing = await this.store.channels.getMember(channel.id, userId);
    if (existing) return existing;
    const member = this.newMember(channel.id, userId, false, Date.now());
    await this.store.channels.saveMember(member);
    if (actorId === userId) {
      await this.systemPoster?.postSystemMessage(channel.id, userId, 'system_join_channel', '', {});
    } else {
      const added = await this.store.users.get(userId);
      await this.systemPoster?.postSystemMessage(channel.id, actorId, 'system_add_to_channel', '', { addedUserId: userId, addedUsername: added?.username ?? '' });
    }
    // The joiner has read everything that was there when they arrived.
    await this.store.channels.markReadUpTo(channel.id, userId, Date.now());
    this.deps.bus.publish(makeEvent('user_added', { user_id: userId, team_id: channel.team_id }, { channel_id: channel.id }));
    return (await this.store.channels.getMember(channel.id, userId)) ?? member;
  }

  async removeMember(actor: Actor, channelId: string, userId: string): Promise<void> {
    const channel = await this.store.channels.get(channelId);
    if (!channel) throw notFound('channel');
    if (channel.type === 'D') throw new AppError('api.channel.remove.direct.app_error', 'You cannot leave a direct message channel.', 400);
    if (channel.type === 'G' && userId !== actor.userId) throw new AppError('api.channel.remove_user_from_channel.group.app_error', 'You cannot remove others from a group message.', 400);
    if (channel.name === DEFAULT_CHANNELS[0].name) throw new AppError('api.channel.remove.default.app_error', `You cannot leave ${DEFAULT_CHANNELS[0].display_name}.`, 400);
    if (userId !== actor.userId) {
      await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
    }
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    await this.store.channels.removeMember(channelId, userId);
    await this.store.categories.removeChannel(userId, channelId);
    if (userId === actor.userId) {
      await this.systemPoster?.postSystemMessage(channelId, userId, 'system_leave_channel', '', {});
    } else {
      const removed = await this.store.users.get(userId);
      await this.systemPoster?.postSystemMessage(channelId, actor.userId, 'system_remove_from_channel', '', { removedUserId: userId, removedUsername: removed?.username ?? '' });
    }
    this.deps.bus.publish(makeEvent('user_removed', { user_id: userId, remover_id: actor.userId }, { channel_id: channelId }));
    this.deps.bus.publish(makeEvent('user_removed', { channel_id: channelId, remover_id: actor.userId }, { user_id: userId }));
  }

  async getMember(actor: Actor, channelId: string, userId: string): Promise<ChannelMembership> {
    const channel = await this.get(actor, channelId);
    const member = await this.store.channels.getMember(channel.id, userId);
    if (!member) throw notFound('channel_member');
    return member;
  }

  async listMembers(actor: Actor, channelId: string, o: { offset: number; limit: number }): Promise<ChannelMembership[]> {
    await this.get(actor, channelId);
    return this.store.channels.listMembers(channelId, o);
  }

  async getMembersByIds(actor: Actor, channelId: string, userIds: readonly string[]): Promise<ChannelMembership[]> {
    await this.get(actor, channelId);
    return this.store.channels.getMembersByIds(channelId, userIds);
  }

  async updateNotifyProps(actor: Actor, channelId: string, userId: string, props: Record<string, string>): Promise<ChannelMembership> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'edit_other_users');
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    const allowed = new Set(Object.keys(DEFAULT_CHANNEL_NOTIFY_PROPS).concat(['desktop_notification_sound', 'channel_auto_follow_threads']));
    for (const [key, value] of Object.entries(props)) {
      if (!allowed.has(key) || typeof value !== 'string' || value.length > 64) throw invalid('notify_props', `Invalid notify prop ${key}.`);
    }
    const next = { ...member, notify_props: { ...member.notify_props, ...props } as ChannelMembership['notify_props'], last_update_at: Date.now() };
    await this.store.channels.saveMember(next);
    this.deps.bus.publish(makeEvent('channel_member_updated', { channelMember: JSON.stringify(next) }, { user_id: userId }));
    return next;
  }

  async updateMemberRoles(actor: Actor, channelId: string, userId: string, roles: string): Promise<void> {
    const channel = await this.get(actor, channelId);
    await this.permissions.requireChannel(actor, channel, 'manage_channel_roles');
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    const list = roles.split(' ').filter(Boolean);
    if (list.some((r) => r !== 'channel_user' && r !== 'channel_admin')) throw invalid('roles', 'Invalid channel roles.');
    const next = { ...member, roles: '', scheme_user: list.includes('channel_user'), scheme_admin: list.includes('channel_admin'), last_update_at: Date.now() };
    await this.store.channels.saveMember(next);
    this.deps.bus.publish(makeEvent('channel_member_updated', { channelMember: JSON.stringify(next) }, { user_id: userId }));
  }

  /** Marks channels read for the caller; returns each channel's new last_viewed_at. */
  async view(actor: Actor, channelIds: readonly string[]): Promise<Record<string, number>> {
    const now = Date.now();
    const times: Record<string, number> = {};
    for (const channelId of channelIds) {
      const member = await this.store.channels.getMember(channelId, actor.userId);
      if (!member) continue;
      await this.store.channels.markReadUpTo(channelId, actor.userId, now);
      times[channelId] = now;
    }
    if (Object.keys(times).length > 0) {
      this.deps.bus.publish(makeEvent('multiple_channels_viewed', { channel_times: times }, { user_id: actor.userId }));
    }
    return times;
  }

  async stats(actor: Actor, channelId: string): Promise<ChannelStats> {
    await this.get(actor, channelId);
    const [counts] = await this.store.channels.countMembers([channelId]);
    return {
      channel_id: channelId, member_count: counts?.memberCount ?? 0, guest_count: 0,
      pinnedpost_count: await this.store.posts.countPinned(channelId), files_count: 0,
    };
  }

  async memberCounts(actor: Actor, channelIds: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const channels = await this.store.channels.getMany(channelIds);
    const readable: string[] = [];
    for (const channel of channels) if (await this.permissions.canReadChannel(actor, channel)) readable.push(channel.id);
    for (const c of await this.store.channels.countMembers(readable)) out[c.channelId] = c.memberCount;
    return out;
  }

  /** Unread and mention totals per team, summed from the per-channel counters (muted channels count mentions only). */
  async teamUnreads(actor: Actor, userId: string): Promise<TeamUnread[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    const teams = await this.store.teams.listMembersForUser(userId);
    const members = await this.store.channels.listMembersForUser(userId, {});
    const channels = new Map((await this.store.channels.getMany(members.map((m) => m.channel_id))).map((c) => [c.id, c]));
    const totals = new Map<string, TeamUnread>(teams.map((t) => [t.team_id, {
      team_id: t.team_id, msg_count: 0, mention_count: 0, msg_count_root: 0, mention_count_root: 0,
      thread_count: 0, thread_mention_count: 0, thread_urgent_mention_count: 0,
    }]));
    for (const member of members) {
      const channel = channels.get(member.channel_id);
      const total = channel && totals.get(channel.team_id);
      if (!channel || !total || channel.delete_at > 0) continue;
      const muted = member.notify_props.mark_unread === 'mention';
      if (!muted) {
        total.msg_count += Math.max(0, channel.total_msg_count - member.msg_count);
        total.msg_count_root += Math.max(0, channel.total_msg_count_root - member.msg_count_root);
      }
      total.mention_count += member.mention_count;
      total.mention_count_root += member.mention_count_root;
    }
    return [...totals.values()];
  }
}
