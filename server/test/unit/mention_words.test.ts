import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { mentionFirstWords } from '../../src/model/mention_words.js';
import { up } from '../../src/store/migrations/0004_mention_words.js';
import { openSqlStore, type SqlStore } from '../../src/store/sql/store.js';

describe('mentionFirstWords', () => {
  it('takes the first normalised word of each key, and of the first name only when enabled', () => {
    expect(mentionFirstWords({ mention_keys: 'Deploy, on call ,@ops-team,,', first_name: 'false' }, 'Zelda')).toEqual(['deploy', 'on', 'ops-team']);
    expect(mentionFirstWords({ mention_keys: '', first_name: 'true' }, '  Mary Ann ')).toEqual(['mary']);
    expect(mentionFirstWords({ mention_keys: 'mary', first_name: 'true' }, 'Mary')).toEqual(['mary']);
    expect(mentionFirstWords({}, 'Zelda')).toEqual([]);
    expect(mentionFirstWords({ mention_keys: '...', first_name: 'true' }, ' ')).toEqual([]);
  });
});

describe('the mention_words migration', () => {
  let dir: string;
  let store: SqlStore | undefined;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the users that existed before it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parley-mention-words-'));
    store = await openSqlStore({ dataDir: dir });
    const db = store.db as unknown as Kysely<unknown>;
    const now = Date.now();
    const user = (id: string, notifyProps: object, firstName: string) => sql`INSERT INTO users (id, create_at, update_at, delete_at, username, email, password,
      auth_service, email_verified, nickname, first_name, last_name, position, roles, props, notify_props, last_password_update, last_picture_update,
      locale, timezone, mfa_active, last_activity_at, is_bot) VALUES (${id}, ${now}, ${now}, 0, ${id}, ${`${id}@example.com`}, '', '', 0, '', ${firstName},
      '', '', 'system_user', '{}', ${JSON.stringify(notifyProps)}, 0, 0, 'en', '{}', 0, 0, 0)`.execute(db);
    // Users as a server from before the migration left them: no mention_words yet. Then the migration runs.
    await sql`DROP TABLE mention_words`.execute(db);
    await user('keys', { mention_keys: 'deploy,on call' }, 'Kim');
    await user('firstname', { first_name: 'true' }, 'Zelda');
    await user('plain', { mention_keys: '' }, 'Pat');
    await up(db);
    const rows = await sql<{ word: string; user_id: string }>`SELECT word, user_id FROM mention_words ORDER BY word`.execute(db);
    expect(rows.rows).toEqual([{ word: 'deploy', user_id: 'keys' }, { word: 'on', user_id: 'keys' }, { word: 'zelda', user_id: 'firstname' }]);
  });
});
