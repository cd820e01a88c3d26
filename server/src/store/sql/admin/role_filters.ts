import { sql, type Expression, type SqlBool } from 'kysely';

/** Whether a space-separated roles column lists `role` (names are [a-z0-9_]; `_` is escaped for LIKE). */
const listsRole = (column: string, role: string): Expression<SqlBool> =>
  sql<SqlBool>`(' ' || ${sql.ref(column)} || ' ') like ${`% ${role.replace(/_/g, '\\_')} %`} escape '\\'`;

/** Users holding the system role; `system_user` means no other system role, as upstream filters it. */
export const hasSystemRole = (rolesColumn: string, role: string): Expression<SqlBool> =>
  role === 'system_user' ? sql<SqlBool>`${sql.ref(rolesColumn)} = ${role}` : listsRole(rolesColumn, role);

/** A scheme role name as the membership flags that make it (team_user is a member who is not also an admin). */
export function hasSchemeRole(table: 'team_members' | 'channel_members', role: string): Expression<SqlBool> {
  const flag = (name: 'scheme_user' | 'scheme_admin' | 'scheme_guest') => sql.ref(`${table}.${name}`);
  if (role.endsWith('_admin')) return sql<SqlBool>`${flag('scheme_admin')} = 1`;
  if (role.endsWith('_guest')) return sql<SqlBool>`${flag('scheme_guest')} = 1`;
  return sql<SqlBool>`(${flag('scheme_user')} = 1 and ${flag('scheme_admin')} = 0)`;
}
