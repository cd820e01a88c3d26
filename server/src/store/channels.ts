import type { ChannelMembership, ChannelRecord } from '../model/types.js';

export type { ChannelRecord };

/** The system console's view across teams: team channels (never DMs or GMs) by display name. */
export interface ChannelDirectoryFilter {
  /** Name or display name prefix, any case. */
  term?: string;
  includeDeleted: boolean;
  onlyDeleted?: boolean;
  types: readonly ('O' | 'P')[];
  /** Only these teams, when given. */
  teamIds?: readonly string[];
  /** Channels with these names are left out (the console's "exclude default channels"). */
  excludeNames?: readonly string[];
}

/** A team the user belongs to, alone or with one of its open channels the user is in and that membership's counters. */
export interface TeamChannelCounters {
  team_id: string;
  channel?: {
    total_msg_count: number; total_msg_count_root: number;
    msg_count: number; msg_count_root: number; mention_count: number; mention_count_root: number;
    notify_props: ChannelMembership['notify_props'];
  };
}

export type ChannelWithTeam = ChannelRecord & { team_display_name: string; team_name: string; team_update_at: number };

export interface ChannelStore {
  create(channel: ChannelRecord): Promise<void>;
  get(id: string): Promise<ChannelRecord | undefined>;
  getMany(ids: readonly string[]): Promise<ChannelRecord[]>;
  getByName(teamId: string, name: string): Promise<ChannelRecord | undefined>;
  update(channel: ChannelRecord): Promise<void>;
  /** Public channels of a team by display name (browse); `onlyDeleted` lists the archived ones. */
  listPublic(teamId: string, options: { offset: number; limit: number; includeDeleted: boolean; onlyDeleted?: boolean; term?: string; notMemberOf?: string }): Promise<ChannelRecord[]>;
  /** Every private channel of a team by display name, archived ones included. */
  listPrivate(teamId: string, options: { offset: number; limit: number }): Promise<ChannelRecord[]>;
  listAll(filter: ChannelDirectoryFilter, page: { offset: number; limit: number }): Promise<ChannelWithTeam[]>;
  countAll(filter: ChannelDirectoryFilter): Promise<number>;
  /** Channels the user belongs to; `teamId` also includes DMs/GMs (team_id ''). */
  listForUser(userId: string, options: { teamId?: string; includeDeleted: boolean }): Promise<ChannelRecord[]>;

  saveMember(member: ChannelMembership): Promise<void>;
  getMember(channelId: string, userId: string): Promise<ChannelMembership | undefined>;
  /** The channel and the user's membership of it, read together (one round trip on PostgreSQL). */
  getWithMember(channelId: string, userId: string): Promise<{ channel?: ChannelRecord; member?: ChannelMembership }>;
  listMembers(channelId: string, options: { offset: number; limit: number }): Promise<ChannelMembership[]>;
  getMembersByIds(channelId: string, userIds: readonly string[]): Promise<ChannelMembership[]>;
  listMemberIds(channelId: string): Promise<string[]>;
  listMembersForUser(userId: string, options: { teamId?: string }): Promise<ChannelMembership[]>;
  removeMember(channelId: string, userId: string): Promise<void>;
  /** Every team the user is an active member of (not archived) once alone, then once per open channel of it they are in: one read. */
  teamChannelCounters(userId: string): Promise<TeamChannelCounters[]>;
  /** The user has read these channels up to now: their counters follow the channels', in one write. */
  markReadUpTo(channelIds: readonly string[], userId: string, viewedAt: number): Promise<void>;
  /**
   * For each of the channels the user is a member of, whether viewing it would change nothing ('read': every post
   * counted as read, no mentions left, nothing posted since the last view); channels they are not in are absent.
   * One read for all of them instead of a member read and a write each.
   */
  viewStates(channelIds: readonly string[], userId: string): Promise<Map<string, 'read' | 'unread'>>;
}
