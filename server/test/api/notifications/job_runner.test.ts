import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/app/jobs/job_runner.js';
import { newId } from '../../../src/model/id.js';
import type { JobRecord } from '../../../src/store/jobs/jobs.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { startTestServer, unique, type TestServer } from '../../harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const store = () => server.app.deps.store;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const jobsOfType = async (type: string) => (await store().jobs.counts()).filter((c) => c.type === type);

describe('background jobs', () => {
  it('runs jobs queued before the runner started (they survive a restart)', async () => {
    const type = unique('restart');
    const before = new JobRunner(server.app.deps, { pollMs: 50 });
    await before.enqueueMany([{ type, data: { n: 1 } }]);
    await before.enqueueMany([{ type, data: { n: 2 } }]);
    const seen: number[] = [];
    const after = new JobRunner(server.app.deps, { pollMs: 50 });
    after.register(type, { run: async (job) => { seen.push((JSON.parse(job.data) as { n: number }).n); } }, { maxAttempts: 1, firstRetryMs: 10 });
    after.start();
    try {
      await until(() => seen.length === 2);
      expect(seen.sort()).toEqual([1, 2]);
      await until(async () => (await jobsOfType(type)).length === 0);
    } finally {
      await after.close();
    }
  });

  it('takes back a job whose runner died, once its lease is over', async () => {
    const type = unique('abandoned');
    const now = Date.now();
    const orphan: JobRecord = {
      id: newId(), type, status: 'in_progress', group_key: '', data: '{}', attempts: 1, run_at: now - 60_000, create_at: now - 60_000,
      start_at: now - 60_000, last_activity_at: now - 60_000, last_error: '',
    };
    await store().jobs.enqueue([orphan]);
    const ran: string[] = [];
    const runner = new JobRunner(server.app.deps, { pollMs: 50, leaseMs: 30_000 });
    runner.register(type, { run: async (job) => { ran.push(job.id); } }, { maxAttempts: 3, firstRetryMs: 10 });
    runner.start();
    try {
      await until(() => ran.length === 1);
      expect(ran).toEqual([orphan.id]);
    } finally {
      await runner.close();
    }
  });

  it('retries a failing job with growing waits, then keeps it as an error', async () => {
    const type = unique('failing');
    const attempts: number[] = [];
    const runner = new JobRunner(server.app.deps, { pollMs: 20 });
    runner.register(type, { run: async (job) => { attempts.push(Date.now()); throw new Error(`attempt ${job.attempts} failed`); } }, { maxAttempts: 3, firstRetryMs: 100 });
    runner.start();
    try {
      await runner.enqueueMany([{ type, data: {} }]);
      await until(async () => (await jobsOfType(type)).some((c) => c.status === 'error'));
      expect(attempts).toHaveLength(3);
      // Waits of 100 ms, then 200 ms.
      expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(90);
      expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(190);
      const failed = await (server.app.deps.store as SqlStore).db.selectFrom('jobs').selectAll().where('type', '=', type).executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ status: 'error', attempts: 3, last_error: 'attempt 3 failed' });
    } finally {
      await runner.close();
    }
  });

  it('gives each job to one runner when several poll the same queue', async () => {
    const type = unique('shared');
    const runs = new Map<string, number>();
    const handler = { run: async (job: JobRecord) => { runs.set(job.id, (runs.get(job.id) ?? 0) + 1); await new Promise((r) => setTimeout(r, 5)); } };
    const runners = [0, 1, 2].map(() => new JobRunner(server.app.deps, { pollMs: 10, concurrency: 3 }));
    for (const r of runners) r.register(type, handler, { maxAttempts: 1, firstRetryMs: 10 });
    for (let i = 0; i < 40; i++) await runners[0].enqueueMany([{ type, data: { i } }]);
    for (const r of runners) r.start();
    try {
      await until(() => runs.size === 40);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await Promise.all(runners.map((r) => r.close()));
    }
  });
});
