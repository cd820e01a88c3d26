import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { ensureUsers } from '../../store/actions/users';

/** `@username` for the creators and owners a list shows, loading the profiles it does not have yet. */
export function useUsernames(ids: readonly string[]): (id: string) => string {
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (key) void ensureUsers(key.split(','));
  }, [key]);
  const users = useStore((s) => s.users);
  return (id) => (users[id] ? `@${users[id].username}` : id);
}

/** `~name` of a channel I know, else its id (a channel I left). */
export function useChannelName(): (id: string) => string {
  const channels = useStore((s) => s.channels);
  return (id) => (channels[id] ? channels[id].display_name || channels[id].name : id);
}
