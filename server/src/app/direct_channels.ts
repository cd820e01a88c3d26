import { AppError, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelRecord, PreferenceType, UserRecord } from '../model/types.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { directChannelName, groupChannelName, newChannelRecord, newMemberRecord, readableChannel } from './channel_rules.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';

const GROUP_MIN = 3;
const GROUP_MAX = 8;

/** Direct (1:1) and group (3-8 people) messages: get-or-create by their members, and lookups over them. */
export class DirectChannelService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** The DM between the two users, created on first use. Admins may open one between two others. */
  async getDirect(actor: Actor, userIds: readonly string[]): Promise<ChannelRecord> {
    this.permissions.requireSystem(actor, 'create_direct_channel');
    if (userIds.length !== 2 || (!userIds.includes(actor.userId) && !isSystemAdmin(actor))) {
      throw new AppError('api.channel.create_direct_channel.invalid_user.app_error', 'A direct channel needs exactly two user ids, one of them yours.', 400);
    }
    const [a, b] = userIds;
    const ids = [...new Set(userIds)];
    await this.requireUsers(ids);
    const showPreferences = (): PreferenceType[] => ids.map((id) => ({ user_id: id, category: 'direct_channel_show', name: id === a ? b : a, value: 'true' }));
    const { channel, created } = await this.getOrCreate(directChannelName(a, b), 'D', '', actor.userId, ids, showPreferences);
    if (created) this.deps.bus.publish(makeEvent('direct_added', { creator_id: actor.userId, teammate_id: a === actor.userId ? b : a }, { channel_id: channel.id }));
    return channel;
  }

  /** The group message of exactly these users (the caller is always one of them), created on first use. */
  async getGroup(actor: Actor, userIds: readonly string[]): Promise<ChannelRecord> {
    this.permissions.requireSystem(actor, 'create_group_channel');
    const ids = [...new Set([...userIds, actor.userId])];
    if (ids.length < GROUP_MIN || ids.length > GROUP_MAX) {
      throw new AppError('api.channel.create_group.bad_size.app_error', `Group messages must have between ${GROUP_MIN} and ${GROUP_MAX} members.`, 400);
    }
    const users = await this.requireUsers(ids);
    const displayName = users.map((u) => u.username).sort().join(', ').slice(0, 64);
    const showPreferences = (channelId: string): PreferenceType[] => ids.map((id) => ({ user_id: id, category: 'group_channel_show', name: channelId, value: 'true' }));
    const { channel, created } = await this.getOrCreate(groupChannelName(ids), 'G', displayName, actor.userId, ids, showPreferences);
    if (created) this.deps.bus.publish(makeEvent('group_added', { teammate_ids: JSON.stringify(ids) }, { channel_id: channel.id }));
    return channel;
  }

  private async requireUsers(ids: readonly string[]): Promise<UserRecord[]> {
    const users = await this.store.users.getMany(ids);
    if (users.length !== ids.length) throw notFound('user');
    return users;
  }

  private async getOrCreate(
    name: string, type: 'D' | 'G', displayName: string, creatorId: string, memberIds: readonly string[],
    showPreferences: (channelId: string) => PreferenceType[],
  ): Promise<{ channel: ChannelRecord; created: boolean }> {
    const existing = await this.store.channels.getByName('', name);
    if (existing) return { channel: existing, created: false };
    const channel = newChannelRecord({ team_id: '', type, display_name: displayName, name, creator_id: creatorId });
    try {
      await this.store.transaction(async (store) => {
        await store.channels.create(channel);
        for (const id of memberIds) await store.channels.saveMember(newMemberRecord(channel.id, id, false, 0));
        await store.preferences.save(showPreferences(channel.id));
      });
    } catch (err) {
      // A concurrent request created it first: that one is the channel.
      const raced = await this.store.channels.getByName('', name);
      if (raced) return { channel: raced, created: false };
      throw err;
    }
    return { channel, created: true };
  }

  /** The members of each listed channel; every channel must be readable by the caller. */
  async membersOf(actor: Actor, channelIds: readonly string[]): Promise<Map<string, UserRecord[]>> {
    const result = new Map<string, UserRecord[]>();
    for (const id of new Set(channelIds)) {
      await readableChannel(this.store, this.permissions, actor, id);
      result.set(id, await this.store.users.getMany(await this.store.channels.listMemberIds(id)));
    }
    return result;
  }

  /** The caller's group messages whose member names contain every word of the term. */
  async searchGroups(actor: Actor, term: string): Promise<ChannelRecord[]> {
    const words = term.toLowerCase().split(/[\s,@]+/).filter(Boolean);
    const channels = await this.store.channels.listForUser(actor.userId, { includeDeleted: false });
    return channels.filter((c) => c.type === 'G' && words.every((w) => c.display_name.toLowerCase().includes(w))).slice(0, 50);
  }
}
