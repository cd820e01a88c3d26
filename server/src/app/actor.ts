import type { SessionRecord } from '../model/types.js';

/** The authenticated caller of an app operation. */
export interface Actor {
  userId: string;
  session: SessionRecord;
  /** System roles, e.g. ['system_user', 'system_admin']. */
  roles: readonly string[];
  /** The client's address (api/client_address.ts), for the audit log. */
  ipAddress: string;
}

export const isSystemAdmin = (actor: Actor): boolean => actor.roles.includes('system_admin');

/**
 * A user acting without a request of their own: an integration posting as its creator, a command's answer posted as
 * the user who ran it. Their roles decide as for a request; there is no session.
 */
export function actorForUser(user: { id: string; roles: string }): Actor {
  const session: SessionRecord = {
    id: '', token: '', create_at: 0, expires_at: 0, last_activity_at: 0, user_id: user.id, device_id: '', roles: user.roles, csrf_token: '', props: {},
  };
  return { userId: user.id, session, roles: user.roles.split(' ').filter(Boolean), ipAddress: '' };
}
