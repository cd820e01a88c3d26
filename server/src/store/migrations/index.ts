import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as core from './0001_core.js';
import * as postsThreads from './0002_posts_threads.js';
import * as pinnedPartialIndex from './0003_pinned_partial_index.js';
import * as mentionWords from './0004_mention_words.js';
import * as postEdits from './0005_post_edits.js';
import * as failedAttempts from './0006_failed_attempts.js';
import * as configurations from './0007_configurations.js';
import * as schemes from './0008_schemes.js';
import * as audits from './0009_audits.js';
import * as analyticsIndexes from './0010_analytics_indexes.js';
import * as userReportIndex from './0011_user_report_index.js';
import * as postSearch from './0012_post_search.js';
import * as customEmoji from './0014_custom_emoji.js';
import * as linkMetadata from './0015_link_metadata.js';
import * as directorySearch from './0016_directory_search.js';
import * as files from './0013_files.js';
import * as searchWords from './0017_search_words.js';
import * as tokens from './0018_tokens.js';
import * as jobs from './0019_jobs.js';
import * as postSearchAuthor from './0020_post_search_author.js';
import * as botsAccessTokens from './0021_bots_access_tokens.js';
import * as webhooks from './0022_webhooks.js';
import * as commands from './0023_commands.js';
import * as oauthApps from './0024_oauth_apps.js';
import * as identity from './0025_identity.js';
import * as ldapJobs from './0026_ldap_jobs.js';
import * as configurationFiles from './0027_configuration_files.js';
import * as postReminders from './0028_post_reminders.js';
import * as inactiveUsersIndex from './0029_inactive_users_index.js';

/** Ordered migrations; append new ones, never edit a released one. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': core,
  '0002_posts_threads': postsThreads,
  '0003_pinned_partial_index': pinnedPartialIndex,
  '0004_mention_words': mentionWords,
  '0005_post_edits': postEdits,
  '0006_failed_attempts': failedAttempts,
  '0007_configurations': configurations,
  '0008_schemes': schemes,
  '0009_audits': audits,
  '0010_analytics_indexes': analyticsIndexes,
  '0011_user_report_index': userReportIndex,
  '0012_post_search': postSearch,
  '0014_custom_emoji': customEmoji,
  '0015_link_metadata': linkMetadata,
  '0016_directory_search': directorySearch,
  '0013_files': files,
  '0017_search_words': searchWords,
  '0018_tokens': tokens,
  '0019_jobs': jobs,
  '0020_post_search_author': postSearchAuthor,
  '0021_bots_access_tokens': botsAccessTokens,
  '0022_webhooks': webhooks,
  '0023_commands': commands,
  '0024_oauth_apps': oauthApps,
  '0025_identity': identity,
  '0026_ldap_jobs': ldapJobs,
  '0027_configuration_files': configurationFiles,
  '0028_post_reminders': postReminders,
  '0029_inactive_users_index': inactiveUsersIndex,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'parley_migrations', migrationLockTableName: 'parley_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
