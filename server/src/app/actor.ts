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
