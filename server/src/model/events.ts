/** Who receives an event, in Mattermost's broadcast shape. */
export interface Broadcast {
  omit_users: Record<string, boolean> | null;
  user_id: string;
  channel_id: string;
  team_id: string;
  connection_id: string;
  omit_connection_id: string;
}

/** A server event as published on the bus and sent over WebSockets (without seq). */
export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
  broadcast: Broadcast;
}

export function broadcastTo(target: Partial<Broadcast>): Broadcast {
  return {
    omit_users: target.omit_users ?? null,
    user_id: target.user_id ?? '',
    channel_id: target.channel_id ?? '',
    team_id: target.team_id ?? '',
    connection_id: target.connection_id ?? '',
    omit_connection_id: target.omit_connection_id ?? '',
  };
}

export function makeEvent(event: string, data: Record<string, unknown>, target: Partial<Broadcast>): ServerEvent {
  return { event, data, broadcast: broadcastTo(target) };
}

/**
 * Published when sessions end (logout, revoke), so every node drops them from its session cache and closes their
 * sockets at once. Servers consume it; it is never sent to clients.
 */
export const SESSIONS_REVOKED = 'parley_sessions_revoked';

export function sessionsRevoked(userId: string, sessionIds: readonly string[]): ServerEvent {
  return makeEvent(SESSIONS_REVOKED, { session_ids: [...sessionIds] }, { user_id: userId });
}

/**
 * A string field of a payload Mattermost's events carry JSON-encoded (`posted`'s post, `delete_team`'s team,
 * `memberrole_updated`'s member), or undefined when the payload is not such JSON.
 */
export function encodedField(encoded: unknown, field: string): string | undefined {
  if (typeof encoded !== 'string') return undefined;
  try {
    const value = (JSON.parse(encoded) as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The session ids of a SESSIONS_REVOKED event, else none. */
export function revokedSessionIds(event: ServerEvent): string[] {
  if (event.event !== SESSIONS_REVOKED || !Array.isArray(event.data.session_ids)) return [];
  return event.data.session_ids.filter((id): id is string => typeof id === 'string');
}

/**
 * Published with every status save so each node's in-memory statuses follow (clients get `status_change`, which
 * carries only the status). Servers consume it; it is never sent to clients.
 */
export const STATUS_SAVED = 'parley_status_saved';

/** Events whose name starts so are for the servers alone. */
export const isServerInternal = (event: ServerEvent): boolean => event.event.startsWith('parley_');
