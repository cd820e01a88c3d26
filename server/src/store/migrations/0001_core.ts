import type { Kysely } from 'kysely';

// Portable DDL: bigint for ms timestamps and counters, integer 0/1 for flags,
// text for strings and JSON. Both SQLite and PostgreSQL accept these.
type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('users')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('password', 'text', (c) => c.notNull())
    .addColumn('auth_service', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nickname', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('first_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('notify_props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_password_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_picture_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(5)', (c) => c.notNull().defaultTo('en'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('mfa_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_users_create_at').ifNotExists().on('users').columns(['create_at', 'id']).execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(26)', (c) => c.notNull().unique())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(26)', (c) => c.notNull())
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('idx_sessions_user_id').ifNotExists().on('sessions').column('user_id').execute();

  await db.schema
    .createTable('statuses')
    .ifNotExists()
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('dnd_end_time', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('teams')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'varchar(1)', (c) => c.notNull())
    .addColumn('company_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('allowed_domains', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invite_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('allow_open_invite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_team_icon_update', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_teams_invite_id').ifNotExists().on('teams').column('invite_id').execute();

  await db.schema
    .createTable('team_members')
    .ifNotExists()
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_user', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('scheme_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('create_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_team_members', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_team_members_user_id').ifNotExists().on('team_members').column('user_id').execute();

  await db.schema
    .createTable('channels')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('type', 'varchar(1)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('header', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_post_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_root_post_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_msg_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_msg_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('extra_update_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('uq_channels_team_name', ['team_id', 'name'])
    .execute();

  await db.schema
    .createTable('channel_members')
    .ifNotExists()
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_viewed_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('msg_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('msg_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mention_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('mention_count_root', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('urgent_mention_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_update_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_user', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('scheme_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheme_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_channel_members', ['channel_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_channel_members_user_id').ifNotExists().on('channel_members').column('user_id').execute();

  await db.schema
    .createTable('posts')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('edit_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('root_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('original_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('hashtags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pending_post_id', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('has_reactions', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Channel history: keyset pages over (create_at, id) within one channel.
  await db.schema.createIndex('idx_posts_channel_create').ifNotExists().on('posts').columns(['channel_id', 'create_at', 'id']).execute();
  // `since` sync reads posts changed after a time.
  await db.schema.createIndex('idx_posts_channel_update').ifNotExists().on('posts').columns(['channel_id', 'update_at']).execute();
  // Threads: replies of a root in order.
  await db.schema.createIndex('idx_posts_root_create').ifNotExists().on('posts').columns(['root_id', 'create_at']).execute();
  // Idempotent create: a retried pending_post_id finds the first post.
  await db.schema.createIndex('idx_posts_user_pending').ifNotExists().on('posts').columns(['user_id', 'pending_post_id']).execute();
  await db.schema.createIndex('idx_posts_channel_pinned').ifNotExists().on('posts').columns(['channel_id', 'is_pinned']).execute();

  await db.schema
    .createTable('reactions')
    .ifNotExists()
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('emoji_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_reactions', ['post_id', 'user_id', 'emoji_name'])
    .execute();

  await db.schema
    .createTable('preferences')
    .ifNotExists()
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_preferences', ['user_id', 'category', 'name'])
    .execute();

  await db.schema
    .createTable('threads')
    .ifNotExists()
    .addColumn('post_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('reply_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .createTable('thread_memberships')
    .ifNotExists()
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('following', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_viewed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_updated', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unread_mentions', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_thread_memberships', ['post_id', 'user_id'])
    .execute();
  // "My followed threads", newest activity first.
  await db.schema
    .createIndex('idx_thread_memberships_user')
    .ifNotExists()
    .on('thread_memberships')
    .columns(['user_id', 'last_updated'])
    .execute();

  await db.schema
    .createTable('sidebar_categories')
    .ifNotExists()
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('sorting', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('collapsed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('idx_sidebar_categories_user_team')
    .ifNotExists()
    .on('sidebar_categories')
    .columns(['user_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('sidebar_channels')
    .ifNotExists()
    .addColumn('category_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('sort_order', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pk_sidebar_channels', ['category_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('idx_sidebar_channels_user').ifNotExists().on('sidebar_channels').columns(['user_id', 'channel_id']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'sidebar_channels', 'sidebar_categories', 'thread_memberships', 'threads', 'preferences', 'reactions',
    'posts', 'channel_members', 'channels', 'team_members', 'teams', 'statuses', 'sessions', 'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
