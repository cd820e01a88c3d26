import type { ChannelRecord, PostRecord, ThreadRecord, UserRecord } from '../../model/types.js';
import type { ParsedMentions } from '../mentions.js';

/** What PostService tells of a post it saved. */
export interface SavedPost {
  channel: ChannelRecord;
  author: UserRecord;
  post: PostRecord;
  parsed: ParsedMentions;
  mentions: readonly string[];
  /** The @names (with their trimmed variants) that are no member's username: perhaps people outside the channel. */
  outsideNames: readonly string[];
  reply?: { root: PostRecord; thread: ThreadRecord; followerIds: readonly string[] };
}

/** Told of every new user post (PostService.observePosts): notifications, outgoing webhooks. */
export interface PostNotifyHook {
  afterPost(saved: SavedPost): void;
}
