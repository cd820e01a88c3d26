import { AppError } from '../../model/errors.js';
import type { PostRecord } from '../../model/types.js';
import type { PostSearchQuery } from '../../store/search/post_search.js';
import type { Store } from '../../store/store.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { PostBudget } from '../post_budget.js';
import { presentPosts } from '../post_presenter.js';
import { dateRange, excludedTerms, highlights, positiveTerms } from './search_query.js';
import { SearchScope, type SearchParams } from './search_scope.js';
import { hasTextTerms, parseSearchTerms, type SearchTerms } from './search_terms.js';

// Post search as Mattermost's database search answers it, in the channels
// SearchScope names; newest first, a page at a time.

/** Mattermost's PostSearchResults: a post list (posts as JSON by id, each serialized once) and the words to highlight. */
export interface PostSearchPage {
  order: string[];
  posts: ReadonlyMap<string, string>;
  matches: Record<string, string[]>;
  /** More results past this page. */
  has_next: boolean;
}

const EMPTY: PostSearchPage = { order: [], posts: new Map(), matches: {}, has_next: false };

const searchDisabled = (): AppError =>
  new AppError('store.sql_post.search.disabled', 'Searching has been disabled on this server. Please contact your System Administrator.', 501);

export class PostSearchService {
  private readonly scope: SearchScope;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {
    this.scope = new SearchScope(deps);
  }

  private get store(): Store {
    return this.deps.store;
  }

  /** Searches one team's channels (and the user's DMs and GMs), or, without `teamId`, all the user's channels. */
  async search(actor: Actor, teamId: string | undefined, params: SearchParams): Promise<PostSearchPage> {
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

  private async query(actor: Actor, teamId: string | undefined, terms: SearchTerms, params: SearchParams): Promise<PostSearchQuery | undefined> {
    const positive = positiveTerms(terms);
    const hasText = hasTextTerms(terms);
    // Terms that were typed but hold nothing searchable (`!!!`) match nothing, rather than everything.
    if (hasText && positive.length === 0) return undefined;
    const filtered = terms.fromUsers.length + terms.inChannels.length > 0 || terms.on !== undefined || terms.after !== undefined || terms.before !== undefined;
    if (positive.length === 0 && !filtered) return undefined;
    const range = dateRange(terms, params.timeZoneOffset);
    if (!range) return undefined;
    const channelIds = await this.scope.channelIds(actor, teamId, terms, params.includeDeletedChannels);
    if (channelIds.length === 0) return undefined;
    const userIds = terms.fromUsers.length > 0 ? await this.scope.userIds(terms.fromUsers) : undefined;
    if (userIds?.length === 0) return undefined;
    return {
      terms: positive, anyTerm: params.isOrSearch, excluded: excludedTerms(terms), channelIds, userIds,
      excludedUserIds: terms.excludedFromUsers.length > 0 ? await this.scope.userIds(terms.excludedFromUsers) : [],
      ...range, offset: params.page * params.perPage, limit: params.perPage + 1,
    };
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
