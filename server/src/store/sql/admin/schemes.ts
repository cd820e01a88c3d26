import type { Kysely, Selectable } from 'kysely';
import type { ChannelRecord, Team } from '../../../model/types.js';
import type { Scheme, SchemeAssignment, SchemeScope, SchemeStore } from '../../admin/schemes.js';
import { toChannel, toTeam } from '../rows.js';
import type { Database, SchemesTable } from '../schema.js';

// Parley has no playbooks or runs; their role names stay empty, as on a Mattermost server without them.
const toScheme = (r: Selectable<SchemesTable>): Scheme => ({
  ...r, scope: r.scope as SchemeScope, default_playbook_admin_role: '', default_playbook_member_role: '', default_run_member_role: '',
});

const fromScheme = (s: Scheme): SchemesTable => ({
  id: s.id, name: s.name, display_name: s.display_name, description: s.description, scope: s.scope,
  default_team_admin_role: s.default_team_admin_role, default_team_user_role: s.default_team_user_role,
  default_team_guest_role: s.default_team_guest_role, default_channel_admin_role: s.default_channel_admin_role,
  default_channel_user_role: s.default_channel_user_role, default_channel_guest_role: s.default_channel_guest_role,
  create_at: s.create_at, update_at: s.update_at, delete_at: s.delete_at,
});

export class SqlSchemeStore implements SchemeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(scheme: Scheme): Promise<void> {
    await this.db.insertInto('schemes').values(fromScheme(scheme)).execute();
  }

  async get(id: string): Promise<Scheme | undefined> {
    const row = await this.db.selectFrom('schemes').selectAll().where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return row && toScheme(row);
  }

  async list(options: { scope?: SchemeScope; offset: number; limit: number }): Promise<Scheme[]> {
    let query = this.db.selectFrom('schemes').selectAll().where('delete_at', '=', 0);
    if (options.scope) query = query.where('scope', '=', options.scope);
    const rows = await query.orderBy('create_at').orderBy('id').offset(options.offset).limit(options.limit).execute();
    return rows.map(toScheme);
  }

  async update(scheme: Scheme): Promise<void> {
    await this.db.updateTable('schemes')
      .set({ name: scheme.name, display_name: scheme.display_name, description: scheme.description, update_at: scheme.update_at })
      .where('id', '=', scheme.id).execute();
  }

  async getByName(name: string): Promise<Scheme | undefined> {
    const row = await this.db.selectFrom('schemes').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toScheme(row);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('schemes').where('id', '=', id).execute();
    await this.db.updateTable('teams').set({ scheme_id: '' }).where('scheme_id', '=', id).execute();
    await this.db.updateTable('channels').set({ scheme_id: '' }).where('scheme_id', '=', id).execute();
  }

  async teamsOf(schemeId: string, page: { offset: number; limit: number }): Promise<Team[]> {
    const rows = await this.db.selectFrom('teams').selectAll().where('scheme_id', '=', schemeId).where('delete_at', '=', 0)
      .orderBy('display_name').orderBy('id').offset(page.offset).limit(page.limit).execute();
    return rows.map(toTeam);
  }

  async channelsOf(schemeId: string, page: { offset: number; limit: number }): Promise<ChannelRecord[]> {
    const rows = await this.db.selectFrom('channels').selectAll().where('scheme_id', '=', schemeId).where('delete_at', '=', 0)
      .orderBy('display_name').orderBy('id').offset(page.offset).limit(page.limit).execute();
    return rows.map(toChannel);
  }

  async setTeamScheme(teamId: string, schemeId: string): Promise<void> {
    await this.db.updateTable('teams').set({ scheme_id: schemeId }).where('id', '=', teamId).execute();
  }

  async setChannelScheme(channelId: string, schemeId: string): Promise<void> {
    await this.db.updateTable('channels').set({ scheme_id: schemeId }).where('id', '=', channelId).execute();
  }

  async teamAssignments(): Promise<SchemeAssignment[]> {
    const rows = await this.db.selectFrom('teams').select(['id', 'scheme_id']).where('scheme_id', '<>', '').execute();
    return rows.map((r) => ({ id: r.id, scheme_id: r.scheme_id ?? '' }));
  }

  async channelAssignments(): Promise<SchemeAssignment[]> {
    const rows = await this.db.selectFrom('channels').select(['id', 'scheme_id']).where('scheme_id', '<>', '').execute();
    return rows.map((r) => ({ id: r.id, scheme_id: r.scheme_id ?? '' }));
  }
}
