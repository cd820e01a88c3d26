import type { Translate } from '../../../i18n/useT';

/** Which of a column's roles carries a permission (Mattermost's permission scopes). */
export type PermissionScope = 'system' | 'team' | 'channel';

export interface PermissionRow {
  id: string;
  label: string;
  /** one row may stand for several permissions that only make sense together (add and remove a reaction) */
  permissions: string[];
  scope: PermissionScope;
  /** the Guests column edits this row too */
  guests?: boolean;
}

export interface PermissionGroup {
  id: string;
  label: string;
  rows: PermissionRow[];
}

/** The permissions the console edits, grouped as Mattermost's System Console groups them. */
export function permissionTree(t: Translate): PermissionGroup[] {
  return [
    {
      id: 'posts',
      label: t('admin.perm.group.posts'),
      rows: [
        { id: 'create_post', label: t('admin.perm.createPost'), permissions: ['create_post'], scope: 'channel', guests: true },
        { id: 'edit_post', label: t('admin.perm.editOwn'), permissions: ['edit_post'], scope: 'channel', guests: true },
        { id: 'edit_others_posts', label: t('admin.perm.editOthers'), permissions: ['edit_others_posts'], scope: 'channel' },
        { id: 'delete_post', label: t('admin.perm.deleteOwn'), permissions: ['delete_post'], scope: 'channel', guests: true },
        { id: 'delete_others_posts', label: t('admin.perm.deleteOthers'), permissions: ['delete_others_posts'], scope: 'channel' },
        { id: 'reactions', label: t('admin.perm.reactions'), permissions: ['add_reaction', 'remove_reaction'], scope: 'channel', guests: true },
        { id: 'use_channel_mentions', label: t('admin.perm.channelMentions'), permissions: ['use_channel_mentions'], scope: 'channel', guests: true },
      ],
    },
    {
      id: 'public_channels',
      label: t('admin.perm.group.publicChannels'),
      rows: [
        { id: 'create_public_channel', label: t('admin.perm.createPublic'), permissions: ['create_public_channel'], scope: 'team' },
        { id: 'manage_public_channel_properties', label: t('admin.perm.managePublicProperties'), permissions: ['manage_public_channel_properties'], scope: 'channel' },
        { id: 'manage_public_channel_members', label: t('admin.perm.managePublicMembers'), permissions: ['manage_public_channel_members'], scope: 'channel' },
        { id: 'convert_public_channel_to_private', label: t('admin.perm.convertToPrivate'), permissions: ['convert_public_channel_to_private'], scope: 'channel' },
        { id: 'delete_public_channel', label: t('admin.perm.archivePublic'), permissions: ['delete_public_channel'], scope: 'channel' },
      ],
    },
    {
      id: 'private_channels',
      label: t('admin.perm.group.privateChannels'),
      rows: [
        { id: 'create_private_channel', label: t('admin.perm.createPrivate'), permissions: ['create_private_channel'], scope: 'team' },
        { id: 'manage_private_channel_properties', label: t('admin.perm.managePrivateProperties'), permissions: ['manage_private_channel_properties'], scope: 'channel' },
        { id: 'manage_private_channel_members', label: t('admin.perm.managePrivateMembers'), permissions: ['manage_private_channel_members'], scope: 'channel' },
        { id: 'convert_private_channel_to_public', label: t('admin.perm.convertToPublic'), permissions: ['convert_private_channel_to_public'], scope: 'channel' },
        { id: 'delete_private_channel', label: t('admin.perm.archivePrivate'), permissions: ['delete_private_channel'], scope: 'channel' },
      ],
    },
    {
      id: 'teams',
      label: t('admin.perm.group.teams'),
      rows: [
        { id: 'create_team', label: t('admin.perm.createTeam'), permissions: ['create_team'], scope: 'system' },
        { id: 'invite', label: t('admin.perm.invite'), permissions: ['invite_user', 'add_user_to_team'], scope: 'team' },
        { id: 'manage_team', label: t('admin.perm.manageTeam'), permissions: ['manage_team'], scope: 'team' },
        { id: 'remove_user_from_team', label: t('admin.perm.removeFromTeam'), permissions: ['remove_user_from_team'], scope: 'team' },
        { id: 'manage_team_roles', label: t('admin.perm.manageTeamRoles'), permissions: ['manage_team_roles'], scope: 'team' },
      ],
    },
  ];
}

/** The role names one column edits, by scope; a scope without a role is not shown in that column. */
export type ColumnRoles = Partial<Record<PermissionScope, string>>;

export interface PermissionColumn {
  id: 'all' | 'channel_admin' | 'team_admin' | 'guests';
  title: string;
  roles: ColumnRoles;
}

/** Permissions of every role on the page, by role name. */
export type RolePermissions = Record<string, readonly string[]>;

export function columnHas(state: RolePermissions, column: PermissionColumn, row: PermissionRow): boolean {
  const role = column.roles[row.scope];
  const granted = role ? state[role] : undefined;
  return Boolean(granted) && row.permissions.every((p) => granted?.includes(p));
}

/** The state with the row's permissions granted to (or taken from) the column's role for the row's scope. */
export function toggleRow(state: RolePermissions, column: PermissionColumn, row: PermissionRow, grant: boolean): RolePermissions {
  const role = column.roles[row.scope];
  if (!role || !state[role]) return state;
  const without = state[role].filter((p) => !row.permissions.includes(p));
  return { ...state, [role]: grant ? [...without, ...row.permissions] : without };
}

/** Roles whose permission lists differ between two states (what Save has to patch). */
export function changedRoles(before: RolePermissions, after: RolePermissions): string[] {
  const key = (list: readonly string[]): string => [...new Set(list)].sort().join(' ');
  const same = (a: readonly string[], b: readonly string[]): boolean => key(a) === key(b);
  return Object.keys(after).filter((role) => !before[role] || !same(before[role], after[role]));
}
