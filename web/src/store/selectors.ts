import type { ServerChannel } from '@mattermost/types/channels';
import type { UserProfile } from '@mattermost/types/users';
import { prefKey, type AppState } from './store';
import { channelUnread, sumUnreads, type ChannelUnread, type TeamUnreadTotals } from './unread';

export function displayName(user: UserProfile | undefined, mode = 'username'): string {
  if (!user) return '';
  if (mode === 'full_name') {
    const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
    if (full) return full;
  }
  if (mode === 'nickname_full_name' && user.nickname) return user.nickname;
  return user.username;
}

/** The other member of a DM ("a__b"), or my own id for a DM with myself. */
export function dmTeammateId(channel: ServerChannel, myId: string): string {
  const [a, b] = channel.name.split('__');
  return a === myId ? b : a;
}

export function channelTitle(state: AppState, channel: ServerChannel | undefined): string {
  if (!channel) return '';
  const me = state.me?.id ?? '';
  if (channel.type === 'D') return displayName(state.users[dmTeammateId(channel, me)]) || channel.display_name;
  if (channel.type === 'G') {
    const names = channel.display_name.split(',').map((s) => s.trim()).filter((n) => n !== state.me?.username);
    return names.join(', ');
  }
  return channel.display_name;
}

/** URL segment for a channel: name for team channels, @username for DMs, GM name for groups. */
export function channelUrl(state: AppState, channel: ServerChannel, teamName: string): string {
  if (channel.type === 'D') {
    const other = state.users[dmTeammateId(channel, state.me?.id ?? '')];
    return `/${teamName}/messages/@${other?.username ?? channel.name}`;
  }
  if (channel.type === 'G') return `/${teamName}/messages/${channel.name}`;
  return `/${teamName}/channels/${channel.name}`;
}

export function unreadOf(state: AppState, channelId: string): ChannelUnread {
  return channelUnread(state.channels[channelId], state.members[channelId]);
}

/** A team's channels I belong to (DMs/GMs belong to every team). */
export function myChannelsInTeam(state: AppState, teamId: string): ServerChannel[] {
  return Object.values(state.channels).filter(
    (c) => c.delete_at === 0 && state.members[c.id] && (c.team_id === teamId || c.team_id === ''),
  );
}

export function teamUnread(state: AppState, teamId: string, includeDirect: boolean): TeamUnreadTotals {
  return sumUnreads(
    myChannelsInTeam(state, teamId)
      .filter((c) => includeDirect || c.team_id !== '')
      .map((c) => unreadOf(state, c.id)),
  );
}

export function isFavorite(state: AppState, channelId: string): boolean {
  return state.prefs[prefKey('favorite_channel', channelId)] === 'true';
}

export function isSaved(state: AppState, postId: string): boolean {
  return state.prefs[prefKey('flagged_post', postId)] === 'true';
}

export function displaySetting(state: AppState, name: string, fallback: string): string {
  return state.prefs[prefKey('display_settings', name)] ?? fallback;
}

export function collapsedThreads(state: AppState): boolean {
  const cfg = state.config.CollapsedThreads ?? 'disabled';
  if (cfg === 'disabled') return false;
  if (cfg === 'always_on') return true;
  const pref = state.prefs[prefKey('display_settings', 'collapsed_reply_threads')];
  return pref ? pref === 'on' : cfg === 'default_on';
}

export function findTeamByName(state: AppState, name: string) {
  return Object.values(state.teams).find((t) => t.name === name && state.myTeamIds.includes(t.id));
}
