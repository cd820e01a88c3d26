import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { MentionLookup, MentionSettings, PostCreationContext } from '../posts.js';
import { json, toChannel, toChannelMember, toUser } from './rows.js';
import type { Dialect } from './connect.js';
import type { ChannelMembersTable, ChannelsTable, Database, UsersTable } from './schema.js';
import type { SqliteDirect } from './sqlite_direct.js';

/**
 * The values of a list given as one parameter (an array on PostgreSQL, JSON on SQLite), so the statement text (and
 * its prepared plan) is the same for any length.
 */
function oneOf(dialect: Dialect, list: unknown): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`(SELECT unnest(${list}::text[]))` : sql`(SELECT value FROM json_each(${list}))`;
}

/** The candidates statement's parameters: values to bind, or (SQLite) raw named placeholders. */
interface CandidateParams { channel: unknown; usernames: unknown; words: unknown }

/**
 * The members a post may mention beyond the channel-wide words: those it names by username and those with a mention
 * key or first name starting with one of its words (mention_words). Driven from those few users, never from the
 * channel's member list, so the cost does not grow with the channel.
 */
function candidatesQuery(dialect: Dialect, params: CandidateParams): RawBuilder<CandidateRow> {
  // SQLite's planner would rather walk the channel's members; CROSS JOIN fixes its join order (PostgreSQL has statistics).
  const join = dialect === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;
  return sql<CandidateRow>`
    SELECT u.id, u.username, u.first_name, u.notify_props AS user_props, m.notify_props AS member_props
    FROM (SELECT id AS user_id FROM users WHERE username IN ${oneOf(dialect, params.usernames)}
          UNION SELECT user_id FROM mention_words WHERE word IN ${oneOf(dialect, params.words)}) AS possible
    ${join} channel_members m ON m.channel_id = ${params.channel} AND m.user_id = possible.user_id
    ${join} users u ON u.id = possible.user_id`;
}

interface CandidateRow { id: string; username: string; first_name: string; user_props: string; member_props: string }

const postgresCandidates = (channelId: string, lookup: MentionLookup): RawBuilder<CandidateRow> =>
  candidatesQuery('postgres', { channel: channelId, usernames: [...lookup.usernames], words: [...lookup.words] });

/** The SQLite candidates statement with named parameters; its text never changes, so it is compiled once. */
let sqliteCandidatesText: string | undefined;
const sqliteCandidates = (db: Kysely<Database>): string =>
  sqliteCandidatesText ??= candidatesQuery('sqlite', { channel: sql.raw(':channel'), usernames: sql.raw(':usernames'), words: sql.raw(':words') })
    .compile(db).sql;

const toSettings = (r: CandidateRow): MentionSettings => ({
  userId: r.id, username: r.username, firstName: r.first_name,
  userNotifyProps: json(r.user_props, {}), memberNotifyProps: json(r.member_props, {}),
});

interface ContextRow {
  channel: Selectable<ChannelsTable> | null;
  member: Selectable<ChannelMembersTable> | null;
  author: Selectable<UsersTable> | null;
  candidates: CandidateRow[];
}

/** PostgreSQL: one round trip, each part as a JSON value. */
export async function creationContextPostgres(db: Kysely<Database>, channelId: string, userId: string, lookup: MentionLookup): Promise<PostCreationContext> {
  const { rows: [row] } = await sql<ContextRow>`SELECT
      (SELECT to_json(c) FROM channels c WHERE c.id = ${channelId}) AS channel,
      (SELECT to_json(m) FROM channel_members m WHERE m.channel_id = ${channelId} AND m.user_id = ${userId}) AS member,
      (SELECT to_json(u) FROM users u WHERE u.id = ${userId}) AS author,
      (SELECT coalesce(json_agg(x), '[]') FROM (${postgresCandidates(channelId, lookup)}) x) AS candidates`.execute(db);
  return {
    channel: row.channel ? toChannel(row.channel) : undefined,
    member: row.member ? toChannelMember(row.member) : undefined,
    author: row.author ? toUser(row.author) : undefined,
    mentionCandidates: row.candidates.map(toSettings),
  };
}

/** SQLite: synchronous statements on the connection, inside a store transaction (see SqliteDirect). */
export function mentionCandidatesSqlite(db: Kysely<Database>, direct: SqliteDirect, channelId: string, lookup: MentionLookup): MentionSettings[] {
  const params = { channel: channelId, usernames: JSON.stringify(lookup.usernames), words: JSON.stringify(lookup.words) };
  return direct.all<CandidateRow>(sqliteCandidates(db), params).map(toSettings);
}

export function creationContextSqlite(db: Kysely<Database>, direct: SqliteDirect, channelId: string, userId: string, lookup: MentionLookup): PostCreationContext {
  const channel = direct.get<Selectable<ChannelsTable>>('SELECT * FROM channels WHERE id = ?', channelId);
  const member = direct.get<Selectable<ChannelMembersTable>>('SELECT * FROM channel_members WHERE channel_id = ? AND user_id = ?', channelId, userId);
  const author = direct.get<Selectable<UsersTable>>('SELECT * FROM users WHERE id = ?', userId);
  return {
    channel: channel && toChannel(channel), member: member && toChannelMember(member), author: author && toUser(author),
    mentionCandidates: mentionCandidatesSqlite(db, direct, channelId, lookup),
  };
}

/** PostgreSQL: the candidates alone, one round trip. */
export async function mentionCandidatesPostgres(db: Kysely<Database>, channelId: string, lookup: MentionLookup): Promise<MentionSettings[]> {
  const { rows } = await postgresCandidates(channelId, lookup).execute(db);
  return rows.map(toSettings);
}

/** Members whose settings may turn channel-wide mentions off for them, for posts with @channel, @all or @here. */
export async function channelMentionSettings(db: Kysely<Database>, channelId: string): Promise<MentionSettings[]> {
  // Notify props are JSON text written by JSON.stringify, so these patterns pick out the few non-default members.
  const rows = await db.selectFrom('channel_members').innerJoin('users', 'users.id', 'channel_members.user_id')
    .select(['users.id', 'users.username', 'users.first_name', 'users.notify_props as user_props', 'channel_members.notify_props as member_props'])
    .where('channel_members.channel_id', '=', channelId)
    .where((eb) => eb.or([
      eb('users.notify_props', 'like', '%"channel":"false"%'),
      eb('channel_members.notify_props', 'like', '%"ignore_channel_mentions":"on"%'),
    ]))
    .execute();
  return rows.map(toSettings);
}
