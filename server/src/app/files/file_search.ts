import type { FileInfo } from '@mattermost/types/files';
import { AppError } from '../../model/errors.js';
import type { FileSearchFilter } from '../../store/files/file_infos.js';
import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { dateRange } from '../search/search_query.js';
import { SearchScope, type SearchParams } from '../search/search_scope.js';
import { parseSearchTerms, type SearchTerms } from '../search/search_terms.js';
import { presentFileInfo } from './post_files.js';

// File search as Mattermost's database search answers it: files on posts in
// the channels SearchScope names, matched by name words, `ext:`, `from:`,
// `in:` and the date flags; newest first.

/** Mattermost's FileInfoList as file search returns it. */
export interface FileSearchPage {
  order: string[];
  file_infos: Record<string, FileInfo>;
  next_file_info_id: string;
  prev_file_info_id: string;
  has_next: boolean;
  first_inaccessible_file_time: number;
}

const searchDisabled = (): AppError =>
  new AppError('store.sql_file_info.search.disabled', 'Searching files has been disabled on this server. Please contact your System Administrator.', 501);

const page = (found: FileInfo[], hasNext: boolean): FileSearchPage => ({
  order: found.map((f) => f.id), file_infos: Object.fromEntries(found.map((f) => [f.id, f])),
  next_file_info_id: '', prev_file_info_id: '', has_next: hasNext, first_inaccessible_file_time: 0,
});

export class FileSearchService {
  private readonly scope: SearchScope;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {
    this.scope = new SearchScope(deps);
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** Searches one team's channels (and the user's DMs and GMs), or, without `teamId`, all the user's channels. */
  async search(actor: Actor, teamId: string | undefined, params: SearchParams): Promise<FileSearchPage> {
    if (!this.deps.liveConfig.document.ServiceSettings.EnableFileSearch) throw searchDisabled();
    if (teamId !== undefined) await this.permissions.requireTeam(actor, teamId, 'view_team');
    const filter = await this.filter(actor, teamId, parseSearchTerms(params.terms), params);
    if (!filter) return page([], false);
    // One more than the page tells whether another page follows.
    const found = await this.store.fileInfos.search(filter);
    return page(found.slice(0, params.perPage).map(presentFileInfo), found.length > params.perPage);
  }

  private async filter(actor: Actor, teamId: string | undefined, terms: SearchTerms, params: SearchParams): Promise<FileSearchFilter | undefined> {
    // Names are matched as text: phrases and hashtags are words of a name like any other.
    const words = [...terms.words, ...terms.phrases, ...terms.hashtags];
    const narrowed = terms.fromUsers.length + terms.inChannels.length + terms.extensions.length > 0
      || terms.on !== undefined || terms.after !== undefined || terms.before !== undefined;
    if (words.length + terms.prefixes.length === 0 && !narrowed) return undefined;
    const range = dateRange(terms, params.timeZoneOffset);
    if (!range) return undefined;
    const channelIds = await this.scope.channelIds(actor, teamId, terms, params.includeDeletedChannels);
    if (channelIds.length === 0) return undefined;
    const creatorIds = terms.fromUsers.length > 0 ? await this.scope.userIds(terms.fromUsers) : [];
    // Unknown `from:` names match nothing.
    if (terms.fromUsers.length > 0 && creatorIds.length === 0) return undefined;
    return {
      channelIds, words, prefixes: terms.prefixes, anyWord: params.isOrSearch,
      excludedWords: [...terms.excludedWords, ...terms.excludedPhrases, ...terms.excludedPrefixes, ...terms.excludedHashtags],
      extensions: terms.extensions, excludedExtensions: terms.excludedExtensions, creatorIds,
      excludedCreatorIds: terms.excludedFromUsers.length > 0 ? await this.scope.userIds(terms.excludedFromUsers) : [],
      since: range.since, until: range.until, offset: params.page * params.perPage, limit: params.perPage + 1,
    };
  }
}
