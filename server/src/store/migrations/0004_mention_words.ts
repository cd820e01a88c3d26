import type { Kysely } from 'kysely';
import { mentionFirstWords } from '../../model/mention_words.js';
import { json } from '../sql/rows.js';

type Db = Kysely<unknown>;

interface UserSettingsRow { id: string; notify_props: string; first_name: string }

const BACKFILL_BATCH = 1_000;

// The first word of every custom mention key and enabled first name, so a new
// post looks up the few members it may mention by the words it contains
// instead of reading the settings of every member of the channel.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('mention_words')
    .ifNotExists()
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_mention_words', ['word', 'user_id'])
    .execute();
  await db.schema.createIndex('idx_mention_words_user_id').ifNotExists().on('mention_words').column('user_id').execute();

  const users = db as unknown as Kysely<{ users: UserSettingsRow; mention_words: { word: string; user_id: string } }>;
  let after = '';
  for (;;) {
    const batch = await users.selectFrom('users').select(['id', 'notify_props', 'first_name']).where('id', '>', after)
      .orderBy('id').limit(BACKFILL_BATCH).execute();
    if (batch.length === 0) break;
    const rows = batch.flatMap((u) => mentionFirstWords(json<{ mention_keys?: string; first_name?: string }>(u.notify_props, {}), u.first_name).map((word) => ({ word, user_id: u.id })));
    if (rows.length > 0) await users.insertInto('mention_words').values(rows).execute();
    after = batch[batch.length - 1].id;
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('mention_words').ifExists().execute();
}
