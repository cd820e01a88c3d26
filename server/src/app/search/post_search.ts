import { AppError } from '../../model/errors.js';
import type { ChannelRecord, PostRecord } from '../../model/types.js';
import type { PostSearchQuery } from '../../store/search/post_search.js';
import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import { directChannelName } from '../channel_rules.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { PostBudget } from '../post_budget.js';
import { presentPosts } from '../post_presenter.js';
import { dateRange, excludedTerms, highlights, positiveTerms } from './search_query.js';
import { hasTextTerms, parseSearchTerms, type SearchTerms } from './search_terms.js';

// Post search as Mattermost's database search answers it: only channels the
// user is a member of now (public channels they have not joined are not
// searched), DMs and GMs with any team, archived channels only when asked and
// allowed; `from:` and `in:` name users and channels, unknown names match
// nothing; newest first, a page at a time.

export interface PostSearchParams {
  terms: string;
  isOrSearch: boolean;
  /** Seconds east of UTC, for the days of `on:`/`before:`/`after:`. */
  timeZoneOffset: number;
  includeDeletedChannels: boolean;
  page: number;
  perPage: number;
}

/** Mattermost's PostSearchResults: a post list (posts as JSON by id, each serialized once) and the words to highlight. */
export interface PostSearchPage {
  order: string[];
  posts: ReadonlyMap<string, string>;
  matches: Record<string, string[]>;
  /** More results past this page. */
  has_next: boolean;
}

export const MAX_SEARCH_PER_PAGE = 200;
const EMPTY: PostSearchPage = { order: [], posts: new Map(), matches: {}, has_next: false };

const searchDisabled = (): AppError =>
  new AppError('store.sql_post.search.disabled', 'Searching has been disabled on this server. Please contact your System Administrator.', 501);

export class PostSearchService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** Searches one team's channels (and the user's DMs and GMs), or, without `teamId`, all the user's channels. */
  async search(actor: Actor, teamId: string | undefined, params: PostSearchParams): Promise<PostSearchPage> {
    if (!this.deps.liveConfig.document.ServiceSettings.EnablePostSearch) throw searchDisabled();
    if (teamId !== undefined) await this.permissions.requireTeam(actor, teamId, 'view_team');
    const terms = parseSearchTerms(params.terms);
    const query = await this.query(actor, teamId, terms, params);
    if (!query) return EMPTY;
    // One more than the page tells whether another page follows.
    const posts = await this.store.postSearch.search(query);
    const page = await this.present(posts.slice(0, params.perPage), terms, actor.userId);
    return { ...page, has_next: page.has_next || posts.length > params.perPage };
  }

  private async query(actor: Actor, teamId: string | undefined, terms: SearchTerms, params: PostSearchParams): Promise<PostSearchQuery | undefined> {
    const positive = positiveTerms(terms);
    const hasText = hasTextTerms(terms);
    // Terms that were typed but hold nothing searchable (`!!!`) match nothing, rather than everything.
    if (hasText && positive.length === 0) return undefined;
    const filtered = terms.fromUsers.length + terms.inChannels.length > 0 || terms.on !== undefined || terms.after !== undefined || terms.before !== undefined;
    if (positive.length === 0 && !filtered) return undefined;
    const range = dateRange(terms, params.timeZoneOffset);
    if (!range) return undefined;
    const channelIds = await this.channels(actor, teamId, terms, params.includeDeletedChannels);
    if (channelIds.length === 0) return undefined;
    const userIds = terms.fromUsers.length > 0 ? await this.userIds(terms.fromUsers) : undefined;
    if (userIds?.length === 0) return undefined;
    return {
      terms: positive, anyTerm: params.isOrSearch, excluded: excludedTerms(terms), channelIds, userIds,
      excludedUserIds: terms.excludedFromUsers.length > 0 ? await this.userIds(terms.excludedFromUsers) : [],
      ...range, offset: params.page * params.perPage, limit: params.perPage + 1,
    };
  }

  private async userIds(usernames: readonly string[]): Promise<string[]> {
    return (await this.store.users.getByUsernames(usernames)).map((u) => u.id);
  }

  /** The ids of the channels searched: the user's, narrowed by `in:` and `-in:`. */
  private async channels(actor: Actor, teamId: string | undefined, terms: SearchTerms, includeDeleted: boolean): Promise<string[]> {
    const teamSettings = this.deps.liveConfig.document.TeamSettings as { ExperimentalViewArchivedChannels?: boolean };
    const archivedViewable = teamSettings.ExperimentalViewArchivedChannels !== false;
    let channels = await this.store.channels.listForUser(actor.userId, { teamId, includeDeleted: includeDeleted && archivedViewable });
    if (terms.inChannels.length > 0) {
      const names = await this.channelNames(actor.userId, terms.inChannels);
      channels = channels.filter((c) => names.has(c.name));
    }
    if (terms.excludedInChannels.length > 0) {
      const names = await this.channelNames(actor.userId, terms.excludedInChannels);
      channels = channels.filter((c) => !names.has(c.name));
    }
    return channels.map((c: ChannelRecord) => c.id);
  }

  /** Channel names as `in:` means them: a name, or `@username` for the direct message with that user. */
  private async channelNames(userId: string, written: readonly string[]): Promise<Set<string>> {
    const names = new Set(written.filter((n) => !n.startsWith('@')));
    const dmUsers = written.filter((n) => n.startsWith('@')).map((n) => n.slice(1));
    if (dmUsers.length > 0) {
      for (const other of await this.userIds(dmUsers)) names.add(directChannelName(userId, other));
    }
    return names;
  }

  private async present(posts: readonly PostRecord[], terms: SearchTerms, viewerId: string): Promise<PostSearchPage> {
    const views = await presentPosts(this.store, posts, viewerId);
    // Only the found posts are listed (no roots alongside): the budget gets no views to add roots from.
    const budget = new PostBudget(this.deps.config.postListMaxBytes, new Map());
    const order: string[] = [];
    const matches: Record<string, string[]> = {};
    for (const view of views) {
      if (!(await budget.takeAndYield(view))) return { order, posts: budget.json, matches, has_next: true };
      order.push(view.id);
      matches[view.id] = highlights(terms, view.message);
    }
    return { order, posts: budget.json, matches, has_next: false };
  }
}
