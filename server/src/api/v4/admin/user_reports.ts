import type { UserReportFilter } from '../../../app/admin/user_reports.js';
import { AppError, badParam } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { stringParam } from '../../params.js';

type Query = Record<string, unknown>;

const ROLE_NAME = /^[a-z0-9_]{1,64}$/;
/** Upstream's page size when page_size is missing or not a number. */
const DEFAULT_PAGE_SIZE = 50;

/** The filters both report endpoints read (upstream's fillUserReportOptions), with its 400s. */
function reportFilter(q: Query): UserReportFilter {
  const teamId = stringParam(q, 'team_filter') ?? '';
  if (teamId !== '' && !isValidId(teamId)) {
    throw new AppError('api.getUsersForReporting.invalid_team_filter', 'Invalid team filter.', 400);
  }
  const onlyInactive = stringParam(q, 'hide_active') === 'true';
  const onlyActive = stringParam(q, 'hide_inactive') === 'true';
  if (onlyActive && onlyInactive) {
    throw new AppError('api.getUsersForReporting.invalid_active_filter', 'Active and inactive users cannot both be hidden.', 400);
  }
  const role = stringParam(q, 'role_filter') || undefined;
  if (role !== undefined && !ROLE_NAME.test(role)) throw badParam('role_filter');
  return {
    role, teamId: teamId || undefined, hasNoTeam: stringParam(q, 'has_no_team') === 'true',
    onlyActive, onlyInactive, searchTerm: stringParam(q, 'search_term') || undefined,
  };
}

function pageSize(q: Query): number {
  const raw = stringParam(q, 'page_size') ?? '';
  return /^-?\d{1,15}$/.test(raw) ? Number(raw) : DEFAULT_PAGE_SIZE;
}

/** The system console's user list: keyset pages of users with their activity, and how many match. */
export const userReportRoutes: RouteModule = (api, { app }) => {
  api.get('/reports/users', async (request) => {
    const actor = await authenticate(app, request);
    app.userReports.requireReader(actor);
    const q = request.query as Query;
    return app.userReports.page(actor, {
      filter: reportFilter(q),
      sortColumn: stringParam(q, 'sort_column') || 'Username',
      descending: stringParam(q, 'sort_direction') === 'desc',
      direction: stringParam(q, 'direction') === 'prev' ? 'prev' : 'next',
      pageSize: pageSize(q),
      fromColumnValue: stringParam(q, 'from_column_value') ?? '',
      fromId: stringParam(q, 'from_id') ?? '',
      dateRange: stringParam(q, 'date_range') ?? '',
    });
  });

  api.get('/reports/users/count', async (request) => {
    const actor = await authenticate(app, request);
    app.userReports.requireReader(actor);
    return app.userReports.count(actor, reportFilter(request.query as Query));
  });
};
