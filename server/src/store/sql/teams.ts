import type { Kysely } from 'kysely';
import type { Team } from '../../model/types.js';
import type { TeamMemberRecord, TeamStore } from '../teams.js';
import { fromTeam, fromTeamMember, toTeam, toTeamMember } from './rows.js';
import type { Database } from './schema.js';
import { startsWithIgnoringCase } from './like.js';

export class SqlTeamStore implements TeamStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async create(team: Team): Promise<void> {
    await this.db.insertInto('teams').values(fromTeam(team)).execute();
  }

  async get(id: string): Promise<Team | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTeam(row);
  }

  async getByName(name: string): Promise<Team | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toTeam(row);
  }

  async getByInviteId(inviteId: string): Promise<Team | undefined> {
    const row = await this.db.selectFrom('teams').selectAll().where('invite_id', '=', inviteId).executeTakeFirst();
    return row && toTeam(row);
  }

  async update(team: Team): Promise<void> {
    await this.db.updateTable('teams').set(fromTeam(team)).where('id', '=', team.id).execute();
  }

  async list(options: { openOnly: boolean; offset: number; limit: number; includeDeleted?: boolean }): Promise<Team[]> {
    let query = this.db.selectFrom('teams').selectAll();
    if (options.openOnly) query = query.where('allow_open_invite', '=', 1);
    if (!options.includeDeleted) query = query.where('delete_at', '=', 0);
    const rows = await query.orderBy('display_name').orderBy('id').offset(options.offset).limit(options.limit).execute();
    return rows.map(toTeam);
  }

  async count(options: { openOnly: boolean }): Promise<number> {
    let query = this.db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n')).where('delete_at', '=', 0);
    if (options.openOnly) query = query.where('allow_open_invite', '=', 1);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async search(term: string, options: { openOnly: boolean; limit: number }): Promise<Team[]> {
    let query = this.db.selectFrom('teams').selectAll().where('delete_at', '=', 0)
      .where((eb) => eb.or([startsWithIgnoringCase(this.dialect, 'name', term), startsWithIgnoringCase(this.dialect, 'display_name', term)]));
    if (options.openOnly) query = query.where('allow_open_invite', '=', 1);
    const rows = await query.orderBy('display_name').orderBy('id').limit(options.limit).execute();
    return rows.map(toTeam);
  }

  async listForUser(userId: string): Promise<Team[]> {
    const rows = await this.db.selectFrom('teams').innerJoin('team_members', 'team_members.team_id', 'teams.id')
      .selectAll('teams').where('team_members.user_id', '=', userId).where('team_members.delete_at', '=', 0)
      .where('teams.delete_at', '=', 0).orderBy('teams.display_name').execute();
    return rows.map(toTeam);
  }

  async saveMember(member: TeamMemberRecord): Promise<void> {
    const row = fromTeamMember(member, Date.now());
    await this.db.insertInto('team_members').values(row)
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({
        roles: row.roles, delete_at: row.delete_at, scheme_user: row.scheme_user,
        scheme_admin: row.scheme_admin, scheme_guest: row.scheme_guest,
      }))
      .execute();
  }

  async getMember(teamId: string, userId: string): Promise<TeamMemberRecord | undefined> {
    const row = await this.db.selectFrom('team_members').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return row && toTeamMember(row);
  }

  async listMembers(teamId: string, options: { offset: number; limit: number }): Promise<TeamMemberRecord[]> {
    const rows = await this.db.selectFrom('team_members').selectAll().where('team_id', '=', teamId).where('delete_at', '=', 0)
      .orderBy('user_id').offset(options.offset).limit(options.limit).execute();
    return rows.map(toTeamMember);
  }

  async getMembersByIds(teamId: string, userIds: readonly string[]): Promise<TeamMemberRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('team_members').selectAll().where('team_id', '=', teamId)
      .where('user_id', 'in', [...userIds]).where('delete_at', '=', 0).execute();
    return rows.map(toTeamMember);
  }

  async listMemberIds(teamId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).where('delete_at', '=', 0).execute();
    return rows.map((r) => r.user_id);
  }

  async listMembersForUser(userId: string): Promise<TeamMemberRecord[]> {
    const rows = await this.db.selectFrom('team_members').innerJoin('teams', 'teams.id', 'team_members.team_id')
      .selectAll('team_members').where('team_members.user_id', '=', userId).where('team_members.delete_at', '=', 0)
      .where('teams.delete_at', '=', 0).execute();
    return rows.map(toTeamMember);
  }

  async countMembers(teamId: string): Promise<{ total: number; active: number }> {
    const row = await this.db.selectFrom('team_members').innerJoin('users', 'users.id', 'team_members.user_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('users.delete_at', '=', 0).then(1).else(0).end()).as('active'),
      ])
      .where('team_members.team_id', '=', teamId).where('team_members.delete_at', '=', 0).executeTakeFirstOrThrow();
    return { total: Number(row.total), active: Number(row.active ?? 0) };
  }
}
