import type { MfaSecretRecord } from '../identity/mfa.js';
import type { ConfigurationFileRecord } from '../identity/configuration_files.js';
import type { PostReminderRecord } from '../posts/post_reminders.js';
import type { SamlAssertionRecord } from '../identity/saml_assertions.js';
import type { Generated } from 'kysely';
import type { ChainedAudit } from '../../model/audit_chain.js';
import type { StoredConfiguration } from '../admin/configurations.js';
import type { FileInfoRecord } from '../files/file_infos.js';
import type { LinkMetadataRecord } from '../link_previews/link_metadata.js';
import type { EmojiRecord } from '../emoji/emoji.js';
import type { TokenRecord } from '../tokens.js';
import type { OAuthAccessDataRecord, OAuthAppRecord, OAuthAuthDataRecord } from '../integrations/oauth.js';
import type { JobRecord } from '../jobs/jobs.js';
import type { BotRecord } from '../integrations/bots.js';
import type { AccessTokenRecord } from '../integrations/access_tokens.js';
import type { CommandRecord, CommandWebhookRecord } from '../integrations/commands.js';
import type { IncomingWebhookRecord, OutgoingWebhookRecord } from '../integrations/webhooks.js';

/**
 * Table shapes as stored. Booleans are 0/1 integers and JSON is text in both
 * dialects, so one query path serves SQLite and PostgreSQL.
 */
export interface Database {
  users: UsersTable;
  user_mfa: MfaSecretRecord;
  configuration_files: ConfigurationFileRecord;
  post_reminders: PostReminderRecord;
  saml_assertions: SamlAssertionRecord;
  sessions: SessionsTable;
  statuses: StatusesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  posts: PostsTable;
  /** PostgreSQL only (SQLite searches the post_search_fts virtual table): kept by triggers on posts. */
  post_search: PostSearchTable;
  reactions: ReactionsTable;
  preferences: PreferencesTable;
  threads: ThreadsTable;
  thread_memberships: ThreadMembershipsTable;
  sidebar_categories: SidebarCategoriesTable;
  sidebar_channels: SidebarChannelsTable;
  mention_words: MentionWordsTable;
  post_edits: PostEditsTable;
  roles: RolesTable;
  schemes: SchemesTable;
  audits: AuditsTable;
  audit_chain_head: AuditChainHeadTable;
  configurations: ConfigurationsTable;
  link_metadata: LinkMetadataTable;
  emoji: EmojiTable;
  file_infos: FileInfosTable;
  tokens: TokensTable;
  oauth_apps: Omit<OAuthAppRecord, 'is_trusted' | 'callback_urls'> & { is_trusted: number; callback_urls: string };
  oauth_auth_data: OAuthAuthDataRecord;
  oauth_access_data: OAuthAccessDataRecord;
  jobs: JobRecord;
  bots: BotRecord;
  user_access_tokens: Omit<AccessTokenRecord, 'is_active'> & { is_active: number };
  commands: Omit<CommandRecord, 'auto_complete'> & { auto_complete: number };
  command_webhooks: CommandWebhookRecord;
  incoming_webhooks: Omit<IncomingWebhookRecord, 'channel_locked'> & { channel_locked: number };
  outgoing_webhooks: Omit<OutgoingWebhookRecord, 'trigger_words' | 'callback_urls'> & { trigger_words: string; callback_urls: string };
}

export interface UsersTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  username: string;
  email: string;
  password: string;
  auth_service: string;
  auth_data: string;
  email_verified: number;
  nickname: string;
  first_name: string;
  last_name: string;
  position: string;
  roles: string;
  props: string;
  notify_props: string;
  last_password_update: number;
  last_picture_update: number;
  locale: string;
  timezone: string;
  mfa_active: number;
  last_activity_at: number;
  is_bot: number;
  /** Failed password attempts since the last success; written only by its own atomic statements. */
  failed_attempts: Generated<number>;
}

export interface SessionsTable {
  id: string;
  token: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: string;
  roles: string;
  csrf_token: string;
  props: string;
}

export interface StatusesTable {
  user_id: string;
  status: string;
  manual: number;
  last_activity_at: number;
  dnd_end_time: number;
}

export interface TeamsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  display_name: string;
  name: string;
  description: string;
  email: string;
  type: string;
  company_name: string;
  allowed_domains: string;
  invite_id: string;
  allow_open_invite: number;
  last_team_icon_update: number;
  /** The team's permission scheme; '' for the system scheme. Written only by the scheme store. */
  scheme_id?: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  roles: string;
  delete_at: number;
  scheme_user: number;
  scheme_admin: number;
  scheme_guest: number;
  create_at: number;
}

export interface ChannelsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: number;
  team_id: string;
  type: string;
  display_name: string;
  name: string;
  header: string;
  purpose: string;
  last_post_at: number;
  last_root_post_at: number;
  total_msg_count: number;
  total_msg_count_root: number;
  extra_update_at: number;
  creator_id: string;
  props: string;
  /** The channel's own scheme (channel moderation); '' when it has none. Written only by the scheme store. */
  scheme_id?: string;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  roles: string;
  last_viewed_at: number;
  msg_count: number;
  msg_count_root: number;
  mention_count: number;
  mention_count_root: number;
  urgent_mention_count: number;
  notify_props: string;
  last_update_at: number;
  scheme_user: number;
  scheme_admin: number;
  scheme_guest: number;
}

export interface PostsTable {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: number;
  delete_at: number;
  is_pinned: number;
  user_id: string;
  channel_id: string;
  root_id: string;
  original_id: string;
  message: string;
  type: string;
  props: string;
  hashtags: string;
  file_ids: string;
  pending_post_id: string;
  has_reactions: number;
}

/** A live post's full-text vector with the columns a search filters on (migration 0012_post_search). */
export interface PostSearchTable {
  post_id: string;
  channel_id: string;
  user_id: string;
  create_at: number;
  /** tsvector, written only by the database. */
  vector: string;
}

export interface ReactionsTable {
  user_id: string;
  post_id: string;
  emoji_name: string;
  create_at: number;
  channel_id: string;
}

export interface PreferencesTable {
  user_id: string;
  category: string;
  name: string;
  value: string;
}

export interface ThreadsTable {
  post_id: string;
  channel_id: string;
  reply_count: number;
  last_reply_at: number;
  participants: string;
}

export interface ThreadMembershipsTable {
  post_id: string;
  user_id: string;
  following: number;
  last_viewed: number;
  last_updated: number;
  unread_mentions: number;
}

export interface SidebarCategoriesTable {
  id: string;
  user_id: string;
  team_id: string;
  type: string;
  display_name: string;
  sorting: string;
  muted: number;
  collapsed: number;
  sort_order: number;
}

export interface SidebarChannelsTable {
  category_id: string;
  channel_id: string;
  user_id: string;
  sort_order: number;
}

/** Derived from users: the first word of each custom mention key and enabled first name. */
export interface MentionWordsTable {
  word: string;
  user_id: string;
}

/** An earlier version of an edited post: its content until `replaced_at`. */
export interface PostEditsTable {
  id: string;
  post_id: string;
  message: string;
  props: string;
  file_ids: string;
  hashtags: string;
  edit_at: number;
  replaced_at: number;
}

export interface RolesTable {
  id: string;
  name: string;
  display_name: string;
  description: string;
  /** Space-separated permission ids, as Mattermost stores them. */
  permissions: string;
  scheme_managed: number;
  built_in: number;
  create_at: number;
  update_at: number;
  delete_at: number;
}

export interface SchemesTable {
  id: string;
  name: string;
  display_name: string;
  description: string;
  scope: string;
  default_team_admin_role: string;
  default_team_user_role: string;
  default_team_guest_role: string;
  default_channel_admin_role: string;
  default_channel_user_role: string;
  default_channel_guest_role: string;
  create_at: number;
  update_at: number;
  delete_at: number;
}

/** Append-only: rows are inserted by the audit store and never updated; stored as the chain hashes them. */
export type AuditsTable = ChainedAudit;

/** One row (id 1): the audit chain's last seq and hash. */
export interface AuditChainHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

/** One row per saved document; the one with active = 1 is in force. */
export interface ConfigurationsTable extends StoredConfiguration {
  active: number;
}

/** Custom emoji; a name is unique among live (delete_at = 0) rows. */
export type EmojiTable = EmojiRecord;

/** Cached link previews, one row per URL (hash = SHA-256 of the URL). */
export type LinkMetadataTable = LinkMetadataRecord;

/** Uploaded files; flags as 0/1. */
export type FileInfosTable = Omit<FileInfoRecord, 'has_preview_image' | 'archived'> & { has_preview_image: number; archived: number };

export type TokensTable = TokenRecord;
