import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../api/client';
import { getState, setState } from '../store';

export function receivedUsers(users: UserProfile[]): void {
  if (users.length === 0) return;
  setState((s) => {
    const next = { ...s.users };
    for (const u of users) next[u.id] = u;
    const me = s.me && next[s.me.id] ? next[s.me.id] : s.me;
    return { users: next, me };
  });
}

let pendingIds = new Set<string>();
let flush: Promise<void> | null = null;

/** Loads profiles we do not have yet, batching the ids asked for in the same tick into one request. */
export function ensureUsers(ids: Iterable<string>): Promise<void> {
  const known = getState().users;
  for (const id of ids) if (id && !known[id]) pendingIds.add(id);
  if (pendingIds.size === 0) return Promise.resolve();
  flush ??= Promise.resolve().then(async () => {
    const batch = [...pendingIds];
    pendingIds = new Set();
    flush = null;
    const users = await client.getProfilesByIds(batch).catch(() => []);
    receivedUsers(users);
    void loadStatuses(batch).catch(() => undefined);
  });
  return flush;
}

export async function loadStatuses(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const statuses = await client.getStatusesByIds(ids);
  setState((s) => {
    const next = { ...s.statuses };
    for (const st of statuses) next[st.user_id] = st.status;
    return { statuses: next };
  });
}

export async function setMyStatus(status: 'online' | 'away' | 'dnd' | 'offline'): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const result = await client.updateStatus({ user_id: me.id, status, manual: true, last_activity_at: Date.now() } as Parameters<typeof client.updateStatus>[0]);
  setState((s) => ({ statuses: { ...s.statuses, [me.id]: result.status } }));
}

export async function patchMe(patch: Partial<UserProfile>): Promise<void> {
  const user = await client.patchMe(patch);
  receivedUsers([user]);
}

export async function changePassword(current: string, next: string): Promise<void> {
  const me = getState().me;
  if (!me) return;
  await client.updateUserPassword(me.id, current, next);
}

export async function searchUsers(term: string, teamId: string): Promise<UserProfile[]> {
  const result = await client.autocompleteUsers(term, teamId, '', { limit: 20 });
  const users = [...(result.users ?? []), ...(result.out_of_channel ?? [])];
  receivedUsers(users);
  return users;
}
