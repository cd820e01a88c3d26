import { ALL_PERMISSIONS } from './permission_ids.js';

// The system scheme's roles as Parley ships them: Mattermost's default scheme. They seed the `roles` table on first
// start; from then on the table is the truth and an admin edits it through PUT /roles/{id}/patch.

const CHANNEL_USER = [
  'read_channel', 'read_channel_content', 'create_post', 'add_reaction', 'remove_reaction', 'upload_file', 'edit_post',
  'delete_post', 'use_channel_mentions', 'use_group_mentions', 'use_slash_commands', 'get_public_link',
  'manage_public_channel_properties', 'manage_private_channel_properties', 'manage_public_channel_members',
  'manage_private_channel_members', 'delete_public_channel', 'delete_private_channel', 'read_public_channel_groups',
  'read_private_channel_groups', 'add_bookmark_public_channel', 'edit_bookmark_public_channel',
];
const CHANNEL_ADMIN = [...CHANNEL_USER, 'manage_channel_roles', 'edit_others_posts', 'delete_others_posts'];
const CHANNEL_GUEST = ['read_channel', 'read_channel_content', 'create_post', 'add_reaction', 'remove_reaction', 'upload_file', 'edit_post'];
const TEAM_USER = [
  'view_team', 'list_team_channels', 'join_public_channels', 'read_public_channel', 'create_public_channel',
  'create_private_channel', 'invite_user', 'add_user_to_team', 'manage_incoming_webhooks', 'manage_outgoing_webhooks',
  'manage_slash_commands', 'create_post_public',
];
const TEAM_ADMIN = [
  ...new Set([
    ...TEAM_USER, ...CHANNEL_ADMIN, 'manage_team', 'manage_team_roles', 'remove_user_from_team', 'manage_others_incoming_webhooks',
    'manage_others_outgoing_webhooks', 'manage_others_slash_commands', 'convert_public_channel_to_private',
    'convert_private_channel_to_public', 'import_team',
  ]),
];
const SYSTEM_USER = [
  'create_team', 'list_public_teams', 'join_public_teams', 'list_private_teams', 'join_private_teams', 'view_members',
  'create_direct_channel', 'create_group_channel', 'create_emojis', 'delete_emojis',
  'edit_custom_group', 'create_custom_group',
];
/** As in Mattermost, the system admin holds every permission there is. */
const SYSTEM_ADMIN = [...new Set([...ALL_PERMISSIONS, ...SYSTEM_USER, ...TEAM_ADMIN])];


/** Default permissions of system_user_manager. */
const SYSTEM_USER_MANAGER: readonly string[] = [
  'sysconsole_read_user_management_groups', 'sysconsole_read_user_management_teams',
  'sysconsole_read_user_management_channels', 'sysconsole_read_user_management_permissions',
  'sysconsole_write_user_management_groups', 'sysconsole_write_user_management_teams',
  'sysconsole_write_user_management_channels', 'sysconsole_read_authentication_signup',
  'sysconsole_read_authentication_email', 'sysconsole_read_authentication_password',
  'sysconsole_read_authentication_mfa', 'sysconsole_read_authentication_ldap', 'sysconsole_read_authentication_saml',
  'sysconsole_read_authentication_openid', 'sysconsole_read_authentication_guest_access', 'list_private_teams',
  'list_public_teams', 'view_team', 'read_public_channel', 'read_channel', 'read_public_channel_groups',
  'read_private_channel_groups', 'manage_private_channel_members', 'manage_public_channel_members',
  'convert_public_channel_to_private', 'convert_private_channel_to_public', 'manage_team', 'manage_team_roles',
  'remove_user_from_team', 'join_private_teams', 'join_public_teams', 'add_user_to_team',
  'manage_public_channel_properties', 'manage_private_channel_properties', 'delete_private_channel',
  'delete_public_channel', 'manage_channel_roles', 'test_ldap', 'read_ldap_sync_job'
];

/** Default permissions of system_read_only_admin. */
const SYSTEM_READ_ONLY_ADMIN: readonly string[] = [
  'sysconsole_read_about_edition_and_license', 'sysconsole_read_reporting_site_statistics',
  'sysconsole_read_reporting_team_statistics', 'sysconsole_read_reporting_server_logs',
  'sysconsole_read_user_management_users', 'sysconsole_read_user_management_groups',
  'sysconsole_read_user_management_teams', 'sysconsole_read_user_management_channels',
  'sysconsole_read_user_management_permissions', 'sysconsole_read_environment_web_server',
  'sysconsole_read_environment_database', 'sysconsole_read_environment_elasticsearch',
  'sysconsole_read_environment_file_storage', 'sysconsole_read_environment_image_proxy',
  'sysconsole_read_environment_smtp', 'sysconsole_read_environment_push_notification_server',
  'sysconsole_read_environment_high_availability', 'sysconsole_read_environment_rate_limiting',
  'sysconsole_read_environment_logging', 'sysconsole_read_environment_session_lengths',
  'sysconsole_read_environment_performance_monitoring', 'sysconsole_read_environment_developer',
  'sysconsole_read_site_customization', 'sysconsole_read_site_localization', 'sysconsole_read_site_users_and_teams',
  'sysconsole_read_site_notifications', 'sysconsole_read_site_announcement_banner', 'sysconsole_read_site_emoji',
  'sysconsole_read_site_posts', 'sysconsole_read_site_file_sharing_and_downloads',
  'sysconsole_read_site_public_links', 'sysconsole_read_site_notices', 'sysconsole_read_authentication_signup',
  'sysconsole_read_authentication_email', 'sysconsole_read_authentication_password',
  'sysconsole_read_authentication_mfa', 'sysconsole_read_authentication_ldap', 'sysconsole_read_authentication_saml',
  'sysconsole_read_authentication_openid', 'sysconsole_read_authentication_guest_access', 'sysconsole_read_plugins',
  'sysconsole_read_integrations_integration_management', 'sysconsole_read_integrations_bot_accounts',
  'sysconsole_read_integrations_gif', 'sysconsole_read_integrations_cors',
  'sysconsole_read_compliance_data_retention_policy', 'sysconsole_read_compliance_compliance_export',
  'sysconsole_read_compliance_compliance_monitoring', 'sysconsole_read_compliance_custom_terms_of_service',
  'sysconsole_read_experimental_features', 'sysconsole_read_experimental_feature_flags',
  'sysconsole_read_products_boards', 'read_license_information', 'get_analytics', 'get_logs',
  'read_other_users_teams', 'list_private_teams', 'list_public_teams', 'view_team', 'read_public_channel',
  'read_channel', 'read_public_channel_groups', 'read_private_channel_groups', 'read_elasticsearch_post_indexing_job',
  'read_elasticsearch_post_aggregation_job', 'test_ldap', 'read_ldap_sync_job', 'read_data_retention_job',
  'read_compliance_export_job', 'download_compliance_export_result', 'read_audits'
];

/** Default permissions of system_manager. */
const SYSTEM_MANAGER: readonly string[] = [
  'sysconsole_read_about_edition_and_license', 'sysconsole_read_reporting_site_statistics',
  'sysconsole_read_reporting_team_statistics', 'sysconsole_read_reporting_server_logs',
  'sysconsole_read_user_management_groups', 'sysconsole_read_user_management_teams',
  'sysconsole_read_user_management_channels', 'sysconsole_read_user_management_permissions',
  'sysconsole_write_user_management_groups', 'sysconsole_write_user_management_teams',
  'sysconsole_write_user_management_channels', 'sysconsole_write_user_management_permissions',
  'sysconsole_read_environment_web_server', 'sysconsole_read_environment_database',
  'sysconsole_read_environment_elasticsearch', 'sysconsole_read_environment_file_storage',
  'sysconsole_read_environment_image_proxy', 'sysconsole_read_environment_smtp',
  'sysconsole_read_environment_push_notification_server', 'sysconsole_read_environment_high_availability',
  'sysconsole_read_environment_rate_limiting', 'sysconsole_read_environment_logging',
  'sysconsole_read_environment_session_lengths', 'sysconsole_read_environment_performance_monitoring',
  'sysconsole_read_environment_developer', 'sysconsole_write_environment_web_server',
  'sysconsole_write_environment_database', 'sysconsole_write_environment_elasticsearch',
  'sysconsole_write_environment_file_storage', 'sysconsole_write_environment_image_proxy',
  'sysconsole_write_environment_smtp', 'sysconsole_write_environment_push_notification_server',
  'sysconsole_write_environment_high_availability', 'sysconsole_write_environment_rate_limiting',
  'sysconsole_write_environment_logging', 'sysconsole_write_environment_session_lengths',
  'sysconsole_write_environment_performance_monitoring', 'sysconsole_write_environment_developer',
  'sysconsole_read_site_customization', 'sysconsole_write_site_customization', 'sysconsole_read_site_localization',
  'sysconsole_write_site_localization', 'sysconsole_read_site_users_and_teams',
  'sysconsole_write_site_users_and_teams', 'sysconsole_read_site_notifications',
  'sysconsole_write_site_notifications', 'sysconsole_read_site_announcement_banner',
  'sysconsole_write_site_announcement_banner', 'sysconsole_read_site_emoji', 'sysconsole_write_site_emoji',
  'sysconsole_read_site_posts', 'sysconsole_write_site_posts', 'sysconsole_read_site_file_sharing_and_downloads',
  'sysconsole_write_site_file_sharing_and_downloads', 'sysconsole_read_site_public_links',
  'sysconsole_write_site_public_links', 'sysconsole_read_site_notices', 'sysconsole_write_site_notices',
  'sysconsole_read_authentication_signup', 'sysconsole_read_authentication_email',
  'sysconsole_read_authentication_password', 'sysconsole_read_authentication_mfa',
  'sysconsole_read_authentication_ldap', 'sysconsole_read_authentication_saml',
  'sysconsole_read_authentication_openid', 'sysconsole_read_authentication_guest_access', 'sysconsole_read_plugins',
  'sysconsole_read_integrations_integration_management', 'sysconsole_read_integrations_bot_accounts',
  'sysconsole_read_integrations_gif', 'sysconsole_read_integrations_cors',
  'sysconsole_write_integrations_integration_management', 'sysconsole_write_integrations_bot_accounts',
  'sysconsole_write_integrations_gif', 'sysconsole_write_integrations_cors', 'sysconsole_read_products_boards',
  'sysconsole_write_products_boards', 'manage_outgoing_oauth_connections', 'read_license_information',
  'get_analytics', 'get_logs', 'list_private_teams', 'list_public_teams', 'view_team', 'read_public_channel',
  'read_channel', 'read_public_channel_groups', 'read_private_channel_groups', 'manage_private_channel_members',
  'manage_public_channel_members', 'convert_public_channel_to_private', 'convert_private_channel_to_public',
  'manage_team', 'manage_team_roles', 'remove_user_from_team', 'join_private_teams', 'join_public_teams',
  'add_user_to_team', 'manage_public_channel_properties', 'manage_private_channel_properties',
  'delete_private_channel', 'delete_public_channel', 'manage_channel_roles', 'read_elasticsearch_post_indexing_job',
  'read_elasticsearch_post_aggregation_job', 'test_site_url', 'reload_config', 'invalidate_caches',
  'recycle_database_connections', 'test_elasticsearch', 'create_elasticsearch_post_indexing_job',
  'manage_elasticsearch_post_indexing_job', 'create_elasticsearch_post_aggregation_job',
  'manage_elasticsearch_post_aggregation_job', 'purge_elasticsearch_indexes', 'test_s3', 'test_email', 'edit_brand',
  'test_ldap', 'read_ldap_sync_job'
];

/** Default permissions of system_custom_group_admin. */
const SYSTEM_CUSTOM_GROUP_ADMIN: readonly string[] = [
  'create_custom_group', 'edit_custom_group', 'delete_custom_group', 'restore_custom_group',
  'manage_custom_group_members'
];
export interface DefaultRole {
  name: string;
  display_name: string;
  description: string;
  permissions: readonly string[];
  /** Mattermost's flag: the role is assigned through a member's scheme_* flags rather than by name. */
  scheme_managed: boolean;
}

const role = (name: string, i18n: string, permissions: readonly string[], schemeManaged: boolean): DefaultRole => ({
  name, display_name: `authentication.roles.${i18n}.name`, description: `authentication.roles.${i18n}.description`,
  permissions, scheme_managed: schemeManaged,
});

export const DEFAULT_ROLES: readonly DefaultRole[] = [
  role('system_user', 'global_user', SYSTEM_USER, true),
  role('system_admin', 'global_admin', SYSTEM_ADMIN, true),
  role('system_guest', 'global_guest', ['create_direct_channel', 'create_group_channel'], true),
  role('system_user_manager', 'system_user_manager', SYSTEM_USER_MANAGER, false),
  role('system_manager', 'system_manager', SYSTEM_MANAGER, false),
  role('system_read_only_admin', 'system_read_only_admin', SYSTEM_READ_ONLY_ADMIN, false),
  role('system_custom_group_admin', 'system_custom_group_admin', SYSTEM_CUSTOM_GROUP_ADMIN, false),
  // As upstream, personal access tokens take this role (or system_admin): the console's "allow this account to generate tokens".
  role('system_user_access_token', 'system_user_access_token', ['create_user_access_token', 'read_user_access_token', 'revoke_user_access_token'], false),
  role('team_user', 'team_user', TEAM_USER, true),
  role('team_admin', 'team_admin', TEAM_ADMIN, true),
  role('team_guest', 'team_guest', ['view_team'], true),
  role('channel_user', 'channel_user', CHANNEL_USER, true),
  role('channel_admin', 'channel_admin', CHANNEL_ADMIN, true),
  role('channel_guest', 'channel_guest', CHANNEL_GUEST, true),
  // Mattermost seeds its Playbooks roles on every server, and its web app's permission pages wait for them.
  role('playbook_admin', 'playbook_admin', [
    'playbook_public_manage_members', 'playbook_public_manage_roles', 'playbook_public_manage_properties', 'playbook_private_manage_members',
    'playbook_private_manage_roles', 'playbook_private_manage_properties', 'playbook_public_make_private',
  ], true),
  role('playbook_member', 'playbook_member', [
    'playbook_public_view', 'playbook_public_manage_members', 'playbook_public_manage_properties', 'playbook_private_view',
    'playbook_private_manage_members', 'playbook_private_manage_properties', 'run_create',
  ], true),
  role('run_admin', 'run_admin', ['run_manage_members', 'run_manage_properties'], true),
  role('run_member', 'run_member', ['run_view'], true),
];
