import { postListQueueWait } from '../metrics/registry.js';
import { AppError } from '../model/errors.js';

/**
 * Runs at most `limit` tasks at once; the rest wait their turn in arrival
 * order. Bounds the memory of work whose size the caller cannot know before
 * it starts (a post list reads and serialises up to its byte budget), so N
 * concurrent requests cost at most `limit` budgets, not N.
 *
 * A task that waited longer than `maxWaitMs` when its turn comes is refused
 * (503) instead of run: under overload its client has most likely given up
 * and asked again, and running every abandoned request late kept the queue
 * from ever draining.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly limit: number,
    private readonly onWait?: (seconds: number) => void,
    private readonly maxWaitMs = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      const queuedAt = performance.now();
      await new Promise<void>((admit, refuse) => this.waiting.push({ queuedAt, admit, refuse }));
      this.onWait?.((performance.now() - queuedAt) / 1000);
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      this.passSlot();
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** The slot goes straight to the next waiter still worth running, so `running` only drops when there is none. */
  private passSlot(): void {
    const now = performance.now();
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (now - next.queuedAt <= this.maxWaitMs) {
        next.admit();
        return;
      }
      this.onWait?.((now - next.queuedAt) / 1000);
      next.refuse(serverBusy());
    }
    this.running--;
  }
}

interface Waiter {
  queuedAt: number;
  admit: () => void;
  refuse: (error: AppError) => void;
}

/** The id of a refusal to run work that waited past its deadline: the server shedding load, not failing. */
export const SERVER_BUSY_ID = 'app.concurrency_limit.server_busy.app_error';

export const serverBusy = (): AppError => new AppError(SERVER_BUSY_ID, 'The server is too busy to answer this request; try again.', 503);

/**
 * Post lists (channel pages, threads, pinned, saved, thread lists) built at once per node, all kinds together. They
 * bound what concurrent readers of huge posts can make the server hold: a few byte budgets, not one per reader.
 * SQLite's reads never wait, so Node builds one list at a time anyway and two slots cost ordinary pages nothing.
 * PostgreSQL's lists mostly wait on round trips (three statements for a page without files or link previews): two slots made them queue behind each other
 * (3 s for `posts/unread` at 300 simulated users while the pool sat idle), so they get more.
 * A list that waited MAX_QUEUE_WAIT_MS is refused: ramping 2,000 simulated users onto 6,000 on PostgreSQL, lists
 * waited 3.2 s on average, their clients timed out and asked again, and the node never caught up.
 */
export function postListSlots(dialect: 'sqlite' | 'postgres'): ConcurrencyLimit {
  return new ConcurrencyLimit(dialect === 'postgres' ? 16 : 2, (seconds) => postListQueueWait.observe(seconds), MAX_QUEUE_WAIT_MS);
}

/** How long work may wait for its turn before it is refused as busy: post lists here, password hashing too. */
export const MAX_QUEUE_WAIT_MS = 5_000;
