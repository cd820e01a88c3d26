import { create } from 'zustand';
import type { ChannelCategory } from '@mattermost/types/channel_categories';
import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { UserThread } from '@mattermost/types/threads';
import type { UserProfile } from '@mattermost/types/users';
import { emptyPosts, type PostsState } from './posts';

export type RhsView =
  | { kind: 'thread'; rootId: string }
  | { kind: 'pinned'; channelId: string }
  | { kind: 'saved' }
  | { kind: 'mentions' }
  /** search results for `terms` (the top bar's search box, a clicked #hashtag) */
  | { kind: 'search'; terms: string }
  | { kind: 'members'; channelId: string };

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface AppState {
  /** the session check at start finished (logged in or not) */
  booted: boolean;
  /** the server ended the session (expired or revoked elsewhere); the login page says so */
  sessionExpired: boolean;
  path: string;
  config: Record<string, string>;
  me: UserProfile | null;
  users: Record<string, UserProfile>;
  statuses: Record<string, string>;
  teams: Record<string, Team>;
  myTeamIds: string[];
  channels: Record<string, ServerChannel>;
  /** my memberships, by channel id */
  members: Record<string, ChannelMembership>;
  memberCounts: Record<string, number>;
  /** sidebar categories by team id, in display order */
  categories: Record<string, ChannelCategory[]>;
  /** preferences keyed "category:name" */
  prefs: Record<string, string>;
  posts: PostsState;
  threads: Record<string, UserThread>;
  /** "channelId:rootId" -> user id -> time the indicator expires */
  typing: Record<string, Record<string, number>>;
  drafts: Record<string, string>;
  currentTeamId: string;
  currentChannelId: string;
  rhs: RhsView | null;
  highlightPostId: string;
  /** channel id -> last_viewed_at captured when the channel was opened (draws the "New messages" line) */
  newMessagesSince: Record<string, number>;
  profilePopover: { userId: string; x: number; y: number } | null;
  editingPostId: string;
  connection: ConnectionState;
  /** modal currently open (ids are owned by the components that open them) */
  modal: string;
  toast: string;
}

export const initialState: AppState = {
  booted: false,
  sessionExpired: false,
  path: typeof window === 'undefined' ? '/' : window.location.pathname,
  config: {},
  me: null,
  users: {},
  statuses: {},
  teams: {},
  myTeamIds: [],
  channels: {},
  members: {},
  memberCounts: {},
  categories: {},
  prefs: {},
  posts: emptyPosts,
  threads: {},
  typing: {},
  drafts: {},
  currentTeamId: '',
  currentChannelId: '',
  rhs: null,
  highlightPostId: '',
  newMessagesSince: {},
  profilePopover: null,
  editingPostId: '',
  connection: 'connecting',
  modal: '',
  toast: '',
};

export const useStore = create<AppState>()(() => initialState);

export const getState = useStore.getState;
export const setState = useStore.setState;

export const prefKey = (category: string, name: string): string => `${category}:${name}`;
