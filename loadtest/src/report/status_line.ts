import type { Counters } from './counters.js';
import { averageMs, percentileMs, POSTED_DELIVERY, requestTotals, subtractStats, type StatsData } from './stats.js';

/** One line on the last interval: who is online, request rate and latency, errors, delivery and login rate. */
export function statusLine(input: { elapsedSeconds: number; target: number; counters: Counters; previousCounters: Counters; stats: StatsData; previousStats: StatsData; intervalSeconds: number }): string {
  const window = subtractStats(input.stats, input.previousStats);
  const totals = requestTotals(window);
  const delivery = window.routes[POSTED_DELIVERY]?.latency;
  const c = input.counters;
  const rate = (n: number): string => (n / input.intervalSeconds).toFixed(1);
  const errorPercent = totals.requests === 0 ? 0 : (totals.errors / totals.requests) * 100;
  return [
    `[${input.elapsedSeconds.toFixed(0).padStart(5)} s]`,
    `online ${c.usersOnline}/${input.target}`,
    `sockets ${c.socketsOpen}`,
    `req/s ${rate(totals.requests)}`,
    `avg ${averageMs(totals.latency).toFixed(1)} ms`,
    `p99 ${percentileMs(totals.latency, 0.99).toFixed(0)} ms`,
    `errors ${errorPercent.toFixed(3)} %${totals.clientErrors > 0 ? ` (4xx ${totals.clientErrors})` : ''}`,
    `posted p99 ${delivery ? percentileMs(delivery, 0.99).toFixed(0) : '-'} ms`,
    `logins/s ${rate(c.logins - input.previousCounters.logins)}`,
  ].join(' | ');
}
