import type { ServerChannel } from '@mattermost/types/channels';

/** The browse dialog's channel types, as Mattermost's: archived channels only on their own. */
export type BrowseFilter = 'all' | 'public' | 'private' | 'archived';

export interface BrowseSources {
  /** the team's public channels (the server's list) */
  open: readonly ServerChannel[];
  /** the team's archived public channels (the server's list; empty until asked for) */
  archived: readonly ServerChannel[];
  /** my channels of the team, archived ones included: the only private channels a user may browse */
  mine: readonly ServerChannel[];
}

const teamChannel = (c: ServerChannel): boolean => c.type === 'O' || c.type === 'P';

/** The channels a filter shows, matching the query (name, display name or purpose), by display name. */
export function browseChannels(filter: BrowseFilter, sources: BrowseSources, query: string): ServerChannel[] {
  const live = (c: ServerChannel): boolean => c.delete_at === 0;
  const myPrivate = sources.mine.filter((c) => c.type === 'P' && live(c));
  const lists: Record<BrowseFilter, readonly ServerChannel[]> = {
    all: [...sources.open.filter(live), ...myPrivate],
    public: sources.open.filter(live),
    private: myPrivate,
    archived: [...sources.archived, ...sources.mine].filter((c) => teamChannel(c) && !live(c)),
  };
  const q = query.trim().toLowerCase();
  const byId = new Map<string, ServerChannel>();
  for (const c of lists[filter]) {
    if (!q || c.display_name.toLowerCase().includes(q) || c.name.includes(q) || c.purpose.toLowerCase().includes(q)) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => a.display_name.localeCompare(b.display_name));
}
