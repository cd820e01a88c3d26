import { AppError, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelMembership, ChannelRecord, ChannelStats, TeamUnread } from '../model/types.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import {
  DEFAULT_CHANNELS, invalidChannel, isTownSquare, MUTED, newMemberRecord, presentChannelMember, readableChannel, validateNotifyProps,
  type SystemPoster,
} from './channel_rules.js';
import type { AppDeps } from './deps.js';
import type { MembershipCache } from './membership_cache.js';
import { roleList, type Permissions } from './permissions.js';

const isDirectOrGroup = (channel: ChannelRecord): boolean => channel.type === 'D' || channel.type === 'G';

/** Channel membership: joining, leaving, member settings, read state and the unread counters built on it. */
export class ChannelMemberService {
  private systemPoster?: SystemPoster;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly membership: MembershipCache) {}

  setSystemPoster(poster: SystemPoster): void {
    this.systemPoster = poster;
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** Adds a member: yourself to a public channel, others with the manage-members permission. */
  async addMember(actor: Actor, channelId: string, userId: string): Promise<ChannelMembership> {
    const channel = await this.store.channels.get(channelId);
    if (!channel) throw notFound('channel');
    if (userId === actor.userId && channel.type === 'O') {
      await this.permissions.requireTeam(actor, channel.team_id, 'join_public_channels');
    } else {
      if (!(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
      if (!isDirectOrGroup(channel)) {
        await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
      }
    }
    if (isDirectOrGroup(channel)) throw new AppError('api.channel.add_user_to_channel.type.app_error', 'Cannot add users to direct or group channels.', 400);
    if (channel.delete_at > 0) throw new AppError('api.channel.add_user.to.channel.failed.deleted.app_error', 'Cannot add a user to an archived channel.', 400);
    const user = await this.store.users.get(userId);
    if (!user || user.delete_at > 0) throw notFound('user');
    const teamMember = await this.store.teams.getMember(channel.team_id, userId);
    if (!teamMember || teamMember.delete_at > 0) {
      throw new AppError('api.channel.add_members.user_denied', 'The user is not a member of the channel\'s team.', 403);
    }
    return this.join(channel, userId, actor.userId);
  }

  /** Makes the user a member (idempotent), posts the join message and announces it. */
  async join(channel: ChannelRecord, userId: string, actorId: string): Promise<ChannelMembership> {
    const existing = await this.store.channels.getMember(channel.id, userId);
    if (existing) return existing;
    const now = Date.now();
    await this.store.channels.saveMember(newMemberRecord(channel.id, userId, false, now));
    if (actorId === userId) {
      await this.systemPoster?.postSystemMessage(channel.id, userId, 'system_join_channel', '', {});
    } else {
      const added = await this.store.users.get(userId);
      await this.systemPoster?.postSystemMessage(channel.id, actorId, 'system_add_to_channel', '', { addedUserId: userId, addedUsername: added?.username ?? '' });
    }
    // The joiner has read everything that was there when they arrived, their own join message included.
    await this.store.channels.markReadUpTo([channel.id], userId, Date.now());
    this.deps.bus.publish(makeEvent('user_added', { user_id: userId, team_id: channel.team_id }, { channel_id: channel.id }));
    const member = await this.store.channels.getMember(channel.id, userId);
    if (!member) throw notFound('channel_member');
    return member;
  }

  async removeMember(actor: Actor, channelId: string, userId: string): Promise<void> {
    const channel = await readableChannel(this.store, this.permissions, actor, channelId);
    if (channel.type === 'D') throw new AppError('api.channel.remove.direct.app_error', 'You cannot leave a direct message channel.', 400);
    if (channel.type === 'G' && userId !== actor.userId) throw new AppError('api.channel.remove_user_from_channel.group.app_error', 'You cannot remove others from a group message.', 400);
    if (isTownSquare(channel)) throw new AppError('api.channel.remove.default.app_error', `You cannot leave ${DEFAULT_CHANNELS[0].display_name}.`, 400);
    if (userId !== actor.userId) {
      await this.permissions.requireChannel(actor, channel, channel.type === 'O' ? 'manage_public_channel_members' : 'manage_private_channel_members');
    }
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    await this.store.transaction((store) => this.forgetMembership(store, channelId, userId));
    if (userId === actor.userId) {
      await this.systemPoster?.postSystemMessage(channelId, userId, 'system_leave_channel', '', {});
    } else {
      const removed = await this.store.users.get(userId);
      await this.systemPoster?.postSystemMessage(channelId, actor.userId, 'system_remove_from_channel', '', { removedUserId: userId, removedUsername: removed?.username ?? '' });
    }
    this.publishRemoved(channelId, userId, actor.userId);
  }

  /** Leaving a team leaves its channels. */
  async leaveTeamChannels(teamId: string, userId: string): Promise<void> {
    const channels = (await this.store.channels.listForUser(userId, { teamId, includeDeleted: true })).filter((c) => c.team_id === teamId);
    for (const channel of channels) {
      await this.store.transaction((store) => this.forgetMembership(store, channel.id, userId));
      this.publishRemoved(channel.id, userId, userId);
    }
  }

  /** A leaver keeps nothing of the channel: not its sidebar place, nor the threads they followed there (as upstream). */
  private async forgetMembership(store: Store, channelId: string, userId: string): Promise<void> {
    await store.channels.removeMember(channelId, userId);
    await store.categories.removeChannel(userId, channelId);
    await store.threads.removeMembershipsInChannel(userId, channelId);
  }

  private publishRemoved(channelId: string, userId: string, removerId: string): void {
    this.deps.bus.publish(makeEvent('user_removed', { user_id: userId, remover_id: removerId }, { channel_id: channelId }));
    this.deps.bus.publish(makeEvent('user_removed', { channel_id: channelId, remover_id: removerId }, { user_id: userId }));
  }

  async getMember(actor: Actor, channelId: string, userId: string): Promise<ChannelMembership> {
    await readableChannel(this.store, this.permissions, actor, channelId);
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    return member;
  }

  async listMembers(actor: Actor, channelId: string, o: { offset: number; limit: number }): Promise<ChannelMembership[]> {
    await readableChannel(this.store, this.permissions, actor, channelId);
    return this.store.channels.listMembers(channelId, o);
  }

  async getMembersByIds(actor: Actor, channelId: string, userIds: readonly string[]): Promise<ChannelMembership[]> {
    await readableChannel(this.store, this.permissions, actor, channelId);
    return this.store.channels.getMembersByIds(channelId, userIds);
  }

  listMembersForUser(actor: Actor, userId: string, o: { teamId?: string }): Promise<ChannelMembership[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    return this.store.channels.listMembersForUser(userId, o);
  }

  async updateNotifyProps(actor: Actor, channelId: string, userId: string, props: Record<string, string>): Promise<ChannelMembership> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'edit_other_users');
    const valid = validateNotifyProps(props);
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    return this.saveNotifyProps(member, valid);
  }

  /** Mutes (mark_unread = mention) or unmutes the user's memberships, e.g. when their sidebar category is muted. */
  async setMuted(userId: string, channelIds: readonly string[], muted: boolean): Promise<void> {
    const markUnread = muted ? MUTED : 'all';
    for (const channelId of new Set(channelIds)) {
      const member = await this.store.channels.getMember(channelId, userId);
      if (member && member.notify_props.mark_unread !== markUnread) await this.saveNotifyProps(member, { mark_unread: markUnread });
    }
  }

  private async saveNotifyProps(member: ChannelMembership, props: ChannelMembership['notify_props']): Promise<ChannelMembership> {
    const next: ChannelMembership = { ...member, notify_props: { ...member.notify_props, ...props }, last_update_at: Date.now() };
    await this.store.channels.saveMember(next);
    this.deps.bus.publish(makeEvent('channel_member_updated', { channelMember: JSON.stringify(presentChannelMember(next)) }, { user_id: member.user_id }));
    return next;
  }

  /** Sets a member's scheme roles from a role string (channel_user [channel_admin]). */
  async updateMemberRoles(actor: Actor, channelId: string, userId: string, roles: string): Promise<void> {
    const list = roleList(roles);
    if (list.some((r) => r !== 'channel_user' && r !== 'channel_admin')) throw invalidChannel('roles', 'Invalid channel roles.');
    await this.updateSchemeRoles(actor, channelId, userId, { scheme_user: list.includes('channel_user'), scheme_admin: list.includes('channel_admin') });
  }

  async updateSchemeRoles(actor: Actor, channelId: string, userId: string, roles: { scheme_user: boolean; scheme_admin: boolean }): Promise<void> {
    const channel = await readableChannel(this.store, this.permissions, actor, channelId);
    if (isDirectOrGroup(channel)) throw invalidChannel('roles', 'Direct and group channels have no member roles.');
    await this.permissions.requireChannel(actor, channel, 'manage_channel_roles');
    const member = await this.store.channels.getMember(channelId, userId);
    if (!member) throw notFound('channel_member');
    const next = { ...member, roles: '', ...roles, last_update_at: Date.now() };
    await this.store.channels.saveMember(next);
    this.deps.bus.publish(makeEvent('channel_member_updated', { channelMember: JSON.stringify(presentChannelMember(next)) }, { user_id: userId }));
  }

  /** Marks channels read for the caller; returns each channel's new last_viewed_at. Non-member channels are skipped. */
  async view(actor: Actor, channelIds: readonly string[]): Promise<Record<string, number>> {
    const now = Date.now();
    const times: Record<string, number> = {};
    const distinct = [...new Set(channelIds)];
    const states = await this.store.channels.viewStates(distinct, actor.userId);
    // Switching back to a channel with nothing new is most views; the stored state already says what a write would.
    const wereUnread = distinct.filter((channelId) => states.get(channelId) === 'unread');
    await this.store.channels.markReadUpTo(wereUnread, actor.userId, now);
    for (const channelId of distinct) if (states.has(channelId)) times[channelId] = now;
    if (Object.keys(times).length > 0) {
      this.deps.bus.publish(makeEvent('multiple_channels_viewed', { channel_times: times }, { user_id: actor.userId }));
      this.viewHook?.(actor.userId, Object.keys(times), wereUnread);
    }
    return times;
  }

  /** Told of every view: who is reading which channel, and which of them were unread (notifications). */
  private viewHook?: (userId: string, channelIds: readonly string[], wereUnread: readonly string[]) => void;

  setViewHook(hook: (userId: string, channelIds: readonly string[], wereUnread: readonly string[]) => void): void {
    this.viewHook = hook;
  }

  async stats(actor: Actor, channelId: string): Promise<ChannelStats> {
    // The pinned count is read beside the access check (one round trip instead of two) and only returned if it passes;
    // the member count comes after it, so the membership cache never loads a channel for a caller who may not read it.
    const [, pinnedCount] = await Promise.all([readableChannel(this.store, this.permissions, actor, channelId), this.store.posts.countPinned(channelId)]);
    const memberCount = await this.membership.activeChannelMemberCount(channelId);
    return { channel_id: channelId, member_count: memberCount, guest_count: 0, pinnedpost_count: pinnedCount, files_count: 0 };
  }

  /** Member counts of the listed channels the caller may read; others are left out. */
  async memberCounts(actor: Actor, channelIds: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const channels = await this.store.channels.getMany(channelIds);
    const readable: string[] = [];
    for (const channel of channels) if (await this.permissions.canReadChannel(actor, channel)) readable.push(channel.id);
    for (const channelId of readable) out[channelId] = await this.membership.activeChannelMemberCount(channelId);
    return out;
  }

  /** Unread and mention totals per team, summed from the per-channel counters (muted channels count mentions only). */
  async teamUnreads(actor: Actor, userId: string): Promise<TeamUnread[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'manage_system');
    const totals = new Map<string, TeamUnread>();
    for (const { team_id, channel } of await this.store.channels.teamChannelCounters(userId)) {
      let total = totals.get(team_id);
      if (!total) {
        total = {
          team_id, msg_count: 0, mention_count: 0, msg_count_root: 0, mention_count_root: 0,
          thread_count: 0, thread_mention_count: 0, thread_urgent_mention_count: 0,
        };
        totals.set(team_id, total);
      }
      if (!channel) continue;
      if (channel.notify_props.mark_unread !== MUTED) {
        total.msg_count += Math.max(0, channel.total_msg_count - channel.msg_count);
        total.msg_count_root += Math.max(0, channel.total_msg_count_root - channel.msg_count_root);
      }
      total.mention_count += channel.mention_count;
      total.mention_count_root += channel.mention_count_root;
    }
    return [...totals.values()];
  }
}
