import type { ReactionRecord, ThreadMembershipRecord, ThreadRecord } from '../model/types.js';

/** What presenting a page of posts reads besides the posts themselves. */
export interface PresentationRequest {
  /** Posts whose reactions are wanted (those flagged has_reactions). */
  reactedPostIds: readonly string[];
  /** Roots whose thread counters are wanted. */
  threadIds: readonly string[];
  /** The reader, whose follow state of `rootIds` is wanted; none for an anonymous presentation. */
  viewerId?: string;
  rootIds: readonly string[];
}

export interface PresentationParts {
  reactions: ReactionRecord[];
  threads: ThreadRecord[];
  memberships: ThreadMembershipRecord[];
}

/** Reactions, thread counters and the reader's thread memberships of a page, read together (one round trip on PostgreSQL). */
export interface PostPresentationStore {
  parts(request: PresentationRequest): Promise<PresentationParts>;
}
