import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../api/client';
import { getState } from '../../store/store';
import { receivedUsers } from '../../store/actions/users';
import { emojiIndexNow, useEmojiData } from '../emoji/emojiStore';
import { searchCustomEmoji, useCustomEmoji } from '../emoji/customEmoji';
import type { Trigger } from './suggest';
import { commandSuggestions } from './command_suggestions';
import { personDetail } from '../people/PersonLabel';
import '../../styles/commands.css';

export interface Suggestion {
  key: string;
  /** text inserted in place of the trigger word */
  completion: string;
  label: string;
  /** a command's arguments, e.g. `@{username} {message}` */
  hint?: string;
  detail: string;
  kind: Trigger['kind'];
  userId?: string;
  /** a person's profile, shown with PersonLabel */
  user?: UserProfile;
  /** the emoji an emoji suggestion shows, standard or custom */
  emojiName?: string;
}

function userSuggestion(u: UserProfile): Suggestion {
  return { key: `u-${u.id}`, completion: `@${u.username}`, label: `@${u.username}`, detail: personDetail(u), kind: 'user', userId: u.id, user: u };
}

const SPECIAL_MENTIONS = ['all', 'channel', 'here'];
/** Every built-in fits; the list scrolls. */
const MAX_COMMANDS = 50;

function localUsers(query: string): Suggestion[] {
  const s = getState();
  const matches = Object.values(s.users)
    .filter((u) => u.delete_at === 0 && [u.username, u.first_name, u.last_name, u.nickname].some((f) => f?.toLowerCase().startsWith(query)))
    .sort((a, b) => a.username.localeCompare(b.username))
    .slice(0, 8)
    .map(userSuggestion);
  const special = SPECIAL_MENTIONS.filter((m) => m.startsWith(query)).map((m) => ({ key: `s-${m}`, completion: `@${m}`, label: `@${m}`, detail: '', kind: 'user' as const }));
  return [...matches, ...special];
}

function localChannels(query: string): Suggestion[] {
  const s = getState();
  return Object.values(s.channels)
    .filter((c) => (c.type === 'O' || c.type === 'P') && c.team_id === s.currentTeamId && c.delete_at === 0)
    .filter((c) => c.name.startsWith(query) || c.display_name.toLowerCase().startsWith(query))
    .slice(0, 8)
    .map((c) => ({ key: `c-${c.id}`, completion: `~${c.name}`, label: c.display_name, detail: `~${c.name}`, kind: 'channel' as const }));
}

/** Suggestions for the trigger at the caret: local matches at once, then the server's (debounced); commands only from the server. */
export function useSuggestions(trigger: Trigger | null, channelId: string, rootId = ''): Suggestion[] {
  const [remote, setRemote] = useState<Suggestion[]>([]);
  const kind = trigger?.kind;
  const query = trigger?.query ?? '';
  // Standard emoji come from the lazily loaded data (asked for at the first `:xx`); completion re-renders once it is there.
  useEmojiData((s) => s.index);
  useEffect(() => {
    // A command's list stays while the next answer is on its way (it is filtered below), so it does not blink per key.
    if (kind !== 'command') setRemote([]);
    if (kind !== 'user' && kind !== 'channel' && kind !== 'command') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const teamId = getState().currentTeamId;
      if (kind === 'command') {
        const pretext = `/${query}`;
        void client.getCommandAutocompleteSuggestionsList(pretext, teamId, { channel_id: channelId, team_id: teamId, root_id: rootId }).then((items) => {
          if (!cancelled) setRemote(commandSuggestions(pretext, items).map((c) => ({ ...c, kind: 'command' as const })));
        }, () => undefined);
      } else if (kind === 'user') {
        void client.autocompleteUsers(query, teamId, channelId, { limit: 10 }).then((r) => {
          const users = [...(r.users ?? []), ...(r.out_of_channel ?? [])];
          receivedUsers(users);
          if (!cancelled) setRemote(users.map(userSuggestion));
        }, () => undefined);
      } else {
        void client.autocompleteChannels(teamId, query).then((channels) => {
          if (!cancelled) setRemote(channels.filter((c) => c.delete_at === 0).map((c) => ({ key: `c-${c.id}`, completion: `~${c.name}`, label: c.display_name, detail: `~${c.name}`, kind: 'channel' as const })));
        }, () => undefined);
      }
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [kind, query, channelId, rootId]);
  if (!trigger) return [];
  let local: Suggestion[];
  switch (trigger.kind) {
    case 'user':
      local = localUsers(query);
      break;
    case 'channel':
      local = localChannels(query);
      break;
    case 'emoji':
      local = [...(emojiIndexNow()?.search(query, 8) ?? []), ...searchCustomEmoji(useCustomEmoji.getState().byName, query, 8)]
        .map((e) => ({ key: `e-${e.name}`, completion: `:${e.name}:`, label: `:${e.name}:`, detail: '', kind: 'emoji' as const, emojiName: e.name }));
      break;
    default:
      // Built-in and custom commands alike come from the server, which knows the team's commands and their arguments.
      return remote.filter((s) => s.kind === 'command' && s.completion.startsWith(`/${query}`.trimEnd())).slice(0, MAX_COMMANDS);
  }
  const seen = new Set(local.map((s) => s.key));
  return [...local, ...remote.filter((s) => s.kind === trigger.kind && !seen.has(s.key))].slice(0, 10);
}
