import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../src/app/admin/default_roles.js';
import { ALL_PERMISSIONS, isKnownPermission } from '../../src/app/admin/permission_ids.js';

describe('default roles', () => {
  it('hold only permissions a role patch accepts, so an admin can write any of them back unchanged', () => {
    for (const role of DEFAULT_ROLES) expect(role.permissions.filter((p) => !isKnownPermission(p)), role.name).toEqual([]);
  });

  it('give the system admin every permission, and the delegated console roles read access without manage_system', () => {
    const byName = new Map(DEFAULT_ROLES.map((r) => [r.name, new Set(r.permissions)]));
    expect(ALL_PERMISSIONS.every((p) => byName.get('system_admin')?.has(p))).toBe(true);
    for (const name of ['system_manager', 'system_user_manager', 'system_read_only_admin']) {
      const permissions = byName.get(name) ?? new Set();
      expect([...permissions].some((p) => p.startsWith('sysconsole_read_')), name).toBe(true);
      expect(permissions.has('manage_system'), name).toBe(false);
    }
    expect(byName.get('system_read_only_admin')?.has('sysconsole_write_environment_web_server')).toBe(false);
    expect(byName.get('system_manager')?.has('sysconsole_write_environment_web_server')).toBe(true);
  });
});
