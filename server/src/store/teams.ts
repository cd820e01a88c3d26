import type { Team, TeamMemberRecord } from '../model/types.js';

export type { TeamMemberRecord };

export interface TeamStore {
  create(team: Team): Promise<void>;
  get(id: string): Promise<Team | undefined>;
  getByName(name: string): Promise<Team | undefined>;
  getByInviteId(inviteId: string): Promise<Team | undefined>;
  update(team: Team): Promise<void>;
  /** Teams ordered by display name; `openOnly` keeps allow_open_invite teams. */
  list(options: { openOnly: boolean; offset: number; limit: number; includeDeleted?: boolean }): Promise<Team[]>;
  count(options: { openOnly: boolean }): Promise<number>;
  /** Live teams whose name or display name starts with the term (case-insensitive). */
  search(term: string, options: { openOnly: boolean; limit: number }): Promise<Team[]>;
  listForUser(userId: string): Promise<Team[]>;
  /** Inserts the member or revives a removed one. */
  saveMember(member: TeamMemberRecord): Promise<void>;
  getMember(teamId: string, userId: string): Promise<TeamMemberRecord | undefined>;
  listMembers(teamId: string, options: { offset: number; limit: number }): Promise<TeamMemberRecord[]>;
  getMembersByIds(teamId: string, userIds: readonly string[]): Promise<TeamMemberRecord[]>;
  /** Ids of the team's current (not removed) members. */
  listMemberIds(teamId: string): Promise<string[]>;
  listMembersForUser(userId: string): Promise<TeamMemberRecord[]>;
  countMembers(teamId: string): Promise<{ total: number; active: number }>;
}
