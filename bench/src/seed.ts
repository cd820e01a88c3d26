import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { newId } from '@parley/server/dist/model/id.js';
import type { ChannelRecord, PostRecord, UserRecord } from '@parley/server/dist/model/types.js';
import { fromPost } from '@parley/server/dist/store/sql/rows.js';
import { openSqlStore, type SqlStore } from '@parley/server/dist/store/sql/store.js';
import { progress } from './stats.js';

// Benchmarks seed through the server's own store (the same code that serves
// requests), so large fixtures take seconds instead of hours of HTTP calls.

export interface SeededUser {
  id: string;
  username: string;
  token: string;
}

export class Seeder {
  private passwordHash = '';

  private constructor(readonly store: SqlStore) {}

  static async open(database: { dataDir: string; databaseUrl: string }): Promise<Seeder> {
    return new Seeder(await openSqlStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl || undefined }));
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /** Users with a live session each, all members of one team. */
  async users(count: number, teamId: string, label = 'users'): Promise<SeededUser[]> {
    this.passwordHash ||= await hash('bench-password');
    const out: SeededUser[] = [];
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      const id = newId();
      const username = `bench${i}_${id.slice(0, 6)}`;
      const user: UserRecord = {
        id, create_at: now, update_at: now, delete_at: 0, username, email: `${username}@bench.invalid`, email_verified: true,
        password: this.passwordHash, auth_service: '', auth_data: '', nickname: '', first_name: '', last_name: '', position: '',
        roles: 'system_user', props: {}, notify_props: { mention_keys: '', channel: 'true', first_name: 'false' } as UserRecord['notify_props'],
        last_password_update: now, last_picture_update: 0, locale: 'en',
        timezone: { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '' }, mfa_active: false,
        last_activity_at: 0, is_bot: false, bot_description: '', terms_of_service_id: '', terms_of_service_create_at: 0,
      };
      const token = newId();
      await this.store.transaction(async (s) => {
        await s.users.create(user);
        await s.sessions.create({
          id: newId(), token, create_at: now, expires_at: now + 86_400_000, last_activity_at: now, user_id: id,
          device_id: '', roles: user.roles, csrf_token: newId(), props: {},
        });
        await s.teams.saveMember({ team_id: teamId, user_id: id, roles: '', delete_at: 0, scheme_user: true, scheme_admin: false, scheme_guest: false });
      });
      out.push({ id, username, token });
      if (i % 50 === 0 || i === count - 1) progress(label, i + 1, count);
    }
    return out;
  }

  async team(): Promise<string> {
    const now = Date.now();
    const id = newId();
    await this.store.teams.create({
      id, create_at: now, update_at: now, delete_at: 0, display_name: 'Bench', name: `bench-${id.slice(0, 8)}`, description: '',
      email: '', type: 'O', company_name: '', allowed_domains: '', invite_id: newId(), allow_open_invite: true, scheme_id: '',
      group_constrained: false, policy_id: null, last_team_icon_update: 0,
    });
    return id;
  }

  async channel(teamId: string, memberIds: readonly string[], type: 'O' | 'P' = 'O'): Promise<string> {
    const now = Date.now();
    const id = newId();
    const channel: ChannelRecord = {
      id, create_at: now, update_at: now, delete_at: 0, team_id: teamId, type, display_name: `Bench ${id.slice(0, 6)}`,
      name: `bench-${id}`, header: '', purpose: '', last_post_at: now, last_root_post_at: now, total_msg_count: 0,
      total_msg_count_root: 0, extra_update_at: 0, creator_id: memberIds[0] ?? '', scheme_id: '', group_constrained: false,
      shared: false, props: {}, policy_id: null,
    };
    await this.store.transaction(async (s) => {
      await s.channels.create(channel);
      for (const userId of memberIds) {
        await s.channels.saveMember({
          channel_id: id, user_id: userId, roles: '', last_viewed_at: now, msg_count: 0, msg_count_root: 0, mention_count: 0,
          mention_count_root: 0, urgent_mention_count: 0, notify_props: {}, last_update_at: now, scheme_user: true, scheme_admin: false,
        });
      }
    });
    return id;
  }

  /** `count` root posts in one channel, one ms apart, inserted in large batches. */
  async posts(channelId: string, userId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    const start = Date.now() - count;
    const batch = this.store.dialect === 'sqlite' ? 5000 : 2000;
    for (let done = 0; done < count; done += batch) {
      const rows: PostRecord[] = [];
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const id = newId();
        ids.push(id);
        rows.push({
          id, create_at: start + i, update_at: start + i, edit_at: 0, delete_at: 0, is_pinned: false, user_id: userId,
          channel_id: channelId, root_id: '', original_id: '', message: `history message number ${i} with some typical words in it`,
          type: '', props: {}, hashtags: '', file_ids: [], pending_post_id: '', has_reactions: false,
        });
      }
      await this.store.db.transaction().execute(async (trx) => {
        // SQLite caps bound parameters per statement; 100 rows x 17 columns stays well inside.
        for (let i = 0; i < rows.length; i += 100) await trx.insertInto('posts').values(rows.slice(i, i + 100).map(fromPost)).execute();
      });
      progress('history posts', Math.min(count, done + batch), count);
    }
    await this.store.db.updateTable('channels')
      .set({ total_msg_count: count, total_msg_count_root: count, last_post_at: start + count, last_root_post_at: start + count })
      .where('id', '=', channelId).execute();
    // Refresh planner statistics after the bulk load, as autovacuum/ANALYZE would on a live server.
    await sql`ANALYZE`.execute(this.store.db);
    return ids;
  }
}
