import type { PostActionOption } from '@mattermost/types/integration_actions';
import { client } from '../../../api/client';

/** The most options a menu lists at once; typing narrows them. */
const LIMIT = 20;

/** A menu's static options whose text holds the typed words (case does not matter). */
export function matchingOptions(options: readonly PostActionOption[], term: string): PostActionOption[] {
  const wanted = term.trim().toLowerCase();
  return (wanted ? options.filter((o) => o.text.toLowerCase().includes(wanted)) : options).slice(0, LIMIT);
}

/**
 * What a menu (of a message or a dialog) offers for the typed words: its own options, or (Mattermost's `users` and
 * `channels` data sources) the team's users by username or its channels by name, whose id is the value sent.
 */
export async function loadOptions(
  source: { data_source?: string; options?: readonly PostActionOption[] }, term: string, teamId: string,
): Promise<PostActionOption[]> {
  if (source.data_source === 'users') {
    const found = await client.autocompleteUsers(term, teamId, '', { limit: LIMIT });
    return found.users.map((u) => ({ text: u.username, value: u.id }));
  }
  if (source.data_source === 'channels') {
    if (!teamId) return [];
    const found = await client.autocompleteChannels(teamId, term);
    return found.slice(0, LIMIT).map((c) => ({ text: c.display_name || c.name, value: c.id }));
  }
  return matchingOptions(source.options ?? [], term);
}
