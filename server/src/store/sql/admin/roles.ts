import type { Kysely, Selectable } from 'kysely';
import type { Role, RoleStore } from '../../admin/roles.js';
import type { Database, RolesTable } from '../schema.js';

const toRole = (r: Selectable<RolesTable>): Role => ({
  ...r, permissions: r.permissions.split(' ').filter(Boolean), scheme_managed: r.scheme_managed === 1, built_in: r.built_in === 1,
});

const fromRole = (r: Role): RolesTable => ({
  ...r, permissions: r.permissions.join(' '), scheme_managed: r.scheme_managed ? 1 : 0, built_in: r.built_in ? 1 : 0,
});

export class SqlRoleStore implements RoleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Role[]> {
    const rows = await this.db.selectFrom('roles').selectAll().where('delete_at', '=', 0).orderBy('name').execute();
    return rows.map(toRole);
  }

  async get(id: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return row && toRole(row);
  }

  async getByName(name: string): Promise<Role | undefined> {
    const row = await this.db.selectFrom('roles').selectAll().where('name', '=', name).where('delete_at', '=', 0).executeTakeFirst();
    return row && toRole(row);
  }

  async getByNames(names: readonly string[]): Promise<Role[]> {
    if (names.length === 0) return [];
    const rows = await this.db.selectFrom('roles').selectAll().where('name', 'in', [...names]).where('delete_at', '=', 0).orderBy('name').execute();
    return rows.map(toRole);
  }

  async insertMissing(roles: readonly Role[]): Promise<void> {
    if (roles.length === 0) return;
    await this.db.insertInto('roles').values(roles.map(fromRole)).onConflict((oc) => oc.column('name').doNothing()).execute();
  }

  async create(role: Role): Promise<void> {
    await this.db.insertInto('roles').values(fromRole(role)).execute();
  }

  async updatePermissions(id: string, permissions: readonly string[], updateAt: number): Promise<void> {
    await this.db.updateTable('roles').set({ permissions: permissions.join(' '), update_at: updateAt }).where('id', '=', id).execute();
  }

  async deleteByNames(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.db.deleteFrom('roles').where('name', 'in', [...names]).execute();
  }
}
