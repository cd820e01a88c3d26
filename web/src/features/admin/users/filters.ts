import type { UserProfile } from '@mattermost/types/users';
import { CONSOLE_ROLES } from '../access';

export type RoleFilter = '' | (typeof CONSOLE_ROLES)[number] | 'system_guest';
export type StatusFilter = '' | 'active' | 'inactive';

export interface UserFilter {
  term: string;
  role: RoleFilter;
  teamId: string;
  status: StatusFilter;
}

export const emptyUserFilter: UserFilter = { term: '', role: '', teamId: '', status: '' };

/** Query options of GET /users (Client4.getProfiles) for a filter without a search term. */
export function profilesQuery(filter: UserFilter): Record<string, string | boolean> {
  return {
    ...(filter.teamId ? { in_team: filter.teamId } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status === 'active' ? { active: true } : filter.status === 'inactive' ? { inactive: true } : {}),
  };
}

/** Options of POST /users/search: the server narrows by team; role and status are applied to the answer (matchesUserFilter). */
export function searchOptions(filter: UserFilter, limit: number): Record<string, string | boolean | number> {
  return { allow_inactive: filter.status !== 'active', limit, ...(filter.teamId ? { team_id: filter.teamId } : {}) };
}

export function matchesUserFilter(user: UserProfile, filter: UserFilter): boolean {
  if (filter.role && !user.roles.split(' ').includes(filter.role)) return false;
  if (filter.status === 'active' && user.delete_at > 0) return false;
  if (filter.status === 'inactive' && user.delete_at === 0) return false;
  return true;
}
