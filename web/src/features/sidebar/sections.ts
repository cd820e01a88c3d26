import type { ServerChannel } from '@mattermost/types/channels';
import type { AppState } from '../../store/store';
import { channelTitle, dmTeammateId, isFavorite, myChannelsInTeam } from '../../store/selectors';

export type SectionType = 'favorites' | 'channels' | 'direct_messages' | 'custom';

export interface SidebarSection {
  id: string;
  type: SectionType;
  /** custom categories carry their own name; built-in ones are labelled by the UI */
  name: string;
  channelIds: string[];
  collapsed: boolean;
}

const isDirect = (c: ServerChannel): boolean => c.type === 'D' || c.type === 'G';

function visibleInSidebar(state: AppState, c: ServerChannel): boolean {
  if (c.delete_at !== 0 && c.id !== state.currentChannelId) return false;
  const me = state.me?.id ?? '';
  if (c.type === 'D') return state.prefs[`direct_channel_show:${dmTeammateId(c, me)}`] !== 'false';
  if (c.type === 'G') return state.prefs[`group_channel_show:${c.id}`] !== 'false';
  return true;
}

/** The open channel when it is an archived one of this team: it stays reachable in the sidebar while open. */
function openArchivedChannel(state: AppState, teamId: string): ServerChannel[] {
  const open = state.channels[state.currentChannelId];
  return open && open.delete_at !== 0 && open.team_id === teamId ? [open] : [];
}

function sortChannels(state: AppState, channels: ServerChannel[], sorting: string, manualOrder?: string[]): string[] {
  const byTitle = (a: ServerChannel, b: ServerChannel): number => channelTitle(state, a).localeCompare(channelTitle(state, b));
  if (sorting === 'recent') return channels.sort((a, b) => b.last_post_at - a.last_post_at || byTitle(a, b)).map((c) => c.id);
  if (sorting === 'manual' && manualOrder) {
    const index = new Map(manualOrder.map((id, i) => [id, i]));
    return channels.sort((a, b) => (index.get(a.id) ?? 1e9) - (index.get(b.id) ?? 1e9) || byTitle(a, b)).map((c) => c.id);
  }
  return channels.sort(byTitle).map((c) => c.id);
}

/**
 * The sidebar of a team: the user's categories from the server (custom ones included) or, when
 * the server has none, Favorites / Channels / Direct Messages. Channels the categories do not
 * mention land in the default category for their kind.
 */
export function sidebarSections(state: AppState, teamId: string): SidebarSection[] {
  const mine = [...myChannelsInTeam(state, teamId), ...openArchivedChannel(state, teamId)].filter((c) => visibleInSidebar(state, c));
  const byId = new Map(mine.map((c) => [c.id, c]));
  const categories = state.categories[teamId] ?? [];
  if (categories.length === 0) {
    const favorites = mine.filter((c) => isFavorite(state, c.id));
    const rest = mine.filter((c) => !isFavorite(state, c.id));
    return [
      { id: 'favorites', type: 'favorites' as const, name: '', channelIds: sortChannels(state, favorites, 'alpha'), collapsed: false },
      { id: 'channels', type: 'channels' as const, name: '', channelIds: sortChannels(state, rest.filter((c) => !isDirect(c)), 'alpha'), collapsed: false },
      { id: 'direct_messages', type: 'direct_messages' as const, name: '', channelIds: sortChannels(state, rest.filter(isDirect), 'recent'), collapsed: false },
    ].filter((s) => s.type !== 'favorites' || s.channelIds.length > 0);
  }
  const placed = new Set<string>();
  for (const cat of categories) for (const id of cat.channel_ids) if (byId.has(id)) placed.add(id);
  return categories
    .map((cat) => {
      const ids = cat.channel_ids.filter((id) => byId.has(id));
      if (cat.type === 'channels') ids.push(...mine.filter((c) => !placed.has(c.id) && !isDirect(c)).map((c) => c.id));
      if (cat.type === 'direct_messages') ids.push(...mine.filter((c) => !placed.has(c.id) && isDirect(c)).map((c) => c.id));
      const channels = ids.map((id) => byId.get(id) as ServerChannel);
      const sorting = cat.sorting || (cat.type === 'direct_messages' ? 'recent' : cat.type === 'custom' ? 'manual' : 'alpha');
      return {
        id: cat.id,
        type: cat.type as SectionType,
        name: cat.display_name,
        channelIds: sortChannels(state, channels, sorting, cat.channel_ids),
        collapsed: cat.collapsed,
      };
    })
    .filter((s) => s.type !== 'favorites' || s.channelIds.length > 0);
}

/** Channel ids in sidebar order (collapsed sections still count), for Alt+Up/Down. */
export function sidebarOrder(sections: SidebarSection[]): string[] {
  return sections.flatMap((s) => s.channelIds);
}
