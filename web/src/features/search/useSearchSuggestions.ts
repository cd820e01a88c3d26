import { useEffect, useState } from 'react';
import type { Channel, ServerChannel } from '@mattermost/types/channels';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../api/client';
import { getState } from '../../store/store';
import { channelTitle, dmTeammateId, myChannelsInTeam } from '../../store/selectors';
import { searchUsers } from '../../store/actions/users';
import type { SearchTrigger } from './terms';
import { personDetail } from '../people/PersonLabel';

export interface SearchSuggestion {
  key: string;
  /** what goes after `from:` / `in:` */
  value: string;
  label: string;
  detail: string;
  kind: 'user' | 'channel';
  userId?: string;
  /** a person's profile, shown with PersonLabel */
  user?: UserProfile;
  channelType?: string;
}

const LIMIT = 8;

function userSuggestion(u: UserProfile): SearchSuggestion {
  return { key: `u-${u.id}`, value: u.username, label: `@${u.username}`, detail: personDetail(u), kind: 'user', userId: u.id, user: u };
}

function userMatches(u: UserProfile, q: string): boolean {
  const full = `${u.first_name} ${u.last_name}`.toLowerCase();
  return [u.username, u.first_name, u.last_name, u.nickname].some((f) => f?.toLowerCase().startsWith(q)) || full.startsWith(q);
}

function localUsers(q: string): SearchSuggestion[] {
  return Object.values(getState().users)
    .filter((u) => u.delete_at === 0 && userMatches(u, q))
    .sort((a, b) => a.username.localeCompare(b.username))
    .slice(0, LIMIT)
    .map(userSuggestion);
}

/** `in:` takes a channel name; a DM is `in:@username`, as Mattermost's search box writes it. */
function channelSuggestion(c: Channel): SearchSuggestion | null {
  const s = getState();
  if (c.type === 'D') {
    const other = s.users[dmTeammateId(c as ServerChannel, s.me?.id ?? '')];
    if (!other) return null;
    return { key: `c-${c.id}`, value: `@${other.username}`, label: `@${other.username}`, detail: [other.first_name, other.last_name].filter(Boolean).join(' '), kind: 'channel', channelType: 'D' };
  }
  return { key: `c-${c.id}`, value: c.name, label: c.type === 'G' ? channelTitle(s, s.channels[c.id] ?? (c as ServerChannel)) : c.display_name, detail: c.type === 'G' ? '' : `~${c.name}`, kind: 'channel', channelType: c.type };
}

function localChannels(q: string): SearchSuggestion[] {
  const s = getState();
  return myChannelsInTeam(s, s.currentTeamId)
    .map((c) => ({ c, title: channelTitle(s, c).toLowerCase() }))
    .filter(({ c, title }) => !q || c.name.startsWith(q) || title.startsWith(q) || title.split(/[\s,]+/).some((w) => w.startsWith(q)))
    .sort((a, b) => b.c.last_post_at - a.c.last_post_at)
    .slice(0, LIMIT)
    .map(({ c }) => channelSuggestion(c))
    .filter((x): x is SearchSuggestion => x !== null);
}

/** Completions for the `from:` / `in:` value at the caret: local matches at once, then the server's (debounced). */
export function useSearchSuggestions(trigger: SearchTrigger | null): SearchSuggestion[] {
  const [remote, setRemote] = useState<SearchSuggestion[]>([]);
  const kind = trigger?.kind;
  const query = trigger?.query ?? '';
  useEffect(() => {
    setRemote([]);
    if (!kind) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const teamId = getState().currentTeamId;
      if (kind === 'from') {
        void searchUsers(query, teamId).then((users) => {
          if (!cancelled) setRemote(users.filter((u) => u.delete_at === 0).map(userSuggestion));
        }, () => undefined);
      } else {
        void client.autocompleteChannelsForSearch(teamId, query).then((channels) => {
          if (!cancelled) setRemote(channels.filter((c) => c.delete_at === 0).map(channelSuggestion).filter((x): x is SearchSuggestion => x !== null));
        }, () => undefined);
      }
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [kind, query]);
  if (!trigger) return [];
  const local = trigger.kind === 'from' ? localUsers(query) : localChannels(query);
  const seen = new Set(local.map((s) => s.key));
  return [...local, ...remote.filter((s) => !seen.has(s.key))].slice(0, LIMIT + 2);
}
