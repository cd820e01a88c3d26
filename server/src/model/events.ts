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
