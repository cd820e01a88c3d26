import type { Audit } from '@mattermost/types/audits';

/** What the console's filter form holds. */
export interface AuditFilter {
  /** a username (with or without @) or a user id */
  user: string;
  /** the start of the action, e.g. `user.` */
  action: string;
  /** YYYY-MM-DD, local days, inclusive; '' for open-ended */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { user: '', action: '', from: '', to: '' };

/** Query parameters of GET /audits (Parley's filters; Mattermost's server takes only the paging). */
export interface AuditQuery {
  user_id?: string;
  action?: string;
  /** ms, inclusive */
  since?: number;
  until?: number;
}

const USER_ID = /^[a-z0-9]{26}$/;

/** The username the user field names, or '' when it holds an id (or nothing). */
export function usernameToResolve(filter: AuditFilter): string {
  const user = filter.user.trim().replace(/^@/, '').toLowerCase();
  return USER_ID.test(user) ? '' : user;
}

/** Local midnight of a YYYY-MM-DD day, in ms; undefined when it is not a day. */
function localDayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : undefined;
}

/** The query for a filter; `resolvedUserId` is the id of the username in the form, when it named one. */
export function auditQuery(filter: AuditFilter, resolvedUserId = ''): AuditQuery {
  const user = filter.user.trim();
  const userId = resolvedUserId || (USER_ID.test(user) ? user : '');
  const since = localDayStart(filter.from);
  const toStart = localDayStart(filter.to);
  // The end day is inclusive: up to the last millisecond before the next local midnight.
  const until = toStart === undefined ? undefined : new Date(toStart).setDate(new Date(toStart).getDate() + 1) - 1;
  return {
    ...(userId ? { user_id: userId } : {}),
    ...(filter.action.trim() ? { action: filter.action.trim() } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}

/** The server applies the query; checking the page again keeps the list right on a server that ignores a filter. */
export function matchesAuditQuery(audit: Audit, query: AuditQuery): boolean {
  if (query.user_id && audit.user_id !== query.user_id) return false;
  if (query.action && !audit.action.toLowerCase().startsWith(query.action.toLowerCase())) return false;
  if (query.since !== undefined && audit.create_at < query.since) return false;
  if (query.until !== undefined && audit.create_at > query.until) return false;
  return true;
}
