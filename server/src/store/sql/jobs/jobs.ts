import { sql, type Kysely } from 'kysely';
import type { JobRecord, JobStatus, JobStore } from '../../jobs/jobs.js';
import type { Database } from '../schema.js';

/**
 * Claims are one UPDATE ... RETURNING each. PostgreSQL picks the rows with FOR UPDATE SKIP LOCKED, so concurrent
 * runners in a cluster take different jobs instead of waiting on each other; SQLite has one writer at a time.
 */
export class SqlJobStore implements JobStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async enqueue(jobs: readonly JobRecord[]): Promise<void> {
    if (jobs.length > 0) await this.db.insertInto('jobs').values([...jobs]).execute();
  }

  async claimDue(now: number, limit: number, types: readonly string[]): Promise<JobRecord[]> {
    if (types.length === 0) return [];
    const lock = this.dialect === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<JobRecord>`
      UPDATE jobs SET status = 'in_progress', attempts = attempts + 1, start_at = ${now}, last_activity_at = ${now}
      WHERE id IN (
        SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ${now} AND type IN (${sql.join([...types])})
        ORDER BY run_at LIMIT ${limit}${lock})
      RETURNING *`.execute(this.db);
    return rows.rows.sort((a, b) => a.run_at - b.run_at);
  }

  async pendingInGroups(type: string, groupKeys: readonly string[]): Promise<JobRecord[]> {
    if (groupKeys.length === 0) return [];
    return this.db.selectFrom('jobs').selectAll().where('type', '=', type).where('group_key', 'in', [...groupKeys]).where('status', '=', 'pending')
      .orderBy('run_at').execute();
  }

  async updatePendingData(id: string, expected: string, data: string): Promise<boolean> {
    const result = await this.db.updateTable('jobs').set({ data }).where('id', '=', id).where('status', '=', 'pending').where('data', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async complete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('jobs').where('id', 'in', [...ids]).execute();
  }

  async retryLater(id: string, runAt: number, error: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'pending', run_at: runAt, last_error: error }).where('id', '=', id).execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'error', last_error: error }).where('id', '=', id).execute();
  }

  async requeueAbandoned(before: number): Promise<number> {
    const result = await this.db.updateTable('jobs').set({ status: 'pending' })
      .where('status', '=', 'in_progress').where('last_activity_at', '<', before).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async removeFailed(before: number): Promise<number> {
    const result = await this.db.deleteFrom('jobs').where('status', '=', 'error').where('create_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async enqueueOnce(job: JobRecord): Promise<boolean> {
    const result = await this.db.insertInto('jobs').values(job).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async reportProgress(id: string, progress: number, data: string): Promise<void> {
    await this.db.updateTable('jobs').set({ progress, data, last_activity_at: Date.now() }).where('id', '=', id).execute();
  }

  async succeed(id: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'success', progress: 100, last_activity_at: Date.now(), last_error: '' }).where('id', '=', id).execute();
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listByType(type: string, offset: number, limit: number): Promise<JobRecord[]> {
    return this.db.selectFrom('jobs').selectAll().where('type', '=', type).orderBy('create_at', 'desc').orderBy('id', 'desc')
      .limit(limit).offset(offset).execute();
  }

  async removeFinished(type: string, before: number): Promise<number> {
    const result = await this.db.deleteFrom('jobs').where('type', '=', type).where('status', 'in', ['success', 'error']).where('create_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async counts(): Promise<{ type: string; status: JobStatus; count: number }[]> {
    const rows = await this.db.selectFrom('jobs').select(['type', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['type', 'status']).execute();
    return rows.map((r) => ({ type: r.type, status: r.status, count: Number(r.count) }));
  }
}

