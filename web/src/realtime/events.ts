import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { PreferenceType } from '@mattermost/types/preferences';
import type { Post } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';
import type { UserProfile } from '@mattermost/types/users';
import { getState, setState } from '../store/store';
import { addedReaction, receivedEditedPost, removedPost, removedReaction } from '../store/posts';
import { applyMarkedUnread, applyPosted, applyViewed, type PostUnreadData } from '../store/unread';
import {
  fetchChannel, loadCategories, loadTeamChannels, markChannelViewed, receivedCategories, receivedChannels, receivedMembers,
  removedMembership,
} from '../store/actions/channels';
import { receivedPost } from '../store/actions/posts';
import { applyLiveChange } from '../store/actions/liveChanges';
import { deletedPrefs, receivedPrefs } from '../store/actions/prefs';
import { ensureUsers, receivedUsers } from '../store/actions/users';
import { loadMe } from '../store/actions/session';
import { onThreadEvent } from '../store/actions/threads';
import { client } from '../api/client';
import { notifyIfNeeded } from './notify';
import { userTyped, userStoppedTyping } from './typing';
import { onEmojiAdded } from '../features/emoji/customEmojiActions';
import { openDialogFromEvent } from '../features/posts/dialogs/dialog_state';
import { leaveIfUnviewable } from '../features/channel/archived';

export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
  broadcast: { user_id?: string; channel_id?: string; team_id?: string; omit_users?: Record<string, boolean> | null };
  seq?: number;
}

/** Many payload fields are JSON encoded strings; some servers send objects. */
function decode<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isViewing(channelId: string): boolean {
  const s = getState();
  return s.currentChannelId === channelId && document.visibilityState === 'visible' && !s.path.includes('/threads');
}

function onPosted(data: Record<string, unknown>): void {
  const post = decode<Post>(data.post);
  const s = getState();
  const me = s.me;
  if (!me) return;
  const duplicate = Boolean(s.posts.posts[post.id]) && !s.posts.posts[post.pending_post_id];
  receivedPost(post);
  userStoppedTyping(post.channel_id, post.root_id, post.user_id);
  if (duplicate) return;
  const channel = s.channels[post.channel_id];
  if (!channel) {
    void fetchChannel(post.channel_id).then(() => loadTeamChannels(s.currentTeamId)).catch(() => undefined);
    return;
  }
  const mentions = data.mentions ? decode<string[]>(data.mentions) : [];
  const viewing = isViewing(post.channel_id);
  const next = applyPosted(channel, s.members[post.channel_id], post, { myUserId: me.id, viewing, mentions });
  setState((st) => ({
    channels: { ...st.channels, [channel.id]: next.channel },
    members: next.member ? { ...st.members, [channel.id]: next.member } : st.members,
  }));
  if (viewing && post.user_id !== me.id) markChannelViewed(post.channel_id);
  if (post.user_id !== me.id) {
    notifyIfNeeded(post, channel, { mentions, followers: data.followers ? decode<string[]>(data.followers) : [], senderName: str(data.sender_name) });
  }
  if (channel.type === 'D' || channel.type === 'G') revealDirect(channel);
}

/** A message in a hidden DM/GM shows it in the sidebar again. */
function revealDirect(channel: ServerChannel): void {
  const s = getState();
  const me = s.me?.id ?? '';
  const category = channel.type === 'D' ? 'direct_channel_show' : 'group_channel_show';
  const name = channel.type === 'D' ? (channel.name.split('__').find((id) => id !== me) ?? me) : channel.id;
  if (s.prefs[`${category}:${name}`] === 'false') receivedPrefs([{ user_id: me, category, name, value: 'true' }]);
}

function onViewed(times: Record<string, number>): void {
  setState((s) => {
    const members = { ...s.members };
    for (const [channelId, at] of Object.entries(times)) {
      const member = members[channelId];
      if (member) members[channelId] = applyViewed(s.channels[channelId], member, at);
    }
    return { members };
  });
}

function patchMember(channelId: string, update: (m: ChannelMembership) => ChannelMembership): void {
  setState((s) => {
    const member = s.members[channelId];
    return member ? { members: { ...s.members, [channelId]: update(member) } } : {};
  });
}

export function handleEvent(msg: ServerEvent): void {
  const data = msg.data ?? {};
  const me = getState().me?.id;
  switch (msg.event) {
    case 'posted':
      onPosted(data);
      break;
    case 'ephemeral_message':
      // Only this user sees it (the server's notes beside a post); it is gone on reload, as in Mattermost.
      receivedPost(decode<Post>(data.post));
      break;
    case 'post_edited': {
      const post = decode<Post>(data.post);
      applyLiveChange(post.channel_id, (posts) => receivedEditedPost(posts, post));
      break;
    }
    case 'post_deleted': {
      const post = decode<Post>(data.post);
      applyLiveChange(post.channel_id, (posts) => removedPost(posts, post.id));
      break;
    }
    case 'reaction_added': {
      const reaction = decode<Reaction>(data.reaction);
      applyLiveChange(str(msg.broadcast.channel_id), (posts) => addedReaction(posts, reaction));
      break;
    }
    case 'reaction_removed': {
      const reaction = decode<Reaction>(data.reaction);
      applyLiveChange(str(msg.broadcast.channel_id), (posts) => removedReaction(posts, reaction));
      break;
    }
    case 'typing':
      if (str(data.user_id) !== me) userTyped(str(msg.broadcast.channel_id), str(data.parent_id), str(data.user_id));
      break;
    case 'multiple_channels_viewed':
      onViewed(decode<Record<string, number>>(data.channel_times));
      break;
    case 'channel_viewed':
      onViewed({ [str(data.channel_id)]: Date.now() });
      break;
    case 'post_unread':
      patchMember(str(msg.broadcast.channel_id) || str(data.channel_id), (m) => applyMarkedUnread(m, data as unknown as PostUnreadData));
      break;
    case 'channel_created':
    case 'channel_restored':
    case 'direct_added':
    case 'group_added': {
      const channelId = str(data.channel_id) || str(msg.broadcast.channel_id);
      if (channelId) void refreshMembership(channelId);
      break;
    }
    case 'channel_updated': {
      const channel = data.channel ? decode<ServerChannel>(data.channel) : null;
      if (channel) receivedChannels([channel]);
      else if (data.channel_id) void fetchChannel(str(data.channel_id)).catch(() => undefined);
      break;
    }
    case 'channel_converted':
      void fetchChannel(str(data.channel_id)).catch(() => undefined);
      break;
    case 'channel_deleted': {
      const deleteAt = Number(data.delete_at) || Date.now();
      setState((s) => {
        const c = s.channels[str(data.channel_id)];
        return c ? { channels: { ...s.channels, [c.id]: { ...c, delete_at: deleteAt } } } : {};
      });
      // The open channel turns read-only in place; only a server that hides archived channels sends the user on.
      leaveIfUnviewable({ id: str(data.channel_id), delete_at: deleteAt });
      break;
    }
    case 'channel_member_updated':
      receivedMembers([decode<ChannelMembership>(data.channelMember)]);
      break;
    case 'user_added':
      if (str(data.user_id) === me) void refreshMembership(str(msg.broadcast.channel_id));
      else bumpMemberCount(str(msg.broadcast.channel_id), 1);
      break;
    case 'user_removed':
      if (str(msg.broadcast.user_id) === me && data.channel_id) removedMembership(str(data.channel_id));
      else bumpMemberCount(str(msg.broadcast.channel_id), -1);
      break;
    case 'added_to_team':
    case 'leave_team':
    case 'update_team':
      void loadMe().catch(() => undefined);
      break;
    case 'new_user':
      break;
    case 'user_updated':
      receivedUsers([decode<UserProfile>(data.user)]);
      break;
    case 'status_change':
      setState((s) => ({ statuses: { ...s.statuses, [str(data.user_id)]: str(data.status) } }));
      break;
    case 'preferences_changed':
    case 'preference_changed':
      receivedPrefs(data.preferences ? decode<PreferenceType[]>(data.preferences) : [decode<PreferenceType>(data.preference)]);
      break;
    case 'preferences_deleted':
      deletedPrefs(decode<PreferenceType[]>(data.preferences));
      break;
    case 'sidebar_category_created':
    case 'sidebar_category_deleted':
    case 'sidebar_category_order_updated':
      void loadCategories(str(msg.broadcast.team_id) || str(data.team_id) || getState().currentTeamId).catch(() => undefined);
      break;
    case 'sidebar_category_updated': {
      const updated = decode<ChannelCategory[]>(data.updatedCategories);
      const teamId = updated[0]?.team_id ?? str(msg.broadcast.team_id);
      if (teamId) receivedCategories(teamId, updated, (getState().categories[teamId] ?? []).map((c) => c.id));
      break;
    }
    case 'config_changed':
      // An admin changed the settings: the client config (site name, banner, limits) comes along.
      if (data.config && typeof data.config === 'object') setState({ config: data.config as Record<string, string> });
      break;
    case 'emoji_added':
      onEmojiAdded(data);
      break;
    case 'open_dialog':
      openDialogFromEvent(decode(data.dialog));
      break;
    case 'thread_updated':
    case 'thread_read_changed':
    case 'thread_follow_changed':
      onThreadEvent(msg.event, data);
      break;
    default:
      break;
  }
}

async function refreshMembership(channelId: string): Promise<void> {
  const channel = await fetchChannel(channelId);
  receivedMembers([await client.getMyChannelMember(channelId)]);
  if (channel.type === 'D') {
    const me = getState().me?.id ?? '';
    void ensureUsers(channel.name.split('__').filter((id) => id !== me));
    revealDirect(channel);
  }
  if (channel.type === 'G') revealDirect(channel);
  const teamId = channel.team_id || getState().currentTeamId;
  if (teamId) void loadCategories(teamId).catch(() => undefined);
}

function bumpMemberCount(channelId: string, delta: number): void {
  setState((s) => (channelId in s.memberCounts ? { memberCounts: { ...s.memberCounts, [channelId]: Math.max(0, s.memberCounts[channelId] + delta) } } : {}));
}
