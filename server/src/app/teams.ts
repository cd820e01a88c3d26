import { AppError, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import { newId } from '../model/id.js';
import type { Team, TeamMembership } from '../model/types.js';
import type { TeamMemberRecord } from '../store/teams.js';
import { isSystemAdmin, type Actor } from './actor.js';
import type { AppDeps } from './deps.js';
import { memberRolesString, roleList, teamMemberRoles, type Permissions } from './permissions.js';

const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$|^[a-z0-9]{2}$/;
const RESERVED_TEAM_NAMES = new Set(['admin', 'api', 'channel', 'claim', 'error', 'files', 'help', 'landing', 'login', 'mfa', 'oauth', 'plug', 'plugins', 'post', 'signup', 'static', 'select_team', 'create_team', 'hooks', 'signup_user_complete', 'reset_password']);

export interface TeamInput {
  name: string;
  display_name: string;
  type: 'O' | 'I';
  description?: string;
  allow_open_invite?: boolean;
}

export type TeamPatch = Partial<Pick<Team, 'display_name' | 'description' | 'company_name' | 'allowed_domains' | 'allow_open_invite' | 'type'>>;

const invalid = (field: string, message: string): AppError => new AppError(`model.team.is_valid.${field}.app_error`, message, 400);

const nameTaken = (): AppError => new AppError('app.team.save.existing.app_error', 'A team with that name already exists.', 400);

/** What everyone may see of a team: the invite id is a secret of those who may invite. */
const withoutInvite = (team: Team): Team => ({ ...team, invite_id: '' });

function validateDisplayName(name: string): void {
  if (name.trim().length === 0 || name.length > 64) throw invalid('name', 'Display name must be 1 to 64 characters.');
}

/** A team member in wire form: the scheme flags rendered into the roles string. */
export function presentTeamMember(m: TeamMemberRecord): TeamMembership & { explicit_roles: string } {
  return {
    team_id: m.team_id, user_id: m.user_id, roles: memberRolesString(teamMemberRoles(m)), delete_at: m.delete_at,
    scheme_user: m.scheme_user, scheme_admin: m.scheme_admin, scheme_guest: m.scheme_guest, explicit_roles: m.roles,
    msg_count: 0, mention_count: 0, msg_count_root: 0, mention_count_root: 0, thread_count: 0, thread_mention_count: 0,
    thread_urgent_mention_count: 0,
  };
}

/**
 * Callbacks other services register to react to membership changes (the
 * channel service joins new members to the default channels).
 */
export interface TeamMembershipHooks {
  onJoined(teamId: string, userId: string): Promise<void>;
  onLeft(teamId: string, userId: string): Promise<void>;
}

export class TeamService {
  private hooks?: TeamMembershipHooks;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  setMembershipHooks(hooks: TeamMembershipHooks): void {
    this.hooks = hooks;
  }

  async create(actor: Actor, input: TeamInput): Promise<Team> {
    this.permissions.requireSystem(actor, 'create_team');
    const name = (input.name ?? '').toLowerCase();
    if (!TEAM_NAME.test(name) || RESERVED_TEAM_NAMES.has(name)) {
      throw invalid('url', 'Name must be 2 to 64 lowercase letters, numbers or dashes, not starting or ending with a dash, and not reserved.');
    }
    validateDisplayName(input.display_name ?? '');
    if (input.type !== 'O' && input.type !== 'I') throw invalid('type', 'Team type must be O or I.');
    if ((input.description ?? '').length > 255) throw invalid('description', 'Description is too long.');
    if (await this.deps.store.teams.getByName(name)) throw nameTaken();
    const now = Date.now();
    const team: Team = {
      id: newId(), create_at: now, update_at: now, delete_at: 0, display_name: input.display_name.trim(), name,
      description: input.description ?? '', email: '', type: input.type, company_name: '', allowed_domains: '',
      invite_id: newId(), allow_open_invite: input.allow_open_invite ?? input.type === 'O', scheme_id: '',
      group_constrained: false, policy_id: null, last_team_icon_update: 0,
    };
    try {
      await this.deps.store.transaction(async (store) => {
        await store.teams.create(team);
        await store.teams.saveMember({ team_id: team.id, user_id: actor.userId, roles: '', delete_at: 0, scheme_user: true, scheme_admin: true, scheme_guest: false });
      });
    } catch (err) {
      // Two creators raced for the name; anything else is a real failure.
      if (await this.deps.store.teams.getByName(name)) throw nameTaken();
      throw err;
    }
    await this.hooks?.onJoined(team.id, actor.userId);
    this.deps.bus.publish(makeEvent('added_to_team', { team_id: team.id, user_id: actor.userId }, { user_id: actor.userId }));
    return team;
  }

  async get(actor: Actor, id: string): Promise<Team> {
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    await this.requireViewable(actor, team);
    return team;
  }

  async getByName(actor: Actor, name: string): Promise<Team> {
    const team = await this.deps.store.teams.getByName(name.toLowerCase());
    if (!team) throw notFound('team');
    await this.requireViewable(actor, team);
    return team;
  }

  /** Members see their team; anyone may see an open team (to join it). */
  private async requireViewable(actor: Actor, team: Team): Promise<void> {
    if (team.allow_open_invite && team.delete_at === 0) return;
    if (await this.permissions.hasTeam(actor, team.id, 'view_team')) return;
    throw forbidden();
  }

  /** Hides the invite id from callers who may not invite. */
  async present(actor: Actor, team: Team): Promise<Team> {
    if (await this.permissions.hasTeam(actor, team.id, 'invite_user')) return team;
    return withoutInvite(team);
  }

  async list(actor: Actor, o: { offset: number; limit: number; includeTotal: boolean }): Promise<{ teams: Team[]; total?: number }> {
    const all = isSystemAdmin(actor);
    const teams = await this.deps.store.teams.list({ openOnly: !all, offset: o.offset, limit: o.limit });
    const total = o.includeTotal ? await this.deps.store.teams.count({ openOnly: !all }) : undefined;
    return { teams, total };
  }

  listForUser(actor: Actor, userId: string): Promise<Team[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'read_other_users_teams');
    return this.deps.store.teams.listForUser(userId);
  }

  async patch(actor: Actor, id: string, patch: TeamPatch): Promise<Team> {
    await this.permissions.requireTeam(actor, id, 'manage_team');
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    if (patch.display_name !== undefined) validateDisplayName(patch.display_name);
    if (patch.type !== undefined && patch.type !== 'O' && patch.type !== 'I') throw invalid('type', 'Team type must be O or I.');
    if (patch.description !== undefined && patch.description.length > 255) throw invalid('description', 'Description is too long.');
    const next: Team = { ...team, ...definedOnly(patch), update_at: Date.now() };
    await this.deps.store.teams.update(next);
    this.deps.bus.publish(makeEvent('update_team', { team: JSON.stringify(withoutInvite(next)) }, { team_id: id }));
    return next;
  }

  /**
   * Open ('O', anyone may join) or invite only ('I'), as upstream's privacy endpoint: the open-invite flag follows,
   * and a team made private gets a new invite id so links shared while it was open stop working.
   */
  async setPrivacy(actor: Actor, id: string, privacy: 'O' | 'I'): Promise<Team> {
    await this.permissions.requireTeam(actor, id, 'manage_team');
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    const next: Team = {
      ...team, type: privacy, allow_open_invite: privacy === 'O', invite_id: privacy === 'I' ? newId() : team.invite_id, update_at: Date.now(),
    };
    await this.deps.store.teams.update(next);
    this.deps.bus.publish(makeEvent('update_team', { team: JSON.stringify(withoutInvite(next)) }, { team_id: id }));
    return next;
  }

  async regenerateInviteId(actor: Actor, id: string): Promise<Team> {
    await this.permissions.requireTeam(actor, id, 'manage_team');
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    const next = { ...team, invite_id: newId(), update_at: Date.now() };
    await this.deps.store.teams.update(next);
    return next;
  }

  async archive(actor: Actor, id: string): Promise<void> {
    await this.permissions.requireTeam(actor, id, 'manage_team');
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    const now = Date.now();
    const next = { ...team, delete_at: now, update_at: now };
    await this.deps.store.teams.update(next);
    this.deps.bus.publish(makeEvent('delete_team', { team: JSON.stringify(withoutInvite(next)) }, {}));
  }

  async restore(actor: Actor, id: string): Promise<Team> {
    await this.permissions.requireTeam(actor, id, 'manage_team');
    const team = await this.deps.store.teams.get(id);
    if (!team) throw notFound('team');
    if (team.delete_at === 0) throw new AppError('api.team.restore_team.not_archived.app_error', 'The team is not archived.', 400);
    const next = { ...team, delete_at: 0, update_at: Date.now() };
    await this.deps.store.teams.update(next);
    this.deps.bus.publish(makeEvent('restore_team', { team: JSON.stringify(withoutInvite(next)) }, {}));
    return next;
  }

  /** Teams whose name or display name starts with the term: open ones, or all for system admins. */
  search(actor: Actor, term: string): Promise<Team[]> {
    return this.deps.store.teams.search(term, { openOnly: !isSystemAdmin(actor), limit: 200 });
  }

  /** Adds a user: themselves to an open team, or anyone when the caller may add users. */
  async addMember(actor: Actor, teamId: string, userId: string): Promise<TeamMemberRecord> {
    const team = await this.deps.store.teams.get(teamId);
    if (!team || team.delete_at > 0) throw notFound('team');
    const selfJoinOpen = userId === actor.userId && team.allow_open_invite && this.permissions.hasSystem(actor, 'join_public_teams');
    if (!selfJoinOpen) await this.permissions.requireTeam(actor, teamId, 'add_user_to_team');
    return this.join(team, userId);
  }

  /** What an invite link shows before joining. */
  async inviteInfo(inviteId: string): Promise<Pick<Team, 'id' | 'name' | 'display_name' | 'description'>> {
    const team = await this.deps.store.teams.getByInviteId(inviteId);
    if (!team || team.delete_at > 0) throw notFound('team');
    return { id: team.id, name: team.name, display_name: team.display_name, description: team.description };
  }

  async joinByInvite(userId: string, inviteId: string): Promise<TeamMemberRecord> {
    const team = await this.deps.store.teams.getByInviteId(inviteId);
    if (!team || team.delete_at > 0) {
      throw new AppError('api.team.add_user_to_team_from_invite.invalid.app_error', 'The invite is invalid or has expired.', 400);
    }
    return this.join(team, userId);
  }

  /** Joins a user who signed up with an email invitation to its team (the invitation was checked by its service). */
  async addInvitedMember(teamId: string, userId: string): Promise<TeamMemberRecord> {
    const team = await this.deps.store.teams.get(teamId);
    if (!team || team.delete_at > 0) throw notFound('team');
    return this.join(team, userId);
  }

  private async join(team: Team, userId: string): Promise<TeamMemberRecord> {
    const user = await this.deps.store.users.get(userId);
    if (!user || user.delete_at > 0) throw notFound('user');
    const existing = await this.deps.store.teams.getMember(team.id, userId);
    if (existing && existing.delete_at === 0) return existing;
    const member: TeamMemberRecord = { team_id: team.id, user_id: userId, roles: '', delete_at: 0, scheme_user: true, scheme_admin: false, scheme_guest: false };
    await this.deps.store.teams.saveMember(member);
    await this.hooks?.onJoined(team.id, userId);
    this.deps.bus.publish(makeEvent('added_to_team', { team_id: team.id, user_id: userId }, { user_id: userId }));
    return member;
  }

  /** Leaves (self) or removes (with remove_user_from_team). Also leaves the team's channels. */
  async removeMember(actor: Actor, teamId: string, userId: string): Promise<void> {
    if (userId !== actor.userId) await this.permissions.requireTeam(actor, teamId, 'remove_user_from_team');
    const member = await this.deps.store.teams.getMember(teamId, userId);
    if (!member || member.delete_at > 0) throw notFound('team_member');
    await this.deps.store.teams.saveMember({ ...member, delete_at: Date.now() });
    await this.hooks?.onLeft(teamId, userId);
    this.deps.bus.publish(makeEvent('leave_team', { team_id: teamId, user_id: userId }, { team_id: teamId }));
    this.deps.bus.publish(makeEvent('leave_team', { team_id: teamId, user_id: userId }, { user_id: userId }));
  }

  async getMember(actor: Actor, teamId: string, userId: string): Promise<TeamMemberRecord> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const member = await this.deps.store.teams.getMember(teamId, userId);
    if (!member || member.delete_at > 0) throw notFound('team_member');
    return member;
  }

  async listMembers(actor: Actor, teamId: string, o: { offset: number; limit: number }): Promise<TeamMemberRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    return this.deps.store.teams.listMembers(teamId, o);
  }

  async getMembersByIds(actor: Actor, teamId: string, userIds: readonly string[]): Promise<TeamMemberRecord[]> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    return this.deps.store.teams.getMembersByIds(teamId, userIds);
  }

  listMembersForUser(actor: Actor, userId: string): Promise<TeamMemberRecord[]> {
    if (userId !== actor.userId) this.permissions.requireSystem(actor, 'read_other_users_teams');
    return this.deps.store.teams.listMembersForUser(userId);
  }

  /** Sets a member's scheme roles from a role string (team_user [team_admin]). */
  async updateMemberRoles(actor: Actor, teamId: string, userId: string, roles: string): Promise<TeamMemberRecord> {
    const list = roleList(roles);
    if (list.some((r) => r !== 'team_user' && r !== 'team_admin')) throw new AppError('api.team.update_team_member_roles.invalid', 'Invalid team roles.', 400);
    return this.updateMemberSchemeRoles(actor, teamId, userId, { scheme_user: list.includes('team_user'), scheme_admin: list.includes('team_admin') });
  }

  async updateMemberSchemeRoles(actor: Actor, teamId: string, userId: string, roles: { scheme_user: boolean; scheme_admin: boolean }): Promise<TeamMemberRecord> {
    await this.permissions.requireTeam(actor, teamId, 'manage_team_roles');
    const member = await this.deps.store.teams.getMember(teamId, userId);
    if (!member || member.delete_at > 0) throw notFound('team_member');
    const next: TeamMemberRecord = { ...member, ...roles, roles: '' };
    await this.deps.store.teams.saveMember(next);
    this.deps.bus.publish(makeEvent('memberrole_updated', { member: JSON.stringify(presentTeamMember(next)) }, { user_id: userId }));
    return next;
  }

  async stats(actor: Actor, teamId: string): Promise<{ team_id: string; total_member_count: number; active_member_count: number }> {
    await this.permissions.requireTeam(actor, teamId, 'view_team');
    const counts = await this.deps.store.teams.countMembers(teamId);
    return { team_id: teamId, total_member_count: counts.total, active_member_count: counts.active };
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
