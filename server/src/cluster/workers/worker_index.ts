import cluster from 'node:cluster';

/** Set by the supervisor on each worker it forks: the worker's place, kept by its replacement. */
export const WORKER_INDEX_ENV = 'PARLEY_WORKER_INDEX';

/** This process's index among the supervisor's workers (0, 1, …), or undefined when it serves alone. */
export function workerIndex(): number | undefined {
  if (!cluster.isWorker) return undefined;
  const index = Number(process.env[WORKER_INDEX_ENV]);
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}
