import { useEffect, useState } from 'react';
import { client } from '../../api/client';
import { useStore } from '../../store/store';

const cache = new Map<string, Promise<ReadonlySet<string>>>();

const roleNames = (roles: string): string[] => roles.split(' ').filter(Boolean);

/** Everything my system roles and (with a team) my team roles allow, as the union of their permissions. */
function loadPermissions(userId: string, systemRoles: string, teamId: string): Promise<ReadonlySet<string>> {
  const key = `${userId}|${systemRoles}|${teamId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const teamRoles = teamId ? roleNames((await client.getTeamMember(teamId, userId)).roles) : [];
      const roles = await client.getRolesByNames([...new Set([...roleNames(systemRoles), ...teamRoles])]);
      return new Set(roles.flatMap((role) => role.permissions));
    })();
    // A failed load is asked again next time rather than remembered.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/**
 * My permissions in a team (or system-wide with no team); null until loaded. Only decides what the client offers:
 * the server checks every request itself.
 */
export function useMyPermissions(teamId: string): ReadonlySet<string> | null {
  const userId = useStore((s) => s.me?.id ?? '');
  const systemRoles = useStore((s) => s.me?.roles ?? '');
  const [loaded, setLoaded] = useState<{ key: string; permissions: ReadonlySet<string> } | null>(null);
  const key = `${userId}|${systemRoles}|${teamId}`;
  useEffect(() => {
    if (!userId) return;
    let current = true;
    loadPermissions(userId, systemRoles, teamId).then(
      (permissions) => current && setLoaded({ key, permissions }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId, systemRoles, teamId, key]);
  return loaded?.key === key ? loaded.permissions : null;
}
