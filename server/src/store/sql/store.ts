import { sql, type Kysely } from 'kysely';
import type { Store } from '../store.js';
import { migrateToLatest } from '../migrations/index.js';
import { SqlCategoryStore } from './categories.js';
import { SqlChannelStore } from './channels.js';
import { connect, type Connection, type ConnectOptions, type PoolSettings } from './connect.js';
import { GroupCommit } from './group_commit.js';
import { SqlPostStore } from './posts.js';
import { SqlPreferenceStore } from './preferences.js';
import { SqlReactionStore } from './reactions.js';
import type { Database } from './schema.js';
import { SqlSessionStore } from './sessions.js';
import type { SqliteDirect } from './sqlite_direct.js';
import { SqlStatusStore } from './statuses.js';
import { SqlTeamStore } from './teams.js';
import { SqlThreadStore } from './threads.js';
import { SqlPostPresentationStore } from './post_presentation.js';
import { SqlUserStore } from './users.js';
import { SqlRoleStore } from './admin/roles.js';
import { SqlSchemeStore } from './admin/schemes.js';
import { SqlAnalyticsStore } from './admin/analytics.js';
import { SqlPermanentDeletionStore } from './admin/permanent_deletion.js';
import { SqlAuditStore } from './admin/audits.js';
import { SqlConfigurationStore } from './admin/configurations.js';
import { SqlUserReportStore } from './admin/user_reports.js';
import { SqlFileInfoStore } from './files/file_infos.js';
import { SqlPostSearchStore } from './search/post_search.js';
import { SqlLinkMetadataStore } from './link_previews/link_metadata.js';
import { SqlEmojiStore } from './emoji/emoji.js';
import { SqlPictureStore } from './pictures/pictures.js';
import { SqlTokenStore } from './tokens.js';
import { SqlOAuthStore } from './integrations/oauth.js';
import { SqlJobStore } from './jobs/jobs.js';
import { SqlBotStore } from './integrations/bots.js';
import { SqlAccessTokenStore } from './integrations/access_tokens.js';
import { SqlCommandStore } from './integrations/commands.js';
import { SqlWebhookStore } from './integrations/webhooks.js';
import { SqlMfaStore } from './identity/mfa.js';
import { SqlConfigurationFileStore } from './identity/configuration_files.js';
import { SqlPostReminderStore } from './posts/post_reminders.js';
import { SqlSamlAssertionStore } from './identity/saml_assertions.js';

/** The Kysely-backed Store: one implementation for SQLite and PostgreSQL. */
export class SqlStore implements Store {
  readonly users; readonly sessions; readonly statuses; readonly teams; readonly channels;
  readonly posts; readonly reactions; readonly preferences; readonly threads; readonly postPresentation; readonly categories;
  readonly roles; readonly schemes;
  readonly analytics; readonly permanentDeletion; readonly audits; readonly configurations;
  readonly userReports;
  readonly fileInfos;
  readonly postSearch;
  readonly linkMetadata;
  readonly emoji; readonly pictures;
  readonly tokens;
  readonly oauth;
  readonly jobs;
  readonly bots;
  readonly accessTokens;
  readonly commands;
  readonly webhooks;
  readonly mfa;
  readonly configurationFiles;
  readonly postReminders;
  readonly samlAssertions;

  /** SQLite only, and only on the root store: transactions inside one are already in a batch. */
  private readonly groupCommit?: GroupCommit;

  /**
   * `direct` (SQLite) is the connection's synchronous side, for the hot statements that run inside transactions;
   * `connection` is set on the root store only, which closes it.
   */
  constructor(
    readonly db: Kysely<Database>, readonly dialect: 'sqlite' | 'postgres',
    private readonly direct?: SqliteDirect, private readonly connection?: Connection,
  ) {
    if (direct && !db.isTransaction) this.groupCommit = new GroupCommit(db, direct);
    this.users = new SqlUserStore(db, dialect, (work) => this.inTransaction(work));
    this.sessions = new SqlSessionStore(db, dialect);
    this.statuses = new SqlStatusStore(db);
    this.teams = new SqlTeamStore(db, dialect);
    this.channels = new SqlChannelStore(db, dialect);
    this.posts = new SqlPostStore(db, dialect, (work) => this.inTransaction(work), direct);
    this.reactions = new SqlReactionStore(db);
    this.preferences = new SqlPreferenceStore(db);
    this.threads = new SqlThreadStore(db);
    this.postPresentation = new SqlPostPresentationStore(db, dialect, this.reactions, this.threads);
    this.categories = new SqlCategoryStore(db);
    this.roles = new SqlRoleStore(db);
    this.schemes = new SqlSchemeStore(db);
    this.analytics = new SqlAnalyticsStore(db, dialect);
    this.permanentDeletion = new SqlPermanentDeletionStore((work) => this.inTransaction(work));
    this.audits = new SqlAuditStore(db, dialect, (work) => this.inTransaction(work));
    this.configurations = new SqlConfigurationStore(db, (work) => this.inTransaction(work));
    this.linkMetadata = new SqlLinkMetadataStore(db);
    this.userReports = new SqlUserReportStore(db, dialect);
    this.fileInfos = new SqlFileInfoStore(db, dialect);
    this.postSearch = new SqlPostSearchStore(db, dialect, (work) => this.inTransaction(work));
    this.emoji = new SqlEmojiStore(db);
    this.pictures = new SqlPictureStore(db);
    this.tokens = new SqlTokenStore(db, dialect);
    this.oauth = new SqlOAuthStore(db, (work) => this.inTransaction(work));
    this.jobs = new SqlJobStore(db, dialect);
    this.bots = new SqlBotStore(db);
    this.accessTokens = new SqlAccessTokenStore(db, dialect);
    this.commands = new SqlCommandStore(db);
    this.webhooks = new SqlWebhookStore(db);
    this.mfa = new SqlMfaStore(db);
    this.configurationFiles = new SqlConfigurationFileStore(db);
    this.postReminders = new SqlPostReminderStore(db);
    this.samlAssertions = new SqlSamlAssertionStore(db);
  }

  transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return this.inTransaction((trx) => work(new SqlStore(trx, this.dialect, this.direct)));
  }

  private inTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this.db);
    if (this.groupCommit) return this.groupCommit.run(work);
    return this.db.transaction().execute(work);
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  /** PostgreSQL's pool takes new settings as it opens and releases connections. */
  tunePool(settings: PoolSettings): void {
    this.connection?.tunePool(settings);
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}

/** Connects, migrates to the latest schema (unless `migrate` is false: a supervisor did it) and returns the store. */
export async function openSqlStore(options: ConnectOptions & { migrate?: boolean }): Promise<SqlStore> {
  const connection = connect(options);
  if (options.migrate !== false) await migrateToLatest(connection.db as Kysely<unknown>);
  return new SqlStore(connection.db, connection.dialect, connection.direct, connection);
}
