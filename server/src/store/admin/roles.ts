import type { Role } from '../../model/types.js';

export type { Role };

export interface RoleStore {
  /** Every live role (built-in and scheme roles), by name. */
  list(): Promise<Role[]>;
  get(id: string): Promise<Role | undefined>;
  getByName(name: string): Promise<Role | undefined>;
  getByNames(names: readonly string[]): Promise<Role[]>;
  /** Inserts the roles whose names are not stored yet; existing ones (perhaps edited by an admin) are kept. */
  insertMissing(roles: readonly Role[]): Promise<void>;
  create(role: Role): Promise<void>;
  /** Writes the role's permissions and update_at. */
  updatePermissions(id: string, permissions: readonly string[], updateAt: number): Promise<void>;
  deleteByNames(names: readonly string[]): Promise<void>;
}
