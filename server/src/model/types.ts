// Wire types come from the official @mattermost/types package, so every
// response is checked against what Mattermost clients expect.
export type { UserProfile, UserNotifyProps, UserTimezone, UserStatus } from '@mattermost/types/users';
export type { Team, TeamMembership, TeamUnread, TeamStats } from '@mattermost/types/teams';
export type { Channel, ChannelMembership, ChannelType, ChannelStats, ChannelNotifyProps } from '@mattermost/types/channels';
export type { Post, PostList, PostMetadata } from '@mattermost/types/posts';
export type { Reaction } from '@mattermost/types/reactions';
export type { PreferenceType } from '@mattermost/types/preferences';
export type { Session } from '@mattermost/types/sessions';
export type { Role } from '@mattermost/types/roles';
export type { ChannelCategory, OrderedChannelCategories, ChannelCategoryType, CategorySorting } from '@mattermost/types/channel_categories';
export type { UserThread } from '@mattermost/types/threads';

import type { UserProfile } from '@mattermost/types/users';
import type { Channel } from '@mattermost/types/channels';
import type { TeamMembership } from '@mattermost/types/teams';

/** A channel as stored, with the counters the unread maths needs. */
export type ChannelRecord = Channel & { total_msg_count: number; total_msg_count_root: number; extra_update_at: number };

export type TeamMemberRecord = Pick<
  TeamMembership,
  'team_id' | 'user_id' | 'roles' | 'delete_at' | 'scheme_user' | 'scheme_admin' | 'scheme_guest'
>;

/**
 * A user as stored: the profile plus the secret fields never sent to clients. `auth_data` is the account's id at the
 * directory or identity provider `auth_service` names ('' for password accounts).
 */
export type UserRecord = UserProfile & { email_verified: boolean; password: string; auth_data: string };

export interface SessionRecord {
  id: string;
  token: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: string;
  roles: string;
  csrf_token: string;
  props: Record<string, string>;
}

export interface StatusRecord {
  user_id: string;
  status: 'online' | 'away' | 'dnd' | 'offline' | 'ooo';
  manual: boolean;
  last_activity_at: number;
  dnd_end_time: number;
}

export interface ThreadRecord {
  post_id: string;
  channel_id: string;
  reply_count: number;
  last_reply_at: number;
  participants: string[];
}

export interface ThreadMembershipRecord {
  post_id: string;
  user_id: string;
  following: boolean;
  last_viewed: number;
  last_updated: number;
  unread_mentions: number;
}

/** A post as stored; `metadata`, reply counts and participants are added on read. */
export interface PostRecord {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  is_pinned: boolean;
  user_id: string;
  channel_id: string;
  root_id: string;
  original_id: string;
  message: string;
  type: string;
  props: Record<string, unknown>;
  hashtags: string;
  file_ids: string[];
  pending_post_id: string;
  has_reactions: boolean;
}

export interface ReactionRecord {
  user_id: string;
  post_id: string;
  emoji_name: string;
  create_at: number;
  channel_id: string;
}

export interface CategoryRecord {
  id: string;
  user_id: string;
  team_id: string;
  type: 'favorites' | 'channels' | 'direct_messages' | 'custom';
  display_name: string;
  sorting: '' | 'alpha' | 'recent' | 'manual';
  muted: boolean;
  collapsed: boolean;
  sort_order: number;
}
