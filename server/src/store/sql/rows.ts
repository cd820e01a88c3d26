import type { Selectable } from 'kysely';
import type {
  CategoryRecord, ChannelMembership, PostRecord, PreferenceType, ReactionRecord, SessionRecord,
  StatusRecord, Team, ThreadMembershipRecord, ThreadRecord, UserRecord,
} from '../../model/types.js';
import type { ChannelRecord } from '../channels.js';
import type { TeamMemberRecord } from '../teams.js';
import type {
  ChannelMembersTable, ChannelsTable, PostsTable, ReactionsTable, SessionsTable, SidebarCategoriesTable,
  StatusesTable, TeamMembersTable, TeamsTable, ThreadMembershipsTable, ThreadsTable, UsersTable, PreferencesTable,
} from './schema.js';

// Row <-> model mapping, the one place that knows flags are 0/1 and JSON is text.

export const json = <T>(text: string, fallback: T): T => {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
};
const flag = (value: number | boolean): boolean => Boolean(Number(value));
const bit = (value: boolean | undefined): number => (value ? 1 : 0);

export function toUser(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id, create_at: r.create_at, update_at: r.update_at, delete_at: r.delete_at,
    username: r.username, email: r.email, password: r.password, auth_service: r.auth_service, auth_data: r.auth_data,
    email_verified: flag(r.email_verified), nickname: r.nickname, first_name: r.first_name, last_name: r.last_name,
    position: r.position, roles: r.roles, props: json(r.props, {}), notify_props: json(r.notify_props, {} as UserRecord['notify_props']),
    last_password_update: r.last_password_update, last_picture_update: r.last_picture_update, locale: r.locale,
    timezone: json(r.timezone, { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' }),
    mfa_active: flag(r.mfa_active), last_activity_at: r.last_activity_at, is_bot: flag(r.is_bot),
    failed_attempts: r.failed_attempts, bot_description: '', terms_of_service_id: '', terms_of_service_create_at: 0,
  };
}

/** Every column but failed_attempts, which only its own atomic statements write (a whole-row write would lose counts). */
export function fromUser(u: UserRecord): Omit<UsersTable, 'failed_attempts'> {
  return {
    id: u.id, create_at: u.create_at, update_at: u.update_at, delete_at: u.delete_at, username: u.username,
    email: u.email, password: u.password, auth_service: u.auth_service, auth_data: u.auth_data, email_verified: bit(u.email_verified),
    nickname: u.nickname, first_name: u.first_name, last_name: u.last_name, position: u.position, roles: u.roles,
    props: JSON.stringify(u.props ?? {}), notify_props: JSON.stringify(u.notify_props ?? {}),
    last_password_update: u.last_password_update, last_picture_update: u.last_picture_update, locale: u.locale,
    timezone: JSON.stringify(u.timezone ?? {}), mfa_active: bit(u.mfa_active), last_activity_at: u.last_activity_at,
    is_bot: bit(u.is_bot),
  };
}

export function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return { ...r, props: json(r.props, {}) };
}

export function fromSession(s: SessionRecord): SessionsTable {
  return { ...s, props: JSON.stringify(s.props) };
}

export function toStatus(r: Selectable<StatusesTable>): StatusRecord {
  return { ...r, status: r.status as StatusRecord['status'], manual: flag(r.manual) };
}

export function fromStatus(s: StatusRecord): StatusesTable {
  return { ...s, manual: bit(s.manual) };
}

export function toTeam(r: Selectable<TeamsTable>): Team {
  return {
    ...r, type: r.type as Team['type'], allow_open_invite: flag(r.allow_open_invite),
    scheme_id: r.scheme_id ?? '', group_constrained: false, policy_id: null,
  };
}

export function fromTeam(t: Team): TeamsTable {
  return {
    id: t.id, create_at: t.create_at, update_at: t.update_at, delete_at: t.delete_at, display_name: t.display_name,
    name: t.name, description: t.description, email: t.email, type: t.type, company_name: t.company_name,
    allowed_domains: t.allowed_domains, invite_id: t.invite_id, allow_open_invite: bit(t.allow_open_invite),
    last_team_icon_update: t.last_team_icon_update ?? 0,
  };
}

export function toTeamMember(r: Selectable<TeamMembersTable>): TeamMemberRecord {
  return {
    team_id: r.team_id, user_id: r.user_id, roles: r.roles, delete_at: r.delete_at,
    scheme_user: flag(r.scheme_user), scheme_admin: flag(r.scheme_admin), scheme_guest: flag(r.scheme_guest),
  };
}

export function fromTeamMember(m: TeamMemberRecord, createAt: number): TeamMembersTable {
  return {
    team_id: m.team_id, user_id: m.user_id, roles: m.roles, delete_at: m.delete_at, scheme_user: bit(m.scheme_user),
    scheme_admin: bit(m.scheme_admin), scheme_guest: bit(m.scheme_guest), create_at: createAt,
  };
}

export function toChannel(r: Selectable<ChannelsTable>): ChannelRecord {
  return {
    ...r, type: r.type as ChannelRecord['type'], props: json(r.props, {}),
    scheme_id: r.scheme_id ?? '', group_constrained: false, shared: false, policy_id: null,
  };
}

export function fromChannel(c: ChannelRecord): ChannelsTable {
  return {
    id: c.id, create_at: c.create_at, update_at: c.update_at, delete_at: c.delete_at, team_id: c.team_id, type: c.type,
    display_name: c.display_name, name: c.name, header: c.header, purpose: c.purpose, last_post_at: c.last_post_at,
    last_root_post_at: c.last_root_post_at, total_msg_count: c.total_msg_count, total_msg_count_root: c.total_msg_count_root,
    extra_update_at: c.extra_update_at, creator_id: c.creator_id, props: JSON.stringify(c.props ?? {}),
  };
}

export function toChannelMember(r: Selectable<ChannelMembersTable>): ChannelMembership {
  return {
    channel_id: r.channel_id, user_id: r.user_id, roles: r.roles, last_viewed_at: r.last_viewed_at,
    msg_count: r.msg_count, msg_count_root: r.msg_count_root, mention_count: r.mention_count,
    mention_count_root: r.mention_count_root, urgent_mention_count: r.urgent_mention_count,
    notify_props: json(r.notify_props, {}), last_update_at: r.last_update_at,
    scheme_user: flag(r.scheme_user), scheme_admin: flag(r.scheme_admin),
  };
}

export function fromChannelMember(m: ChannelMembership): ChannelMembersTable {
  return {
    channel_id: m.channel_id, user_id: m.user_id, roles: m.roles, last_viewed_at: m.last_viewed_at,
    msg_count: m.msg_count, msg_count_root: m.msg_count_root, mention_count: m.mention_count,
    mention_count_root: m.mention_count_root, urgent_mention_count: m.urgent_mention_count,
    notify_props: JSON.stringify(m.notify_props ?? {}), last_update_at: m.last_update_at,
    scheme_user: bit(m.scheme_user), scheme_admin: bit(m.scheme_admin), scheme_guest: 0,
  };
}

export function toPost(r: Selectable<PostsTable>): PostRecord {
  return {
    ...r, is_pinned: flag(r.is_pinned), has_reactions: flag(r.has_reactions),
    props: json(r.props, {}), file_ids: json(r.file_ids, []),
  };
}

export function fromPost(p: PostRecord): PostsTable {
  return {
    ...p, is_pinned: bit(p.is_pinned), has_reactions: bit(p.has_reactions),
    props: JSON.stringify(p.props ?? {}), file_ids: JSON.stringify(p.file_ids ?? []),
  };
}

export const toReaction = (r: Selectable<ReactionsTable>): ReactionRecord => ({ ...r });
export const toPreference = (r: Selectable<PreferencesTable>): PreferenceType => ({ ...r });

export function toThread(r: Selectable<ThreadsTable>): ThreadRecord {
  return { ...r, participants: json(r.participants, []) };
}

export function fromThread(t: ThreadRecord): ThreadsTable {
  return { ...t, participants: JSON.stringify(t.participants) };
}

export function toThreadMembership(r: Selectable<ThreadMembershipsTable>): ThreadMembershipRecord {
  return { ...r, following: flag(r.following) };
}

export function fromThreadMembership(m: ThreadMembershipRecord): ThreadMembershipsTable {
  return { ...m, following: bit(m.following) };
}

export function toCategory(r: Selectable<SidebarCategoriesTable>): CategoryRecord {
  return {
    ...r, type: r.type as CategoryRecord['type'], sorting: r.sorting as CategoryRecord['sorting'],
    muted: flag(r.muted), collapsed: flag(r.collapsed),
  };
}

export function fromCategory(c: CategoryRecord): SidebarCategoriesTable {
  return { ...c, muted: bit(c.muted), collapsed: bit(c.collapsed) };
}
