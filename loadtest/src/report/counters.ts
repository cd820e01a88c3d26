/** Event counts of one shard of users (plain numbers: they cross worker threads and add up). */
export interface Counters {
  /** Users logged in with a live socket and their initial state loaded. */
  usersOnline: number;
  socketsOpen: number;
  logins: number;
  loginFailures: number;
  /** Sockets the server (or the network) closed, not the user. */
  disconnects: number;
  reconnects: number;
  /** Reconnections that resumed the stream (`connection_id` + `sequence_number`) without a new `hello`. */
  resumed: number;
  postsCreated: number;
  postedReceived: number;
  actions: number;
  /** Users still trying to come online (login, socket or initial load failed and is being retried). */
  retrying: number;
  /**
   * Sockets their user closed on purpose (a simulated network blip) and is opening again: live for the verdict, as
   * the reopening either succeeds within the timeout or counts as an error.
   */
  rejoining: number;
}

export const emptyCounters = (): Counters => ({
  usersOnline: 0, socketsOpen: 0, logins: 0, loginFailures: 0, disconnects: 0, reconnects: 0, resumed: 0,
  postsCreated: 0, postedReceived: 0, actions: 0, retrying: 0, rejoining: 0,
});

export function addCounters(a: Counters, b: Counters): Counters {
  const sum = emptyCounters();
  for (const key of Object.keys(sum) as (keyof Counters)[]) sum[key] = a[key] + b[key];
  return sum;
}
