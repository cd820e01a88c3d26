import type { PostSearchStore } from '../../store/search/post_search.js';

export interface ReindexReport {
  posts: number;
  seconds: number;
}

/**
 * Rebuilds the post search index batch by batch, each batch its own transaction, so the server keeps serving (and
 * its triggers keep indexing new posts) meanwhile. Running it again gives the same index.
 */
export async function rebuildSearchIndex(store: PostSearchStore, options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<ReindexReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  const total = await store.countPosts();
  await store.beginReindex();
  let done = 0;
  let cursor = '';
  for (;;) {
    const batch = await store.reindexBatch(cursor, batchSize);
    if (batch.posts === 0) break;
    done += batch.posts;
    cursor = batch.cursor;
    // Posts created during the rebuild can take it past the first count.
    options.onProgress?.(done, Math.max(total, done));
  }
  await store.finishReindex();
  return { posts: done, seconds: (performance.now() - started) / 1000 };
}
