import type { UserCountFilter } from '../../store/admin/analytics.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from './system_permission.js';

/** Upstream's UsersStats. */
export interface UsersStats {
  total_users_count: number;
}

/** GET /users/stats (everyone) and /users/stats/filtered (the console's user list counts). */
export class UserStatsService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  /** Active users, bots included, as upstream counts them for its "N members" figures. */
  async total(): Promise<UsersStats> {
    return { total_users_count: await this.deps.store.analytics.countUsers({ includeDeleted: false, includeBots: true }) };
  }

  async filtered(actor: Actor, filter: UserCountFilter): Promise<UsersStats> {
    requireAnySystem(this.permissions, actor, ['sysconsole_read_user_management_users', 'sysconsole_read_users', 'manage_system']);
    return { total_users_count: await this.deps.store.analytics.countUsers(filter) };
  }
}
