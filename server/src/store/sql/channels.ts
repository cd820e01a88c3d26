import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChannelMembership } from '../../model/types.js';
import type { ChannelDirectoryFilter, ChannelRecord, ChannelStore, ChannelWithTeam, TeamChannelCounters } from '../channels.js';
import { fromChannel, fromChannelMember, json, toChannel, toChannelMember } from './rows.js';
import type { ChannelMembersTable, ChannelsTable, Database } from './schema.js';
import { startsWithIgnoringCase } from './like.js';

export class SqlChannelStore implements ChannelStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async create(channel: ChannelRecord): Promise<void> {
    await this.db.insertInto('channels').values(fromChannel(channel)).execute();
  }

  async get(id: string): Promise<ChannelRecord | undefined> {
    const row = await this.db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toChannel(row);
  }

  async getMany(ids: readonly string[]): Promise<ChannelRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('channels').selectAll().where('id', 'in', [...ids]).execute();
    return rows.map(toChannel);
  }

  async getByName(teamId: string, name: string): Promise<ChannelRecord | undefined> {
    const row = await this.db.selectFrom('channels').selectAll().where('team_id', '=', teamId).where('name', '=', name).executeTakeFirst();
    return row && toChannel(row);
  }

  async update(channel: ChannelRecord): Promise<void> {
    const { total_msg_count: _t, total_msg_count_root: _r, last_post_at: _l, last_root_post_at: _lr, ...row } = fromChannel(channel);
    // Counters are only ever moved by recordPost, so a concurrent post is never overwritten.
    await this.db.updateTable('channels').set(row).where('id', '=', channel.id).execute();
  }

  async listPublic(teamId: string, o: { offset: number; limit: number; includeDeleted: boolean; onlyDeleted?: boolean; term?: string; notMemberOf?: string }): Promise<ChannelRecord[]> {
    let query = this.db.selectFrom('channels').selectAll('channels').where('team_id', '=', teamId).where('type', '=', 'O');
    if (o.onlyDeleted) query = query.where('delete_at', '>', 0);
    else if (!o.includeDeleted) query = query.where('delete_at', '=', 0);
    if (o.term) {
      const term = o.term;
      query = query.where((eb) => eb.or([startsWithIgnoringCase(this.dialect, 'name', term), startsWithIgnoringCase(this.dialect, 'display_name', term)]));
    }
    if (o.notMemberOf) {
      const userId = o.notMemberOf;
      query = query.where((eb) => eb.not(eb.exists(eb.selectFrom('channel_members').select('user_id')
        .whereRef('channel_members.channel_id', '=', 'channels.id').where('channel_members.user_id', '=', userId))));
    }
    const rows = await query.orderBy('display_name').orderBy('id').offset(o.offset).limit(o.limit).execute();
    return rows.map(toChannel);
  }

  async listPrivate(teamId: string, o: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    const rows = await this.db.selectFrom('channels').selectAll().where('team_id', '=', teamId).where('type', '=', 'P')
      .orderBy('display_name').orderBy('id').offset(o.offset).limit(o.limit).execute();
    return rows.map(toChannel);
  }

  private directory(filter: ChannelDirectoryFilter) {
    let query = this.db.selectFrom('channels').innerJoin('teams', 'teams.id', 'channels.team_id')
      .where('channels.type', 'in', filter.types.length > 0 ? [...filter.types] : ['O', 'P']);
    if (filter.onlyDeleted) query = query.where('channels.delete_at', '>', 0);
    else if (!filter.includeDeleted) query = query.where('channels.delete_at', '=', 0);
    if (filter.teamIds && filter.teamIds.length > 0) query = query.where('channels.team_id', 'in', [...filter.teamIds]);
    if (filter.excludeNames && filter.excludeNames.length > 0) query = query.where('channels.name', 'not in', [...filter.excludeNames]);
    if (filter.term) {
      const term = filter.term;
      query = query.where((eb) => eb.or([startsWithIgnoringCase(this.dialect, 'channels.name', term), startsWithIgnoringCase(this.dialect, 'channels.display_name', term)]));
    }
    return query;
  }

  async listAll(filter: ChannelDirectoryFilter, page: { offset: number; limit: number }): Promise<ChannelWithTeam[]> {
    const rows = await this.directory(filter).selectAll('channels')
      .select(['teams.display_name as team_display_name', 'teams.name as team_name', 'teams.update_at as team_update_at'])
      .orderBy('channels.display_name').orderBy('channels.id').offset(page.offset).limit(page.limit).execute();
    return rows.map(({ team_display_name, team_name, team_update_at, ...channel }) => ({ ...toChannel(channel), team_display_name, team_name, team_update_at }));
  }

  async countAll(filter: ChannelDirectoryFilter): Promise<number> {
    const row = await this.directory(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForUser(userId: string, o: { teamId?: string; includeDeleted: boolean }): Promise<ChannelRecord[]> {
    let query = this.db.selectFrom('channels').innerJoin('channel_members', 'channel_members.channel_id', 'channels.id')
      .selectAll('channels').where('channel_members.user_id', '=', userId);
    if (o.teamId !== undefined) {
      const teamId = o.teamId;
      query = query.where((eb) => eb.or([eb('channels.team_id', '=', teamId), eb('channels.team_id', '=', '')]));
    }
    if (!o.includeDeleted) query = query.where('channels.delete_at', '=', 0);
    const rows = await query.orderBy('channels.display_name').execute();
    return rows.map(toChannel);
  }

  async saveMember(member: ChannelMembership): Promise<void> {
    const row = fromChannelMember(member);
    await this.db.insertInto('channel_members').values(row)
      .onConflict((oc) => oc.columns(['channel_id', 'user_id']).doUpdateSet({
        roles: row.roles, last_viewed_at: row.last_viewed_at, msg_count: row.msg_count, msg_count_root: row.msg_count_root,
        mention_count: row.mention_count, mention_count_root: row.mention_count_root,
        urgent_mention_count: row.urgent_mention_count, notify_props: row.notify_props, last_update_at: row.last_update_at,
        scheme_user: row.scheme_user, scheme_admin: row.scheme_admin,
      }))
      .execute();
  }

  async getMember(channelId: string, userId: string): Promise<ChannelMembership | undefined> {
    const row = await this.db.selectFrom('channel_members').selectAll().where('channel_id', '=', channelId).where('user_id', '=', userId).executeTakeFirst();
    return row && toChannelMember(row);
  }

  async getWithMember(channelId: string, userId: string): Promise<{ channel?: ChannelRecord; member?: ChannelMembership }> {
    if (this.dialect === 'sqlite') {
      const [channel, member] = await Promise.all([this.get(channelId), this.getMember(channelId, userId)]);
      return { channel, member };
    }
    const { rows: [row] } = await sql<{ channel: Selectable<ChannelsTable> | null; member: Selectable<ChannelMembersTable> | null }>`SELECT
        (SELECT to_json(c) FROM channels c WHERE c.id = ${channelId}) AS channel,
        (SELECT to_json(m) FROM channel_members m WHERE m.channel_id = ${channelId} AND m.user_id = ${userId}) AS member`.execute(this.db);
    return { channel: row.channel ? toChannel(row.channel) : undefined, member: row.member ? toChannelMember(row.member) : undefined };
  }

  async listMembers(channelId: string, o: { offset: number; limit: number }): Promise<ChannelMembership[]> {
    const rows = await this.db.selectFrom('channel_members').selectAll().where('channel_id', '=', channelId)
      .orderBy('user_id').offset(o.offset).limit(o.limit).execute();
    return rows.map(toChannelMember);
  }

  async getMembersByIds(channelId: string, userIds: readonly string[]): Promise<ChannelMembership[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('channel_members').selectAll().where('channel_id', '=', channelId)
      .where('user_id', 'in', [...userIds]).execute();
    return rows.map(toChannelMember);
  }

  async listMemberIds(channelId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('channel_members').select('user_id').where('channel_id', '=', channelId).execute();
    return rows.map((r) => r.user_id);
  }

  async listMembersForUser(userId: string, o: { teamId?: string }): Promise<ChannelMembership[]> {
    let query = this.db.selectFrom('channel_members').innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .selectAll('channel_members').where('channel_members.user_id', '=', userId);
    if (o.teamId !== undefined) {
      const teamId = o.teamId;
      query = query.where((eb) => eb.or([eb('channels.team_id', '=', teamId), eb('channels.team_id', '=', '')]));
    }
    const rows = await query.execute();
    return rows.map(toChannelMember);
  }

  async removeMember(channelId: string, userId: string): Promise<void> {
    await this.db.deleteFrom('channel_members').where('channel_id', '=', channelId).where('user_id', '=', userId).execute();
  }

  async teamChannelCounters(userId: string): Promise<TeamChannelCounters[]> {
    // Two simple halves rather than a LEFT JOIN onto a joined pair, which SQLite answers by indexing every membership.
    const { rows } = await sql<{
      team_id: string; channel_id: string | null; total_msg_count: number; total_msg_count_root: number; msg_count: number;
      msg_count_root: number; mention_count: number; mention_count_root: number; notify_props: string;
    }>`SELECT tm.team_id, NULL AS channel_id, 0 AS total_msg_count, 0 AS total_msg_count_root, 0 AS msg_count,
        0 AS msg_count_root, 0 AS mention_count, 0 AS mention_count_root, '' AS notify_props
      FROM team_members tm JOIN teams t ON t.id = tm.team_id
      WHERE tm.user_id = ${userId} AND tm.delete_at = 0 AND t.delete_at = 0
      UNION ALL
      SELECT c.team_id, cm.channel_id, c.total_msg_count, c.total_msg_count_root, cm.msg_count, cm.msg_count_root,
        cm.mention_count, cm.mention_count_root, cm.notify_props
      FROM channel_members cm
      JOIN channels c ON c.id = cm.channel_id
      JOIN team_members tm ON tm.team_id = c.team_id AND tm.user_id = cm.user_id
      JOIN teams t ON t.id = c.team_id
      WHERE cm.user_id = ${userId} AND c.delete_at = 0 AND tm.delete_at = 0 AND t.delete_at = 0`.execute(this.db);
    return rows.map((r) => r.channel_id === null ? { team_id: r.team_id } : {
      team_id: r.team_id,
      channel: {
        total_msg_count: r.total_msg_count, total_msg_count_root: r.total_msg_count_root, msg_count: r.msg_count,
        msg_count_root: r.msg_count_root, mention_count: r.mention_count, mention_count_root: r.mention_count_root,
        notify_props: json(r.notify_props, {}),
      },
    });
  }

  async viewStates(channelIds: readonly string[], userId: string): Promise<Map<string, 'read' | 'unread'>> {
    const states = new Map<string, 'read' | 'unread'>();
    if (channelIds.length === 0) return states;
    const rows = await this.db.selectFrom('channel_members').innerJoin('channels', 'channels.id', 'channel_members.channel_id')
      .select([
        'channel_members.channel_id',
        'channel_members.msg_count', 'channel_members.msg_count_root', 'channel_members.mention_count', 'channel_members.mention_count_root',
        'channel_members.urgent_mention_count', 'channel_members.last_viewed_at',
        'channels.total_msg_count', 'channels.total_msg_count_root', 'channels.last_post_at',
      ])
      .where('channel_members.channel_id', 'in', channelIds).where('channel_members.user_id', '=', userId).execute();
    for (const row of rows) {
      const read = row.msg_count === row.total_msg_count && row.msg_count_root === row.total_msg_count_root && row.mention_count === 0
        && row.mention_count_root === 0 && row.urgent_mention_count === 0 && row.last_viewed_at >= row.last_post_at;
      states.set(row.channel_id, read ? 'read' : 'unread');
    }
    return states;
  }

  async markReadUpTo(channelIds: readonly string[], userId: string, viewedAt: number): Promise<void> {
    if (channelIds.length === 0) return;
    await this.db.updateTable('channel_members').set((eb) => ({
      msg_count: eb.selectFrom('channels').select('total_msg_count').whereRef('channels.id', '=', 'channel_members.channel_id'),
      msg_count_root: eb.selectFrom('channels').select('total_msg_count_root').whereRef('channels.id', '=', 'channel_members.channel_id'),
      mention_count: 0,
      mention_count_root: 0,
      urgent_mention_count: 0,
      last_viewed_at: viewedAt,
      last_update_at: viewedAt,
    })).where('channel_id', 'in', channelIds).where('user_id', '=', userId).execute();
  }
}
