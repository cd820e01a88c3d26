import { type ExpressionBuilder, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { MentionSettings, PostCreationContext } from '../posts.js';
import { json, toChannel, toChannelMember, toUser } from './rows.js';
import type { Database } from './schema.js';

type Builder = Kysely<Database> | ExpressionBuilder<Database, never>;

/**
 * Members named in `usernames` or whose settings make mention detection more than `@username`.
 * Notify props are JSON text written by JSON.stringify, so the patterns pick out the few
 * members whose settings differ from the defaults.
 */
function candidatesQuery(db: Builder, channelId: string, usernames: readonly string[]) {
  return db.selectFrom('channel_members').innerJoin('users', 'users.id', 'channel_members.user_id')
    .select(['users.id', 'users.username', 'users.first_name', 'users.notify_props as user_props', 'channel_members.notify_props as member_props'])
    .where('channel_members.channel_id', '=', channelId)
    .where((eb) => eb.or([
      ...(usernames.length > 0 ? [eb('users.username', 'in', [...usernames])] : []),
      eb('users.notify_props', 'like', '%"first_name":"true"%'),
      eb.and([eb('users.notify_props', 'like', '%"mention_keys":"%'), eb('users.notify_props', 'not like', '%"mention_keys":""%')]),
      eb('users.notify_props', 'like', '%"channel":"false"%'),
      eb('channel_members.notify_props', 'like', '%"ignore_channel_mentions":"on"%'),
    ]));
}

interface CandidateRow { id: string; username: string; first_name: string; user_props: string; member_props: string }

const toSettings = (r: CandidateRow): MentionSettings => ({
  userId: r.id, username: r.username, firstName: r.first_name,
  userNotifyProps: json(r.user_props, {}), memberNotifyProps: json(r.member_props, {}),
});

/** PostgreSQL: one round trip, each part as a JSON value. */
export async function creationContextPostgres(db: Kysely<Database>, channelId: string, userId: string, usernames: readonly string[]): Promise<PostCreationContext> {
  const row = await db.selectNoFrom((eb) => [
    jsonObjectFrom(eb.selectFrom('channels').selectAll().where('id', '=', channelId)).as('channel'),
    jsonObjectFrom(eb.selectFrom('channel_members').selectAll().where('channel_id', '=', channelId).where('user_id', '=', userId)).as('member'),
    jsonObjectFrom(eb.selectFrom('users').selectAll().where('id', '=', userId)).as('author'),
    jsonArrayFrom(candidatesQuery(eb, channelId, usernames)).as('candidates'),
  ]).executeTakeFirstOrThrow();
  return {
    channel: row.channel ? toChannel(row.channel) : undefined,
    member: row.member ? toChannelMember(row.member) : undefined,
    author: row.author ? toUser(row.author) : undefined,
    mentionCandidates: row.candidates.map(toSettings),
  };
}

/** SQLite: separate statements, which are in-process calls. */
export async function creationContextSqlite(db: Kysely<Database>, channelId: string, userId: string, usernames: readonly string[]): Promise<PostCreationContext> {
  const [channel, member, author, candidates] = await Promise.all([
    db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirst(),
    db.selectFrom('channel_members').selectAll().where('channel_id', '=', channelId).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst(),
    candidatesQuery(db, channelId, usernames).execute(),
  ]);
  return {
    channel: channel && toChannel(channel), member: member && toChannelMember(member), author: author && toUser(author),
    mentionCandidates: candidates.map(toSettings),
  };
}
