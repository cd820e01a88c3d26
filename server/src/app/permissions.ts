import { AppError, forbidden } from '../model/errors.js';
import type { ChannelMembership } from '../model/types.js';
import type { ChannelRecord } from '../store/channels.js';
import type { Store } from '../store/store.js';
import type { TeamMemberRecord } from '../store/teams.js';
import { isSystemAdmin, type Actor } from './actor.js';
import type { TeamMemberships } from './team_memberships.js';

/** The role names in a roles string ('system_user system_admin'). */
export const roleList = (roles: string): string[] => roles.split(' ').filter(Boolean);

export function teamMemberRoles(member: TeamMemberRecord): string[] {
  const roles = roleList(member.roles);
  if (member.scheme_guest) roles.push('team_guest');
  if (member.scheme_user) roles.push('team_user');
  if (member.scheme_admin) roles.push('team_admin');
  return roles;
}

export function channelMemberRoles(member: ChannelMembership): string[] {
  const roles = roleList(member.roles);
  if (member.scheme_user) roles.push('channel_user');
  if (member.scheme_admin) roles.push('channel_admin');
  return roles;
}

/** The rendered `roles` string of a member: explicit roles plus the scheme ones. */
export const memberRolesString = (roles: string[]): string => [...new Set(roles)].join(' ');

/** The roles' answers permission checks need; the role registry (admin/role_registry.ts) gives them from memory. */
export interface RoleGrants {
  /** True when any of the named (system) roles grants the permission. */
  grants(roleNames: readonly string[], permission: string): boolean;
  /** The member's explicit and scheme roles, in the team's scheme. */
  teamMemberGrants(member: TeamMemberRecord, permission: string): boolean;
  /** The member's explicit and scheme roles, in the channel's and its team's schemes. */
  channelMemberGrants(channel: Pick<ChannelRecord, 'id' | 'team_id'>, member: ChannelMembership, permission: string): boolean;
}

/**
 * Permission checks by scope. A channel permission is granted by the channel
 * membership roles, the team roles (team admins) or the system roles. Member
 * roles are read in the scheme that governs the team or channel (the registry).
 */
export class Permissions {
  constructor(private readonly store: Store, private readonly roles: RoleGrants, private readonly teamMemberships: TeamMemberships) {}

  hasSystem(actor: Actor, permission: string): boolean {
    return this.roles.grants(actor.roles, permission);
  }

  requireSystem(actor: Actor, permission: string): void {
    if (!this.hasSystem(actor, permission)) throw forbidden();
  }

  async hasTeam(actor: Actor, teamId: string, permission: string): Promise<boolean> {
    if (this.hasSystem(actor, permission)) return true;
    const member = await this.teamMemberships.get(teamId, actor.userId);
    if (!member || member.delete_at > 0) return false;
    return this.roles.teamMemberGrants(member, permission);
  }

  async requireTeam(actor: Actor, teamId: string, permission: string): Promise<void> {
    if (!(await this.hasTeam(actor, teamId, permission))) throw forbidden();
  }

  async hasChannel(actor: Actor, channel: ChannelRecord, permission: string): Promise<boolean> {
    if (this.hasSystem(actor, permission)) return true;
    return this.hasChannelAs(actor, channel, await this.store.channels.getMember(channel.id, actor.userId), permission);
  }

  /** hasChannel for a caller whose membership (or its absence) is already read; the member's own roles answer first. */
  async hasChannelAs(actor: Actor, channel: ChannelRecord, member: ChannelMembership | undefined, permission: string): Promise<boolean> {
    if (member && this.roles.channelMemberGrants(channel, member, permission)) return true;
    if (this.hasSystem(actor, permission)) return true;
    if (channel.team_id) return this.hasTeam(actor, channel.team_id, permission);
    return false;
  }

  async requireChannel(actor: Actor, channel: ChannelRecord, permission: string): Promise<void> {
    if (!(await this.hasChannel(actor, channel, permission))) throw forbidden();
  }

  /**
   * Read access: members always; team members for public channels; system
   * admins everywhere. Everyone else gets 403, so existence is not leaked
   * beyond what the id already tells.
   */
  async canReadChannel(actor: Actor, channel: ChannelRecord): Promise<boolean> {
    if (isSystemAdmin(actor)) return true;
    return this.canReadChannelAs(actor, channel, await this.store.channels.getMember(channel.id, actor.userId));
  }

  /** canReadChannel for a caller whose membership in the channel (or its absence) is already read. */
  async canReadChannelAs(actor: Actor, channel: ChannelRecord, member: ChannelMembership | undefined): Promise<boolean> {
    if (isSystemAdmin(actor) || member) return true;
    if (channel.type === 'O') return this.hasTeam(actor, channel.team_id, 'read_public_channel');
    return false;
  }

  async requireReadChannel(actor: Actor, channel: ChannelRecord): Promise<void> {
    if (!(await this.canReadChannel(actor, channel))) throw forbidden();
  }
}

export const channelArchived = (): AppError =>
  new AppError('api.post.create_post.can_not_post_to_deleted.error', 'Can not post to a deleted channel.', 403);
