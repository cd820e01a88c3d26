import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../api/client';
import { getState } from '../../store/store';
import { receivedUsers } from '../../store/actions/users';

export async function searchUsersByUsername(username: string): Promise<UserProfile | undefined> {
  const known = Object.values(getState().users).find((u) => u.username === username);
  if (known) return known;
  try {
    const user = await client.getUserByUsername(username);
    receivedUsers([user]);
    return user;
  } catch {
    return undefined;
  }
}
