import type { PostRecord } from '../../model/types.js';

/** One term to match: a word (one token), a phrase (several, in order) or, with `prefix`, a last token begun. */
export interface SearchTextTerm {
  tokens: string[];
  prefix: boolean;
  /** Where it must occur: the message text, or `posts.hashtags` (a `#tag` term). */
  field: 'message' | 'hashtags';
}

/** A post search with every name already resolved to ids. */
export interface PostSearchQuery {
  /** The terms a post must match: all of them, or any with `anyTerm`. None: the filters alone decide. */
  terms: SearchTextTerm[];
  anyTerm: boolean;
  /** Terms a post must not match. */
  excluded: SearchTextTerm[];
  /** The channels searched (never empty). */
  channelIds: string[];
  /** Only posts by these users, when given. */
  userIds?: string[];
  excludedUserIds: string[];
  /** create_at bounds, inclusive. */
  since?: number;
  until?: number;
  offset: number;
  limit: number;
}

/** Progress of a rebuild: the last post indexed (an opaque cursor) and how many posts the batch held. */
export interface ReindexBatch {
  cursor: string;
  posts: number;
}

export interface PostSearchStore {
  /** Live posts matching the query, newest first. */
  search(query: PostSearchQuery): Promise<PostRecord[]>;
  /** How many posts a rebuild walks (live or not), for its progress. */
  countPosts(): Promise<number>;
  /** Starts a rebuild: drops what the index must not keep after it (SQLite: everything; PostgreSQL: nothing yet). */
  beginReindex(): Promise<void>;
  /** Indexes the next `size` posts after `cursor` ('' to start), in one transaction; 0 posts: done. */
  reindexBatch(cursor: string, size: number): Promise<ReindexBatch>;
  /** Ends a rebuild: drops entries of posts that are gone or deleted. */
  finishReindex(): Promise<void>;
}
