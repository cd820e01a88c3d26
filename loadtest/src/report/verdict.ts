import type { Counters } from './counters.js';

// Mattermost's load-test criteria: client average latency < 100 ms, p99 < 2 s,
// errors (5xx, timeouts, transport) < 0.025 %, every user online with a live socket.
// Parley adds one they leave out: `posted` delivered within 2 s at p99. Past the
// server's capacity for fan-out, requests can stay fast while messages arrive
// ever later, and a user waiting 10 s for a message is not a supported user.

export const CRITERIA = { averageMs: 100, p99Ms: 2_000, errorRate: 0.00025, deliveryP99Ms: 2_000 } as const;

export interface Check {
  name: string;
  value: number;
  limit: string;
  pass: boolean;
}

export interface Verdict {
  pass: boolean;
  checks: Check[];
}

/** What a verdict looks at: the run's request totals and its `posted` delivery, as the report computed them. */
export interface Measured {
  totals: { averageMs: number; p99Ms: number; errorRate: number };
  posted: { p99Ms: number };
}

export function judge({ totals, posted }: Measured, counters: Counters, target: number): Verdict {
  const live = counters.socketsOpen + counters.rejoining;
  const checks: Check[] = [
    { name: 'average latency (ms)', value: totals.averageMs, limit: `< ${CRITERIA.averageMs}`, pass: totals.averageMs < CRITERIA.averageMs },
    { name: 'p99 latency (ms)', value: totals.p99Ms, limit: `< ${CRITERIA.p99Ms}`, pass: totals.p99Ms < CRITERIA.p99Ms },
    { name: 'errors (%)', value: totals.errorRate * 100, limit: `< ${CRITERIA.errorRate * 100}`, pass: totals.errorRate < CRITERIA.errorRate },
    { name: 'users online', value: counters.usersOnline, limit: `= ${target}`, pass: counters.usersOnline >= target },
    { name: 'live sockets', value: live, limit: `>= ${target}`, pass: live >= target },
    { name: 'posted delivery p99 (ms)', value: posted.p99Ms, limit: `< ${CRITERIA.deliveryP99Ms}`, pass: posted.p99Ms < CRITERIA.deliveryP99Ms },
  ];
  return { pass: checks.every((c) => c.pass), checks };
}
