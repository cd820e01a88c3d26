import { setState } from '../store';
import type { PostsState } from '../posts';

/** A change a WebSocket event makes to posts; applying it twice changes nothing more than once. */
export type PostsChange = (posts: PostsState) => PostsState;

interface Recorded {
  seq: number;
  channelId: string;
  change: PostsChange;
}

let lastSeq = 0;
/** Changes made while some page was on its way, kept until no page that started before them is left. */
let recorded: Recorded[] = [];
/** For each page on its way, the last change made before it was asked for. */
const pagesOnTheirWay = new Set<{ since: number }>();

/**
 * Applies an event's change to a channel's posts now, and again on top of any page of that channel that was asked for
 * before the change and lands after it: the server wrote that page before the change, and without this it would bring
 * back the old post (an edit undone, a deleted post shown again, a reaction gone).
 */
export function applyLiveChange(channelId: string, change: PostsChange): void {
  setState((s) => ({ posts: change(s.posts) }));
  if (pagesOnTheirWay.size > 0) recorded.push({ seq: ++lastSeq, channelId, change });
}

/**
 * Fetches a page of a channel's posts and lands it with `land`, followed by the changes made to that channel while it
 * was on its way. `channelOf` names the channel, or finds it in the page (a thread asked for by its root's id).
 */
export async function loadPage<T>(channelOf: string | ((page: T) => string), request: () => Promise<T>, land: (page: T) => void): Promise<void> {
  const page = { since: lastSeq };
  pagesOnTheirWay.add(page);
  try {
    const landed = await request();
    land(landed);
    const channelId = typeof channelOf === 'string' ? channelOf : channelOf(landed);
    const missed = recorded.filter((r) => r.channelId === channelId && r.seq > page.since);
    if (missed.length > 0) setState((s) => ({ posts: missed.reduce((posts, r) => r.change(posts), s.posts) }));
  } finally {
    pagesOnTheirWay.delete(page);
    const oldest = Math.min(...[...pagesOnTheirWay].map((p) => p.since));
    recorded = recorded.filter((r) => r.seq > oldest);
  }
}
