import type { Role } from '@mattermost/types/roles';
import type { Scheme } from '@mattermost/types/schemes';
import { client } from '../../../api/client';
import type { Translate } from '../../../i18n/useT';
import { changedRoles, type PermissionColumn, type RolePermissions } from './tree';

export type RolesByName = Record<string, Role>;

export async function loadRoles(names: readonly string[]): Promise<RolesByName> {
  const roles = await client.getRolesByNames([...names]);
  return Object.fromEntries(roles.map((role) => [role.name, role]));
}

export function permissionsOf(roles: RolesByName): RolePermissions {
  return Object.fromEntries(Object.values(roles).map((role) => [role.name, role.permissions]));
}

/** PUT /roles/{id}/patch for each role whose permissions changed, one after another so a failure names its role. */
export async function saveRoles(roles: RolesByName, before: RolePermissions, after: RolePermissions): Promise<void> {
  for (const name of changedRoles(before, after)) {
    const role = roles[name];
    if (role) await client.patchRole(role.id, { permissions: [...after[name]] });
  }
}

/** The roles of a team scheme (or, for a new one, the system scheme's roles it starts from). */
export interface TeamSchemeRoles {
  teamUser: string;
  channelUser: string;
  teamAdmin: string;
  channelAdmin: string;
  teamGuest: string;
  channelGuest: string;
}

export const SYSTEM_TEAM_ROLES: TeamSchemeRoles = {
  teamUser: 'team_user', channelUser: 'channel_user', teamAdmin: 'team_admin', channelAdmin: 'channel_admin',
  teamGuest: 'team_guest', channelGuest: 'channel_guest',
};

export function schemeRoles(scheme: Scheme): TeamSchemeRoles {
  return {
    teamUser: scheme.default_team_user_role, channelUser: scheme.default_channel_user_role,
    teamAdmin: scheme.default_team_admin_role, channelAdmin: scheme.default_channel_admin_role,
    teamGuest: scheme.default_team_guest_role, channelGuest: scheme.default_channel_guest_role,
  };
}

export const roleNames = (roles: TeamSchemeRoles): string[] => Object.values(roles).filter(Boolean);

/** Columns of a team scheme's table; with `systemUser` (the system scheme) All Members also covers system-wide permissions. */
export function permissionColumns(t: Translate, roles: TeamSchemeRoles, system?: { user: string; guest: string }): PermissionColumn[] {
  return [
    { id: 'all', title: t('admin.perm.allMembers'), roles: { system: system?.user, team: roles.teamUser, channel: roles.channelUser } },
    { id: 'channel_admin', title: t('admin.perm.channelAdmins'), roles: { channel: roles.channelAdmin } },
    { id: 'team_admin', title: t('admin.perm.teamAdmins'), roles: { team: roles.teamAdmin, channel: roles.teamAdmin } },
    { id: 'guests', title: t('admin.perm.guests'), roles: { system: system?.guest, team: roles.teamGuest, channel: roles.channelGuest } },
  ];
}
