import type { Counters } from './counters.js';
import { averageMs, percentileMs, POSTED_DELIVERY, requestTotals, type HistogramData, type StatsData } from './stats.js';
import { judge, type Verdict } from './verdict.js';

// The end-of-run report: one row per route template, the `posted` delivery
// row, totals and the verdict; the same data is written as JSON.

export interface Row {
  route: string;
  count: number;
  averageMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  clientErrors: number;
  timeouts: number;
}

export interface RunReport {
  url: string;
  users: number;
  seconds: number;
  routes: Row[];
  posted: Row;
  totals: Row & { errorRate: number; requestsPerSecond: number };
  counters: Counters;
  generatorCpuSeconds: number;
  /** Seconds from the first login until every user was online (to within a second), or null if they never all were. */
  allOnlineAfterSeconds: number | null;
  verdict: Verdict;
}

function row(route: string, latency: HistogramData, errors: number, clientErrors: number, timeouts: number): Row {
  return {
    route, count: latency.count, averageMs: averageMs(latency), p50Ms: percentileMs(latency, 0.5), p99Ms: percentileMs(latency, 0.99),
    maxMs: latency.maxMs, errors, clientErrors, timeouts,
  };
}

export function buildReport(input: {
  url: string; users: number; seconds: number; stats: StatsData; counters: Counters; generatorCpuSeconds: number; allOnlineAfterSeconds: number | null;
}): RunReport {
  const { stats, counters } = input;
  const routes = Object.entries(stats.routes)
    // A window (a ceiling step) can hold routes seen only before it.
    .filter(([route, r]) => route !== POSTED_DELIVERY && r.latency.count > 0)
    .map(([route, r]) => row(route, r.latency, r.errors, r.clientErrors, r.timeouts))
    .sort((a, b) => b.count - a.count);
  const delivery = stats.routes[POSTED_DELIVERY];
  const posted = delivery ? row(POSTED_DELIVERY, delivery.latency, 0, 0, 0) : row(POSTED_DELIVERY, { counts: [], count: 0, sumMs: 0, maxMs: 0 }, 0, 0, 0);
  const t = requestTotals(stats);
  const totals = {
    ...row('total', t.latency, t.errors, t.clientErrors, t.timeouts),
    errorRate: t.requests === 0 ? 0 : t.errors / t.requests,
    requestsPerSecond: input.seconds > 0 ? t.requests / input.seconds : 0,
  };
  return {
    url: input.url, users: input.users, seconds: input.seconds, routes, posted, totals, counters,
    generatorCpuSeconds: input.generatorCpuSeconds, allOnlineAfterSeconds: input.allOnlineAfterSeconds, verdict: judge({ totals, posted }, counters, input.users),
  };
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function formatReport(report: RunReport): string {
  const width = Math.max(40, ...report.routes.map((r) => r.route.length)) + 2;
  const header = `${'route'.padEnd(width)}${'count'.padStart(9)}${'avg ms'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(10)}${'errors'.padStart(8)}${'4xx'.padStart(7)}`;
  const line = (r: Row): string =>
    `${r.route.padEnd(width)}${String(r.count).padStart(9)}${ms(r.averageMs).padStart(9)}${ms(r.p50Ms).padStart(9)}${ms(r.p99Ms).padStart(9)}${ms(r.maxMs).padStart(10)}${String(r.errors).padStart(8)}${String(r.clientErrors).padStart(7)}`;
  const c = report.counters;
  const lines = [
    `${report.users} users for ${report.seconds.toFixed(0)} s against ${report.url}`,
    header,
    ...report.routes.map(line),
    '-'.repeat(header.length),
    line(report.posted),
    line(report.totals),
    `requests/s ${report.totals.requestsPerSecond.toFixed(1)}, errors ${(report.totals.errorRate * 100).toFixed(4)} % (${report.totals.timeouts} timeouts), 4xx ${report.totals.clientErrors}`,
    `online ${c.usersOnline}/${report.users}${report.allOnlineAfterSeconds === null ? '' : ` (all after ${report.allOnlineAfterSeconds.toFixed(0)} s)`}, sockets ${c.socketsOpen}, logins ${c.logins} (${c.loginFailures} failed), disconnects ${c.disconnects}, reconnects ${c.reconnects} (${c.resumed} resumed), actions ${c.actions}, posts ${c.postsCreated}, posted received ${c.postedReceived}`,
    `generator CPU ${report.generatorCpuSeconds.toFixed(1)} s (${((report.generatorCpuSeconds / Math.max(1, report.seconds)) * 100).toFixed(0)} % of a core)`,
    `verdict: ${report.verdict.pass ? 'PASS' : 'FAIL'}`,
    ...report.verdict.checks.map((check) => `  ${check.pass ? 'ok  ' : 'FAIL'} ${check.name} ${ms(check.value)} (${check.limit})`),
  ];
  return lines.join('\n');
}
