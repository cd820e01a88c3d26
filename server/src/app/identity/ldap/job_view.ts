import type { JobRecord } from '../../../store/jobs/jobs.js';

/** Mattermost's Job as the console reads it (@mattermost/types' Job, with `type` any string). */
export interface JobView {
  id: string;
  type: string;
  priority: number;
  create_at: number;
  start_at: number;
  last_activity_at: number;
  status: string;
  progress: number;
  /** A map of strings, as upstream's; a failed run's error is under `error`, as upstream's workers put it. */
  data: Record<string, string>;
}

export function jobView(job: JobRecord): JobView {
  let data: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(job.data);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      data = Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    }
  } catch {
    // Not JSON: shown without data.
  }
  if (job.status === 'error' && job.last_error) data.error = job.last_error;
  return {
    id: job.id, type: job.type, priority: 0, create_at: job.create_at, start_at: job.start_at, last_activity_at: job.last_activity_at,
    status: job.status, progress: job.progress ?? 0, data,
  };
}
