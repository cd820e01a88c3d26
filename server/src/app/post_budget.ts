import type { PostView } from './post_presenter.js';

/**
 * A post list's posts in wire JSON, each serialized once, kept while the list stays within a byte budget. Posts are
 * offered in the order the list would rather keep them (the ones next to where the client asked to start); the first
 * post always fits, so every page lists at least one. A reply brings its root along, once, as Mattermost's lists do.
 */
export class PostBudget {
  /** The kept posts (and roots) by id, as JSON, in the order they were kept. */
  readonly json = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes: number, private readonly views: ReadonlyMap<string, PostView>) {}

  /** Keeps the post if it (with the root it needs) fits; false, keeping nothing, once it would not. */
  take(post: PostView): boolean {
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
}
