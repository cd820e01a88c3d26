import { describe, expect, it } from 'vitest';
import type { Audit } from '@mattermost/types/audits';
import type { UserProfile } from '@mattermost/types/users';
import { canOpenConsole, rolesWithChoice, systemRoleOf } from '../src/features/admin/access';
import { groupSections, resolveSection } from '../src/features/admin/resolve';
import { emptyUserFilter, matchesUserFilter, profilesQuery, searchOptions } from '../src/features/admin/users/filters';
import { auditQuery, emptyAuditFilter, matchesAuditQuery, usernameToResolve, type AuditFilter } from '../src/features/admin/audits/filter';
import { parseRoute } from '../src/router/routes';

describe('console access', () => {
  it('opens for system admins and Mattermost\'s delegated admin roles only', () => {
    expect(canOpenConsole('system_user system_admin')).toBe(true);
    expect(canOpenConsole('system_user system_user_manager')).toBe(true);
    expect(canOpenConsole('system_user system_manager')).toBe(true);
    expect(canOpenConsole('system_read_only_admin system_user')).toBe(true);
    expect(canOpenConsole('system_user')).toBe(false);
    expect(canOpenConsole('system_guest')).toBe(false);
    expect(canOpenConsole('system_user system_administrator')).toBe(false);
    expect(canOpenConsole(undefined)).toBe(false);
  });

  it('shows one system role and writes the choice back keeping unrelated roles', () => {
    expect(systemRoleOf('system_user')).toBe('member');
    expect(systemRoleOf('system_user system_admin')).toBe('system_admin');
    expect(systemRoleOf('system_user system_read_only_admin')).toBe('system_read_only_admin');
    expect(rolesWithChoice('system_user', 'system_admin')).toBe('system_user system_admin');
    expect(rolesWithChoice('system_user system_admin', 'member')).toBe('system_user');
    expect(rolesWithChoice('system_user system_admin', 'system_user_manager')).toBe('system_user system_user_manager');
    expect(rolesWithChoice('system_user system_post_all custom_role', 'system_manager')).toBe('system_user system_manager system_post_all custom_role');
  });

  it('routes /admin_console paths to the console with the rest as its subpath', () => {
    expect(parseRoute('/admin_console')).toEqual({ name: 'adminConsole', subpath: '' });
    expect(parseRoute('/admin_console/user_management/users/abc')).toEqual({ name: 'adminConsole', subpath: 'user_management/users/abc' });
    expect(parseRoute('/acme/channels/town-square')).toEqual({ name: 'channel', team: 'acme', channel: 'town-square' });
  });

  it('resolves a path to the longest matching section and its subpath', () => {
    const sections = [{ path: 'user_management/users' }, { path: 'user_management/users_extra' }, { path: 'reporting/server_logs' }, { path: 'user_management' }];
    expect(resolveSection(sections, 'user_management/users')).toEqual({ section: sections[0], subpath: '' });
    expect(resolveSection(sections, 'user_management/users/u1/')).toEqual({ section: sections[0], subpath: 'u1' });
    expect(resolveSection(sections, 'user_management/users_extra')?.section).toBe(sections[1]);
    expect(resolveSection(sections, 'user_management/teams')).toEqual({ section: sections[3], subpath: 'teams' });
    expect(resolveSection(sections, 'reporting')).toBeUndefined();
    expect(resolveSection(sections, '')).toBeUndefined();
  });

  it('groups sections in the order their groups first appear', () => {
    const grouped = groupSections([
      { group: 'Reporting', path: 'a' }, { group: 'Users', path: 'b' }, { group: 'Reporting', path: 'c' },
    ]);
    expect(grouped.map((g) => [g.group, g.sections.map((s) => s.path)])).toEqual([['Reporting', ['a', 'c']], ['Users', ['b']]]);
  });
});

const user = (over: Partial<UserProfile>): UserProfile => ({ id: 'u', username: 'u', roles: 'system_user', delete_at: 0, ...over }) as UserProfile;

describe('user filters', () => {
  it('turns a filter into GET /users query options', () => {
    expect(profilesQuery(emptyUserFilter)).toEqual({});
    expect(profilesQuery({ term: '', role: 'system_admin', teamId: 't1', status: 'inactive' })).toEqual({ in_team: 't1', role: 'system_admin', inactive: true });
    expect(profilesQuery({ ...emptyUserFilter, status: 'active' })).toEqual({ active: true });
  });

  it('asks the search for deactivated users unless only active ones are wanted', () => {
    expect(searchOptions(emptyUserFilter, 100)).toEqual({ allow_inactive: true, limit: 100 });
    expect(searchOptions({ ...emptyUserFilter, status: 'active', teamId: 't1' }, 50)).toEqual({ allow_inactive: false, limit: 50, team_id: 't1' });
  });

  it('keeps search results by role and status', () => {
    const admin = user({ roles: 'system_user system_admin' });
    const gone = user({ delete_at: 5 });
    expect(matchesUserFilter(admin, { ...emptyUserFilter, role: 'system_admin' })).toBe(true);
    expect(matchesUserFilter(gone, { ...emptyUserFilter, role: 'system_admin' })).toBe(false);
    expect(matchesUserFilter(gone, { ...emptyUserFilter, status: 'inactive' })).toBe(true);
    expect(matchesUserFilter(admin, { ...emptyUserFilter, status: 'inactive' })).toBe(false);
    expect(matchesUserFilter(gone, { ...emptyUserFilter, status: 'active' })).toBe(false);
    // "system_admin" must match a whole role, not a prefix of another.
    expect(matchesUserFilter(user({ roles: 'system_user system_admin_like' }), { ...emptyUserFilter, role: 'system_admin' })).toBe(false);
  });
});

describe('audit filter', () => {
  const at = (y: number, m: number, d: number, h = 12): number => new Date(y, m - 1, d, h).getTime();
  const audit = (id: string, create_at: number, user_id: string, action: string): Audit => ({ id, create_at, user_id, action, extra_info: '', ip_address: '', session_id: '' });
  const uid = 'abcdefghijklmnopqrstuvwxyz';

  it('asks the server for nothing without a filter', () => {
    expect(auditQuery(emptyAuditFilter)).toEqual({});
  });

  it('takes a user id as it is and resolves a username first', () => {
    expect(usernameToResolve({ ...emptyAuditFilter, user: ` ${uid} ` })).toBe('');
    expect(auditQuery({ ...emptyAuditFilter, user: uid })).toEqual({ user_id: uid });
    expect(usernameToResolve({ ...emptyAuditFilter, user: '@Alice' })).toBe('alice');
    expect(auditQuery({ ...emptyAuditFilter, user: '@alice' }, 'u1')).toEqual({ user_id: 'u1' });
    expect(auditQuery({ ...emptyAuditFilter, action: ' user. ' })).toEqual({ action: 'user.' });
  });

  it('covers whole local days from the first to the last date given', () => {
    const query = auditQuery({ ...emptyAuditFilter, from: '2024-03-02', to: '2024-03-02' });
    expect(query).toEqual({ since: at(2024, 3, 2, 0), until: at(2024, 3, 3, 0) - 1 });
    expect(auditQuery({ ...emptyAuditFilter, from: 'not a day' })).toEqual({});
  });

  it('checks a page against the query the way the server applies it', () => {
    const audits = [
      audit('1', at(2024, 3, 1), 'u1', 'user.login'),
      audit('2', at(2024, 3, 2, 0), 'u2', 'user.logout'),
      audit('3', at(2024, 3, 2, 23), 'u1', 'config.update'),
      audit('4', at(2024, 3, 3, 0), '', 'user.login_failure'),
    ];
    const ids = (filter: Partial<AuditFilter>, userId = ''): string[] =>
      audits.filter((a) => matchesAuditQuery(a, auditQuery({ ...emptyAuditFilter, ...filter }, userId))).map((a) => a.id);
    expect(ids({})).toEqual(['1', '2', '3', '4']);
    expect(ids({ user: 'alice' }, 'u1')).toEqual(['1', '3']);
    expect(ids({ action: 'USER.LOG' })).toEqual(['1', '2', '4']);
    expect(ids({ action: 'login' })).toEqual([]);
    expect(ids({ from: '2024-03-02' })).toEqual(['2', '3', '4']);
    expect(ids({ to: '2024-03-02' })).toEqual(['1', '2', '3']);
    expect(ids({ from: '2024-03-02', to: '2024-03-02', user: 'u' }, 'u1')).toEqual(['3']);
  });
});
