import { jobDuration, jobsRun } from '../../metrics/registry.js';
import { guarded } from '../../metrics/unexpected.js';
import { newId } from '../../model/id.js';
import type { JobRecord } from '../../store/jobs/jobs.js';
import type { AppDeps } from '../deps.js';

/** Runs the jobs of one type. Throwing means "try again later", until the type's attempts are used up. */
export interface JobHandler {
  run(job: JobRecord): Promise<void>;
}

export interface JobTypeOptions {
  /** Runs before the job is given up (status `error`). */
  maxAttempts: number;
  /** The wait before the first retry; each later one waits twice as long. */
  firstRetryMs: number;
  /** Keep finished runs (status success) for the administrator to see, instead of deleting them (ldap_sync). */
  keepFinished?: boolean;
}

export interface JobRequest {
  type: string;
  data: object;
  /** Not before this (ms); now when left out. */
  runAt?: number;
  /** Whom it is for (JobRecord.group_key). */
  groupKey?: string;
}

export interface JobRunnerOptions {
  /** How often the queue is looked at when nothing woke the runner. */
  pollMs: number;
  /** Jobs running at once in this process. */
  concurrency: number;
  /** A job in progress this long without its runner is taken back (the process died running it). */
  leaseMs: number;
}

const DEFAULTS: JobRunnerOptions = { pollMs: 1_000, concurrency: 4, leaseMs: 5 * 60_000 };
/** Failed jobs are kept this long for the administrator to see, then removed. */
const KEEP_FAILED_MS = 7 * 24 * 3_600_000;
const MAX_RETRY_WAIT_MS = 3_600_000;

/**
 * The background job queue, kept in the database so that jobs survive a restart: email notifications (batched or
 * not) and push notifications with their retries. Every process runs one; a claim gives each job to one of them,
 * and a runner only claims the types it has handlers for.
 */
export class JobRunner {
  private readonly types = new Map<string, { handler: JobHandler; options: JobTypeOptions }>();
  private readonly options: JobRunnerOptions;
  private timer?: NodeJS.Timeout;
  private running = 0;
  private polling = false;
  private pollAgain = false;
  private readonly inFlight = new Set<Promise<void>>();
  private lastSweep = 0;

  constructor(private readonly deps: AppDeps, options: Partial<JobRunnerOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  register(type: string, handler: JobHandler, options: JobTypeOptions): void {
    this.types.set(type, { handler, options });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(guarded('timer', () => this.wake(), this.deps.log), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops taking jobs and waits for the ones running; those not started stay queued for the next start. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Queues jobs in one write; one due now is started at once when the runner is running. */
  async enqueueMany(requests: readonly JobRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const now = Date.now();
    const jobs = requests.map((r): JobRecord => ({
      id: newId(), type: r.type, status: 'pending', group_key: r.groupKey ?? '', data: JSON.stringify(r.data), attempts: 0,
      run_at: r.runAt ?? now, create_at: now, start_at: 0, last_activity_at: 0, last_error: '', progress: 0,
    }));
    await this.deps.store.jobs.enqueue(jobs);
    if (jobs.some((job) => job.run_at <= now)) this.wake();
  }

  /** Looks at the queue now (one look at a time; a wake during a look makes another). */
  wake(): void {
    if (!this.timer) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    void this.poll().catch((err: unknown) => this.deps.log.error({ err }, 'job queue unavailable')).finally(() => {
      this.polling = false;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.wake();
      }
    });
  }

  private async poll(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep > this.options.leaseMs / 2) {
      this.lastSweep = now;
      await this.deps.store.jobs.requeueAbandoned(now - this.options.leaseMs);
      await this.deps.store.jobs.removeFailed(now - KEEP_FAILED_MS);
    }
    const free = this.options.concurrency - this.running;
    if (free <= 0) return;
    for (const job of await this.deps.store.jobs.claimDue(now, free, [...this.types.keys()])) this.track(this.runOne(job));
  }

  private track(work: Promise<void>): void {
    // A job's failure is handled in runOne; what reaches here is the queue itself failing (the database is down).
    const run = work.catch((err: unknown) => this.deps.log.error({ err }, 'job queue unavailable'));
    this.running += 1;
    this.inFlight.add(run);
    void run.finally(() => {
      this.running -= 1;
      this.inFlight.delete(run);
      // A finished job frees a slot: there may be more waiting.
      this.wake();
    });
  }

  private async runOne(job: JobRecord): Promise<void> {
    // Claimed by type, so the handler is there.
    const type = this.types.get(job.type)!;
    const jobs = this.deps.store.jobs;
    const stopTimer = jobDuration.startTimer({ type: job.type });
    try {
      await type.handler.run(job);
      await (type.options.keepFinished ? jobs.succeed(job.id) : jobs.complete([job.id]));
      jobsRun.inc({ type: job.type, outcome: 'success' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (job.attempts >= type.options.maxAttempts) {
        await jobs.fail(job.id, message);
        jobsRun.inc({ type: job.type, outcome: 'error' });
        this.deps.log.warn({ job: job.id, type: job.type, attempts: job.attempts, err: message }, 'job given up');
      } else {
        const wait = Math.min(MAX_RETRY_WAIT_MS, type.options.firstRetryMs * 2 ** (job.attempts - 1));
        await jobs.retryLater(job.id, Date.now() + wait, message);
        jobsRun.inc({ type: job.type, outcome: 'retry' });
      }
    } finally {
      stopTimer();
    }
  }
}
