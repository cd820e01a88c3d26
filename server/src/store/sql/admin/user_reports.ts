import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  PostStatsRange, UserPostStats, UserReportFilter, UserReportPageQuery, UserReportRow, UserReportStore,
} from '../../admin/user_reports.js';
import { startsWithIgnoringCase } from '../like.js';
import { toUser } from '../rows.js';
import type { Database } from '../schema.js';
import { hasSystemRole } from './role_filters.js';

const DAY_MS = 86_400_000;
const SEARCHED_COLUMNS = ['users.username', 'users.first_name', 'users.last_name', 'users.nickname', 'users.email'];

type UsersQuery<O> = SelectQueryBuilder<Database, 'users', O>;

/** The filters every report query shares; bots are never in a report. */
function filtered<Q extends UsersQuery<O>, O>(query: Q, filter: UserReportFilter, dialect: 'sqlite' | 'postgres'): Q {
  let q = query.where('users.is_bot', '=', 0) as Q;
  const { role, teamId, searchTerm } = filter;
  if (role) q = q.where(hasSystemRole('users.roles', role)) as Q;
  const activeMembership = (eb: ExpressionBuilder<Database, 'users'>) => eb.selectFrom('team_members').select('team_members.user_id')
    .whereRef('team_members.user_id', '=', 'users.id').where('team_members.delete_at', '=', 0);
  if (filter.hasNoTeam) q = q.where((eb) => eb.not(eb.exists(activeMembership(eb)))) as Q;
  else if (teamId) q = q.where((eb) => eb.exists(activeMembership(eb).where('team_members.team_id', '=', teamId))) as Q;
  if (filter.onlyInactive) q = q.where('users.delete_at', '>', 0) as Q;
  if (filter.onlyActive) q = q.where('users.delete_at', '=', 0) as Q;
  // Every word must start one of the columns; a leading @ is how users write usernames.
  const words = (searchTerm ?? '').split(/\s+/).map((word) => word.replace(/^@/, '')).filter(Boolean);
  for (const word of words) q = q.where((eb) => eb.or(SEARCHED_COLUMNS.map((column) => startsWithIgnoringCase(dialect, column, word)))) as Q;
  return q;
}

export class SqlUserReportStore implements UserReportStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async page({ filter, sortColumn, descending, direction, cursor, limit }: UserReportPageQuery): Promise<UserReportRow[]> {
    const column = sql.ref(`users.${sortColumn}`);
    // Reading backwards (an earlier page, or any page of a descending sort) walks the keyset downwards.
    const downwards = cursor !== undefined && direction === 'prev' ? !descending : descending;
    const order = downwards ? sql`desc` : sql`asc`;
    let query = filtered(this.db.selectFrom('users').leftJoin('statuses', 'statuses.user_id', 'users.id')
      .selectAll('users').select('statuses.last_activity_at as last_status_at'), filter, this.dialect);
    if (cursor) {
      const { value, id } = cursor;
      // The first bound alone lets the sort column's index find the start; the second settles ties by id.
      query = downwards
        ? query.where(sql<boolean>`${column} <= ${value}`).where(sql<boolean>`(${column} < ${value} or users.id < ${id})`)
        : query.where(sql<boolean>`${column} >= ${value}`).where(sql<boolean>`(${column} > ${value} or users.id > ${id})`);
    }
    const rows = await query.orderBy(sql`${column} ${order}`).orderBy(sql`users.id ${order}`).limit(limit).execute();
    const page = rows.map((row): UserReportRow => ({
      user: toUser(row),
      ...(row.last_status_at === null ? {} : { lastStatusAt: Number(row.last_status_at) }),
    }));
    return downwards === descending ? page : page.reverse();
  }

  async count(filter: UserReportFilter): Promise<number> {
    const row = await filtered(this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')), filter, this.dialect).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async postStats(userIds: readonly string[], range: PostStatsRange): Promise<UserPostStats[]> {
    if (userIds.length === 0) return [];
    let query = this.db.selectFrom('posts').select((eb) => [
      'posts.user_id',
      eb.fn.max('posts.create_at').as('last_post_at'),
      sql<number>`count(distinct posts.create_at / ${sql.lit(DAY_MS)})`.as('days_active'),
      eb.fn.countAll<number>().as('total_posts'),
    ]).where('posts.user_id', 'in', userIds).where('posts.delete_at', '=', 0)
      // Join and leave messages carry their subject as author; they are not posts anyone wrote.
      .where(sql<boolean>`posts.type not like 'system\\_%' escape '\\'`);
    if (range.from > 0) query = query.where('posts.create_at', '>=', range.from);
    if (range.to > 0) query = query.where('posts.create_at', '<', range.to);
    const rows = await query.groupBy('posts.user_id').execute();
    return rows.map((r) => ({ userId: r.user_id, lastPostAt: Number(r.last_post_at), daysActive: Number(r.days_active), totalPosts: Number(r.total_posts) }));
  }
}
