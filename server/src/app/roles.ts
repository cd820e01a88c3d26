import type { Role } from '../model/types.js';

// Built-in roles and their permissions, following Mattermost's default scheme.
// Clients hide features unless these lists carry the matching permission.

const CHANNEL_USER = [
  'read_channel', 'read_channel_content', 'create_post', 'add_reaction', 'remove_reaction', 'upload_file', 'edit_post',
  'delete_post', 'use_channel_mentions', 'use_group_mentions', 'use_slash_commands', 'get_public_link',
  'manage_public_channel_properties', 'manage_private_channel_properties', 'manage_public_channel_members',
  'manage_private_channel_members', 'delete_public_channel', 'delete_private_channel', 'read_public_channel_groups',
  'read_private_channel_groups', 'add_bookmark_public_channel', 'edit_bookmark_public_channel',
];
const CHANNEL_ADMIN = [...CHANNEL_USER, 'manage_channel_roles', 'edit_others_posts', 'delete_others_posts', 'remove_user_from_channel'];
const TEAM_USER = [
  'view_team', 'list_team_channels', 'join_public_channels', 'read_public_channel', 'create_public_channel',
  'create_private_channel', 'invite_user', 'add_user_to_team', 'manage_incoming_webhooks', 'manage_outgoing_webhooks',
  'manage_slash_commands', 'create_post_public',
];
const TEAM_ADMIN = [
  ...TEAM_USER, ...CHANNEL_ADMIN, 'manage_team', 'manage_team_roles', 'remove_user_from_team', 'manage_others_incoming_webhooks',
  'manage_others_outgoing_webhooks', 'manage_others_slash_commands', 'convert_public_channel_to_private',
  'convert_private_channel_to_public', 'import_team', 'delete_others_posts', 'edit_others_posts',
];
const SYSTEM_USER = [
  'create_team', 'list_public_teams', 'join_public_teams', 'list_private_teams', 'join_private_teams', 'view_members',
  'create_direct_channel', 'create_group_channel', 'create_emojis', 'delete_emojis', 'create_user_access_token',
  'edit_custom_group', 'create_custom_group',
];
const SYSTEM_ADMIN = [
  ...new Set([
    ...SYSTEM_USER, ...TEAM_ADMIN, 'manage_system', 'create_post_ephemeral', 'manage_roles', 'edit_other_users', 'manage_jobs', 'sysconsole_read_users',
    'sysconsole_write_users', 'manage_oauth', 'manage_system_wide_oauth', 'read_user_access_token', 'revoke_user_access_token',
    'manage_bots', 'manage_others_bots', 'delete_others_emojis', 'read_other_users_teams', 'list_users_without_team',
    'manage_private_channel_members', 'manage_public_channel_members', 'manage_shared_channels', 'read_jobs', 'create_bot',
  ]),
];

// A Map, not an object: role names come from requests, and `constructor` or `__proto__` must not find anything.
const DEFINITIONS = new Map<string, { display: string; permissions: string[] }>(Object.entries({
  system_user: { display: 'authentication.roles.global_user.name', permissions: SYSTEM_USER },
  system_admin: { display: 'authentication.roles.global_admin.name', permissions: SYSTEM_ADMIN },
  system_guest: { display: 'authentication.roles.global_guest.name', permissions: ['create_direct_channel', 'create_group_channel'] },
  team_user: { display: 'authentication.roles.team_user.name', permissions: TEAM_USER },
  team_admin: { display: 'authentication.roles.team_admin.name', permissions: TEAM_ADMIN },
  team_guest: { display: 'authentication.roles.team_guest.name', permissions: ['view_team'] },
  channel_user: { display: 'authentication.roles.channel_user.name', permissions: CHANNEL_USER },
  channel_admin: { display: 'authentication.roles.channel_admin.name', permissions: CHANNEL_ADMIN },
  channel_guest: {
    display: 'authentication.roles.channel_guest.name',
    permissions: ['read_channel', 'read_channel_content', 'create_post', 'add_reaction', 'remove_reaction', 'upload_file', 'edit_post'],
  },
}));

const ROLE_CREATED_AT = Date.UTC(2026, 0, 1);

function roleObject(name: string): Role | undefined {
  const def = DEFINITIONS.get(name);
  if (!def) return undefined;
  return {
    id: `role_${name}`.padEnd(26, '0').slice(0, 26), name, display_name: def.display, description: '',
    create_at: ROLE_CREATED_AT, update_at: ROLE_CREATED_AT, delete_at: 0, permissions: [...def.permissions],
    scheme_managed: name !== 'system_user' && name !== 'system_admin', built_in: true,
  };
}

export function rolesByNames(names: readonly string[]): Role[] {
  return names.map(roleObject).filter((r): r is Role => r !== undefined);
}

export function roleByName(name: string): Role | undefined {
  return roleObject(name);
}

const permissionSets = new Map([...DEFINITIONS].map(([name, def]) => [name, new Set(def.permissions)]));

/** True when any of the space- or array-listed roles grants the permission. */
export function rolesGrant(roles: readonly string[], permission: string): boolean {
  return roles.some((role) => permissionSets.get(role)?.has(permission) ?? false);
}
