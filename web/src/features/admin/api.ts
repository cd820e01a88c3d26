import type { Audit } from '@mattermost/types/audits';
import { client } from '../../api/client';

/**
 * Console calls Client4 has no method for. `doFetch` is protected in Client4's types but an instance
 * field at run time; going through it keeps auth, CSRF and the session-expiry hook of every other call.
 */
interface Fetching { doFetch: <T>(url: string, options: { method: string; body?: string }) => Promise<T> }
const fetching = client as unknown as Fetching;

export type TeamPrivacy = 'O' | 'I';

export function updateTeamPrivacy(teamId: string, privacy: TeamPrivacy): Promise<unknown> {
  return fetching.doFetch(`${client.getTeamRoute(teamId)}/privacy`, { method: 'put', body: JSON.stringify({ privacy }) });
}

export function permanentlyDeleteTeam(teamId: string): Promise<unknown> {
  return fetching.doFetch(`${client.getTeamRoute(teamId)}?permanent=true`, { method: 'delete' });
}

export function permanentlyDeleteChannel(channelId: string): Promise<unknown> {
  return fetching.doFetch(`${client.getChannelRoute(channelId)}?permanent=true`, { method: 'delete' });
}

export function moveChannel(channelId: string, teamId: string, force: boolean): Promise<unknown> {
  return fetching.doFetch(`${client.getChannelRoute(channelId)}/move`, { method: 'post', body: JSON.stringify({ team_id: teamId, force }) });
}

export function getAudits(page: number, perPage: number, query: Record<string, string | number>): Promise<Audit[]> {
  const params = new URLSearchParams({ page: String(page), per_page: String(perPage) });
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  return fetching.doFetch(`${client.getBaseRoute()}/audits?${params}`, { method: 'get' });
}
