import { channelMemberRoles, memberRolesString, teamMemberRoles } from '../../app/permissions.js';
import type { ChannelMembership, TeamMemberRecord, TeamMembership } from '../../model/types.js';

// Rows to wire JSON, for the shapes whose stored form differs from the API's.

export function presentTeamMember(m: TeamMemberRecord): TeamMembership & { explicit_roles: string } {
  return {
    team_id: m.team_id, user_id: m.user_id, roles: memberRolesString(teamMemberRoles(m)), delete_at: m.delete_at,
    scheme_user: m.scheme_user, scheme_admin: m.scheme_admin, scheme_guest: m.scheme_guest, explicit_roles: m.roles,
    msg_count: 0, mention_count: 0, msg_count_root: 0, mention_count_root: 0, thread_count: 0, thread_mention_count: 0,
    thread_urgent_mention_count: 0,
  };
}

export function presentChannelMember(m: ChannelMembership): ChannelMembership & { explicit_roles: string; scheme_guest: boolean } {
  return { ...m, roles: memberRolesString(channelMemberRoles(m)), explicit_roles: m.roles, scheme_guest: false };
}
