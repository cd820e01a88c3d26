import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ChannelMembership, ChannelNotifyProps, ServerChannel } from '@mattermost/types/channels';
import { client } from '../../api/client';
import { getState, setState } from '../store';
import { dmTeammateId } from '../selectors';
import { applyViewed } from '../unread';
import { clearManuallyUnread, isManuallyUnread } from '../manualUnread';
import { ensureUsers } from './users';
import { savePrefs } from './prefs';

export function receivedChannels(channels: ServerChannel[]): void {
  if (channels.length === 0) return;
  setState((s) => {
    const next = { ...s.channels };
    for (const c of channels) next[c.id] = { ...next[c.id], ...c };
    return { channels: next };
  });
  const me = getState().me?.id ?? '';
  const dmUsers = channels.filter((c) => c.type === 'D').map((c) => dmTeammateId(c, me));
  void ensureUsers(dmUsers);
}

export function receivedMembers(members: ChannelMembership[]): void {
  const me = getState().me?.id;
  const mine = members.filter((m) => m.user_id === me);
  if (mine.length === 0) return;
  setState((s) => {
    const next = { ...s.members };
    for (const m of mine) next[m.channel_id] = m;
    return { members: next };
  });
}

export function removedMembership(channelId: string): void {
  setState((s) => {
    const members = { ...s.members };
    delete members[channelId];
    return { members };
  });
}

/** Channels, my memberships and the sidebar categories of one team. */
export async function loadTeamChannels(teamId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const [channels, members] = await Promise.all([client.getMyChannels(teamId, true), client.getMyChannelMembers(teamId)]);
  receivedChannels(channels);
  receivedMembers(members);
  await loadCategories(teamId);
}

export async function loadCategories(teamId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  try {
    const result = await client.getChannelCategories(me.id, teamId);
    receivedCategories(teamId, result.categories, result.order);
  } catch {
    // Servers without sidebar categories: the sidebar falls back to Favorites / Channels / Direct Messages.
    setState((s) => ({ categories: { ...s.categories, [teamId]: [] } }));
  }
}

export function receivedCategories(teamId: string, categories: ChannelCategory[], order?: string[]): void {
  setState((s) => {
    const byId = new Map((s.categories[teamId] ?? []).map((c) => [c.id, c]));
    for (const c of categories) byId.set(c.id, c);
    const ids = order ?? [...byId.keys()];
    const sorted = ids.map((id) => byId.get(id)).filter((c): c is ChannelCategory => Boolean(c));
    return { categories: { ...s.categories, [teamId]: sorted } };
  });
}

let viewTimer: ReturnType<typeof setTimeout> | null = null;

export function viewOnServer(channelId: string): void {
  void client.viewMyChannel(channelId).catch(() => undefined);
}

/** Marks a channel read here at once and on the server (debounced while posts stream in). */
export function markChannelViewed(channelId: string, immediate = false): void {
  // A channel marked unread by hand stays unread while it is open; Esc (immediate) still reads it.
  if (immediate) clearManuallyUnread(channelId);
  else if (isManuallyUnread(channelId)) return;
  setState((s) => {
    const member = s.members[channelId];
    if (!member) return {};
    return { members: { ...s.members, [channelId]: applyViewed(s.channels[channelId], member, Date.now()) } };
  });
  if (viewTimer) clearTimeout(viewTimer);
  const send = (): void => {
    viewTimer = null;
    viewOnServer(channelId);
  };
  if (immediate) send();
  else viewTimer = setTimeout(send, 500);
}

export async function loadChannelStats(channelId: string): Promise<void> {
  const stats = await client.getChannelStats(channelId);
  setState((s) => ({ memberCounts: { ...s.memberCounts, [channelId]: stats.member_count } }));
}

export async function fetchChannel(channelId: string): Promise<ServerChannel> {
  const channel = (await client.getChannel(channelId)) as ServerChannel;
  receivedChannels([channel]);
  return channel;
}

export async function joinChannel(channelId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const member = await client.addToChannel(me.id, channelId);
  receivedMembers([member]);
  await fetchChannel(channelId);
}

export async function leaveChannel(channelId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const channel = getState().channels[channelId];
  if (channel && (channel.type === 'D' || channel.type === 'G')) {
    const category = channel.type === 'D' ? 'direct_channel_show' : 'group_channel_show';
    const name = channel.type === 'D' ? dmTeammateId(channel, me.id) : channel.id;
    await savePrefs([{ category, name, value: 'false' }]);
    return;
  }
  await client.removeFromChannel(me.id, channelId);
  removedMembership(channelId);
}

export async function createChannel(teamId: string, displayName: string, name: string, type: 'O' | 'P', purpose: string): Promise<ServerChannel> {
  const channel = (await client.createChannel({ team_id: teamId, display_name: displayName, name, type, purpose } as ServerChannel)) as ServerChannel;
  receivedChannels([channel]);
  const me = getState().me;
  if (me) receivedMembers([await client.getMyChannelMember(channel.id)]);
  return channel;
}

export async function openDirect(userIds: string[]): Promise<ServerChannel> {
  const me = getState().me;
  if (!me) throw new Error('not logged in');
  const others = userIds.filter((id) => id !== me.id);
  const channel = others.length <= 1
    ? ((await client.createDirectChannel([me.id, others[0] ?? me.id])) as ServerChannel)
    : ((await client.createGroupChannel([me.id, ...others])) as ServerChannel);
  receivedChannels([channel]);
  receivedMembers([await client.getMyChannelMember(channel.id)]);
  const category = channel.type === 'D' ? 'direct_channel_show' : 'group_channel_show';
  const name = channel.type === 'D' ? (others[0] ?? me.id) : channel.id;
  if (getState().prefs[`${category}:${name}`] !== 'true') void savePrefs([{ category, name, value: 'true' }]).catch(() => undefined);
  return channel;
}

export async function patchChannel(channelId: string, patch: Partial<ServerChannel>): Promise<void> {
  const channel = await client.patchChannel(channelId, patch);
  receivedChannels([channel]);
}

export async function archiveChannel(channelId: string): Promise<void> {
  await client.deleteChannel(channelId);
  setState((s) => {
    const c = s.channels[channelId];
    return c ? { channels: { ...s.channels, [channelId]: { ...c, delete_at: Date.now() } } } : {};
  });
}

export async function setMuted(channelId: string, muted: boolean): Promise<void> {
  await updateChannelNotifyProps(channelId, { mark_unread: muted ? 'mention' : 'all' });
}

/**
 * Saves some of my notify props for a channel (PUT /channels/{id}/members/{me}/notify_props), shown at once
 * (the sidebar's muted state follows) and rolled back if the server refuses.
 */
export async function updateChannelNotifyProps(channelId: string, props: Partial<ChannelNotifyProps>): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const before = getState().members[channelId];
  if (!before) return;
  const notify_props = { ...before.notify_props, ...props };
  setState((s) => ({ members: { ...s.members, [channelId]: { ...before, notify_props } } }));
  try {
    await client.updateChannelNotifyProps({ ...props, channel_id: channelId, user_id: me.id });
  } catch (err) {
    setState((s) => ({ members: { ...s.members, [channelId]: before } }));
    throw err;
  }
}

export async function setFavorite(channelId: string, favorite: boolean): Promise<void> {
  await savePrefs([{ category: 'favorite_channel', name: channelId, value: favorite ? 'true' : 'false' }]);
  const channel = getState().channels[channelId];
  const teamId = getState().currentTeamId;
  const me = getState().me;
  const categories = getState().categories[teamId] ?? [];
  const favorites = categories.find((c) => c.type === 'favorites');
  if (!channel || !me || !favorites) return;
  // Move the channel between the Favorites category and its default one, as the server's sidebar does.
  const target = favorite ? favorites : categories.find((c) => c.type === (channel.type === 'D' || channel.type === 'G' ? 'direct_messages' : 'channels'));
  if (!target) return;
  const updated = categories
    .filter((c) => c.id === target.id || c.channel_ids.includes(channelId))
    .map((c) => ({
      ...c,
      channel_ids: c.id === target.id ? [channelId, ...c.channel_ids.filter((id) => id !== channelId)] : c.channel_ids.filter((id) => id !== channelId),
    }));
  receivedCategories(teamId, updated);
  try {
    receivedCategories(teamId, await client.updateChannelCategories(me.id, teamId, updated));
  } catch {
    await loadCategories(teamId);
  }
}

export async function addMembers(channelId: string, userIds: string[]): Promise<void> {
  for (const id of userIds) await client.addToChannel(id, channelId);
  await loadChannelStats(channelId);
}

export async function removeMember(channelId: string, userId: string): Promise<void> {
  await client.removeFromChannel(userId, channelId);
  await loadChannelStats(channelId);
}

export async function createCategory(teamId: string, displayName: string, channelIds: string[] = []): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const created = await client.createChannelCategory(me.id, teamId, { display_name: displayName, type: 'custom', channel_ids: channelIds } as Partial<ChannelCategory>);
  // The server moves the channels out of their old categories; reload to see both sides.
  receivedCategories(teamId, [created], [...(getState().categories[teamId] ?? []).map((c) => c.id), created.id]);
  await loadCategories(teamId);
}

/** Moves a channel into another sidebar category (removing it from the one it was in). */
export async function moveToCategory(teamId: string, channelId: string, categoryId: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const categories = getState().categories[teamId] ?? [];
  const updated = categories
    .filter((c) => c.id === categoryId || c.channel_ids.includes(channelId))
    .map((c) => ({
      ...c,
      channel_ids: c.id === categoryId ? [channelId, ...c.channel_ids.filter((id) => id !== channelId)] : c.channel_ids.filter((id) => id !== channelId),
    }));
  receivedCategories(teamId, updated);
  try {
    receivedCategories(teamId, await client.updateChannelCategories(me.id, teamId, updated));
  } catch (err) {
    await loadCategories(teamId);
    throw err;
  }
}
