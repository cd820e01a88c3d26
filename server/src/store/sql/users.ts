import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { mentionFirstWords } from '../../model/mention_words.js';
import type { UserRecord } from '../../model/types.js';
import type { UserListFilter, UserSearch, UserStore } from '../users.js';
import type { Atomically } from './atomically.js';
import { fromUser, toUser } from './rows.js';
import type { Database } from './schema.js';
import { hasSchemeRole, hasSystemRole } from './admin/role_filters.js';
import { lowerCased, startsWithIgnoringCase } from './like.js';


/** The user's rows in mention_words, replaced whenever the user is written. */
async function indexMentionWords(db: Kysely<Database>, user: UserRecord): Promise<void> {
  await db.deleteFrom('mention_words').where('user_id', '=', user.id).execute();
  const words = mentionFirstWords(user.notify_props, user.first_name);
  if (words.length > 0) await db.insertInto('mention_words').values(words.map((word) => ({ word, user_id: user.id }))).execute();
}

export class SqlUserStore implements UserStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres', private readonly atomically: Atomically) {}

  create(user: UserRecord): Promise<void> {
    return this.atomically(async (db) => {
      await db.insertInto('users').values(fromUser(user)).execute();
      await indexMentionWords(db, user);
    });
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await this.describeBots([toUser(row)]))[0];
  }

  async getMany(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('users').selectAll().where('id', 'in', [...ids]).execute();
    return this.describeBots(rows.map(toUser));
  }

  async getByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    return row && (await this.describeBots([toUser(row)]))[0];
  }

  async getByUsernames(usernames: readonly string[]): Promise<UserRecord[]> {
    if (usernames.length === 0) return [];
    const rows = await this.db.selectFrom('users').selectAll().where('username', 'in', usernames.map((u) => u.toLowerCase())).execute();
    return this.describeBots(rows.map(toUser));
  }

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && (await this.describeBots([toUser(row)]))[0];
  }

  async getByAuth(authService: string, authData: string): Promise<UserRecord | undefined> {
    if (authData === '') return undefined;
    // The `<> ''` repeats the partial index's condition: without it neither database may use idx_users_auth_data for a
    // bound value, and every lookup scans the users table.
    const row = await this.db.selectFrom('users').selectAll().where('auth_service', '=', authService).where('auth_data', '=', authData)
      .where('auth_data', '<>', '').executeTakeFirst();
    return row && toUser(row);
  }

  async listByAuthService(authService: string): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('auth_service', '=', authService).execute();
    return rows.map(toUser);
  }

  update(user: UserRecord): Promise<void> {
    return this.atomically(async (db) => {
      await db.updateTable('users').set(fromUser(user)).where('id', '=', user.id).execute();
      await indexMentionWords(db, user);
    });
  }

  async updatePassword(userId: string, passwordHash: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ password: passwordHash, last_password_update: at, update_at: at, failed_attempts: 0 })
      .where('id', '=', userId).execute();
  }

  async countFailedAttempt(userId: string, max: number): Promise<boolean> {
    const result = await this.db.updateTable('users').set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', userId).where('failed_attempts', '<', max).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async clearFailedAttempts(userId: string): Promise<void> {
    await this.db.updateTable('users').set({ failed_attempts: 0 }).where('id', '=', userId).where('failed_attempts', '<>', 0).execute();
  }

  async releaseFailedAttempt(userId: string): Promise<void> {
    await this.db.updateTable('users').set((eb) => ({ failed_attempts: eb('failed_attempts', '-', 1) }))
      .where('id', '=', userId).where('failed_attempts', '>', 0).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listInactiveIds(): Promise<string[]> {
    // A literal, so that the planner can prove the partial index idx_users_inactive serves it.
    const rows = await this.db.selectFrom('users').select('id').where(sql<boolean>`delete_at > 0`).execute();
    return rows.map((r) => r.id);
  }

  async list(filter: UserListFilter): Promise<UserRecord[]> {
    let query = this.db.selectFrom('users').selectAll('users');
    if (filter.inTeam) {
      const teamId = filter.inTeam;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('team_members').select('user_id').whereRef('team_members.user_id', '=', 'users.id')
          .where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0)
          .$if(Boolean(filter.teamRoles?.length), (q) => q.where((tb) => tb.or((filter.teamRoles ?? []).map((role) => hasSchemeRole('team_members', role)))))));
    }
    if (filter.notInTeam) {
      const teamId = filter.notInTeam;
      query = query.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('team_members').select('user_id').whereRef('team_members.user_id', '=', 'users.id')
          .where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0))));
    }
    if (filter.inChannel) {
      const channelId = filter.inChannel;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('channel_members').select('user_id').whereRef('channel_members.user_id', '=', 'users.id')
          .where('channel_members.channel_id', '=', channelId)
          .$if(Boolean(filter.channelRoles?.length), (q) => q.where((cb) => cb.or((filter.channelRoles ?? []).map((role) => hasSchemeRole('channel_members', role)))))));
    }
    if (filter.notInChannel) {
      const channelId = filter.notInChannel;
      query = query.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('channel_members').select('user_id').whereRef('channel_members.user_id', '=', 'users.id')
          .where('channel_members.channel_id', '=', channelId))));
    }
    if (filter.active) query = query.where('delete_at', '=', 0);
    if (filter.inactive) query = query.where('delete_at', '>', 0);
    const roles = filter.roles ?? [];
    if (roles.length > 0) query = query.where((eb) => eb.or(roles.map((role) => hasSystemRole('users.roles', role))));
    if (filter.since !== undefined) query = query.where('update_at', '>', filter.since);
    const rows = await this.sorted(query, filter).orderBy('users.username').offset(filter.offset).limit(filter.limit).execute();
    return this.describeBots(rows.map(toUser));
  }

  /** Fills in the bots' descriptions (upstream's bot_description), with one read only when there is a bot. */
  private async describeBots(users: UserRecord[]): Promise<UserRecord[]> {
    const botIds = users.filter((u) => u.is_bot).map((u) => u.id);
    if (botIds.length === 0) return users;
    const rows = await this.db.selectFrom('bots').select(['user_id', 'description']).where('user_id', 'in', botIds).execute();
    const descriptions = new Map(rows.map((r) => [r.user_id, r.description]));
    for (const user of users) if (user.is_bot) user.bot_description = descriptions.get(user.id) ?? '';
    return users;
  }

  /** The sort keys before the username; the caller has checked each sort's scope (a team or a channel). */
  private sorted<O>(query: SelectQueryBuilder<Database, 'users', O>, filter: UserListFilter): SelectQueryBuilder<Database, 'users', O> {
    switch (filter.sort) {
      case 'create_at':
        return query.orderBy('users.create_at', 'desc');
      case 'last_activity_at':
        return query.orderBy((eb) => eb.selectFrom('statuses').select('statuses.last_activity_at').whereRef('statuses.user_id', '=', 'users.id'), 'desc');
      case 'admin': {
        const channelId = filter.inChannel ?? '';
        return query.orderBy((eb) => eb.selectFrom('channel_members').select('channel_members.scheme_admin')
          .whereRef('channel_members.user_id', '=', 'users.id').where('channel_members.channel_id', '=', channelId), 'desc');
      }
      case 'status':
        return query.orderBy(sql`coalesce((select case statuses.status when 'online' then 0 when 'away' then 1 when 'dnd' then 2 else 3 end
          from statuses where statuses.user_id = users.id), 3)`);
      default:
        return query;
    }
  }

  /** Users the search may return: active unless asked, and in the team or channel it is limited to. */
  private filteredUsers(q: UserSearch) {
    let query = this.db.selectFrom('users');
    if (!q.allowInactive) query = query.where('users.delete_at', '=', 0);
    if (q.inTeam) {
      const teamId = q.inTeam;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('team_members').select('user_id').whereRef('team_members.user_id', '=', 'users.id')
          .where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0)));
    }
    if (q.inChannel) {
      const channelId = q.inChannel;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('channel_members').select('user_id').whereRef('channel_members.user_id', '=', 'users.id')
          .where('channel_members.channel_id', '=', channelId)));
    }
    if (q.notInChannel) {
      const channelId = q.notInChannel;
      query = query.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('channel_members').select('user_id').whereRef('channel_members.user_id', '=', 'users.id')
          .where('channel_members.channel_id', '=', channelId))));
    }
    return query;
  }

  async search(q: UserSearch): Promise<UserRecord[]> {
    const columns = ['username', 'nickname', ...(q.matchFullName ? ['first_name', 'last_name'] : []), ...(q.matchEmail ? ['email'] : [])];
    // Each column's first `limit` matches in its index's order, then the union sorted by username: one short index
    // walk per column. Sorting every match instead read and sorted 15,000 rows for a one-letter prefix at 100,000
    // users (350 ms on PostgreSQL); walking the username index for all columns at once found late-sorting matches
    // only after most of the table. Each column's nearest matches are in the answer, so nobody is unreachable by
    // typing more of their name.
    const parts = columns.map((column, i) => {
      const matches = this.filteredUsers(q).select('users.id').where(startsWithIgnoringCase(this.dialect, column, q.term))
        .orderBy(lowerCased(this.dialect, column)).limit(q.limit);
      return this.db.selectFrom(matches.as(`m${i}`)).select(`m${i}.id as id`);
    });
    const ids = parts.slice(1).reduce((union, part) => union.union(part), parts[0]);
    const rows = await this.db.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('username').limit(q.limit).execute();
    return this.describeBots(rows.map(toUser));
  }
}
