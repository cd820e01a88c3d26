import type { UserReport } from '@mattermost/types/reports';
import { AppError, badParam } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import type {
  PostStatsRange, UserReportCursor, UserReportFilter, UserReportSortColumn,
} from '../../store/admin/user_reports.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { sanitizeUser } from '../users.js';
import { requireAnySystem } from './system_permission.js';

export type { UserReportFilter };

/** Upstream's UserReportSortColumns, by the names the web app sends. */
const SORT_COLUMNS: Record<string, UserReportSortColumn> = {
  CreateAt: 'create_at', Username: 'username', FirstName: 'first_name', LastName: 'last_name',
  Nickname: 'nickname', Email: 'email', Roles: 'roles',
};

const MAX_REPORT_PAGE_SIZE = 100;
const READ_USERS = ['sysconsole_read_user_management_users', 'manage_system'];

/** Upstream's UserReport less what Parley does not record: last_login (no login time is kept) and channel_count. */
export type UserReportEntry = Omit<UserReport, 'last_login' | 'channel_count'>;

/** A page request as the console's user list sends it (upstream's ReportingBaseOptions). */
export interface UserReportRequest {
  filter: UserReportFilter;
  sortColumn: string;
  descending: boolean;
  direction: 'next' | 'prev';
  pageSize: number;
  fromColumnValue: string;
  fromId: string;
  dateRange: string;
}

/**
 * The span upstream's date_range names, in server local time as upstream computes it: `to` 0 is open-ended, and
 * all_time (or any other name) is everything.
 */
export function reportDateRange(name: string, now: Date): PostStatsRange {
  const shifted = (months: number, days: number): number =>
    new Date(now.getFullYear(), now.getMonth() + months, now.getDate() + days, now.getHours(), now.getMinutes(), now.getSeconds(), now.getMilliseconds()).getTime();
  switch (name) {
    case 'last_30_days': return { from: shifted(0, -30), to: 0 };
    case 'last_6_months': return { from: shifted(-6, 0), to: 0 };
    case 'previous_month': {
      const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
      return { from: new Date(now.getFullYear(), now.getMonth() - 1, 1).getTime(), to: monthStart.getTime() };
    }
    default: return { from: 0, to: 0 };
  }
}

/** GET /reports/users and /reports/users/count: the system console's user list. */
export class UserReportService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  /** Upstream checks the permission before it reads any parameter. */
  requireReader(actor: Actor): void {
    requireAnySystem(this.permissions, actor, READ_USERS);
  }

  async page(actor: Actor, request: UserReportRequest, now = new Date()): Promise<UserReportEntry[]> {
    this.requireReader(actor);
    if (request.pageSize <= 0 || request.pageSize > MAX_REPORT_PAGE_SIZE) {
      throw new AppError('api.getUsersForReporting.invalid_page_size', `The page size must be between 1 and ${MAX_REPORT_PAGE_SIZE}.`, 400);
    }
    const sortColumn = SORT_COLUMNS[request.sortColumn];
    if (!sortColumn) throw new AppError('model.user_report_options.is_valid.invalid_sort_column', 'Invalid sort column.', 400);
    const { store, config } = this.deps;
    const rows = await store.userReports.page({
      filter: request.filter, sortColumn, descending: request.descending, direction: request.direction,
      cursor: this.cursor(request, sortColumn), limit: request.pageSize,
    });
    const stats = await store.userReports.postStats(rows.map((r) => r.user.id), reportDateRange(request.dateRange, now));
    const statsByUser = new Map(stats.map((s) => [s.userId, s]));
    return rows.map(({ user, lastStatusAt }): UserReportEntry => {
      const posted = statsByUser.get(user.id);
      // No viewer in particular: nobody's password update time shows, not even the caller's own, as upstream.
      const profile = sanitizeUser(user, { userId: '', admin: true }, config);
      return {
        ...profile,
        ...(lastStatusAt ? { last_status_at: lastStatusAt } : {}),
        ...(posted ? { last_post_date: posted.lastPostAt } : {}),
        days_active: posted?.daysActive ?? 0,
        total_posts: posted?.totalPosts ?? 0,
      };
    });
  }

  async count(actor: Actor, filter: UserReportFilter): Promise<number> {
    this.requireReader(actor);
    return this.deps.store.userReports.count(filter);
  }

  /**
   * The row a page starts after. The id decides whether there is one: an empty sort value is a real one (most users
   * have no nickname), where upstream, which needs both, would start over at the first page.
   */
  private cursor(request: UserReportRequest, sortColumn: UserReportSortColumn): UserReportCursor | undefined {
    const { fromColumnValue, fromId } = request;
    if (!fromId) return undefined;
    if (!isValidId(fromId)) throw badParam('from_id');
    if (sortColumn !== 'create_at') return { value: fromColumnValue, id: fromId };
    if (!/^\d{1,15}$/.test(fromColumnValue)) throw badParam('from_column_value');
    return { value: Number(fromColumnValue), id: fromId };
  }
}
