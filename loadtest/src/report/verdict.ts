import type { Counters } from './counters.js';
import { averageMs, percentileMs, POSTED_DELIVERY, requestTotals, type StatsData } from './stats.js';

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

export function judge(stats: StatsData, counters: Counters, target: number): Verdict {
  const totals = requestTotals(stats);
  const average = averageMs(totals.latency);
  const p99 = percentileMs(totals.latency, 0.99);
  const errorRate = totals.requests === 0 ? 0 : totals.errors / totals.requests;
  const live = counters.socketsOpen + counters.rejoining;
  const delivery = stats.routes[POSTED_DELIVERY]?.latency;
  const deliveryP99 = delivery && delivery.count > 0 ? percentileMs(delivery, 0.99) : 0;
  const checks: Check[] = [
    { name: 'average latency (ms)', value: average, limit: `< ${CRITERIA.averageMs}`, pass: average < CRITERIA.averageMs },
    { name: 'p99 latency (ms)', value: p99, limit: `< ${CRITERIA.p99Ms}`, pass: p99 < CRITERIA.p99Ms },
    { name: 'errors (%)', value: errorRate * 100, limit: `< ${CRITERIA.errorRate * 100}`, pass: errorRate < CRITERIA.errorRate },
    { name: 'users online', value: counters.usersOnline, limit: `= ${target}`, pass: counters.usersOnline >= target },
    { name: 'live sockets', value: live, limit: `>= ${target}`, pass: live >= target },
    { name: 'posted delivery p99 (ms)', value: deliveryP99, limit: `< ${CRITERIA.deliveryP99Ms}`, pass: deliveryP99 < CRITERIA.deliveryP99Ms },
  ];
  return { pass: checks.every((c) => c.pass), checks };
}
