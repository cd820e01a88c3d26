import { useState } from 'react';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { Avatar } from '../../people/Avatar';
import { AdminPage, ConsoleLink, LoadError, Pager, useLoad } from '../ui';
import { emptyUserFilter, matchesUserFilter, profilesQuery, searchOptions, type RoleFilter, type StatusFilter, type UserFilter } from './filters';
import { RoleLabel } from './RoleLabel';
import { CreateUserDialog } from './CreateUserDialog';
import { UserDetail } from './UserDetail';

const PER_PAGE = 50;
/** Search answers are filtered here by role and status, so ask for more than a page and page locally. */
const SEARCH_LIMIT = 500;

async function loadUsers(filter: UserFilter, page: number): Promise<{ users: UserProfile[]; hasNext: boolean }> {
  if (filter.term.trim()) {
    const found = (await client.searchUsers(filter.term.trim(), searchOptions(filter, SEARCH_LIMIT))).filter((u) => matchesUserFilter(u, filter));
    return { users: found.slice(page * PER_PAGE, (page + 1) * PER_PAGE), hasNext: found.length > (page + 1) * PER_PAGE };
  }
  const users = await client.getProfiles(page, PER_PAGE, profilesQuery(filter));
  return { users, hasNext: users.length === PER_PAGE };
}

export function UsersPage({ subpath }: { subpath: string }) {
  return subpath ? <UserDetail userId={subpath} /> : <UserList />;
}

function UserList() {
  const t = useT();
  const [filter, setFilter] = useState<UserFilter>(emptyUserFilter);
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const teams = useLoad(() => client.getTeams(0, 200) as Promise<Team[]>, 'teams');
  const users = useLoad(() => loadUsers(filter, page), JSON.stringify([filter, page]));
  const change = (next: Partial<UserFilter>): void => {
    setFilter({ ...filter, ...next });
    setPage(0);
  };
  return (
    <AdminPage
      title={t('admin.users.title')}
      actions={<button type="button" className="button primary small" onClick={() => setCreating(true)}>{t('admin.users.create')}</button>}
    >
      <div className="admin-filters" role="search">
        <label className="field">
          <span>{t('admin.search')}</span>
          <input type="search" value={filter.term} placeholder={t('admin.users.searchPlaceholder')} onChange={(e) => change({ term: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.users.role')}</span>
          <select value={filter.role} onChange={(e) => change({ role: e.target.value as RoleFilter })}>
            <option value="">{t('admin.users.anyRole')}</option>
            <option value="system_admin">{t('admin.role.systemAdmin')}</option>
            <option value="system_user_manager">{t('admin.role.userManager')}</option>
            <option value="system_manager">{t('admin.role.systemManager')}</option>
            <option value="system_read_only_admin">{t('admin.role.readOnlyAdmin')}</option>
            <option value="system_guest">{t('admin.role.guest')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('admin.users.team')}</span>
          <select value={filter.teamId} onChange={(e) => change({ teamId: e.target.value })}>
            <option value="">{t('admin.users.anyTeam')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>{team.display_name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.users.status')}</span>
          <select value={filter.status} onChange={(e) => change({ status: e.target.value as StatusFilter })}>
            <option value="">{t('admin.users.anyStatus')}</option>
            <option value="active">{t('admin.users.active')}</option>
            <option value="inactive">{t('admin.users.inactive')}</option>
          </select>
        </label>
      </div>
      <LoadError error={teams.error || users.error} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.user')}</th>
            <th scope="col">{t('admin.users.email')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.users ?? []).map((user) => (
            <tr key={user.id} data-username={user.username}>
              <td>
                <ConsoleLink to={`user_management/users/${user.id}`} className="admin-user-cell">
                  <Avatar userId={user.id} size={24} />
                  <span>@{user.username}</span>
                  {(user.first_name || user.last_name) && <span className="muted-text">{`${user.first_name} ${user.last_name}`.trim()}</span>}
                </ConsoleLink>
              </td>
              <td>{user.email}</td>
              <td><RoleLabel roles={user.roles} /></td>
              <td>{user.delete_at > 0 ? <span className="tag">{t('admin.users.deactivated')}</span> : t('admin.users.active')}</td>
            </tr>
          ))}
          {!users.loading && users.data?.users.length === 0 && (
            <tr><td colSpan={4} className="empty">{t('admin.users.none')}</td></tr>
          )}
        </tbody>
      </table>
      <Pager page={page} hasNext={users.data?.hasNext ?? false} onPage={setPage} />
      {creating && <CreateUserDialog onClose={() => setCreating(false)} onCreated={() => users.reload()} />}
    </AdminPage>
  );
}
