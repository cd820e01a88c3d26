import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { SqliteDirect } from './sqlite_direct.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Queued {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Outcome {
  item: Queued;
  ok: boolean;
  value: unknown;
}

/** Enough to amortise a commit; small enough that one batch never holds the writer for long. */
const MAX_BATCH = 64;

/**
 * Group commit for SQLite. SQLite has one writer, and its cost per write
 * transaction is mostly the commit (writing each touched page to the WAL).
 * Transactions requested while another is running are queued and then run
 * one after another inside a single database transaction, each in its own
 * savepoint: a failing one is rolled back alone and rejects only its caller,
 * and every caller is answered only after the shared commit. Pages that
 * several transactions touch (the posts table's right edge, a busy channel's
 * row) are written once per batch instead of once per transaction.
 */
export class GroupCommit {
  private readonly queue: Queued[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>, private readonly direct: SqliteDirect) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate lets requests that are already readable join this batch.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = batch.length === 1 ? await this.runAlone(batch[0]) : await this.runTogether(batch);
      for (const { item, ok, value } of outcomes) {
        if (ok) item.resolve(value);
        else item.reject(value);
      }
    } catch (error) {
      // BEGIN or COMMIT failed: nothing in the batch was written.
      for (const item of batch) item.reject(error);
    } finally {
      this.scheduled = false;
      this.schedule();
    }
  }

  private async runAlone(item: Queued): Promise<Outcome[]> {
    try {
      return [{ item, ok: true, value: await this.db.transaction().execute(item.work) }];
    } catch (error) {
      return [{ item, ok: false, value: error }];
    }
  }

  private runTogether(batch: Queued[]): Promise<Outcome[]> {
    return this.db.transaction().execute(async (trx) => {
      const outcomes: Outcome[] = [];
      for (const item of batch) {
        this.direct.run('SAVEPOINT parley_group_item');
        try {
          const value = await item.work(trx);
          this.direct.run('RELEASE parley_group_item');
          outcomes.push({ item, ok: true, value });
        } catch (error) {
          this.direct.run('ROLLBACK TO parley_group_item');
          this.direct.run('RELEASE parley_group_item');
          outcomes.push({ item, ok: false, value: error });
        }
      }
      return outcomes;
    });
  }
}
