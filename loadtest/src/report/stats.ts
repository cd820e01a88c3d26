// Fixed-memory latency statistics: a log-linear histogram per route, never the samples themselves,
// so 20,000 users for an hour cost the same memory as for a minute. Snapshots are plain data:
// they cross worker threads, add up across shards and subtract to give a window.

/** Relative width of a bucket: a percentile is known to within half of it (±1 %). */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Values at or below this (ms) share the first bucket. */
const FLOOR_MS = 0.01;
/** 0.01 ms .. about 30 minutes. */
const BUCKETS = Math.ceil(Math.log(1_800_000 / FLOOR_MS) / LOG_GROWTH) + 1;

export interface HistogramData {
  counts: number[];
  count: number;
  sumMs: number;
  maxMs: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;

  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    this.counts[bucketOf(value)]++;
    this.count++;
    this.sumMs += value;
    if (value > this.maxMs) this.maxMs = value;
  }

  data(): HistogramData {
    return { counts: Array.from(this.counts), count: this.count, sumMs: this.sumMs, maxMs: this.maxMs };
  }
}

function bucketOf(ms: number): number {
  if (ms <= FLOOR_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FLOOR_MS) / LOG_GROWTH));
}

/** The middle of a bucket (geometric), the value reported for any sample in it. */
function bucketValue(index: number): number {
  if (index === 0) return FLOOR_MS;
  return FLOOR_MS * GROWTH ** (index - 0.5);
}

export const emptyHistogram = (): HistogramData => ({ counts: new Array<number>(BUCKETS).fill(0), count: 0, sumMs: 0, maxMs: 0 });

export function addHistograms(a: HistogramData, b: HistogramData): HistogramData {
  return { counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), count: a.count + b.count, sumMs: a.sumMs + b.sumMs, maxMs: Math.max(a.maxMs, b.maxMs) };
}

/** What `later` recorded after `earlier` (both cumulative). The maximum is the later one's: a window keeps no maximum of its own. */
export function subtractHistograms(later: HistogramData, earlier: HistogramData): HistogramData {
  return { counts: later.counts.map((c, i) => c - (earlier.counts[i] ?? 0)), count: later.count - earlier.count, sumMs: later.sumMs - earlier.sumMs, maxMs: later.maxMs };
}

export function averageMs(h: HistogramData): number {
  return h.count === 0 ? 0 : h.sumMs / h.count;
}

/** The value below which `fraction` of the samples lie, to within a bucket (never above the maximum seen). */
export function percentileMs(h: HistogramData, fraction: number): number {
  if (h.count === 0) return 0;
  const rank = Math.max(1, Math.ceil(h.count * fraction));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i];
    if (seen >= rank) return Math.min(bucketValue(i), h.maxMs || bucketValue(i));
  }
  return h.maxMs;
}

/** One route's (or the `posted` delivery's) outcome counts and latencies. */
export interface RouteData {
  latency: HistogramData;
  /** 5xx, timeouts and transport failures: the errors the criteria count. */
  errors: number;
  /** 4xx answers, reported apart (a healthy run has none). */
  clientErrors: number;
  timeouts: number;
}

export interface StatsData {
  routes: Record<string, RouteData>;
}

class RouteStats {
  readonly latency = new Histogram();
  errors = 0;
  clientErrors = 0;
  timeouts = 0;

  data(): RouteData {
    return { latency: this.latency.data(), errors: this.errors, clientErrors: this.clientErrors, timeouts: this.timeouts };
  }
}

export type Outcome = 'ok' | 'client_error' | 'error' | 'timeout';

/** Cumulative statistics of one process (or worker), keyed by route template. */
export class Stats {
  private readonly routes = new Map<string, RouteStats>();

  record(route: string, ms: number, outcome: Outcome): void {
    let stats = this.routes.get(route);
    if (!stats) {
      stats = new RouteStats();
      this.routes.set(route, stats);
    }
    stats.latency.record(ms);
    if (outcome === 'client_error') stats.clientErrors++;
    else if (outcome === 'error') stats.errors++;
    else if (outcome === 'timeout') {
      stats.errors++;
      stats.timeouts++;
    }
  }

  data(): StatsData {
    const routes: Record<string, RouteData> = {};
    for (const [route, stats] of this.routes) routes[route] = stats.data();
    return { routes };
  }
}

const emptyRoute = (): RouteData => ({ latency: emptyHistogram(), errors: 0, clientErrors: 0, timeouts: 0 });

export function addStats(a: StatsData, b: StatsData): StatsData {
  const routes: Record<string, RouteData> = { ...a.routes };
  for (const [route, r] of Object.entries(b.routes)) {
    const mine = routes[route] ?? emptyRoute();
    routes[route] = {
      latency: addHistograms(mine.latency, r.latency), errors: mine.errors + r.errors,
      clientErrors: mine.clientErrors + r.clientErrors, timeouts: mine.timeouts + r.timeouts,
    };
  }
  return { routes };
}

export function subtractStats(later: StatsData, earlier: StatsData): StatsData {
  const routes: Record<string, RouteData> = {};
  for (const [route, r] of Object.entries(later.routes)) {
    const before = earlier.routes[route] ?? emptyRoute();
    routes[route] = {
      latency: subtractHistograms(r.latency, before.latency), errors: r.errors - before.errors,
      clientErrors: r.clientErrors - before.clientErrors, timeouts: r.timeouts - before.timeouts,
    };
  }
  return { routes };
}

/** The route under which `posted` deliveries are recorded (not an HTTP request: excluded from request totals). */
export const POSTED_DELIVERY = 'WS posted delivery';

export interface Totals {
  requests: number;
  errors: number;
  clientErrors: number;
  timeouts: number;
  latency: HistogramData;
}

/** Every HTTP route together (the `posted` delivery row is apart). */
export function requestTotals(stats: StatsData): Totals {
  let latency = emptyHistogram();
  let errors = 0;
  let clientErrors = 0;
  let timeouts = 0;
  for (const [route, r] of Object.entries(stats.routes)) {
    if (route === POSTED_DELIVERY) continue;
    latency = addHistograms(latency, r.latency);
    errors += r.errors;
    clientErrors += r.clientErrors;
    timeouts += r.timeouts;
  }
  return { requests: latency.count, errors, clientErrors, timeouts, latency };
}
