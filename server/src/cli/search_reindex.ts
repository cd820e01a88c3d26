import { rebuildSearchIndex } from '../app/search/reindex.js';
import { databaseOptions } from '../config/database_options.js';
import type { Config } from '../config/schema.js';
import { openSqlStore } from '../store/sql/store.js';
import { ProgressBar, type Output } from './progress_bar.js';

/** `parley reindex`: rebuilds the post search index of the configured database, with a progress bar on `err`. */
export async function searchReindex(config: Config, io: { out: Output; err: Output }, options: { batchSize?: number } = {}): Promise<number> {
  const store = await openSqlStore(databaseOptions(config));
  try {
    const bar = new ProgressBar(io.err, 'indexing posts');
    const report = await rebuildSearchIndex(store.postSearch, { batchSize: options.batchSize, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    const rate = report.seconds > 0 ? Math.round(report.posts / report.seconds) : report.posts;
    io.out.write(`search index rebuilt: ${report.posts} posts in ${report.seconds.toFixed(1)} s (${rate} posts/s)\n`);
    return 0;
  } finally {
    await store.close();
  }
}
