import { sql, type Kysely } from 'kysely';
import type { AnalyticsStore, DayCount, DayRange, UserCountFilter } from '../../admin/analytics.js';
import type { Database } from '../schema.js';
import { hasSchemeRole, hasSystemRole } from './role_filters.js';

const DAY_MS = 86_400_000;

export class SqlAnalyticsStore implements AnalyticsStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async channelCounts(teamId?: string): Promise<{ open: number; private: number }> {
    let query = this.db.selectFrom('channels').select((eb) => ['type', eb.fn.countAll<number>().as('n')])
      .where('delete_at', '=', 0).where('type', 'in', ['O', 'P']);
    if (teamId) query = query.where('team_id', '=', teamId);
    const rows = await query.groupBy('type').execute();
    const count = (type: string) => Number(rows.find((r) => r.type === type)?.n ?? 0);
    return { open: count('O'), private: count('P') };
  }

  async postCount(teamId?: string): Promise<number> {
    let query = this.db.selectFrom('channels').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total_msg_count'), sql<number>`0`).as('n'));
    if (teamId) query = query.where('team_id', '=', teamId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async postsWithExtras(teamId?: string): Promise<{ withHashtags: number; withFiles: number }> {
    let query = this.db.selectFrom('posts').select([
      sql<number>`coalesce(sum(case when posts.hashtags <> '' then 1 else 0 end), 0)`.as('hashtags'),
      sql<number>`coalesce(sum(case when posts.file_ids <> '[]' then 1 else 0 end), 0)`.as('files'),
    ]);
    if (teamId) query = query.where('posts.channel_id', 'in', (eb) => eb.selectFrom('channels').select('id').where('team_id', '=', teamId));
    const row = await query.executeTakeFirstOrThrow();
    return { withHashtags: Number(row.hashtags), withFiles: Number(row.files) };
  }

  async countUsers(filter: UserCountFilter): Promise<number> {
    let query = this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
    if (!filter.includeDeleted) query = query.where('users.delete_at', '=', 0);
    if (!filter.includeBots) query = query.where('users.is_bot', '=', 0);
    const { teamId, channelId, roles, teamRoles, channelRoles } = filter;
    if (roles && roles.length > 0) {
      query = query.where((eb) => eb.or(roles.map((role) => hasSystemRole('users.roles', role))));
    }
    if (teamId) {
      query = query.where((eb) => eb.exists(eb.selectFrom('team_members').select('team_members.user_id')
        .whereRef('team_members.user_id', '=', 'users.id').where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0)
        .$if(Boolean(teamRoles?.length), (q) => q.where((tb) => tb.or((teamRoles ?? []).map((role) => hasSchemeRole('team_members', role)))))));
    }
    if (channelId) {
      query = query.where((eb) => eb.exists(eb.selectFrom('channel_members').select('channel_members.user_id')
        .whereRef('channel_members.user_id', '=', 'users.id').where('channel_members.channel_id', '=', channelId)
        .$if(Boolean(channelRoles?.length), (q) => q.where((cb) => cb.or((channelRoles ?? []).map((role) => hasSchemeRole('channel_members', role)))))));
    }
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async inactiveUserCount(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where(sql<boolean>`delete_at > 0`).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async activeUserCount(since: number): Promise<number> {
    const row = await this.db.selectFrom('statuses').innerJoin('users', 'users.id', 'statuses.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('statuses.last_activity_at', '>', since).where('users.delete_at', '=', 0).where('users.is_bot', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async teamCount(): Promise<number> {
    const row = await this.db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n')).where('delete_at', '=', 0).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async sessionCount(now: number): Promise<number> {
    const row = await this.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('expires_at', '>', now).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  postCountsByDay(range: DayRange): Promise<DayCount[]> {
    return this.byDay(range, sql<number>`count(*)`);
  }

  botPostCountsByDay(range: DayRange): Promise<DayCount[]> {
    return this.byDay(range, sql<number>`count(*)`, true);
  }

  userCountsWithPostsByDay(range: DayRange): Promise<DayCount[]> {
    return this.byDay(range, sql<number>`count(distinct posts.user_id)`);
  }

  /** One row per UTC day with posts in the range; the range is read through idx_posts_create_at_user. */
  private async byDay(range: DayRange, aggregate: ReturnType<typeof sql<number>>, botsOnly = false): Promise<DayCount[]> {
    const day = sql<number>`posts.create_at / ${sql.lit(DAY_MS)}`;
    let query = this.db.selectFrom('posts').select([day.as('day'), aggregate.as('n')])
      .where('posts.create_at', '>=', range.from).where('posts.create_at', '<=', range.to);
    const teamId = range.teamId;
    if (teamId) query = query.where('posts.channel_id', 'in', (eb) => eb.selectFrom('channels').select('id').where('team_id', '=', teamId));
    if (botsOnly) query = query.where('posts.user_id', 'in', (eb) => eb.selectFrom('bots').select('user_id'));
    const rows = await query.groupBy(day).execute();
    return rows.map((r) => ({ day: Math.floor(Number(r.day)), count: Number(r.n) }));
  }

  async databaseConnections(): Promise<number> {
    if (this.dialect === 'sqlite') return 1;
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database()`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }
}
