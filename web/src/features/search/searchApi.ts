import type { FileSearchResultItem } from '@mattermost/types/files';
import type { PostSearchResults } from '@mattermost/types/posts';
import type { SearchParameter } from '@mattermost/types/search';
import { client } from '../../api/client';
import { getState, setState } from '../../store/store';
import { fetchPostList } from '../../store/actions/posts';
import { fetchChannel } from '../../store/actions/channels';
import { timeZoneOffsetSeconds } from './terms';

/** Mattermost's web app asks for 20 results a page. */
export const SEARCH_PAGE_SIZE = 20;

export interface PostResultsPage {
  order: string[];
  /** post id -> words the server matched in it */
  matches: Record<string, string[]>;
  hasNext: boolean;
}

export interface FileResultsPage {
  files: FileSearchResultItem[];
  hasNext: boolean;
}

function params(terms: string, isOrSearch: boolean, page: number): SearchParameter {
  // Archived channels are searched when the server lets people view them, as Mattermost's web app does.
  const includeArchived = getState().config.ExperimentalViewArchivedChannels === 'true';
  return { terms, is_or_search: isOrSearch, time_zone_offset: timeZoneOffsetSeconds(), include_deleted_channels: includeArchived, page, per_page: SEARCH_PAGE_SIZE };
}

/** Channels of results I have not loaded (e.g. another team's when searching everywhere): fetched once for their names. */
const channelFetches = new Set<string>();
function ensureChannels(ids: Iterable<string>): void {
  for (const id of new Set(ids)) {
    if (!id || getState().channels[id] || channelFetches.has(id)) continue;
    channelFetches.add(id);
    void fetchChannel(id).catch(() => undefined).finally(() => channelFetches.delete(id));
  }
}

/** One page of message results; the posts go into the store like any other list (so edits and reactions update them). */
export async function searchPosts(teamId: string, terms: string, isOrSearch: boolean, page: number): Promise<PostResultsPage> {
  let result: PostSearchResults | undefined;
  const order = await fetchPostList(async () => (result = await client.searchPostsWithParams(teamId, params(terms, isOrSearch, page))));
  const list = result as (PostSearchResults & { has_next?: boolean }) | undefined;
  ensureChannels(order.map((id) => getState().posts.posts[id]?.channel_id ?? ''));
  return { order, matches: list?.matches ?? {}, hasNext: list?.has_next ?? order.length >= SEARCH_PAGE_SIZE };
}

/** One page of file results (file infos carry their channel id). */
export async function searchFiles(teamId: string, terms: string, page: number): Promise<FileResultsPage> {
  const result = await client.searchFilesWithParams(teamId, params(terms, false, page));
  // The wire format is a JSON object keyed by id (the type says Map).
  const infos = (result.file_infos ?? {}) as unknown as Record<string, FileSearchResultItem>;
  const files = (result.order ?? []).map((id) => infos[id]).filter((f): f is FileSearchResultItem => Boolean(f));
  ensureChannels(files.map((f) => f.channel_id));
  // As Mattermost's web app: a full page means there may be more.
  return { files, hasNext: (result.order ?? []).length >= SEARCH_PAGE_SIZE };
}

/** Runs a search in the right-hand panel (the search box, a #hashtag). */
export function openSearch(terms: string): void {
  const trimmed = terms.trim();
  if (trimmed) setState({ rhs: { kind: 'search', terms: trimmed } });
}
