import { postListQueueWait } from '../metrics/registry.js';

/**
 * Runs at most `limit` tasks at once; the rest wait their turn in arrival
 * order. Bounds the memory of work whose size the caller cannot know before
 * it starts (a post list reads and serialises up to its byte budget), so N
 * concurrent requests cost at most `limit` budgets, not N.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number, private readonly onWait?: (seconds: number) => void) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      const queuedAt = performance.now();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.onWait?.((performance.now() - queuedAt) / 1000);
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Post lists (channel pages, threads, pinned, saved, thread lists) built at once per node, all kinds together. They
 * bound what concurrent readers of huge posts can make the server hold: a few byte budgets, not one per reader.
 * SQLite's reads never wait, so Node builds one list at a time anyway and two slots cost ordinary pages nothing.
 * PostgreSQL's lists mostly wait on round trips (about seven a page): two slots made them queue behind each other
 * (3 s for `posts/unread` at 300 simulated users while the pool sat idle), so they get more.
 */
export function postListSlots(dialect: 'sqlite' | 'postgres'): ConcurrencyLimit {
  return new ConcurrencyLimit(dialect === 'postgres' ? 16 : 2, (seconds) => postListQueueWait.observe(seconds));
}
