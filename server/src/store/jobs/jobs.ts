/**
 * Where a job is: waiting for its time, taken by a runner, given up after its last attempt, or done (kept only for
 * types the administrator watches, such as ldap_sync; others are deleted when done).
 */
export type JobStatus = 'pending' | 'in_progress' | 'error' | 'success';

/** A background job (migration 0019_jobs). Jobs that succeed are deleted. */
export interface JobRecord {
  id: string;
  /** Which handler runs it ('email_notification', 'push_notification' ...). */
  type: string;
  status: JobStatus;
  /** Whom the job is for: a handler may add to a group's pending job instead of queueing another (one user's batched email). */
  group_key: string;
  /** JSON for the handler. */
  data: string;
  /** Runs started so far. */
  attempts: number;
  /** Not before this (ms). */
  run_at: number;
  create_at: number;
  /** When its current or last run started. */
  start_at: number;
  /** When its runner last said it is alive (claim or progress); a lease older than this is taken back. */
  last_activity_at: number;
  last_error: string;
  /** How far a running job is, in percent (migration 0026; only jobs that report it). */
  progress?: number;
}

export interface JobStore {
  enqueue(jobs: readonly JobRecord[]): Promise<void>;
  /**
   * Moves up to `limit` pending jobs of these types due by `now` to in_progress, earliest first, and returns them;
   * each to one caller.
   */
  claimDue(now: number, limit: number, types: readonly string[]): Promise<JobRecord[]>;
  /** The pending jobs of the type for these groups. */
  pendingInGroups(type: string, groupKeys: readonly string[]): Promise<JobRecord[]>;
  /** Replaces a pending job's data if it is still pending with `expected` as its data; says whether it did. */
  updatePendingData(id: string, expected: string, data: string): Promise<boolean>;
  /** Done: the jobs are deleted. */
  complete(ids: readonly string[]): Promise<void>;
  /** Back to pending, to run again at `runAt`. */
  retryLater(id: string, runAt: number, error: string): Promise<void>;
  /** Given up: kept as `error` for the administrator until removed. */
  fail(id: string, error: string): Promise<void>;
  /** Puts back to pending the jobs in progress whose runner has not been heard of since `before`; says how many. */
  requeueAbandoned(before: number): Promise<number>;
  /** Deletes failed jobs created before `before`; says how many. */
  removeFailed(before: number): Promise<number>;
  /** Inserts the job unless one with its id exists (a schedule's deterministic id); says whether it did. */
  enqueueOnce(job: JobRecord): Promise<boolean>;
  /** A running job's progress (percent) and data; also renews its lease. */
  reportProgress(id: string, progress: number, data: string): Promise<void>;
  /** Done, but kept as `success` (progress 100) for the administrator. */
  succeed(id: string): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
  /** Jobs of one type, newest first. */
  listByType(type: string, offset: number, limit: number): Promise<JobRecord[]>;
  /** Deletes finished (success or error) jobs of the type created before `before`; says how many. */
  removeFinished(type: string, before: number): Promise<number>;
  /** How many jobs of each type and status there are (for metrics and the console). */
  counts(): Promise<{ type: string; status: JobStatus; count: number }[]>;
}
