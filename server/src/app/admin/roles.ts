import { AppError, notFound } from '../../model/errors.js';
import { makeEvent } from '../../model/events.js';
import type { Role } from '../../model/types.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { isKnownPermission } from './permission_ids.js';
import { ROLE_UPDATED, type RoleRegistry } from './role_registry.js';

/** Mattermost's limit on one POST /roles/names. */
export const MAX_ROLE_NAMES = 100;

/** Permissions no patch may add or remove: they would let an admin of roles make themselves more (Mattermost). */
const UNPATCHABLE = new Set([
  'sysconsole_write_user_management_system_roles', 'sysconsole_read_user_management_system_roles', 'manage_roles', 'manage_system',
]);
/** Roles only a full system admin may edit: the system admin role itself and the delegated admin roles. */
const PROTECTED_ROLES = new Set(['system_admin', 'system_user_manager', 'system_read_only_admin', 'system_manager']);
/** The roles of the permission schemes page; every other role is a system role. */
const SCHEME_PAGE_ROLES = new Set(['team_admin', 'channel_admin', 'system_user', 'team_user', 'channel_user', 'system_guest', 'team_guest', 'channel_guest']);

export const WRITE_PERMISSIONS = 'sysconsole_write_user_management_permissions';
export const READ_PERMISSIONS = 'sysconsole_read_user_management_permissions';

const invalidRole = (detail: string): AppError => new AppError('app.role.save.invalid_role.app_error', `Invalid role: ${detail}.`, 400);

/** Reads and edits of roles; permission checks read them through the registry. */
export class RoleService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly registry: RoleRegistry) {}

  list(actor: Actor): Promise<Role[]> {
    this.permissions.requireSystem(actor, 'manage_system');
    return this.deps.store.roles.list();
  }

  async get(id: string): Promise<Role> {
    const role = await this.deps.store.roles.get(id);
    if (!role) throw notFound('role');
    return role;
  }

  async getByName(name: string): Promise<Role> {
    const role = await this.deps.store.roles.getByName(name);
    if (!role) throw notFound('role');
    return role;
  }

  /** Unknown names are left out, as Mattermost does. */
  getByNames(names: readonly string[]): Promise<Role[]> {
    return this.deps.store.roles.getByNames([...new Set(names)]);
  }

  /** PUT /roles/{id}/patch: replaces the role's permissions; every node applies it before its next check. */
  async patchPermissions(actor: Actor, id: string, permissions: readonly string[]): Promise<Role> {
    const role = await this.get(id);
    this.permissions.requireSystem(actor, PROTECTED_ROLES.has(role.name) ? 'manage_system' : WRITE_PERMISSIONS);
    if (!SCHEME_PAGE_ROLES.has(role.name) && !role.scheme_managed) this.permissions.requireSystem(actor, 'sysconsole_write_user_management_system_roles');
    const unknown = permissions.find((p) => !isKnownPermission(p));
    if (unknown !== undefined) throw invalidRole(`unknown permission ${unknown}`);
    const next = [...new Set(permissions)];
    const before = new Set(role.permissions);
    const changed = [...next.filter((p) => !before.has(p)), ...role.permissions.filter((p) => !next.includes(p))];
    const forbidden = changed.find((p) => UNPATCHABLE.has(p));
    if (forbidden !== undefined) {
      throw new AppError('api.roles.patch_roles.not_allowed_permission.error', `Cannot add or remove permission: ${forbidden}.`, 403);
    }
    return this.writePermissions(role, next);
  }

  /** Stores a role's new permissions, reloads this node's registry and tells every node and client. */
  async writePermissions(role: Role, permissions: readonly string[]): Promise<Role> {
    const updated: Role = { ...role, permissions: [...permissions], update_at: Date.now() };
    await this.deps.store.roles.updatePermissions(role.id, updated.permissions, updated.update_at);
    await this.registry.reload();
    this.announce(updated);
    return updated;
  }

  /** `role_updated` goes to every client (they keep the roles they have loaded), and reloads every node. */
  announce(role: Role): void {
    this.deps.bus.publish(makeEvent(ROLE_UPDATED, { role: JSON.stringify(role) }, {}));
  }
}
