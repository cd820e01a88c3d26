import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PostView } from './post_presenter.js';

/**
 * A list yields to the event loop after serialising this much. Its reads never wait on I/O on SQLite (better-sqlite3
 * is synchronous), so without a pause concurrent lists of huge posts would run back to back as one chain of
 * microtasks while every other request, a ping included, waits for them all.
 */
const YIELD_EVERY_BYTES = 512 * 1024;

/** Counts serialised bytes and, each time another YIELD_EVERY_BYTES have passed, waits one turn of the event loop. */
export function eventLoopPacer(): (bytes: number) => Promise<void> {
  let sinceYield = 0;
  return async (bytes) => {
    sinceYield += bytes;
    if (sinceYield < YIELD_EVERY_BYTES) return;
    sinceYield = 0;
    await nextTurn();
  };
}

/**
 * A post list's posts in wire JSON, each serialized once, kept while the list stays within a byte budget. Posts are
 * offered in the order the list would rather keep them (the ones next to where the client asked to start); the first
 * post always fits, so every page lists at least one. A reply brings its root along, once, as Mattermost's lists do.
 */
export class PostBudget {
  /** The kept posts (and roots) by id, as JSON, in the order they were kept. */
  readonly json = new Map<string, string>();
  private bytes = 0;
  private readonly pace = eventLoopPacer();

  constructor(private readonly maxBytes: number, private readonly views: ReadonlyMap<string, PostView>) {}

  /** Keeps the post if it (with the root it needs) fits; false, keeping nothing, once it would not. */
  private take(post: PostView): boolean {
    if (this.json.has(post.id)) return true;
    const root = post.root_id && !this.json.has(post.root_id) ? this.views.get(post.root_id) : undefined;
    const own = JSON.stringify(post);
    const rootJson = root && JSON.stringify(root);
    const size = Buffer.byteLength(own) + (rootJson ? Buffer.byteLength(rootJson) : 0);
    if (this.json.size > 0 && this.bytes + size > this.maxBytes) return false;
    this.bytes += size;
    this.json.set(post.id, own);
    if (root && rootJson) this.json.set(root.id, rootJson);
    return true;
  }

  /** `take`, then a turn of the event loop for everyone else once another YIELD_EVERY_BYTES have been serialised. */
  async takeAndYield(post: PostView): Promise<boolean> {
    const before = this.bytes;
    const kept = this.take(post);
    await this.pace(this.bytes - before);
    return kept;
  }
}
