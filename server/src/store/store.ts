import type { UserStore } from './users.js';
import type { SessionStore } from './sessions.js';
import type { StatusStore } from './statuses.js';
import type { TeamStore } from './teams.js';
import type { ChannelStore } from './channels.js';
import type { PostStore } from './posts.js';
import type { ReactionStore } from './reactions.js';
import type { PreferenceStore } from './preferences.js';
import type { ThreadStore } from './threads.js';
import type { PostPresentationStore } from './post_presentation.js';
import type { CategoryStore } from './categories.js';
import type { RoleStore } from './admin/roles.js';
import type { SchemeStore } from './admin/schemes.js';
import type { AnalyticsStore } from './admin/analytics.js';
import type { PermanentDeletionStore } from './admin/permanent_deletion.js';
import type { AuditStore } from './admin/audits.js';
import type { ConfigurationStore } from './admin/configurations.js';
import type { UserReportStore } from './admin/user_reports.js';
import type { FileInfoStore } from './files/file_infos.js';
import type { PostSearchStore } from './search/post_search.js';
import type { LinkMetadataStore } from './link_previews/link_metadata.js';
import type { EmojiStore } from './emoji/emoji.js';
import type { PictureStore } from './pictures/pictures.js';
import type { TokenStore } from './tokens.js';
import type { OAuthStore } from './integrations/oauth.js';
import type { JobStore } from './jobs/jobs.js';
import type { BotStore } from './integrations/bots.js';
import type { AccessTokenStore } from './integrations/access_tokens.js';
import type { CommandStore } from './integrations/commands.js';
import type { WebhookStore } from './integrations/webhooks.js';
import type { MfaStore } from './identity/mfa.js';
import type { ConfigurationFileStore } from './identity/configuration_files.js';
import type { PostReminderStore } from './posts/post_reminders.js';
import type { SamlAssertionStore } from './identity/saml_assertions.js';

/**
 * The persistence boundary. The app layer sees only this interface; the SQL
 * implementation serves SQLite and PostgreSQL. One sub-store per table group.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  users: UserStore;
  sessions: SessionStore;
  statuses: StatusStore;
  teams: TeamStore;
  channels: ChannelStore;
  posts: PostStore;
  reactions: ReactionStore;
  preferences: PreferenceStore;
  threads: ThreadStore;
  /** What a post list reads besides its posts, together. */
  postPresentation: PostPresentationStore;
  categories: CategoryStore;
  roles: RoleStore;
  schemes: SchemeStore;
  analytics: AnalyticsStore;
  permanentDeletion: PermanentDeletionStore;
  audits: AuditStore;
  configurations: ConfigurationStore;
  userReports: UserReportStore;
  fileInfos: FileInfoStore;
  postSearch: PostSearchStore;
  linkMetadata: LinkMetadataStore;
  emoji: EmojiStore;
  pictures: PictureStore;
  /** One-time tokens (password reset links). */
  tokens: TokenStore;
  /** OAuth 2.0 provider: client apps, authorization codes, issued tokens. */
  oauth: OAuthStore;
  /** Background jobs (notifications). */
  jobs: JobStore;
  /** Bot accounts (their users are in `users`). */
  bots: BotStore;
  /** Personal access tokens. */
  accessTokens: AccessTokenStore;
  /** Custom slash commands and their response URLs. */
  commands: CommandStore;
  /** Incoming and outgoing webhooks. */
  webhooks: WebhookStore;
  /** Users' TOTP secrets (multi-factor authentication). */
  mfa: MfaStore;
  /** Files the configuration names (SAML certificates and keys). */
  configurationFiles: ConfigurationFileStore;
  /** "Remind me about this message", one per user and post. */
  postReminders: PostReminderStore;
  /** SAML assertions already used (replay protection). */
  samlAssertions: SamlAssertionStore;
  /** Runs `work` in one database transaction; the store it gets writes inside it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** A cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Keyset cursor for pages ordered by (create_at, id). */
export interface Cursor {
  createAt: number;
  id: string;
}
